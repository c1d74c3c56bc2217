/** Loans on the wire: the register row, the detail, and the inputs of each lifecycle step. */
import { z } from 'zod';
import { isoDate, optionalText, paging, pageOf, positiveId, requiredText } from '../contract/fields';
import { termsSchema, yuan } from '../schedule/terms';
import { repaymentMethods } from '../schedule/types';
import { borrowerKinds } from './borrower';
import { loanClasses } from './classification';
import { loanSecurityView } from './security';

export const loanStatuses = ['applied', 'approved', 'rejected', 'disbursed', 'settled', 'written-off'] as const;
export type LoanStatus = (typeof loanStatuses)[number];
/** 信用 / 保证 / 抵押 / 质押 / 组合 */
export const securityTypes = ['credit', 'guarantee', 'mortgage', 'pledge', 'combined'] as const;
export const paymentChannels = ['bank', 'cash', 'wechat', 'alipay', 'deduction', 'other'] as const;

const contractNo = z.string().trim().regex(/^[A-Za-z0-9-]{3,40}$/, '3-40 letters, digits or hyphens');

export const loanCreateInput = z.strictObject({
  borrowerId: positiveId,
  productCode: z.string().trim().max(20).optional(),
  terms: termsSchema,
  purpose: optionalText(200),
  securityType: z.enum(securityTypes).default('credit'),
  contractNo: contractNo.optional(),
  allowAboveCap: z.boolean().default(false),
});

export const loanRef = z.strictObject({ contractNo });
export const loanApproveInput = loanRef.extend({
  decision: z.enum(['approve', 'reject']).default('approve'),
  comment: optionalText(500),
  /** Why the loan is approved over a lending limit (or with no net assets on file to check it): recorded with the approval. */
  limitOverride: optionalText(500),
});
export const loanDisburseInput = loanRef.extend({ date: isoDate.optional() });
export const loanRepayInput = loanRef.extend({
  amount: yuan({ positive: true }),
  date: isoDate.optional(),
  channel: z.enum(paymentChannels).default('bank'),
  reference: optionalText(100),
});
/** Reversal (冲正) of a payment (the step that received it) or of any other step by its event id. */
export const loanReverseInput = z
  .strictObject({ paymentId: positiveId.optional(), eventId: positiveId.optional(), reason: requiredText(500) })
  .refine((v) => (v.paymentId === undefined) !== (v.eventId === undefined), { message: 'name either the payment (paymentId) or the event (eventId)', path: ['paymentId'], params: { reason: 'oneOf' } });
export const loanWriteOffInput = loanRef.extend({ date: isoDate.optional(), reason: requiredText(500) });
export const loanRecoverInput = loanRef.extend({ amount: yuan({ positive: true }), date: isoDate.optional(), channel: z.enum(paymentChannels).default('bank'), reference: optionalText(100) });
/** classification null: back to the automatic class from days past due. */
export const loanClassifyInput = loanRef.extend({ classification: z.enum(loanClasses).nullable(), reason: requiredText(500) });
/** Partial prepayment (部分提前还款): keep the term (lower installment) or keep the installment (shorter term). */
export const loanPrepayInput = loanRef.extend({
  amount: yuan({ positive: true }),
  mode: z.enum(['keep-term', 'keep-installment']),
  date: isoDate.optional(),
  channel: z.enum(paymentChannels).default('bank'),
  reference: optionalText(100),
});
/** Extension (展期) or restructuring (重组): the outstanding principal gets a new schedule from the date. */
export const loanRestructureInput = loanRef.extend({
  kind: z.enum(['extension', 'restructuring']),
  /** Periods of the new schedule for the outstanding principal. */
  periods: z.number().int().min(1).max(600),
  annualRate: z.string().optional(),
  method: z.enum(repaymentMethods).optional(),
  date: isoDate.optional(),
  reason: requiredText(500),
});
export const loanPayoffInput = loanRef.extend({ date: isoDate.optional() });
export const loanSettleInput = loanRef.extend({ date: isoDate.optional(), channel: z.enum(paymentChannels).default('bank'), reference: optionalText(100) });

