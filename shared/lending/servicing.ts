/**
 * The servicing engine: given a loan's schedule, its posted payments and an as-of date, it replays the
 * payments in date order, accrues penalty (罚息) on overdue principal and compound interest (复利) on
 * overdue interest in segments rounded once each (see Accrual), allocates every payment by the loan's
 * strategy and order, and reports what is paid, due and overdue.
 *
 * It is a pure function of its inputs, so a reversed payment simply drops out and the allocation
 * replays; the same inputs give the same fen everywhere. */
import { mulDivRound, type RoundingMode } from '../money/rounding';
import type { Fen } from '../money/yuan';
import type { DayNumber } from '../dates/calendar';
import { RATE_SCALE, type RateMicros } from '../rates/rate';
import type { AllocationComponent, AllocationStrategy } from './product';

export interface ScheduledInstallment {
  number: number;
  dueDate: DayNumber;
  principal: Fen;
  interest: Fen;
  fees: Fen;
  /**
   * The penalty rate of this installment when it differs from the loan's (an installment made by a
   * restructuring that changed the rate): a rate change never re-prices what fell due before it.
   */
  penaltyRate?: RateMicros;
  /**
   * The payment that alone pays this installment (a partial prepayment's own installment): no other
   * receipt is allocated to it, not even one on the same day, and that payment pays nothing else.
   */
  paidBy?: number;
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
  allocationStrategy: AllocationStrategy;
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

/**
 * Penalty and compound interest of one installment accrue in segments: a segment runs while the
 * installment's overdue principal and interest (the base) stay the same, and is rounded once, as
 * round(base × rate × days / basis). A payment that changes the base ends the segment; nothing else
 * does (another installment falling due, a payment elsewhere, a report date), so the same history gives
 * the same fen whatever other events the loan has.
 */
interface Accrual {
  /** The open segment's first day (the due date, then the day of each change of base). */
  from: DayNumber;
  /** What the ended segments accrued, each rounded once. */
  closed: Fen;
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
  const rates = schedule.map((s) => s.penaltyRate ?? terms.penaltyRate);
  const accruals: Accrual[] = installments.map((i) => ({ from: i.dueDate, closed: 0 }));
  // Installments a receipt of their own pays, by that receipt: the waterfall passes them by.
  const ownInstallment = new Map<number, number>();
  for (let k = 0; k < schedule.length; k++) if (schedule[k]!.paidBy !== undefined) ownInstallment.set(schedule[k]!.paidBy!, k);
  const allocations = new Map<string, Allocation>();
  const credits: Credit[] = [];
  const basis = RATE_SCALE * terms.dayBasis;

  const allocate = (paymentId: number, installment: number | null, component: Allocation['component'], amount: Fen) => {
    const key = `${paymentId}|${installment}|${component}`;
    const existing = allocations.get(key);
    if (existing) existing.amount += amount;
    else allocations.set(key, { paymentId, installment, component, amount });
  };

  /** The open segment's accrual up to `day` (not yet rounded into `closed`). */
  const openSegment = (k: number, day: DayNumber): Fen => {
    const i = installments[k]!;
    const days = day - accruals[k]!.from;
    if (days <= 0) return 0;
    const rateDays = rates[k]! * days;
    let accrued = mulDivRound(i.principalDue - i.principalPaid, rateDays, basis, terms.roundingMode);
    if (terms.compoundInterest) accrued += mulDivRound(i.interestDue - i.interestPaid, rateDays, basis, terms.roundingMode);
    return accrued;
  };
  const penaltyTo = (k: number, day: DayNumber): Fen => accruals[k]!.closed + openSegment(k, day);
  /** Ends the open segment on `day`: the base is about to change. */
  const closeSegment = (k: number, day: DayNumber) => {
    const accrual = accruals[k]!;
    if (day <= accrual.from) return;
    accrual.closed += openSegment(k, day);
    accrual.from = day;
  };

  const owed = (k: number, component: AllocationComponent, day: DayNumber): Fen => {
    const i = installments[k]!;
    switch (component) {
      case 'principal':
        return i.principalDue - i.principalPaid;
      case 'interest':
        return i.interestDue - i.interestPaid;
      case 'fees':
        return i.feesDue - i.feesPaid;
      case 'penalty':
        // Penalty of an installment still inside its grace days is not yet owed.
        return day <= i.dueDate + terms.graceDays ? 0 : penaltyTo(k, day) - i.penaltyPaid;
      case 'costs':
        return 0; // enforcement costs belong to the loan, not an installment: paid before the installment loop
    }
  };

