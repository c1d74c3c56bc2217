/**
 * Collections services on real SQLite: the queue and assignment, the hour and frequency guards in
 * several time zones and at their boundaries, the third-party rule, promises kept / partly kept /
 * broken, limitation periods with each kind of interruption and the guarantor period, performance.
 */
import { execFileSync } from 'node:child_process';
import { ampleNetAssets } from '../../helpers/book';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openpyxlDump, readersAvailable } from '../../helpers/excel';
import { serviceContext, tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';
import { limitationDueCount } from '../../../electron/services/collections/limitation';
import { allClaims, promiseCounts } from '../../../electron/services/collections/queue';
import { loadContactLog } from '../../../electron/services/collections/contact-log';
import { recoveredByCollector } from '../../../electron/services/collections/performance';
import { contract } from '../../../shared/contract';
import type { ChannelOutput } from '../../../shared/contract';
import type { AppErrorPayload } from '../../../shared/contract/errors';

let rt: TestRuntime;
const manager = { userName: 'wang.jingli', role: 'manager' as const };
const collector = { userName: 'xiaozhang', role: 'collector' as const };

async function overdueLoan(contractNo: string, borrowerId: number) {
  await rt.call('loan.create', { borrowerId, contractNo, terms: { principal: '100000', annualRate: '12', periods: 3, method: 'interest-only', disbursementDate: '2026-01-15' } });
  await rt.call('loan.approve', { contractNo }, manager);
  await rt.call('loan.disburse', { contractNo });
}

beforeEach(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-15' });
  await rt.call('user.create', { userName: 'xiaozhang', displayName: '张小红', role: 'collector', password: 'temp-pass-1' });
  await rt.call('user.create', { userName: 'xiaoli', displayName: '李小明', role: 'collector', password: 'temp-pass-1' });
  await rt.call('borrower.create', { kind: 'individual', name: '赵六', idType: 'resident-id', idNumber: '11010519491231002X', phone: '13912345678', address: '浙江省杭州市西湖区文三路1号' });
  await rt.call('borrower.create', { kind: 'individual', name: '阿不都', idType: 'resident-id', idNumber: '440524199003072319', address: '新疆维吾尔自治区乌鲁木齐市', timeZone: 'Asia/Urumqi' });
  await rt.call('borrower.create', { kind: 'individual', name: '李华', idType: 'resident-id', idNumber: '110101199003074135', address: '纽约', timeZone: 'America/New_York' });
  await overdueLoan('C-1', 1);
  await overdueLoan('C-2', 2);
  await overdueLoan('C-3', 3);
  // The first interest (1,000.00) fell due on 2026-02-15 and is unpaid.
  await rt.call('day.close', { to: '2026-03-01' });
});
afterEach(() => rt.close());

type Logged = { ok: true; value: ChannelOutput<'collections.logContact'> } | { ok: false; error: AppErrorPayload };
const log = (contractNo: string, at: string, extra: Record<string, unknown> = {}) =>
  rt.dispatch('collections.logContact', { contractNo, at, channel: 'phone', party: 'borrower', outcome: '承诺月底前还款', ...extra }, { actor: collector }) as Promise<Logged>;

describe('the queue and assignment', () => {
  it('lists every overdue loan with its bucket, DPD and amount due; assignment by hand, by rule and by rotation', async () => {
    const queue = await rt.call('collections.queue', { sort: 'dpd' });
    expect(queue.items.map((i) => [i.contractNo, i.dpd, i.bucket, i.collector])).toEqual([
      ['C-1', 14, 'M1', null],
      ['C-2', 14, 'M1', null],
      ['C-3', 14, 'M1', null],
    ]);
    // 1,000.00 interest overdue plus penalty on it: the amount due is at least the interest.
    expect(Number(queue.items[0]!.amountDue)).toBeGreaterThanOrEqual(1000);
    expect(queue.items[0]!.region).toBe('浙江省');
    await rt.call('collections.assign', { contractNos: ['C-1'], collector: 'xiaozhang' }, manager);
    expect(await rt.fail('collections.assign', { contractNos: ['C-1'], collector: 'wang.jingli' }, manager)).toMatchObject({ field: 'collector', reason: 'userNotFound' });
    expect(await rt.fail('collections.assign', { contractNos: ['C-1'], collector: 'xiaozhang' }, collector)).toMatchObject({ code: 'forbidden' });
    expect((await rt.call('collections.assignByRule', { collectors: ['xiaozhang', 'xiaoli'] }, manager)).assigned).toBe(2);
    const mine = await rt.call('collections.queue', { mine: true }, collector);
    expect(mine.items.map((i) => i.contractNo).sort()).toEqual(['C-1', expect.any(String)]);
    const rotated = await rt.call('collections.rotate', { collectors: ['xiaozhang', 'xiaoli'], reason: '交叉清收' }, manager);
    expect(rotated.rotated).toBe(3);
    const claim = await rt.call('collections.claim', { contractNo: 'C-1' });
    expect(claim.assignments.map((a) => [a.collector, a.reason, a.ended])).toEqual([
      ['xiaozhang', 'manual', true],
      ['xiaoli', '交叉清收', false],
    ]);
  });
});

