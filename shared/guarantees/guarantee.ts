/** Financing guarantees (融资担保) on the wire: partner banks, contracts and their lifecycle. */
import { z } from 'zod';
import { isoDate, optionalText, positiveId, requiredText } from '../contract/fields';
import { percent, yuan } from '../schedule/terms';
import { loanClasses } from '../lending/classification';

export const guaranteeStatuses = ['applied', 'approved', 'in-force', 'released', 'compensated', 'recovering', 'closed', 'loss'] as const;
export type GuaranteeStatus = (typeof guaranteeStatuses)[number];
export const guaranteeTypes = ['loan', 'bond', 'other'] as const;
export const clientSizes = ['small-micro', 'farm-household', 'other'] as const;
export const lossEvidenceTypes = ['judgment', 'award', 'enforcement-ruling'] as const;

export const bankCreateInput = z
  .strictObject({
    name: requiredText(100),
    branch: optionalText(100),
    contact: optionalText(50),
    phone: optionalText(30),
    creditLine: yuan({ positive: true }),
    lineValidFrom: isoDate,
    lineValidTo: isoDate,
    marginPercent: percent.default(0 as never),
    riskSharePercent: percent.default(0 as never),
  })
  .refine((v) => v.lineValidTo > v.lineValidFrom, { path: ['lineValidTo'], message: 'the credit line must end after it starts', params: { reason: 'dateOrder' } });

export const bankView = z.object({
  id: z.number().int(),
  name: z.string(),
  branch: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  creditLine: z.string(),
  /** The in-force balance guaranteed under this line. */
  used: z.string(),
  available: z.string(),
  usedPercent: z.string(),
  lineValidFrom: z.string(),
  lineValidTo: z.string(),
  marginPercent: z.string(),
  riskSharePercent: z.string(),
  active: z.boolean(),
});

const contractNo = z.string().trim().regex(/^[A-Za-z0-9-]{3,40}$/, '3-40 letters, digits or hyphens');

export const guaranteeCreateInput = z
  .strictObject({
    clientId: positiveId,
    bankId: positiveId,
    contractNo: contractNo.optional(),
    guaranteeType: z.enum(guaranteeTypes).default('loan'),
    clientSize: z.enum(clientSizes),
    /** Bonds: the issuer's rating, e.g. AA+ (weights 80% at AA or above). */
    issuerRating: z.string().trim().regex(/^(AAA|AA\+|AA|AA-|A\+|A|A-|BBB[+-]?|BB[+-]?|B[+-]?|C+)$/, 'a rating such as AA+').optional(),
    guaranteedAmount: yuan({ positive: true }),
    bankLoanNo: optionalText(60),
    bankLoanRate: percent,
    loanStart: isoDate,
    loanEnd: isoDate,
    feeRatePercent: percent,
    feeCharging: z.enum(['upfront', 'yearly']).default('upfront'),
    marginDeposit: yuan({ positive: false }).default(0 as never),
    bankRiskSharePercent: percent.default(0 as never),
    /** Record a breach of leverage, concentration or the bank's line as overridden, with this reason. */
    overrideReason: optionalText(500),
  })
  .refine((v) => v.loanEnd > v.loanStart, { path: ['loanEnd'], message: 'the bank loan must end after it starts', params: { reason: 'dateOrder' } });

export const guaranteeRef = z.strictObject({ contractNo });
export const guaranteeApproveInput = guaranteeRef.extend({ reviewDate: isoDate, members: requiredText(200), conditions: optionalText(500) });
export const guaranteeDatedInput = guaranteeRef.extend({ date: isoDate.optional() });
export const guaranteeAmountInput = guaranteeRef.extend({ amount: yuan({ positive: true }), date: isoDate.optional() });
export const guaranteeRecoverInput = guaranteeAmountInput.extend({ source: z.enum(['client', 'guarantor', 'collateral-sale', 'other']).default('client') });
export const guaranteeLossInput = guaranteeAmountInput.extend({ evidenceType: z.enum(lossEvidenceTypes), documentNo: requiredText(100) });

