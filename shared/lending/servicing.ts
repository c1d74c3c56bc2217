/**
 * The servicing engine: given a loan's frozen schedule, its posted payments and an as-of date, it
 * replays the payments in date order, accrues penalty (罚息) on overdue principal and compound
 * interest (复利) on overdue interest day by day, allocates every payment by the product's order
 * (oldest installment first within each component), and reports what is paid, due and overdue.
 *
 * It is a pure function of its inputs, so a reversed payment simply drops out and the allocation
 * replays; the same inputs give the same fen everywhere.
 */
import { mulDivRound, type RoundingMode } from '../money/rounding';
import type { Fen } from '../money/yuan';
import type { DayNumber } from '../dates/calendar';
import { RATE_SCALE, type RateMicros } from '../rates/rate';
import type { AllocationComponent } from './product';

export interface ScheduledInstallment {
  number: number;
  dueDate: DayNumber;
  principal: Fen;
  interest: Fen;
  fees: Fen;
}

export interface PostedPayment {
  id: number;
  date: DayNumber;
  amount: Fen;
}

export interface ServicingTerms {
  /** Penalty rate a year in millionths: the contract rate × (1 + markup), within the legal cap. */
  penaltyRate: RateMicros;
  compoundInterest: boolean;
  /** Paid within this many days after the due date, an installment carries no penalty. */
  graceDays: number;
  dayBasis: 360 | 365;
  roundingMode: RoundingMode;
  allocationOrder: readonly AllocationComponent[];
}

export interface InstallmentState {
  number: number;
  dueDate: DayNumber;
  principalDue: Fen;
  interestDue: Fen;
  feesDue: Fen;
  principalPaid: Fen;
  interestPaid: Fen;
  feesPaid: Fen;
  /** Penalty and compound interest accrued so far (waived if paid within the grace days). */
  penaltyAccrued: Fen;
  penaltyPaid: Fen;
  /** The date the scheduled principal, interest and fees were all paid, or null. */
  paidOn: DayNumber | null;
}

export interface Allocation {
  paymentId: number;
  /** Null for credit held unapplied (溢缴款). */
  installment: number | null;
  component: AllocationComponent | 'unapplied';
  amount: Fen;
}

export interface ServicingState {
  asOf: DayNumber;
  installments: InstallmentState[];
  allocations: Allocation[];
  /** Paid but not yet owed: applied automatically as installments fall due. */
  unappliedCredit: Fen;
  principalRepaid: Fen;
  outstandingPrincipal: Fen;
  overduePrincipal: Fen;
  overdueInterest: Fen;
  overdueFees: Fen;
  /** Penalty and compound interest accrued and not yet paid. */
  penaltyOutstanding: Fen;
  /** Enforcement costs (legal cases) charged by `asOf` and not yet paid; they are paid first by default. */
  costsOutstanding: Fen;
  costsPaid: Fen;
  /** Days past due of the oldest unpaid installment (0 when nothing is past due). */
  dpd: number;
  oldestUnpaidDueDate: DayNumber | null;
  /** Where the loan stood at each checkpoint asked for (month ends, for vintage and roll-rate tables). */
  checkpoints: Checkpoint[];
}

/** The balance and days past due at the end of a checkpoint day, exactly as a replay to that day gives them. */
export interface Checkpoint {
  day: DayNumber;
  outstandingPrincipal: Fen;
  dpd: number;
  /** Settled by then: every installment, the penalty and the costs paid (the register's settled). */
  paidOff: boolean;
}

interface Credit {
  paymentId: number;
  amount: Fen;
}

function owed(i: InstallmentState, component: AllocationComponent): Fen {
  switch (component) {
    case 'principal':
      return i.principalDue - i.principalPaid;
    case 'interest':
      return i.interestDue - i.interestPaid;
    case 'fees':
      return i.feesDue - i.feesPaid;
    case 'penalty':
      return i.penaltyAccrued - i.penaltyPaid;
    case 'costs':
      return 0; // enforcement costs belong to the loan, not an installment: paid before the installment loop
  }
}