describe('the contact log loaded in bulk', () => {
  const entry = (contractNo: string, at: string, extra: Record<string, unknown> = {}) =>
    contract['collections.logContact'].input.parse({ contractNo, at, channel: 'phone', party: 'borrower', outcome: '无人接听', ...extra });
  const flags = (contractNo: string) =>
    rt.database.sqlite
      .prepare('SELECT c.frequency_warning FROM collection_contacts c JOIN loans l ON l.id = c.claim_id WHERE l.contract_no = ? ORDER BY c.id')
      .pluck()
      .all(contractNo);

  it('flags the call limit exactly as contacts logged one by one, counting the calls already on file', async () => {
    // Ten calls, two a day from 2026-02-20: the limit is 7 calls in 7 days, so the 8th, 9th and 10th are flagged.
    const times = ['20', '21', '22', '23', '24'].flatMap((day) => [`2026-02-${day}T10:00`, `2026-02-${day}T15:00`]);
    for (const at of times) expect((await log('C-1', at)).ok).toBe(true);
    // C-2: the first three by hand, the other seven loaded; an SMS among them is not a call.
    for (const at of times.slice(0, 3)) await log('C-2', at);
    const loaded = loadContactLog(serviceContext(rt), [...times.slice(3, 5).map((at) => entry('C-2', at)), entry('C-2', '2026-02-22T16:00', { channel: 'sms' }), ...times.slice(5).map((at) => entry('C-2', at))]);
    expect(loaded).toEqual({ contacts: 8, callLimitWarnings: 3 });
    expect(flags('C-1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const calls = rt.database.sqlite.prepare("SELECT c.frequency_warning FROM collection_contacts c JOIN loans l ON l.id = c.claim_id WHERE l.contract_no = 'C-2' AND c.channel = 'phone' ORDER BY c.id").pluck().all();
    expect(calls).toEqual(flags('C-1'));
  });

  it('shows each claim’s newest contact in the queue: by when it happened, then by the later entry', async () => {
    // Entered out of order: the 25th, then the 20th, then two at the same minute on the 25th.
    await log('C-1', '2026-02-25T10:00', { nextActionOn: '2026-03-01' });
    await log('C-1', '2026-02-20T10:00', { nextActionOn: '2026-03-09' });
    await log('C-2', '2026-02-25T11:00', { outcome: '无人接听', nextActionOn: '2026-03-02' });
    await log('C-2', '2026-02-25T11:00', { outcome: '承诺下周还款', nextActionOn: '2026-03-03' });
    const items = (await rt.call('collections.queue', { sort: 'dpd' })).items;
    const of = (contractNo: string) => items.find((i) => i.contractNo === contractNo)!;
    expect(of('C-1')).toMatchObject({ lastContactAt: expect.stringContaining('2026-02-25'), nextActionOn: '2026-03-01' });
    expect(of('C-2')).toMatchObject({ nextActionOn: '2026-03-03' });
    expect(of('C-3')).toMatchObject({ lastContactAt: null, nextActionOn: null });
  });

  it('refuses what a contact logged by hand is refused, naming the entry and the field', () => {
    const ctx = serviceContext(rt);
    const attempt = (entries: ReturnType<typeof entry>[]) => {
      try {
        loadContactLog(ctx, entries);
        return null;
      } catch (error) {
        return { field: (error as { field?: string }).field, reason: (error as { reason?: string }).reason };
      }
    };
    expect(attempt([entry('C-1', '2026-02-20T10:00'), entry('C-1', '2026-02-20T22:30')])).toEqual({ field: 'contacts[1].at', reason: 'outsideContactHours' });
    expect(attempt([entry('C-1', '2026-02-20T10:00', { party: 'related-person' })])).toEqual({ field: 'contacts[0].discussedDebt', reason: 'disclosureToThirdParty' });
    expect(attempt([entry('C-1', '2026-02-20T10:00', { party: 'guarantor' })])).toEqual({ field: 'contacts[0].party', reason: 'notAnObligor' });
    expect(attempt([entry('C-1', '2026-02-20T10:00'), entry('NO-SUCH', '2026-02-20T10:00')])).toEqual({ field: 'contacts[1].contractNo', reason: 'claimNotFound' });
    // At 22:30 in New York it is 11:30 in the office: refused by the debtor's clock, not the office's.
    expect(attempt([entry('C-3', '2026-02-20T11:30')])).toEqual({ field: 'contacts[0].at', reason: 'outsideContactHours' });
  });

  it('through the demo: every contact in its debtor’s daytime hours, with one audit entry for the load', async () => {
    const before = rt.database.sqlite.prepare('SELECT COUNT(*) FROM collection_contacts').pluck().get();
    const result = await rt.call('platform.demo', { borrowers: 0, loans: 0, guarantees: 0, contacts: 40, seed: 5 });
    expect(result.contacts).toBe(40);
    expect(rt.database.sqlite.prepare('SELECT COUNT(*) FROM collection_contacts').pluck().get()).toBe(Number(before) + 40);
    // One entry for the demo, counting the contact log's own.
    const demo = rt.database.sqlite.prepare("SELECT after FROM audit_log WHERE entity_type = 'demo' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(demo)).toMatchObject({ contacts: 40, records: { 'collection-contact-log': 1 } });
    // Every demo contact falls in the allowed hours of its debtor (New York's included).
    const hours = rt.database.sqlite.prepare('SELECT debtor_local_time FROM collection_contacts').pluck().all() as string[];
    for (const local of hours) expect(local.slice(11, 16) >= '08:00' && local.slice(11, 16) <= '21:00', local).toBe(true);
  });
});

describe('contact guards', () => {
  it('keeps each borrower’s time zone, and refuses a zone that does not exist', async () => {
    expect((await rt.call('borrower.get', { id: 2 })).timeZone).toBe('Asia/Urumqi');
    expect((await rt.call('borrower.get', { id: 1 })).timeZone).toBeNull();
    expect(await rt.fail('borrower.create', { kind: 'individual', name: '钱七', idType: 'resident-id', idNumber: '110101199003074135', timeZone: 'Mars/Olympus' })).toMatchObject({ field: 'timeZone', reason: 'timeZone' });
  });

  it('allows 08:00 to 20:59 in the debtor’s time zone and refuses the rest without a recorded reason', async () => {
    for (const [at, ok] of [['2026-03-01T07:59', false], ['2026-03-01T08:00', true], ['2026-03-01T20:59', true], ['2026-03-01T21:00', false], ['2026-03-01T22:00', false]] as const) {
      const result = await log('C-1', at);
      expect(result.ok, at).toBe(ok);
      if (!result.ok) expect(result.error).toMatchObject({ field: 'at', reason: 'outsideContactHours', params: { local: at.replace('T', ' '), timeZone: 'Asia/Shanghai', from: '08:00', to: '21:00' } });
    }
    const excused = await log('C-1', '2026-03-01T22:00', { outOfHoursReason: '借款人要求晚间回电' });
    expect(excused.ok && excused.value.contact).toMatchObject({ debtorLocalTime: '2026-03-01 22:00', outOfHoursReason: '借款人要求晚间回电' });
    // A letter is not a call at an hour.
    expect((await log('C-1', '2026-03-01T23:00', { channel: 'letter', outcome: '寄送催收通知书' })).ok).toBe(true);
  });

  it('judges the hour in the debtor’s own time zone: Urumqi (UTC+6) and New York (UTC−5 before daylight saving)', async () => {
    // 09:30 on the Shanghai office clock is 07:30 in Urumqi: too early there.
    expect(await log('C-2', '2026-03-01T09:30')).toMatchObject({ ok: false, error: { params: { local: '2026-03-01 07:30', timeZone: 'Asia/Urumqi' } } });
    expect((await log('C-2', '2026-03-01T10:00')).ok).toBe(true);
    // 21:30 in Shanghai is 08:30 the same morning in New York: allowed. 09:00 Shanghai is 20:00 the evening before: allowed; 10:30 is 21:30: refused.
    const ny = await log('C-3', '2026-03-01T21:30');
    expect(ny.ok && ny.value.contact).toMatchObject({ debtorLocalTime: '2026-03-01 08:30', timeZone: 'America/New_York' });
    expect((await log('C-3', '2026-03-01T09:00')).ok).toBe(true);
    expect(await log('C-3', '2026-03-01T10:30')).toMatchObject({ ok: false, error: { params: { local: '2026-02-28 21:30' } } });
    // After 8 March New York keeps daylight time (UTC−4): 20:30 Shanghai is 08:30 there.
    expect(await log('C-3', '2026-03-10T20:30')).toMatchObject({ ok: true, value: { contact: { debtorLocalTime: '2026-03-10 08:30' } } });
    // An instant with an offset is taken as it is.
    expect(await log('C-3', '2026-03-10T12:30Z')).toMatchObject({ ok: true, value: { contact: { debtorLocalTime: '2026-03-10 08:30' } } });
    expect(await log('C-3', 'tomorrow morning')).toMatchObject({ ok: false, error: { field: 'at' } });
  });

  it('warns past 7 calls in 7 days, and not once the window has moved on', async () => {
    for (let day = 1; day <= 7; day++) {
      const result = await log('C-1', `2026-02-${20 + day}T10:00`);
      expect(result.ok && result.value.warnings).toEqual([]);
    }
    // The seven calls of 21–27 February all fall within the seven days before 28 February 09:00.
    const eighth = await log('C-1', '2026-02-28T09:00');
    expect(eighth.ok && eighth.value.warnings.map((w) => w.reason)).toEqual(['callLimit']);
    expect(eighth.ok && eighth.value.contact.frequencyWarning).toBe(true);
    // An SMS is not a call.
    expect((await log('C-1', '2026-02-28T16:00', { channel: 'sms' })).ok && true).toBe(true);
    const later = await log('C-1', '2026-03-09T10:00');
    expect(later.ok && later.value.warnings).toEqual([]);
  });

  it('refuses to disclose the debt to a related person, and to press someone who is not an obligor', async () => {
    expect(await log('C-1', '2026-03-01T10:00', { party: 'related-person', partyName: '赵六的姐姐' })).toMatchObject({ ok: false, error: { field: 'discussedDebt', reason: 'disclosureToThirdParty' } });
    expect((await log('C-1', '2026-03-01T10:00', { party: 'related-person', partyName: '赵六的姐姐', discussedDebt: false, outcome: '告知借款人新号码' })).ok).toBe(true);
    expect(await log('C-1', '2026-03-01T10:00', { party: 'guarantor' })).toMatchObject({ ok: false, error: { field: 'party', reason: 'notAnObligor' } });
  });
});

describe('promises to pay', () => {
  it('are kept, partly kept or broken by the payments that arrive; broken ones come back to the queue', async () => {
    await rt.call('collections.promise', { contractNo: 'C-1', amount: '1000', dueDate: '2026-03-10' }, collector);
    await rt.call('collections.promise', { contractNo: 'C-2', amount: '1000', dueDate: '2026-03-10' }, collector);
    await rt.call('collections.promise', { contractNo: 'C-3', amount: '1000', dueDate: '2026-03-10' }, collector);
    expect(await rt.fail('collections.promise', { contractNo: 'C-1', amount: '1000', dueDate: '2026-02-01' }, collector)).toMatchObject({ field: 'dueDate', reason: 'dateOrder' });
    expect(await rt.fail('collections.promise', { contractNo: 'C-1', amount: '-5', dueDate: '2026-03-10' }, collector)).toMatchObject({ field: 'amount' });
    await rt.call('day.close', { to: '2026-03-05' });
    await rt.call('loan.repay', { contractNo: 'C-1', amount: '1100' });
    await rt.call('loan.repay', { contractNo: 'C-2', amount: '400' });
    const open = await rt.call('collections.claim', { contractNo: 'C-2' });
    expect(open.promises[0]).toMatchObject({ status: 'open', paid: '400.00' });
    // The dashboard counts them without building the queue: the same figures as the queue's.
    const fromQueue = async () => {
      const today = (await rt.call('platform.status', {})).businessDate;
      const claims = allClaims(serviceContext(rt));
      return { dueToday: claims.filter((c) => c.promise?.status === 'open' && c.promise.dueDate === today).length, broken: claims.filter((c) => c.promise?.status === 'broken').length };
    };
    await rt.call('day.close', { to: '2026-03-10' });
    // C-1 paid 1,100 of 1,000: kept; C-2 (400 so far) and C-3 still open, due today.
    expect(promiseCounts(serviceContext(rt))).toEqual({ dueToday: 2, broken: 0 });
    expect(await fromQueue()).toEqual({ dueToday: 2, broken: 0 });
    await rt.call('day.close', { to: '2026-03-11' });
    expect(promiseCounts(serviceContext(rt))).toEqual({ dueToday: 0, broken: 1 });
    expect(await fromQueue()).toEqual({ dueToday: 0, broken: 1 });
    const statuses = await Promise.all(['C-1', 'C-2', 'C-3'].map(async (c) => (await rt.call('collections.claim', { contractNo: c })).promises[0]!.status));
    expect(statuses).toEqual(['kept', 'partly-kept', 'broken']);
    expect((await rt.call('collections.queue', { brokenPromise: true })).items.map((i) => i.contractNo)).toEqual(['C-3']);
  });
});

describe('limitation periods', () => {
  it('run three years from the last due date, restarted by a delivered demand, a payment and a lawsuit; the guarantor period does not restart', async () => {
    // A payment before the last due date (2026-04-15) does not move the start.
    await rt.call('loan.repay', { contractNo: 'C-1', amount: '500' });
    let claim = await rt.call('collections.claim', { contractNo: 'C-1' });
    expect(claim.limitation).toMatchObject({ start: '2026-04-15', lastInterruption: null, expiry: '2029-04-15', guarantorPeriodEnd: '2026-10-15' });
    await rt.call('day.close', { to: '2026-05-10' });
    // A call is not a demand that reached the debtor; a signed notice is.
    await log('C-1', '2026-05-10T10:00');
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).limitation!.expiry).toBe('2029-04-15');
    await log('C-1', '2026-05-10T11:00', { channel: 'registered-mail', outcome: '催收通知书已签收', demandDelivered: true });
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).limitation).toMatchObject({ expiry: '2029-05-10', lastInterruption: { date: '2026-05-10', kind: 'demand' } });
    await rt.call('day.close', { to: '2026-06-01' });
    await rt.call('loan.repay', { contractNo: 'C-1', amount: '300' });
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).limitation).toMatchObject({ expiry: '2029-06-01', lastInterruption: { kind: 'acknowledgement' } });
    await rt.call('day.close', { to: '2026-07-01' });
    const sued = await rt.call('limitation.record', { contractNo: 'C-1', kind: 'lawsuit', date: '2026-07-01', evidence: '(2026)浙0106民初1234号 立案通知书' }, collector);
    expect(sued).toMatchObject({ expiry: '2029-07-01', lastInterruption: { kind: 'lawsuit' }, guarantorPeriodEnd: '2026-10-15' });
    claim = await rt.call('collections.claim', { contractNo: 'C-1' });
    expect(claim.limitation!.guarantorPeriodEnd).toBe('2026-10-15');
    // Claims expiring within 90 days of a date.
    const due = await rt.call('limitation.due', { days: 90, asOf: '2029-02-01' });
    expect(due.map((d) => [d.contractNo, d.expiry, d.daysLeft])).toEqual([
      ['C-2', '2029-04-15', 73],
      ['C-3', '2029-04-15', 73],
    ]);
    // The dashboard's count, worked out in SQL, is the length of the list on every day around the expiries.
    for (const [asOf, days] of [['2029-01-14', 90], ['2029-01-15', 90], ['2029-01-16', 90], ['2029-02-01', 90], ['2029-04-02', 90], ['2029-04-03', 90], ['2029-06-01', 30], ['2029-07-01', 0], ['2030-01-01', 0]] as const) {
      expect(limitationDueCount(serviceContext(rt), { days, asOf }), `${asOf} + ${days}`).toBe((await rt.call('limitation.due', { days, asOf })).length);
    }
    expect(limitationDueCount(serviceContext(rt), { days: 90, asOf: '2029-02-01' })).toBe(2);
    expect(limitationDueCount(serviceContext(rt), { days: 0, asOf: '2030-01-01' })).toBe(3);
    expect(await rt.fail('limitation.record', { contractNo: 'C-1', kind: 'lawsuit', date: '2026-07-02', evidence: 'x' }, collector)).toMatchObject({ field: 'date', reason: 'afterBusinessDate' });
  });
});

