/** Collections (催收) on the wire: the queue, assignments, contacts, promises, limitation and performance. */
import { z } from 'zod';
import { isoDate, optionalText, requiredText, yuanAmount } from '../contract/fields';
import { claimKinds, contactChannels, contactParties, legalCostKinds, legalStages } from './claims';

const contractNo = z.string().trim().min(1).max(40);
const userName = z.string().trim().min(1).max(64);

export const queueInput = z.strictObject({
  collector: userName.optional(),
  /** Only the signed-in collector's accounts. */
  mine: z.boolean().default(false),
  unassigned: z.boolean().default(false),
  kind: z.enum(claimKinds).optional(),
  bucket: z.string().max(10).optional(),
  /** Broken promises come back to the queue: only those. */
  brokenPromise: z.boolean().default(false),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['dpd', 'amountDue', 'nextActionOn', 'lastContactAt']).default('dpd'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});

export const queueItem = z.object({
  kind: z.enum(claimKinds),
  contractNo: z.string(),
  debtorId: z.number().int(),
  debtorName: z.string(),
  region: z.string().nullable(),
  dpd: z.number().int(),
  bucket: z.string(),
  amountDue: z.string(),
  collector: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  lastOutcome: z.string().nullable(),
  nextActionOn: z.string().nullable(),
  promise: z.object({ amount: z.string(), dueDate: z.string(), status: z.enum(['open', 'kept', 'partly-kept', 'broken']) }).nullable(),
});

export const queuePage = z.object({ items: z.array(queueItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), totals: z.object({ amountDue: z.string() }) });

export const assignInput = z.strictObject({ contractNos: z.array(contractNo).min(1).max(5000), collector: userName, reason: optionalText(200) });

/** By rule: every claim matching the rule goes to the collectors in turn (round robin). */
export const assignByRuleInput = z.strictObject({
  collectors: z.array(userName).min(1).max(100),
  bucket: z.string().max(10).optional(),
  /** The start of the debtor's address, e.g. 浙江省 or 杭州市. */
  region: z.string().trim().max(20).optional(),
  minAmount: yuanAmount.optional(),
  maxAmount: yuanAmount.optional(),
  onlyUnassigned: z.boolean().default(true),
  reason: optionalText(200),
});

/** 交叉清收: each collector's accounts pass to the next collector in the list (the last to the first). */
export const rotateInput = z.strictObject({ collectors: z.array(userName).min(2).max(100), reason: optionalText(200) });

export const contactInput = z.strictObject({
  contractNo,
  /** When it happened: "YYYY-MM-DDTHH:mm" on the office clock, or an ISO instant with its offset. */
  at: z.string().trim().min(16).max(40),
  channel: z.enum(contactChannels),
  party: z.enum(contactParties),
  partyName: optionalText(50),
  outcome: requiredText(200),
  notes: optionalText(2000),
  attachments: optionalText(500),
  /** Related persons help locate the debtor: telling them of the debt is refused. */
  discussedDebt: z.boolean().default(true),
  demandDelivered: z.boolean().default(false),
  outOfHoursReason: optionalText(200),
  nextActionOn: isoDate.optional(),
});

export const contactView = z.object({
  id: z.number().int(),
  contactedAt: z.string(),
  debtorLocalTime: z.string(),
  timeZone: z.string(),
  channel: z.enum(contactChannels),
  party: z.enum(contactParties),
  partyName: z.string().nullable(),
  outcome: z.string(),
  notes: z.string().nullable(),
  demandDelivered: z.boolean(),
  outOfHoursReason: z.string().nullable(),
  frequencyWarning: z.boolean(),
  nextActionOn: z.string().nullable(),
  recordedBy: z.string(),
});

export const promiseInput = z.strictObject({ contractNo, amount: yuanAmount.refine((fen) => fen > 0, { message: 'must be more than 0', params: { reason: 'positiveAmount' } }), dueDate: isoDate, contactId: z.number().int().positive().optional() });

export const promiseView = z.object({ id: z.number().int(), amount: z.string(), madeOn: z.string(), dueDate: z.string(), paid: z.string(), status: z.enum(['open', 'kept', 'partly-kept', 'broken']), recordedBy: z.string() });

export const limitationView = z.object({
  kind: z.enum(claimKinds),
  contractNo: z.string(),
  debtorName: z.string(),
  start: z.string(),
  lastInterruption: z.object({ date: z.string(), kind: z.enum(['demand', 'acknowledgement', 'lawsuit']) }).nullable(),
  expiry: z.string(),
  daysLeft: z.number().int(),
  guarantorPeriodEnd: z.string(),
});

export const limitationEventInput = z.strictObject({ contractNo, kind: z.enum(['demand', 'acknowledgement', 'lawsuit']), date: isoDate, evidence: requiredText(300) });

/** A hardship plan: the overdue amount re-scheduled over some months, as a restructuring of the loan. */
export const planInput = z.strictObject({ contractNo, periods: z.number().int().min(1).max(60), annualRate: z.string().optional(), reason: requiredText(300) });

