import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';
import { contract, type ChannelInput } from '../../../shared/contract';
import { loadBorrowers } from '../../../electron/services/lending/borrowers';

const collector = { userName: 'zhang.san', role: 'collector' as const };
const auditor = { userName: 'audit', role: 'auditor' as const };

function individual(overrides: Partial<ChannelInput<'borrower.create'>> = {}): ChannelInput<'borrower.create'> {
  return {
    kind: 'individual',
    name: '王建国',
    idType: 'resident-id',
    idNumber: '11010519491231002x',
    phone: '13812345678',
    address: '北京市朝阳区建国路1号',
    employer: '个体经营',
    relatedPersons: [{ name: '李秀英', relationship: 'spouse', phone: '13900001111' }],
    ...overrides,
  };
}

let rt: TestRuntime;
beforeEach(async () => {
  rt = await testRuntime({ now: () => new Date('2026-11-28T02:00:00Z') });
});
afterEach(() => rt.close());

function borrowerCount(): number {
  return rt.database.sqlite.prepare('SELECT COUNT(*) FROM borrowers').pluck().get() as number;
}

describe('borrower.create', () => {
  it('stores the borrower with related persons, normalized ID and audit stamps', async () => {
    const created = await rt.call('borrower.create', individual());
    expect(created).toMatchObject({
      id: 1,
      name: '王建国',
      idNumber: '11010519491231002X',
      masked: false,
      version: 1,
      createdAt: '2026-11-28T02:00:00.000Z',
      createdBy: 'local-admin',
      note: null,
      relatedPersons: [{ name: '李秀英', relationship: 'spouse', phone: '13900001111', idNumber: null }],
    });
    expect(await rt.call('borrower.get', { id: 1 })).toEqual(created);
  });

  it('refuses a resident ID with a wrong check digit, naming the field, and writes nothing', async () => {
    const error = await rt.fail('borrower.create', individual({ idNumber: '110105194912310021' }));
    expect(error).toMatchObject({ code: 'validation', field: 'idNumber', reason: 'residentId.checkDigit' });
    expect(error.message).toMatch(/^idNumber: .*check digit/);
    expect(borrowerCount()).toBe(0);
  });

  it('refuses an enterprise credit code with a wrong check character', async () => {
    const error = await rt.fail('borrower.create', {
      kind: 'enterprise',
      name: '福州某某有限公司',
      idType: 'social-credit-code',
      idNumber: '91350100M000100Y44',
    });
    expect(error).toMatchObject({ field: 'idNumber', reason: 'socialCreditCode.checkDigit' });
  });

  it('refuses an identity document that does not fit the kind of borrower', async () => {
    expect(await rt.fail('borrower.create', individual({ kind: 'enterprise' }))).toMatchObject({
      field: 'idType',
      reason: 'idTypeForKind',
    });
  });

  it('refuses a duplicate identity number as a conflict on idNumber', async () => {
    await rt.call('borrower.create', individual());
    expect(await rt.fail('borrower.create', individual({ name: '王建国2' }))).toMatchObject({
      code: 'conflict',
      field: 'idNumber',
      reason: 'duplicateIdentity',
    });
    expect(borrowerCount()).toBe(1);
  });

  it('refuses a bad phone, an empty name, unknown fields and wrong types', async () => {
    expect(await rt.fail('borrower.create', individual({ phone: '12345' }))).toMatchObject({ field: 'phone', reason: 'phone' });
    expect(await rt.fail('borrower.create', individual({ name: '   ' }))).toMatchObject({ field: 'name', reason: 'required' });
    expect(await rt.fail('borrower.create', { ...individual(), sql: 'DROP TABLE borrowers' })).toMatchObject({
      reason: 'unknownField',
    });
    expect(await rt.fail('borrower.create', { ...individual(), name: 42 })).toMatchObject({ field: 'name', reason: 'type' });
    expect(await rt.fail('borrower.create', individual({ name: '王'.repeat(101) }))).toMatchObject({
      field: 'name',
      reason: 'tooLong',
    });
    expect(borrowerCount()).toBe(0);
  });

  it('keeps text verbatim, HTML and SQL fragments included', async () => {
    const created = await rt.call('borrower.create', individual({ address: `<script>alert(1)</script>'; DROP TABLE borrowers;--` }));
    expect(created.address).toBe(`<script>alert(1)</script>'; DROP TABLE borrowers;--`);
  });

  it('leaves nothing behind when a write fails midway: each call is one transaction', async () => {
    const { createDispatch } = await import('../../../electron/services/dispatch');
    const { handlers } = await import('../../../electron/services/handlers');
    const { createBorrower } = await import('../../../electron/services/lending/borrowers');
    const dispatch = createDispatch({
      database: () => ({ db: rt.database.db, sqlite: rt.database.sqlite, app: { appVersion: 't', schemaVersion: 1, databaseFile: rt.database.file } }),
      runtime: { dataDir: rt.dataDir, migrationsFolder: rt.migrationsFolder, sessions: rt.sessions, replaceDatabase: async () => {} },
      resolveSession: () => null,
      handlers: {
        ...handlers,
        'borrower.create': (ctx, input) => {
          createBorrower(ctx, input);
          throw new Error('power cut after the insert');
        },
      },
    });
    const result = await dispatch('borrower.create', individual(), { actor: { userName: 'x', role: 'administrator' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('power cut') } });
    expect(borrowerCount()).toBe(0);
    expect(rt.database.sqlite.prepare('SELECT COUNT(*) FROM borrower_related_persons').pluck().get()).toBe(0);
  });
});

