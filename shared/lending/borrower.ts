/** Borrowers (借款人): individuals, farm households and enterprises, with their related persons. */
import { z } from 'zod';
import { isTimeZone } from '../collections/guards';
import { validateResidentId } from '../identity/resident-id';
import { validateSocialCreditCode } from '../identity/social-credit-code';
import { optionalText, paging, pageOf, positiveId, requiredText } from '../contract/fields';

export const borrowerKinds = ['individual', 'farm-household', 'enterprise'] as const;
export type BorrowerKind = (typeof borrowerKinds)[number];

/** resident-id 居民身份证; social-credit-code 统一社会信用代码; passport 护照; other 其他证件. */
export const idTypes = ['resident-id', 'social-credit-code', 'passport', 'other'] as const;
export type IdType = (typeof idTypes)[number];

export const relationships = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'shareholder',
  'legal-representative',
  'actual-controller',
  'contact',
  'other',
] as const;
export type Relationship = (typeof relationships)[number];

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

export function isPhoneNumber(value: string): boolean {
  const compact = value.replace(/^\+86[\s-]?/, '').replace(/\s/g, '');
  return MOBILE.test(compact) || LANDLINE.test(compact);
}

const phone = optionalText(30).refine((value) => value === null || isPhoneNumber(value), {
  params: { reason: 'phone' },
  message: 'not a mainland mobile (11 digits) or landline number',
});

/** Which identity documents fit which kind of borrower. */
export const idTypesByKind: Record<BorrowerKind, readonly IdType[]> = {
  individual: ['resident-id', 'passport', 'other'],
  'farm-household': ['resident-id', 'other'],
  enterprise: ['social-credit-code', 'other'],
};

/** Checks an identity number against its type; returns the reason key when it is wrong. */
export function identityProblem(idType: IdType, idNumber: string): string | null {
  if (idType === 'resident-id') {
    const result = validateResidentId(idNumber);
    return result.ok ? null : `residentId.${result.problem}`;
  }
  if (idType === 'social-credit-code') {
    const result = validateSocialCreditCode(idNumber);
    return result.ok ? null : `socialCreditCode.${result.problem}`;
  }
  return /^[0-9A-Za-z-]{4,30}$/.test(idNumber.trim()) ? null : 'idNumber.format';
}

const identityMessages: Record<string, string> = {
  'residentId.length': 'a resident ID has 18 characters',
  'residentId.format': 'a resident ID is 17 digits followed by a digit or X',
  'residentId.region': 'the first two digits are not a province code',
  'residentId.birthDate': 'digits 7-14 are not a real birth date',
  'residentId.checkDigit': 'the check digit (last character) does not match: the number is mistyped',
  'socialCreditCode.length': 'a unified social credit code has 18 characters',
  'socialCreditCode.format': 'not a unified social credit code (digits and capital letters, no I/O/Z/S/V)',
  'socialCreditCode.checkDigit': 'the check character (last character) does not match: the code is mistyped',
  'idNumber.format': 'use 4-30 letters, digits or hyphens',
};

export const relatedPersonInput = z.strictObject({
  id: positiveId.optional(),
  name: requiredText(50),
  relationship: z.enum(relationships),
  idNumber: optionalText(30),
  phone,
  note: optionalText(200),
});

const borrowerFields = z.strictObject({
  kind: z.enum(borrowerKinds),
  name: requiredText(100),
  idType: z.enum(idTypes),
  idNumber: requiredText(30),
  phone,
  address: optionalText(200),
  /** Individuals: employer (工作单位). */
  employer: optionalText(100),
  /** Enterprises and farm households: industry or main business (行业/主营). */
  industry: optionalText(100),
  /** Enterprises: legal representative (法定代表人). */
  legalRepresentative: optionalText(50),
  note: optionalText(500),
  /** Where the borrower lives, for the contact-hours guard (IANA name, e.g. Asia/Urumqi); empty: the office's. */
  timeZone: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZone, { message: 'a time zone such as Asia/Shanghai', params: { reason: 'timeZone' } })
    .nullable()
    .default(null),
  relatedPersons: z.array(relatedPersonInput).max(30).default([]),
});

type BorrowerFields = z.output<typeof borrowerFields>;

function checkIdentity(value: Pick<BorrowerFields, 'kind' | 'idType' | 'idNumber'>, ctx: z.RefinementCtx): void {
  if (!idTypesByKind[value.kind].includes(value.idType)) {
    ctx.addIssue({
      code: 'custom',
      path: ['idType'],
      message: `${value.idType} is not an identity document for a borrower of kind ${value.kind}`,
      params: { reason: 'idTypeForKind' },
    });
    return;
  }
  const problem = identityProblem(value.idType, value.idNumber);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      path: ['idNumber'],
      message: identityMessages[problem] ?? problem,
      params: { reason: problem },
    });
  }
}

/** Identity numbers are stored upper-case (X check digits, letters in credit codes). */
function normalize<T extends BorrowerFields>(value: T): T {
  return { ...value, idNumber: value.idNumber.toUpperCase() };
}

export const borrowerCreateInput = borrowerFields.superRefine(checkIdentity).transform(normalize);

export const borrowerUpdateInput = borrowerFields
  .extend({ id: positiveId, version: z.number().int().min(1) })
  .superRefine(checkIdentity)
  .transform(normalize);

export const relatedPerson = z.object({
  id: z.number().int(),
  name: z.string(),
  relationship: z.enum(relationships),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
});

export const borrower = z.object({
  id: z.number().int(),
  kind: z.enum(borrowerKinds),
  name: z.string(),
  idType: z.enum(idTypes),
  idNumber: z.string(),
  /** True when idNumber and phones were masked for the caller's role. */
  masked: z.boolean(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  employer: z.string().nullable(),
  industry: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  timeZone: z.string().nullable(),
  note: z.string().nullable(),
  relatedPersons: z.array(relatedPerson),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Borrower = z.output<typeof borrower>;

export const borrowerSummary = borrower.omit({ relatedPersons: true, note: true });
export type BorrowerSummary = z.output<typeof borrowerSummary>;

export const borrowerListInput = z.strictObject({
  /** Matches part of the name, the start of the identity number, or part of the phone number. */
  q: z.string().trim().max(50).optional(),
  kind: z.enum(borrowerKinds).optional(),
  ...paging,
});
export type BorrowerListInput = z.input<typeof borrowerListInput>;

export const borrowerPage = pageOf(borrowerSummary);
export const borrowerGetInput = z.strictObject({ id: positiveId });