/** 反担保: collateral (mortgage, pledge), a person's or company's guarantee, or margin. */
export const counterGuaranteeInput = z
  .strictObject({
    contractNo,
    kind: z.enum(['mortgage', 'pledge', 'guarantee', 'margin']),
    collateralId: positiveId.optional(),
    guarantorId: positiveId.optional(),
    securedAmount: yuan({ positive: true }),
  })
  .refine((v) => (v.kind === 'guarantee' ? v.guarantorId !== undefined : v.kind === 'margin' || v.collateralId !== undefined), {
    path: ['kind'],
    message: 'a mortgage or pledge names the collateral; a guarantee names the guarantor',
    params: { reason: 'counterGuaranteeParty' },
  });

export const monitoringReasons = ['first', 'periodic', 'watch-list', 'warning-signal'] as const;
/** 实地走访 / 报表审阅 / 银行查询 / 抵押物查看 */
export const checkTypes = ['site-visit', 'statements-review', 'bank-inquiry', 'collateral-inspection'] as const;

export const monitoringCheckView = z.object({
  id: z.number().int(),
  dueDate: z.string(),
  reason: z.enum(monitoringReasons),
  status: z.enum(['due', 'done', 'cancelled']),
  officer: z.string(),
  checkedOn: z.string().nullable(),
  checkType: z.enum(checkTypes).nullable(),
  findings: z.string().nullable(),
  riskGrade: z.enum(loanClasses).nullable(),
  nextCheckOn: z.string().nullable(),
  closedNote: z.string().nullable(),
  closedBy: z.string().nullable(),
});

export const warningSignalView = z.object({
  id: z.number().int(),
  signal: z.string(),
  source: z.enum(['manual', 'data']),
  raisedOn: z.string(),
  detail: z.string().nullable(),
  raisedBy: z.string(),
  clearedOn: z.string().nullable(),
  clearReason: z.string().nullable(),
});

export const guaranteeView = z.object({
  contractNo: z.string(),
  clientId: z.number().int(),
  clientName: z.string(),
  /** individual / enterprise, and the ID (masked without the personal-data permission). */
  clientKind: z.string(),
  clientIdNumber: z.string(),
  bankId: z.number().int(),
  bankName: z.string(),
  guaranteeType: z.enum(guaranteeTypes),
  clientSize: z.enum(clientSizes),
  issuerRating: z.string().nullable(),
  guaranteedAmount: z.string(),
  /** 在保余额 = guaranteed − repaid to the bank (0 once released or compensated). */
  outstanding: z.string(),
  releasedAmount: z.string(),
  compensatedAmount: z.string(),
  recoveredAmount: z.string(),
  lossAmount: z.string(),
  /** 代偿余额 = compensated − recovered − confirmed loss. */
  compensationBalance: z.string(),
  bankLoanRate: z.string(),
  feeRate: z.string(),
  feeCharging: z.enum(['upfront', 'yearly']),
  /** The fee over the whole term, and the part recognised as income by the business date. */
  feeOverTerm: z.string(),
  feeEarned: z.string(),
  marginDeposit: z.string(),
  loanStart: z.string(),
  loanEnd: z.string(),
  bankRiskShare: z.string(),
  releasedOn: z.string().nullable(),
  compensatedOn: z.string().nullable(),
  /** In force past the bank loan's end, or with interest reported unpaid at the bank. */
  overdueAtBank: z.boolean(),
  status: z.enum(guaranteeStatuses),
  watchList: z.boolean(),
  officer: z.string(),
  events: z.array(z.object({ event: z.string(), businessDate: z.string(), amount: z.string().nullable(), detail: z.unknown(), by: z.string() })),
  counterGuarantees: z.array(z.object({ kind: z.string(), description: z.string(), securedAmount: z.string() })),
  /** Counter-guarantees over the guaranteed amount, in percent; null without any. */
  counterCoverage: z.string().nullable(),
  warnings: z.array(z.object({ reason: z.string(), message: z.string() })),
  /** Monitoring checks, due and done (保后检查), and warning signals (预警信号), oldest first. */
  monitoring: z.array(monitoringCheckView),
  signals: z.array(warningSignalView),
});
export type GuaranteeView = z.output<typeof guaranteeView>;

export const guaranteeListInput = z.strictObject({
  status: z.enum(guaranteeStatuses).optional(),
  bankId: positiveId.optional(),
  clientId: positiveId.optional(),
  guaranteeType: z.enum(guaranteeTypes).optional(),
  clientSize: z.enum(clientSizes).optional(),
  watchList: z.boolean().optional(),
  /** Bank loans ending on or before this date (maturities). */
  loanEndBy: isoDate.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