export const loanListInput = z.strictObject({
  q: z.string().trim().max(50).optional(),
  status: z.enum(loanStatuses).optional(),
  bucket: z.string().max(10).optional(),
  classification: z.enum(loanClasses).optional(),
  officer: z.string().max(64).optional(),
  productCode: z.string().max(20).optional(),
  securityType: z.enum(securityTypes).optional(),
  borrowerId: positiveId.optional(),
  disbursedFrom: isoDate.optional(),
  disbursedTo: isoDate.optional(),
  /** Past due (a bucket other than current), and non-performing (次级、可疑、损失): the dashboard's drill-throughs. */
  overdue: z.boolean().optional(),
  nonPerforming: z.boolean().optional(),
  sort: z.enum(['contractNo', 'principal', 'outstandingPrincipal', 'dpd', 'disbursementDate']).default('contractNo'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  ...paging,
});

const money = z.string();

export const loanSummary = z.object({
  contractNo: z.string(),
  borrowerId: z.number().int(),
  borrowerName: z.string(),
  borrowerKind: z.enum(borrowerKinds),
  productCode: z.string().nullable(),
  purpose: z.string().nullable(),
  securityType: z.enum(securityTypes),
  loanOfficer: z.string(),
  method: z.enum(repaymentMethods),
  periods: z.number().int(),
  annualRate: z.string(),
  penaltyRate: z.string(),
  apr: z.string(),
  principal: money,
  outstandingPrincipal: money,
  principalRepaid: money,
  writtenOff: money,
  recovered: money,
  /** A manual classification (with reason in the history), or null when automatic. */
  classOverride: z.enum(loanClasses).nullable(),
  overduePrincipal: money,
  overdueInterest: money,
  penaltyOutstanding: money,
  /** Enforcement costs (legal cases) charged and unpaid: paid before anything else. */
  costsOutstanding: money,
  dpd: z.number().int(),
  bucket: z.string(),
  classification: z.enum(loanClasses),
  status: z.enum(loanStatuses),
  disbursementDate: z.string().nullable(),
  maturityDate: z.string().nullable(),
  nextDueDate: z.string().nullable(),
  asOf: z.string().nullable(),
});
export type LoanSummary = z.output<typeof loanSummary>;

export const installmentState = z.object({
  number: z.number().int(),
  periodStart: z.string(),
  dueDate: z.string(),
  principal: money,
  interest: money,
  fees: money,
  total: money,
  principalPaid: money,
  interestPaid: money,
  feesPaid: money,
  penaltyAccrued: money,
  penaltyPaid: money,
  closingBalance: money,
  /** paid / due (falls due later) / overdue / partly-paid */
  state: z.enum(['paid', 'due', 'overdue', 'partly-paid']),
  paidOn: z.string().nullable(),
});

export const paymentView = z.object({
  id: z.number().int(),
  date: z.string(),
  amount: money,
  channel: z.string(),
  reference: z.string().nullable(),
  status: z.enum(['posted', 'reversed']),
  kind: z.enum(['repayment', 'recovery']),
  reversalReason: z.string().nullable(),
  allocations: z.array(z.object({ installment: z.number().int().nullable(), component: z.string(), amount: money })),
});

export const loanDetail = loanSummary.extend({
  terms: z.record(z.string(), z.unknown()),
  installments: z.array(installmentState),
  payments: z.array(paymentView),
  /** `reversed`: a step undone by a later reversal (it stays in the history). */
  events: z.array(z.object({ id: z.number().int(), event: z.string(), businessDate: z.string(), detail: z.unknown(), reversed: z.boolean(), at: z.string(), by: z.string() })),
  unappliedCredit: money,
  security: loanSecurityView,
});
export type LoanDetail = z.output<typeof loanDetail>;

export const loanPage = pageOf(loanSummary).extend({
  totals: z.object({ principal: money, outstandingPrincipal: money, overduePrincipal: money }),
});

export const payoffView = z.object({
  contractNo: z.string(),
  date: z.string(),
  overdue: z.object({ principal: money, interest: money, fees: money, penalty: money }),
  outstandingPrincipal: money,
  accruedInterest: money,
  /** Enforcement costs charged and unpaid (paid first), and credit held (溢缴款), which the total deducts. */
  costsOutstanding: money,
  creditHeld: money,
  total: money,
});