describe('repayment plans', () => {
  it('re-schedule an overdue loan as a restructuring and track adherence: paid on time, then missed', async () => {
    expect(await rt.fail('collections.plan', { contractNo: 'C-1', periods: 6, reason: '经营困难' }, collector)).toMatchObject({ code: 'forbidden' });
    const plan = await rt.call('collections.plan', { contractNo: 'C-1', periods: 6, reason: '经营困难，申请分期' }, manager);
    // The overdue interest and penalty fall due today as the plan's first installment; nothing is late yet.
    expect(plan).toMatchObject({ startedOn: '2026-03-01', periods: 6, due: 1, paidOnTime: 0, missed: 0, status: 'on-track' });
    const loan = await rt.call('loan.get', { contractNo: 'C-1' });
    expect(loan.events.at(-1)).toMatchObject({ event: 'restructured' });
    expect(loan.dpd).toBe(0);
    expect((await rt.call('collections.queue', {})).items.map((i) => i.contractNo)).not.toContain('C-1');
    const first = loan.installments.find((i) => i.dueDate === '2026-03-01' && i.state !== 'paid')!;
    await rt.call('loan.repay', { contractNo: 'C-1', amount: first.total });
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).plans[0]).toMatchObject({ due: 1, paidOnTime: 1, status: 'on-track' });
    // The next plan installment falls due a month later and is not paid: the plan is behind and the loan back in the queue.
    await rt.call('day.close', { to: '2026-04-05' });
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).plans[0]).toMatchObject({ due: 2, paidOnTime: 1, missed: 1, status: 'behind' });
    expect((await rt.call('collections.queue', {})).items.map((i) => i.contractNo)).toContain('C-1');
  });
});