function pay(i: InstallmentState, component: AllocationComponent, amount: Fen): void {
  if (component === 'principal') i.principalPaid += amount;
  else if (component === 'interest') i.interestPaid += amount;
  else if (component === 'fees') i.feesPaid += amount;
  else if (component === 'penalty') i.penaltyPaid += amount;
}

function settled(i: InstallmentState): boolean {
  return i.principalPaid === i.principalDue && i.interestPaid === i.interestDue && i.feesPaid === i.feesDue;
}

/** An enforcement cost charged to the loan (court fee, lawyer, preservation), from its legal case. */
export interface ChargedCost {
  date: DayNumber;
  amount: Fen;
}

export function serviceLoan(
  schedule: readonly ScheduledInstallment[],
  payments: readonly PostedPayment[],
  terms: ServicingTerms,
  asOf: DayNumber,
  costs: readonly ChargedCost[] = [],
  /** Days (ascending, each ≤ asOf) at whose end the balance and days past due are taken. */
  checkpointDays: readonly DayNumber[] = [],
): ServicingState {
  const installments: InstallmentState[] = schedule.map((s) => ({
    number: s.number,
    dueDate: s.dueDate,
    principalDue: s.principal,
    interestDue: s.interest,
    feesDue: s.fees,
    principalPaid: 0,
    interestPaid: 0,
    feesPaid: 0,
    penaltyAccrued: 0,
    penaltyPaid: 0,
    paidOn: null,
  }));
  const accruedTo = installments.map((i) => i.dueDate);
  const allocations = new Map<string, Allocation>();
  const credits: Credit[] = [];
  const basis = RATE_SCALE * terms.dayBasis;

  const allocate = (paymentId: number, installment: number | null, component: Allocation['component'], amount: Fen) => {
    const key = `${paymentId}|${installment}|${component}`;
    const existing = allocations.get(key);
    if (existing) existing.amount += amount;
    else allocations.set(key, { paymentId, installment, component, amount });
  };

  /** Penalty on overdue principal, compound interest on overdue interest, from the due date to `day`. */
  const accrueTo = (day: DayNumber) => {
    for (let k = 0; k < installments.length; k++) {
      const i = installments[k]!;
      if (i.dueDate >= day || settled(i)) continue;
      const from = accruedTo[k]!;
      if (day <= from) continue;
      const days = day - from;
      const rateDays = terms.penaltyRate * days;
      i.penaltyAccrued += mulDivRound(i.principalDue - i.principalPaid, rateDays, basis, terms.roundingMode);
      if (terms.compoundInterest) i.penaltyAccrued += mulDivRound(i.interestDue - i.interestPaid, rateDays, basis, terms.roundingMode);
      accruedTo[k] = day;
    }
  };

  let costsPaid = 0;
  const costsCharged = (day: DayNumber) => costs.reduce((sum, c) => (c.date <= day ? sum + c.amount : sum), 0);

  /** Applies `amount` to what is due on `day`, by component order, oldest installment first. */
  const apply = (paymentId: number, day: DayNumber, amount: Fen): Fen => {
    let left = amount;
    for (const component of terms.allocationOrder) {
      if (component === 'costs') {
        const portion = Math.min(costsCharged(day) - costsPaid, left);
        if (portion > 0) {
          costsPaid += portion;
          allocate(paymentId, null, 'costs', portion);
          left -= portion;
        }
        continue;
      }
      for (const i of installments) {
        if (left === 0) return 0;
        if (i.dueDate > day) break;
        // Penalty of an installment still inside its grace days is not yet owed.
        if (component === 'penalty' && day <= i.dueDate + terms.graceDays) continue;
        const portion = Math.min(owed(i, component), left);
        if (portion <= 0) continue;
        pay(i, component, portion);
        allocate(paymentId, i.number, component, portion);
        left -= portion;
        if (i.paidOn === null && settled(i)) {
          i.paidOn = day;
          // Paid within the grace days: the penalty accrued meanwhile is waived.
          if (day <= i.dueDate + terms.graceDays) i.penaltyAccrued = i.penaltyPaid;
        }
      }
    }
    return left;
  };

  const useCredit = (day: DayNumber) => {
    while (credits.length > 0) {
      const credit = credits[0]!;
      const left = apply(credit.paymentId, day, credit.amount);
      allocate(credit.paymentId, null, 'unapplied', left - credit.amount);
      credit.amount = left;
      if (left > 0) return;
      credits.shift();
    }
  };

  const ordered = [...payments].filter((p) => p.date <= asOf).sort((a, b) => a.date - b.date || a.id - b.id);
  const dueDates = [...new Set(installments.map((i) => i.dueDate).filter((d) => d <= asOf))];
  const costDates = costs.map((c) => c.date).filter((d) => d <= asOf);
  const days = [...new Set([...ordered.map((p) => p.date), ...dueDates, ...costDates])].sort((a, b) => a - b);
  const checkpoints: Checkpoint[] = [];
  let nextCheckpoint = 0;
  /** Records every checkpoint before `day`: nothing between the last event and `day` changes principal or settlement. */
  const checkpointBefore = (day: DayNumber) => {
    while (nextCheckpoint < checkpointDays.length && checkpointDays[nextCheckpoint]! < day) {
      const at = checkpointDays[nextCheckpoint++]!;
      let outstanding = 0;
      let penalty = 0;
      let oldest: DayNumber | null = null;
      for (const i of installments) {
        outstanding += i.principalDue - i.principalPaid;
        penalty += i.penaltyAccrued - i.penaltyPaid;
        if (oldest === null && i.dueDate < at && !settled(i)) oldest = i.dueDate;
      }
      // Settled as the register settles a loan: every installment, its penalty and the costs paid (once all
      // installments are paid no penalty accrues, so what has accrued by the last event is all there is).
      const paidOff = installments.every(settled) && penalty === 0 && costsCharged(at) === costsPaid;
      checkpoints.push({ day: at, outstandingPrincipal: outstanding, dpd: oldest === null ? 0 : at - oldest, paidOff });
    }
  };
  let next = 0;
  for (const day of days) {
    checkpointBefore(day);
    accrueTo(day);
    // Credit held from earlier payments settles installments as they fall due.
    useCredit(day);
    while (next < ordered.length && ordered[next]!.date === day) {
      const payment = ordered[next++]!;
      const left = apply(payment.id, day, payment.amount);
      if (left > 0) {
        allocate(payment.id, null, 'unapplied', left);
        credits.push({ paymentId: payment.id, amount: left });
      }
    }
  }
  checkpointBefore(asOf + 1);
  accrueTo(asOf);

  let principalRepaid = 0;
  let overduePrincipal = 0;
  let overdueInterest = 0;
  let overdueFees = 0;
  let penaltyOutstanding = 0;
  let oldestUnpaidDueDate: DayNumber | null = null;
  let scheduledPrincipal = 0;
  for (const i of installments) {
    scheduledPrincipal += i.principalDue;
    principalRepaid += i.principalPaid;
    penaltyOutstanding += i.penaltyAccrued - i.penaltyPaid;
    if (i.dueDate < asOf && !settled(i)) {
      overduePrincipal += i.principalDue - i.principalPaid;
      overdueInterest += i.interestDue - i.interestPaid;
      overdueFees += i.feesDue - i.feesPaid;
      oldestUnpaidDueDate ??= i.dueDate;
    }
  }
  return {
    asOf,
    installments,
    allocations: [...allocations.values()].filter((a) => a.amount !== 0),
    unappliedCredit: credits.reduce((sum, c) => sum + c.amount, 0),
    principalRepaid,
    outstandingPrincipal: scheduledPrincipal - principalRepaid,
    overduePrincipal,
    overdueInterest,
    overdueFees,
    penaltyOutstanding,
    costsOutstanding: costsCharged(asOf) - costsPaid,
    costsPaid,
    dpd: oldestUnpaidDueDate === null ? 0 : asOf - oldestUnpaidDueDate,
    oldestUnpaidDueDate,
    checkpoints,
  };
}
