/** Borrower use cases: create, edit, look up, search. */
import {
  activeRelatedPersons,
  findBorrowerIdByIdentity,
  findBorrowerRow,
  insertBorrower,
  insertRelatedPerson,
  queryBorrowers,
  updateBorrowerRow,
  updateRelatedPerson,
  type BorrowerRow,
  type RelatedPersonRow,
} from '../../../db/repositories/lending/borrowers';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { maskIdNumber, maskPhone } from '../../../shared/identity/masking';
import type { Borrower, BorrowerSummary } from '../../../shared/lending/borrower';
import { can } from '../../../shared/platform/permissions';
import { actorOf, instant, type ServiceContext } from '../context';
import { withinEntry } from '../platform/bulk';

type CreateInput = ChannelParsedInput<'borrower.create'>;
type RelatedInput = CreateInput['relatedPersons'][number];

function mayReadPersonalData(ctx: ServiceContext): boolean {
  return can(actorOf(ctx).role, 'personal-data.read');
}

function toSummary(row: BorrowerRow, masked: boolean): BorrowerSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    idType: row.idType,
    idNumber: masked ? maskIdNumber(row.idNumber) : row.idNumber,
    masked,
    phone: row.phone && masked ? maskPhone(row.phone) : row.phone,
    address: row.address,
    employer: row.employer,
    industry: row.industry,
    legalRepresentative: row.legalRepresentative,
    timeZone: row.timeZone,
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

function toRelated(row: RelatedPersonRow, masked: boolean): Borrower['relatedPersons'][number] {
  return {
    id: row.id,
    name: row.name,
    relationship: row.relationship,
    idNumber: row.idNumber && masked ? maskIdNumber(row.idNumber) : row.idNumber,
    phone: row.phone && masked ? maskPhone(row.phone) : row.phone,
    note: row.note,
  };
}

export function getBorrower(ctx: ServiceContext, input: { id: number }): ChannelOutput<'borrower.get'> {
  const row = findBorrowerRow(ctx.db, input.id);
  if (!row) throw new AppError('not-found', `no borrower with id ${input.id}`, { field: 'id', reason: 'borrowerNotFound' });
  const masked = !mayReadPersonalData(ctx);
  return {
    ...toSummary(row, masked),
    note: row.note,
    relatedPersons: activeRelatedPersons(ctx.db, row.id).map((person) => toRelated(person, masked)),
  };
}

function assertIdentityFree(ctx: ServiceContext, input: CreateInput, exceptId?: number): void {
  const existing = findBorrowerIdByIdentity(ctx.db, input.idType, input.idNumber);
  if (existing !== undefined && existing !== exceptId) {
    throw new AppError('conflict', `idNumber: borrower ${existing} already has this identity number`, {
      field: 'idNumber',
      reason: 'duplicateIdentity',
      params: { borrowerId: existing },
    });
  }
}

function borrowerColumns(input: CreateInput) {
  return {
    kind: input.kind,
    name: input.name,
    idType: input.idType,
    idNumber: input.idNumber,
    phone: input.phone,
    address: input.address,
    employer: input.employer,
    industry: input.industry,
    legalRepresentative: input.legalRepresentative,
    note: input.note,
    timeZone: input.timeZone,
  };
}

function relatedColumns(person: RelatedInput) {
  return {
    name: person.name,
    relationship: person.relationship,
    idNumber: person.idNumber,
    phone: person.phone,
    note: person.note,
  };
}

export function createBorrower(ctx: ServiceContext, input: CreateInput): ChannelOutput<'borrower.create'> {
  return getBorrower(ctx, { id: recordBorrower(ctx, input) });
}

/** Records a new borrower with its related persons; returns its id (loads that show nothing skip the view). */
function recordBorrower(ctx: ServiceContext, input: CreateInput): number {
  const id = insertBorrowerRecord(ctx, input, instant(ctx), actorOf(ctx).userName);
  ctx.audit({ entityType: 'borrower', entityId: id, before: null, after: fullRecord(ctx, id) });
  return id;
}

/**
 * Records many new borrowers at once (the demo, books brought from spreadsheets): each passes the same
 * identity check, against the borrowers on file and those loaded before it; one audit entry records the
 * load. A refusal names the entry (`borrowers[k].idNumber`).
 */
export function loadBorrowers(ctx: ServiceContext, inputs: readonly CreateInput[]): number[] {
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const ids = inputs.map((input, index) => withinEntry('borrowers', index, () => insertBorrowerRecord(ctx, input, at, by)));
  if (ids.length > 0) ctx.audit({ entityType: 'borrower-book', entityId: null, before: null, after: { borrowers: ids.length, first: ids[0], last: ids.at(-1) } });
  return ids;
}

function insertBorrowerRecord(ctx: ServiceContext, input: CreateInput, at: string, by: string): number {
  assertIdentityFree(ctx, input);
  const id = insertBorrower(ctx.db, { ...borrowerColumns(input), createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
  for (const person of input.relatedPersons) insertRelatedPerson(ctx.db, { borrowerId: id, ...relatedColumns(person) });
  return id;
}

/** The unmasked record as the audit trail keeps it. */
function fullRecord(ctx: ServiceContext, id: number) {
  return { ...findBorrowerRow(ctx.db, id), relatedPersons: activeRelatedPersons(ctx.db, id) };
}

export function updateBorrower(
  ctx: ServiceContext,
  input: ChannelParsedInput<'borrower.update'>,
): ChannelOutput<'borrower.update'> {
  const current = findBorrowerRow(ctx.db, input.id);
  if (!current) throw new AppError('not-found', `no borrower with id ${input.id}`, { field: 'id', reason: 'borrowerNotFound' });
  const before = fullRecord(ctx, input.id);
  assertIdentityFree(ctx, input, input.id);
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const updated = updateBorrowerRow(ctx.db, input.id, input.version, {
    ...borrowerColumns(input),
    updatedAt: at,
    updatedBy: by,
  });
  if (!updated) {
    throw new AppError('conflict', `borrower ${input.id} was changed by someone else; reload and try again`, {
      reason: 'staleVersion',
    });
  }
  const existing = new Map(activeRelatedPersons(ctx.db, input.id).map((person) => [person.id, person]));
  for (const person of input.relatedPersons) {
    if (person.id !== undefined) {
      if (!existing.has(person.id)) {
        throw new AppError('validation', `relatedPersons: person ${person.id} does not belong to this borrower`, {
          field: 'relatedPersons',
          reason: 'invalid',
        });
      }
      updateRelatedPerson(ctx.db, person.id, relatedColumns(person));
      existing.delete(person.id);
    } else {
      insertRelatedPerson(ctx.db, { borrowerId: input.id, ...relatedColumns(person) });
    }
  }
  // Removed persons stay on file, marked removed, for the record.
  for (const id of existing.keys()) updateRelatedPerson(ctx.db, id, { removedAt: at, removedBy: by });
  ctx.audit({ entityType: 'borrower', entityId: input.id, before, after: fullRecord(ctx, input.id) });
  return getBorrower(ctx, { id: input.id });
}

export function listBorrowers(
  ctx: ServiceContext,
  input: ChannelParsedInput<'borrower.list'>,
): ChannelOutput<'borrower.list'> {
  const masked = !mayReadPersonalData(ctx);
  const { rows, total } = queryBorrowers(ctx.db, input);
  return { items: rows.map((row) => toSummary(row, masked)), total, page: input.page, pageSize: input.pageSize };
}