describe('agencies (委外)', () => {
  it('places accounts in a masked file (read back by openpyxl), refuses placing twice, and pays commission on what was recovered while placed', async () => {
    const agency = await rt.call('agency.create', { name: '杭州某律师事务所', contractFrom: '2026-01-01', contractTo: '2026-12-31', commission: { M1: '20.00' } }, manager);
    expect(agency.commission).toMatchObject({ M1: '20.00', M2: '18.00', 'M6+': '30.00' });
    expect(await rt.fail('agency.create', { name: 'x', contractFrom: '2026-02-01', contractTo: '2026-01-01' }, manager)).toMatchObject({ field: 'contractTo', reason: 'dateOrder' });
    const placed = await rt.call('collections.place', { agencyId: agency.id, contractNos: ['C-1', 'C-2'] }, manager);
    expect(placed.placed).toBe(2);
    const file = path.join(tempDataDir('placement'), placed.fileName);
    fs.writeFileSync(file, Buffer.from(placed.contentBase64, 'base64'));
    if (readersAvailable() === null) {
      const sheet = openpyxlDump(file)['委外清单']!;
      expect(sheet.rows[0]).toEqual(['合同编号', '债务人', '证件号码（脱敏）', '联系电话（脱敏）', '所在地区', '逾期天数', '账龄', '委托金额（元）']);
      expect(sheet.rows[1]!.slice(0, 7)).toEqual(['C-1', '赵六', '110105********002X', '139****5678', '浙江省', 14, 'M1']);
      expect(sheet.freeze).toBe('A2');
    }
    // Nowhere in the file — cells, shared strings, anything — is a full identity or phone number.
    const raw = execFileSync('unzip', ['-p', file], { encoding: 'latin1' });
    for (const secret of ['11010519491231002X', '440524199003072319', '13912345678']) expect(raw).not.toContain(secret);
    expect(await rt.fail('collections.place', { agencyId: agency.id, contractNos: ['C-1'] }, manager)).toMatchObject({ reason: 'alreadyPlaced' });
    expect(await rt.fail('collections.place', { agencyId: agency.id, contractNos: ['NOPE'] }, manager)).toMatchObject({ field: 'contractNos[0]' });
    // The export is on the audit trail, with the fields that left the building.
    const audit = await rt.call('audit.list', { entityType: 'placement-export' });
    expect(audit.items[0]!.after).toMatchObject({ contractNos: ['C-1', 'C-2'], agency: '杭州某律师事务所' });
    // Paid while placed: 2,000 on C-1 (M1 at 20% → 400.00) and 1,000 on C-2 (M1 → 200.00); after the recall of C-2, 500 more is not the agency's.
    await rt.call('day.close', { to: '2026-03-05' });
    await rt.call('loan.repay', { contractNo: 'C-1', amount: '2000' });
    await rt.call('loan.repay', { contractNo: 'C-2', amount: '1000' });
    await rt.call('collections.recall', { contractNos: ['C-2'] }, manager);
    await rt.call('day.close', { to: '2026-03-06' });
    await rt.call('loan.repay', { contractNo: 'C-2', amount: '500' });
    const statement = await rt.call('agency.statement', { agencyId: agency.id });
    expect(statement.items.map((i) => [i.contractNo, i.recovered, i.ratePercent, i.commission, i.recalledOn])).toEqual([
      ['C-1', '2000.00', '20.00', '400.00', null],
      ['C-2', '1000.00', '20.00', '200.00', '2026-03-05'],
    ]);
    expect(statement.totals).toEqual({ recovered: '3000.00', commission: '600.00' });
  });
});