export const planView = z.object({
  startedOn: z.string(),
  periods: z.number().int(),
  reason: z.string(),
  /** Plan installments fallen due so far, and how they were paid. */
  due: z.number().int(),
  paidOnTime: z.number().int(),
  paidLate: z.number().int(),
  missed: z.number().int(),
  status: z.enum(['on-track', 'behind', 'completed']),
});


export const legalCaseInput = z.strictObject({ contractNo, court: requiredText(100), caseNo: requiredText(60), filedOn: isoDate, note: optionalText(300) });
export const legalStageInput = z.strictObject({ caseId: z.number().int().positive(), stage: z.enum(legalStages), date: isoDate, note: optionalText(300) });
export const legalCostInput = z.strictObject({
  caseId: z.number().int().positive(),
  date: isoDate,
  amount: yuanAmount.refine((fen) => fen > 0, { message: 'must be more than 0', params: { reason: 'positiveAmount' } }),
  kind: z.enum(legalCostKinds),
  note: optionalText(200),
});

export const legalCaseView = z.object({
  id: z.number().int(),
  court: z.string(),
  caseNo: z.string(),
  stage: z.enum(legalStages),
  filedOn: z.string(),
  events: z.array(z.object({ stage: z.enum(legalStages), date: z.string(), note: z.string().nullable(), by: z.string() })),
  costs: z.array(z.object({ date: z.string(), amount: z.string(), kind: z.enum(legalCostKinds), note: z.string().nullable() })),
  costsTotal: z.string(),
});

export const claimView = z.object({
  kind: z.enum(claimKinds),
  contractNo: z.string(),
  debtorName: z.string(),
  timeZone: z.string(),
  contacts: z.array(contactView),
  promises: z.array(promiseView),
  assignments: z.array(z.object({ collector: z.string(), reason: z.string(), assignedOn: z.string(), assignedBy: z.string(), ended: z.boolean() })),
  limitation: limitationView.nullable(),
  plans: z.array(planView),
  legalCases: z.array(legalCaseView),
});

export const performanceInput = z.strictObject({ from: isoDate, to: isoDate }).refine((v) => v.to >= v.from, { path: ['to'], message: 'the period must end after it starts', params: { reason: 'dateOrder' } });

export const performanceView = z.array(
  z.object({
    collector: z.string(),
    calls: z.number().int(),
    sms: z.number().int(),
    letters: z.number().int(),
    visits: z.number().int(),
    promisesMade: z.number().int(),
    promisesKept: z.number().int(),
    recovered: z.string(),
    /** By the bucket each account was assigned in: amount assigned, recovered, recovery rate, incentive (settings). */
    byBucket: z.array(z.object({ bucket: z.string(), accounts: z.number().int(), assigned: z.string(), recovered: z.string(), recoveryRatePercent: z.string().nullable(), incentive: z.string() })),
    incentive: z.string(),
  }),
);

const percentText = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage such as 20.00');

export const agencyCreateInput = z
  .strictObject({
    name: requiredText(100),
    contact: optionalText(50),
    phone: optionalText(30),
    contractFrom: isoDate,
    contractTo: isoDate,
    /** Percent per aging bucket; missing buckets take the setting's default. */
    commission: z.record(z.string().max(10), percentText).default({}),
  })
  .refine((v) => v.contractTo > v.contractFrom, { path: ['contractTo'], message: 'the contract must end after it starts', params: { reason: 'dateOrder' } });

export const agencyView = z.object({
  id: z.number().int(),
  name: z.string(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  contractFrom: z.string(),
  contractTo: z.string(),
  commission: z.record(z.string(), z.string()),
  active: z.boolean(),
  accountsPlaced: z.number().int(),
});

export const placeInput = z.strictObject({ agencyId: z.number().int().positive(), contractNos: z.array(contractNo).min(1).max(5000), language: z.enum(['zh-CN', 'en']).default('zh-CN') });
export const placeOutput = z.object({ batch: z.string(), placed: z.number().int(), fileName: z.string(), contentBase64: z.string() });
export const recallInput = z.strictObject({ contractNos: z.array(contractNo).min(1).max(5000) });

export const agencyStatementInput = z.strictObject({ agencyId: z.number().int().positive() });
export const agencyStatement = z.object({
  agency: z.string(),
  items: z.array(
    z.object({ contractNo: z.string(), bucket: z.string(), placedOn: z.string(), recalledOn: z.string().nullable(), amountPlaced: z.string(), recovered: z.string(), ratePercent: z.string(), commission: z.string() }),
  ),
  totals: z.object({ recovered: z.string(), commission: z.string() }),
});

export const lettersInput = z.strictObject({
  kind: z.enum(['notice', 'lawyer']),
  contractNos: z.array(contractNo).min(1).max(2000),
  /** The date the letters ask to be paid by. */
  payBy: isoDate,
});
export const lettersOutput = z.object({
  letters: z.array(z.object({ contractNo: z.string(), title: z.string(), body: z.string(), contactId: z.number().int() })),
  fileName: z.string(),
  contentBase64: z.string(),
});
export const deliveredInput = z.strictObject({ contactId: z.number().int().positive(), deliveredOn: isoDate, evidence: optionalText(200) });