describe('borrower.update', () => {
  it('updates fields, keeps removed related persons on file and bumps the version', async () => {
    const created = await rt.call('borrower.create', individual());
    const spouseId = created.relatedPersons[0]!.id;
    const updated = await rt.call('borrower.update', {
      ...individual({ phone: '13700000000' }),
      id: created.id,
      version: created.version,
      relatedPersons: [{ name: '王小明', relationship: 'child' }],
    });
    expect(updated.version).toBe(2);
    expect(updated.phone).toBe('13700000000');
    expect(updated.relatedPersons.map((p) => p.name)).toEqual(['王小明']);
    const removed = rt.database.sqlite
      .prepare('SELECT removed_at FROM borrower_related_persons WHERE id = ?')
      .pluck()
      .get(spouseId);
    expect(removed).toBe('2026-11-28T02:00:00.000Z');
  });

  it('refuses a stale version (someone else saved first)', async () => {
    const created = await rt.call('borrower.create', individual());
    await rt.call('borrower.update', { ...individual({ name: '甲' }), id: created.id, version: 1 });
    expect(await rt.fail('borrower.update', { ...individual({ name: '乙' }), id: created.id, version: 1 })).toMatchObject({
      code: 'conflict',
      reason: 'staleVersion',
    });
    expect((await rt.call('borrower.get', { id: created.id })).name).toBe('甲');
  });

  it('reports a missing borrower as not-found', async () => {
    expect(await rt.fail('borrower.update', { ...individual(), id: 999, version: 1 })).toMatchObject({ code: 'not-found' });
  });
});

describe('borrower.list', () => {
  beforeEach(async () => {
    await rt.call('platform.demo', { borrowers: 45, seed: 7 });
  });

  it('pages through every borrower, newest first', async () => {
    const first = await rt.call('borrower.list', { pageSize: 20 });
    const third = await rt.call('borrower.list', { pageSize: 20, page: 3 });
    expect(first.total).toBe(45);
    expect(first.items).toHaveLength(20);
    expect(third.items).toHaveLength(5);
    expect(first.items[0]!.id).toBe(45);
  });

  it('finds by part of the name, the start of the ID and part of the phone', async () => {
    const target = await rt.call('borrower.get', { id: 17 });
    const byName = await rt.call('borrower.list', { q: target.name.slice(1), pageSize: 500 });
    expect(byName.items.map((b) => b.id)).toContain(17);
    expect(byName.items.every((b) => b.name.includes(target.name.slice(1)))).toBe(true);
    expect((await rt.call('borrower.list', { q: target.idNumber })).items.map((b) => b.id)).toEqual([17]);
    expect((await rt.call('borrower.list', { q: target.phone!.slice(3) })).items.map((b) => b.id)).toContain(17);
  });

  it('treats % and _ in a search as plain characters', async () => {
    expect((await rt.call('borrower.list', { q: '%' })).total).toBe(0);
    expect((await rt.call('borrower.list', { q: '_' })).total).toBe(0);
  });

  it('filters by kind', async () => {
    const enterprises = await rt.call('borrower.list', { kind: 'enterprise', pageSize: 500 });
    expect(enterprises.total).toBeGreaterThan(0);
    expect(enterprises.items.every((b) => b.kind === 'enterprise' && b.idType === 'social-credit-code')).toBe(true);
  });

  it('masks identity numbers and phones for a collector', async () => {
    const page = await rt.call('borrower.list', { pageSize: 5 }, collector);
    for (const item of page.items) {
      expect(item.masked).toBe(true);
      expect(item.idNumber).toMatch(/^\w{6}\*+\w{4}$/);
      expect(item.phone).toMatch(/^\d{3}\*+\d{4}$/);
    }
  });
});