describe('legal cases', () => {
  it('filing interrupts the limitation period; costs are charged to the loan and paid first; stages only move forward', async () => {
    const filed = await rt.call('legal.file', { contractNo: 'C-1', court: '杭州市西湖区人民法院', caseNo: '(2026)浙0106民初1234号', filedOn: '2026-03-01' }, collector);
    expect(filed).toMatchObject({ stage: 'filed', costsTotal: '0.00' });
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).limitation).toMatchObject({ lastInterruption: null });
    await rt.call('day.close', { to: '2026-04-20' });
    // The interruption counts only from the start of the period (the last due date, 15 April): filed before it, it does not move the expiry.
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).limitation).toMatchObject({ start: '2026-04-15', expiry: '2029-04-15' });
    const withCost = await rt.call('legal.cost', { caseId: filed.id, date: '2026-04-20', amount: '2000', kind: 'court-fee' }, collector);
    expect(withCost.costsTotal).toBe('2000.00');
    const loan = await rt.call('loan.get', { contractNo: 'C-1' });
    expect(loan.costsOutstanding).toBe('2000.00');
    const payment = await rt.call('loan.repay', { contractNo: 'C-1', amount: '2500' });
    expect(payment.payments.at(-1)!.allocations[0]).toEqual({ installment: null, component: 'costs', amount: '2000.00' });
    expect(payment.costsOutstanding).toBe('0.00');
    expect(await rt.fail('legal.stage', { caseId: filed.id, stage: 'filed', date: '2026-04-20' }, collector)).toMatchObject({ reason: 'stageOrder' });
    const judged = await rt.call('legal.stage', { caseId: filed.id, stage: 'judgment', date: '2026-04-20', note: '判决支持全部诉请' }, collector);
    expect(judged.events.map((e) => e.stage)).toEqual(['filed', 'judgment']);
    expect(await rt.fail('legal.cost', { caseId: filed.id, date: '2026-02-01', amount: '10', kind: 'other' }, collector)).toMatchObject({ field: 'date', reason: 'dateOrder' });
  });
});

