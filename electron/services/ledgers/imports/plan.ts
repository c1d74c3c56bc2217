/**
 * What every import kind shares: the units a file adds (keyed, existing or new, and how to write each),
 * the channel schemas as the row check, duplicate keys within a file, and owners found by identity number.
 */
import { contract, type ChannelName, type ChannelParsedInput } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/contract/errors';
import { cellIssue, fieldIssue, type ParsedRow } from './rows';
import type { ImportIssue } from './workbook-reader';

/** One thing the file adds: the row it comes from, whether its key is already in the book, and how to write it. */
export interface ImportUnit {
  row: ParsedRow;
  key: string;
  existing: boolean;
  write?: () => void;
}

export interface ImportPlan {
  units: ImportUnit[];
  /** Writes every new unit at once (the loan book); errors name the unit by its index in `units`. */
  writeAll?: (units: ImportUnit[]) => void;
}

export type Sheets = Map<string, ParsedRow[]>;

/** A write refused for one unit: which unit, and which of its fields. */
export class UnitError extends Error {
  constructor(
    readonly unit: ImportUnit,
    readonly field: string,
    readonly refusal: AppError,
  ) {
    super(refusal.message);
  }
}

/** The channel's own schema checks the row; its complaints land on the cells they are about. */
export function validated<C extends ChannelName>(channel: C, p: ParsedRow, input: unknown, issues: ImportIssue[]): ChannelParsedInput<C> | null {
  const result = contract[channel].input.safeParse(input);
  if (result.success) return result.data as ChannelParsedInput<C>;
  for (const i of result.error.issues) {
    if (p.failed.has(i.path.join('.'))) continue;
    const reason = (i as { params?: { reason?: string } }).params?.reason ?? i.code;
    issues.push(fieldIssue(p, i.path.join('.'), reason, i.message));
  }
  return null;
}

/** The same key twice in one file: the later rows are refused. */
export function firstInFile(seen: Map<string, number>, key: string, p: ParsedRow, field: string, issues: ImportIssue[]): boolean {
  const first = seen.get(key);
  if (first !== undefined) {
    issues.push(cellIssue(p, field, 'duplicateInFile', `the same as row ${first}`));
    return false;
  }
  seen.set(key, p.row);
  return true;
}

export const str = (v: string | number | undefined) => (v === undefined ? undefined : String(v));

export function ownerOf(known: Map<string, { id: number }>, p: ParsedRow, field: string, issues: ImportIssue[]): number | null {
  const id = known.get(String(p.values[field] ?? '').toUpperCase())?.id;
  if (id === undefined && p.values[field] !== undefined) issues.push(cellIssue(p, field, 'borrowerNotFound', 'no borrower with this identity number; import the borrowers first'));
  return id ?? null;
}

