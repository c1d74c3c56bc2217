/** Collateral (抵押物/质押物) and guarantors (保证人) on the wire. */
import { z } from 'zod';
import { isoDate, optionalText, positiveId, requiredText } from '../contract/fields';
import { yuan } from '../schedule/terms';

export const collateralKinds = ['property', 'land-use-right', 'vehicle', 'equipment', 'equity', 'receivables', 'deposit', 'other'] as const;
export const guaranteeKinds = ['personal', 'corporate', 'shareholder', 'joint-group'] as const;

export const collateralCreateInput = z
  .strictObject({
    ownerBorrowerId: positiveId.optional(),
    /** A third party who is not a borrower: the owner's name. */
    ownerName: optionalText(100),
    kind: z.enum(collateralKinds),
    description: requiredText(300),
    certificateNo: optionalText(60),
    lienRank: z.number().int().min(1).max(9).default(1),
    appraisedValue: yuan({ positive: true }),
    appraisedOn: isoDate,
    appraiser: optionalText(100),
    insuranceExpiry: isoDate.optional(),
  })
  .refine((v) => v.ownerBorrowerId !== undefined || Boolean(v.ownerName), {
    message: 'give the owner: a borrower or a name',
    path: ['ownerName'],
    params: { reason: 'required' },
  });

export const collateralRevalueInput = z.strictObject({ id: positiveId, value: yuan({ positive: true }), valuedOn: isoDate, appraiser: optionalText(100) });

export const collateralView = z.object({
  id: z.number().int(),
  ownerBorrowerId: z.number().int().nullable(),
  ownerName: z.string(),
  kind: z.enum(collateralKinds),
  description: z.string(),
  certificateNo: z.string().nullable(),
  lienRank: z.number().int(),
  appraisedValue: z.string(),
  appraisedOn: z.string(),
  insuranceExpiry: z.string().nullable(),
  status: z.enum(['pledged', 'released', 'disposed']),
  /** Value already securing loans, and what is left for more. */
  securedTotal: z.string(),
  available: z.string(),
  valuations: z.array(z.object({ value: z.string(), valuedOn: z.string(), appraiser: z.string().nullable() })),
});

export const linkCollateralInput = z.strictObject({ contractNo: z.string().max(40), collateralId: positiveId, securedAmount: yuan({ positive: true }) });
export const addGuarantorInput = z.strictObject({
  contractNo: z.string().max(40),
  guarantorId: positiveId,
  kind: z.enum(guaranteeKinds),
  amount: yuan({ positive: true }),
  /** Default: six months after the loan's maturity (Civil Code art. 692). */
  periodEnd: isoDate.optional(),
  groupName: optionalText(50),
});

export const loanSecurityView = z.object({
  collateral: z.array(z.object({ collateralId: z.number().int(), kind: z.enum(collateralKinds), description: z.string(), ownerName: z.string(), appraisedValue: z.string(), securedAmount: z.string(), lienRank: z.number().int() })),
  guarantors: z.array(z.object({ guarantorId: z.number().int(), name: z.string(), kind: z.enum(guaranteeKinds), amount: z.string(), periodEnd: z.string(), groupName: z.string().nullable() })),
  /** Secured amounts over the outstanding principal, in percent (2 decimals); null when nothing is outstanding. */
  collateralCoverage: z.string().nullable(),
  /** Outstanding principal over the appraised value of the collateral, in percent. */
  loanToValue: z.string().nullable(),
});