describe('letters', () => {
  it('fill the template for each account into one DOCX, log each as a contact, and restart the limitation period once delivered', async () => {
    await rt.call('settings.set', { key: 'company.name', value: '杭州某小额贷款有限公司' });
    const made = await rt.call('collections.letters', { kind: 'notice', contractNos: ['C-1', 'C-2'], payBy: '2026-03-15' }, collector);
    expect(made.letters.map((l) => [l.contractNo, l.title])).toEqual([['C-1', '催收通知书'], ['C-2', '催收通知书']]);
    expect(made.letters[0]!.body).toContain('赵六（证件号码 110105********002X）');
    expect(made.letters[0]!.body).toContain('请于 2026-03-15 前足额归还');
    expect(made.letters[0]!.body).not.toMatch(/\{\{/);
    // The DOCX holds both letters, with the masked ID and never the full one.
    const file = path.join(tempDataDir('letters'), made.fileName);
    fs.writeFileSync(file, Buffer.from(made.contentBase64, 'base64'));
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('赵六');
    expect(xml).toContain('阿不都');
    expect(xml).toContain('杭州某小额贷款有限公司');
    expect(xml).not.toContain('11010519491231002X');
    const claim = await rt.call('collections.claim', { contractNo: 'C-1' });
    expect(claim.contacts[0]).toMatchObject({ channel: 'letter', demandDelivered: false, outcome: '催收通知书（付款期限 2026-03-15）' });
    // Delivered after the loan matured: the limitation period runs again from the delivery.
    await rt.call('day.close', { to: '2026-05-20' });
    expect(await rt.fail('collections.delivered', { contactId: made.letters[0]!.contactId, deliveredOn: '2026-02-01' }, collector)).toMatchObject({ field: 'deliveredOn', reason: 'dateOrder' });
    await rt.call('collections.delivered', { contactId: made.letters[0]!.contactId, deliveredOn: '2026-05-18', evidence: '挂号信回执 XA123456789CN' }, collector);
    expect((await rt.call('collections.claim', { contractNo: 'C-1' })).limitation).toMatchObject({ lastInterruption: { date: '2026-05-18', kind: 'demand' }, expiry: '2029-05-18' });
  });

  it('refuses a template that names a field no account has', async () => {
    const templates = (await rt.call('settings.list', {})).find((s) => s.key === 'collections.letterTemplates')!.value as Record<string, { title: string; body: string }>;
    const bad = { ...templates, notice: { title: '催收通知书', body: '{{debtorName}} 您好，{{salary}}' } };
    expect(await rt.fail('settings.set', { key: 'collections.letterTemplates', value: bad })).toMatchObject({ field: 'value' });
  });
});

describe('performance', () => {
  it('counts contacts by channel, promises made and kept, and money recovered on each collector’s accounts', async () => {
    await rt.call('collections.assign', { contractNos: ['C-1', 'C-2'], collector: 'xiaozhang' }, manager);
    await log('C-1', '2026-03-01T10:00');
    await log('C-2', '2026-03-01T10:05');
    await log('C-2', '2026-03-01T10:10', { channel: 'letter', outcome: '寄出' });
    await rt.call('collections.promise', { contractNo: 'C-1', amount: '1000', dueDate: '2026-03-05' }, collector);
    await rt.call('day.close', { to: '2026-03-04' });
    await rt.call('loan.repay', { contractNo: 'C-1', amount: '1234.56' });
    const stats = await rt.call('collections.performance', { from: '2026-03-01', to: '2026-03-31' });
    expect(stats).toEqual([
      expect.objectContaining({ collector: 'xiaozhang', calls: 2, sms: 0, letters: 1, visits: 0, promisesMade: 1, promisesKept: 1, recovered: '1234.56', incentive: '12.35' }),
    ]);
    // Both accounts were assigned in M1; 1% of 1,234.56 recovered is the incentive (12.3456 → 12.35).
    const [m1] = stats[0]!.byBucket;
    expect(m1).toMatchObject({ bucket: 'M1', accounts: 2, recovered: '1234.56', incentive: '12.35' });
    const fen = (v: string) => Math.round(Number(v) * 100);
    expect(Number(m1!.recoveryRatePercent)).toBeCloseTo((fen('1234.56') / fen(m1!.assigned)) * 100, 1);
    expect(fen(m1!.assigned)).toBeGreaterThan(200_000);
    // The dashboard's line of it, read without the contact log.
    expect(recoveredByCollector(serviceContext(rt), '2026-03-01', '2026-03-31')).toEqual([{ collector: 'xiaozhang', recovered: '1234.56' }]);
    expect(recoveredByCollector(serviceContext(rt), '2026-04-01', '2026-04-30')).toEqual([]);
  });
});
