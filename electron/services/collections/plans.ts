/**
 * Repayment plans (分期还款计划) for hardship: what is owed is re-scheduled over some months as a
 * restructuring of the loan (the old schedule stays on file); adherence is read from the plan's
 * installments — paid on time, paid late, missed.
 */
import { insertPlan, plansOf } from '../../../db/repositories/collections/collections';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { LoanDetail } from '../../../shared/lending/loan';
import { actorOf, instant, type ServiceContext } from '../context';
import { loanOrThrow } from '../lending/loan-access';
import { restructureLoan } from '../lending/loan-servicing';
import { loanDetail } from '../lending/loan-views';
import { businessDate } from '../platform/status';

type PlanView = ChannelOutput<'collections.plan'>;

function adherence(plan: { startedOn: string; periods: number; reason: string; firstInstallment: number }, detail: LoanDetail, today: string): PlanView {
  const installments = detail.installments.filter((i) => i.number >= plan.firstInstallment);
  const due = installments.filter((i) => i.dueDate <= today);
  const paidOnTime = due.filter((i) => i.paidOn !== null && i.paidOn <= i.dueDate).length;
  const paidLate = due.filter((i) => i.paidOn !== null && i.paidOn > i.dueDate).length;
  const missed = due.filter((i) => i.paidOn === null && i.dueDate < today).length;
  const status = installments.every((i) => i.paidOn !== null) ? 'completed' : missed > 0 ? 'behind' : 'on-track';
  return { startedOn: plan.startedOn, periods: plan.periods, reason: plan.reason, due: due.length, paidOnTime, paidLate, missed, status };
}

export function createPlan(ctx: ServiceContext, input: ChannelParsedInput<'collections.plan'>): PlanView {
  const loan = loanOrThrow(ctx, input.contractNo);
  if (loan.status !== 'disbursed' || loan.dpd === 0) {
    throw new AppError('conflict', `contractNo: ${loan.contractNo} is not an overdue loan in servicing`, { field: 'contractNo', reason: 'notOverdue' });
  }
  const restructured = restructureLoan(ctx, { contractNo: loan.contractNo, kind: 'restructuring', periods: input.periods, ...(input.annualRate ? { annualRate: input.annualRate } : {}), reason: `分期还款计划：${input.reason}` });
  const firstInstallment = restructured.installments.filter((i) => i.state === 'paid').length + 1;
  const after = loanOrThrow(ctx, loan.contractNo);
  const plan = { loanId: loan.id, startedOn: businessDate(ctx), scheduleVersion: after.scheduleVersion, firstInstallment, periods: input.periods, reason: input.reason, recordedAt: instant(ctx), recordedBy: actorOf(ctx).userName };
  insertPlan(ctx.db, plan);
  ctx.audit({ entityType: 'repayment-plan', entityId: loan.contractNo, before: { scheduleVersion: loan.scheduleVersion, dpd: loan.dpd }, after: plan });
  return adherence(plan, restructured, businessDate(ctx));
}

export function plansOfLoan(ctx: ServiceContext, loanId: number, contractNo: string): PlanView[] {
  const plans = plansOf(ctx.db, loanId);
  if (plans.length === 0) return [];
  const detail = loanDetail(ctx, contractNo);
  // Only the latest plan's schedule is live; earlier plans are read against their own version's numbering.
  return plans.map((p) => adherence(p, detail, businessDate(ctx)));
}
