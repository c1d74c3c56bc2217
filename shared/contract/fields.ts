/** Reusable zod field builders, so every channel validates text, dates and amounts the same way. */
import { z } from 'zod';
import { parseIsoDate } from '../dates/calendar';
import { parseYuan } from '../money/yuan';

/** Text kept verbatim apart from surrounding white space; control characters are refused. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), {
      params: { reason: 'controlCharacter' },
      message: 'contains control characters',
    });
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1));
}

/** Optional text: empty strings become null so the database never stores '' for "not given". */
export function optionalText(max: number) {
  return text(max)
    .nullish()
    .transform((value) => (value ? value : null));
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((value) => parseIsoDate(value) !== null, {
    params: { reason: 'date' },
    message: 'not a calendar date',
  });

/** An amount in yuan as a decimal string, carried inside as integer fen. */
export const yuanAmount = z.string().transform((value, ctx) => {
  const fen = parseYuan(value);
  if (fen === null) {
    ctx.addIssue({ code: 'custom', message: 'expected an amount in yuan with at most 2 decimals', params: { reason: 'amount' } });
    return z.NEVER;
  }
  return fen;
});

export const positiveId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const paging = {
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