  /** Pays `amount` of a component of installment k on `day`; returns what it took. */
  const payInstallment = (paymentId: number, k: number, component: AllocationComponent, day: DayNumber, amount: Fen): Fen => {
    const portion = Math.min(owed(k, component, day), amount);
    if (portion <= 0) return 0;
    const i = installments[k]!;
    if (component === 'principal' || component === 'interest') closeSegment(k, day);
    if (component === 'principal') i.principalPaid += portion;
    else if (component === 'interest') i.interestPaid += portion;
    else if (component === 'fees') i.feesPaid += portion;
    else if (component === 'penalty') i.penaltyPaid += portion;
    allocate(paymentId, i.number, component, portion);
    if (i.paidOn === null && settled(i)) {
      i.paidOn = day;
      // Paid within the grace days: the penalty accrued meanwhile is waived.
      if (day <= i.dueDate + terms.graceDays) accruals[k]!.closed = i.penaltyPaid;
      closeSegment(k, day);
    }
    return portion;
  };

  let costsPaid = 0;
  const costsCharged = (day: DayNumber) => costs.reduce((sum, c) => (c.date <= day ? sum + c.amount : sum), 0);
  const payCosts = (paymentId: number, day: DayNumber, amount: Fen): Fen => {
    const portion = Math.min(costsCharged(day) - costsPaid, amount);
    if (portion <= 0) return 0;
    costsPaid += portion;
    allocate(paymentId, null, 'costs', portion);
    return portion;
  };
  /** Whether the waterfall may pay installment k on `day`: fallen due, and not set aside for a receipt of its own. */
  const payable = (k: number) => schedule[k]!.paidBy === undefined;

  /** Applies `amount` to what is due on `day` by the allocation strategy and order; returns what is left. */
  const apply = (paymentId: number, day: DayNumber, amount: Fen): Fen => {
    let left = amount;
    const order = terms.allocationOrder;
    if (terms.allocationStrategy === 'by-component') {
      for (const component of order) {
        if (component === 'costs') left -= payCosts(paymentId, day, left);
        else {
          for (let k = 0; k < installments.length && installments[k]!.dueDate <= day && left > 0; k++) {
            if (payable(k)) left -= payInstallment(paymentId, k, component, day, left);
          }
        }
        if (left === 0) return 0;
      }
      return left;
    }
    // By installment: the loan's costs when the order puts them first, then each installment in full.
    const costsFirst = order[0] === 'costs';
    if (costsFirst) left -= payCosts(paymentId, day, left);
    for (let k = 0; k < installments.length && installments[k]!.dueDate <= day && left > 0; k++) {
      if (!payable(k)) continue;
      for (const component of order) if (component !== 'costs') left -= payInstallment(paymentId, k, component, day, left);
    }
    if (!costsFirst && left > 0) left -= payCosts(paymentId, day, left);
    return left;
  };

  /** A receipt of the installment's own: its interest, then its principal and fees; nothing else. */
  const applyOwn = (payment: PostedPayment, k: number, day: DayNumber): Fen => {
    let left = payment.amount;
    for (const component of ['interest', 'principal', 'fees'] as const) left -= payInstallment(payment.id, k, component, day, left);
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
      let oldest: DayNumber | null = null;
      let allSettled = true;
      for (const i of installments) {
        outstanding += i.principalDue - i.principalPaid;
        if (!settled(i)) {
          allSettled = false;
          if (oldest === null && i.dueDate < at) oldest = i.dueDate;
        }
      }
      // Settled as the register settles a loan: every installment, its penalty and the costs paid (the penalty
      // is worth summing only then: settled installments accrue no more, so it is what their segments closed).
      const paidOff = allSettled && installments.every((i, k) => penaltyTo(k, at) === i.penaltyPaid) && costsCharged(at) === costsPaid;
      checkpoints.push({ day: at, outstandingPrincipal: outstanding, dpd: oldest === null ? 0 : at - oldest, paidOff });
    }
  };
  let next = 0;
  for (const day of days) {
    checkpointBefore(day);
    // Credit held from earlier payments settles installments as they fall due.
    useCredit(day);
    while (next < ordered.length && ordered[next]!.date === day) {
      const payment = ordered[next++]!;
      const own = ownInstallment.get(payment.id);
      const left = own === undefined ? apply(payment.id, day, payment.amount) : applyOwn(payment, own, day);
      if (left > 0) {
        allocate(payment.id, null, 'unapplied', left);
        credits.push({ paymentId: payment.id, amount: left });
      }
    }
  }
  checkpointBefore(asOf + 1);
  for (let k = 0; k < installments.length; k++) installments[k]!.penaltyAccrued = penaltyTo(k, asOf);

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