describe('permissions at the boundary', () => {
  it('refuses writes to read-only roles and writes nothing', async () => {
    expect(await rt.fail('borrower.create', individual(), auditor)).toMatchObject({ code: 'forbidden' });
    expect(await rt.fail('borrower.create', individual(), collector)).toMatchObject({ code: 'forbidden' });
    expect(borrowerCount()).toBe(0);
  });

  it('answers an unknown channel with a clear error', async () => {
    expect(await rt.fail('borrower.drop', {})).toMatchObject({ code: 'unknown-channel', message: 'unknown channel "borrower.drop"' });
  });
});

describe('loading many borrowers at once', () => {
  const three = () =>
    [
      individual(),
      individual({ name: '赵丽', idNumber: '110105198001010016', relatedPersons: [] }),
      { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43', legalRepresentative: '陈明', relatedPersons: [{ name: '陈明', relationship: 'legal-representative', phone: '13912345678' }] },
    ].map((b) => contract['borrower.create'].input.parse(b));
  const rows = (runtime: TestRuntime) => ({
    borrowers: runtime.database.sqlite.prepare('SELECT * FROM borrowers ORDER BY id').all(),
    related: runtime.database.sqlite.prepare('SELECT * FROM borrower_related_persons ORDER BY id').all(),
  });

  it('leaves the same rows as adding them one by one, with one audit entry for the load', async () => {
    const one = await testRuntime({ now: () => new Date('2026-11-28T02:00:00Z') });
    try {
      for (const b of three()) await one.call('borrower.create', b);
      const ctx = { ...serviceContext(rt), now: () => new Date('2026-11-28T02:00:00Z') };
      const before = rt.database.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
      expect(ctx.transaction(() => loadBorrowers(ctx, three()))).toEqual([1, 2, 3]);
      expect(rows(rt)).toEqual(rows(one));
      expect(rows(rt).related).toHaveLength(2);
      const entries = rt.database.sqlite.prepare('SELECT entity_type, after FROM audit_log WHERE id > ?').all(before) as Array<{ entity_type: string; after: string }>;
      expect(entries.map((e) => e.entity_type)).toEqual(['borrower-book']);
      expect(JSON.parse(entries[0]!.after)).toEqual({ borrowers: 3, first: 1, last: 3 });
    } finally {
      one.close();
    }
  });

  it('refuses an identity already on file or earlier in the load, naming the entry, and writes nothing', async () => {
    const ctx = serviceContext(rt);
    const twice = three();
    twice[2] = { ...twice[0]!, name: '王建国二' };
    expect(() => ctx.transaction(() => loadBorrowers(ctx, twice))).toThrow(expect.objectContaining({ field: 'borrowers[2].idNumber', reason: 'duplicateIdentity' }));
    expect(borrowerCount()).toBe(0);
    await rt.call('borrower.create', individual());
    expect(() => ctx.transaction(() => loadBorrowers(ctx, three()))).toThrow(expect.objectContaining({ field: 'borrowers[0].idNumber', reason: 'duplicateIdentity' }));
    expect(borrowerCount()).toBe(1);
  });
});
