/**
 * The guarantee book load must leave exactly what the one-contract services leave: the same contracts,
 * events, monitoring checks and warning signals. Two books, one built each way from the same stories,
 * compared table by table; then the load's refusals, which name the contract and step and leave nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { GUARANTEE_STEP_CHANNELS, guaranteeStep, loadGuaranteeBook, type GuaranteeHistory, type GuaranteeStepInput } from '../../../electron/services/guarantees/guarantee-book';
import { contract } from '../../../shared/contract';
import { expectSameTables, twinRuntimes } from '../../helpers/loaders';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';

const TODAY = '2026-09-30';

type StepChannel = (typeof GUARANTEE_STEP_CHANNELS)[keyof typeof GUARANTEE_STEP_CHANNELS];
/** Each step's kind by the channel the services take it through. */
const KINDS = Object.fromEntries(Object.entries(GUARANTEE_STEP_CHANNELS).map(([kind, channel]) => [channel, kind])) as Record<StepChannel, GuaranteeStepInput['kind']>;

interface Story {
  contract: Record<string, unknown>;
  steps: Array<[StepChannel, Record<string, unknown>]>;
}

const terms = (clientId: number, amount: string, loanStart: string, loanEnd: string) => ({ clientId, bankId: 1, clientSize: 'small-micro', guaranteedAmount: amount, bankLoanRate: '4.35', loanStart, loanEnd, feeRatePercent: '2.00', marginDeposit: '0' });
const approved = (reviewDate: string): [StepChannel, Record<string, unknown>] => ['guarantee.approve', { reviewDate, members: '审保会：王、李、陈', conditions: '追加股东连带责任保证' }];
const check = (checkedOn: string, riskGrade: string, more: Record<string, unknown> = {}): [StepChannel, Record<string, unknown>] => [
  'monitoring.record',
  { checkedOn, checkType: 'site-visit', findings: riskGrade === 'normal' ? '经营正常' : '回款放缓', riskGrade, ...more },
];

/** Every path: in force with checks and a signal, released, repaid in full, compensated and lost or recovered, approved only, over the line. */
const stories: Story[] = [
  {
    contract: terms(1, '3000000', '2026-01-10', '2027-01-10'),
    steps: [approved('2026-01-05'), ['guarantee.activate', { date: '2026-01-10' }], ['guarantee.repay', { amount: '500000', date: '2026-04-01' }], check('2026-03-05', 'normal'), check('2026-06-05', 'substandard'), check('2026-07-05', 'special-mention', { nextCheckOn: '2026-07-20' }), ['guarantee.raiseSignal', { signal: 'litigation', date: '2026-09-30', detail: '合作银行通知' }]],
  },
  { contract: terms(2, '800000', '2025-06-01', '2026-06-01'), steps: [approved('2025-05-20'), ['guarantee.activate', { date: '2025-06-01' }], check('2025-08-01', 'normal'), ['guarantee.release', { date: '2026-06-01' }]] },
  { contract: terms(3, '600000', '2026-02-01', '2026-08-01'), steps: [approved('2026-01-25'), ['guarantee.activate', { date: '2026-02-01' }], ['guarantee.repay', { amount: '200000', date: '2026-05-01' }], ['guarantee.repay', { amount: '400000', date: '2026-08-01' }]] },
  {
    contract: terms(4, '2000000', '2025-03-01', '2026-03-01'),
    steps: [
      approved('2025-02-20'),
      ['guarantee.activate', { date: '2025-03-01' }],
      ['guarantee.raiseSignal', { signal: 'interest-unpaid', date: '2025-03-05', detail: null }],
      ['guarantee.compensate', { amount: '2000000', date: '2026-03-20' }],
      ['guarantee.recover', { amount: '700000', date: '2026-06-01', source: 'collateral-sale' }],
      ['guarantee.confirmLoss', { amount: '1300000', date: '2026-08-01', evidenceType: 'judgment', documentNo: '(2026)浙0106民初123号' }],
    ],
  },
  { contract: terms(5, '1000000', '2025-09-01', '2026-03-01'), steps: [approved('2025-08-25'), ['guarantee.activate', {}], ['guarantee.compensate', { amount: '1000000', date: '2026-03-15' }], ['guarantee.recover', { amount: '1000000', date: '2026-05-15', source: 'guarantor' }]] },
  { contract: terms(6, '500000', '2026-10-10', '2027-10-10'), steps: [approved('2026-09-28')] },
  // Over the bank's line of 10,000,000 with the others in force: refused at entry, then entered with the override.
  { contract: terms(1, '9000000', '2026-05-01', '2027-05-01'), steps: [approved('2026-04-25'), ['guarantee.activate', { date: '2026-05-01' }]] },
];
const OVERRIDE = '审保会审议通过，超限额度经董事会特批';

async function seeded(): Promise<TestRuntime> {
  const rt = await testRuntime();
  await rt.call('day.close', { to: TODAY });
  await rt.call('platform.demo', { borrowers: 6, seed: 3 });
  await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2025-01-01', lineValidTo: '2027-12-31', marginPercent: '20', riskSharePercent: '20' });
  await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '60000000' });
  return rt;
}

async function throughServices(rt: TestRuntime): Promise<void> {
  for (const story of stories) {
    let created = await rt.call('guarantee.create', story.contract as never).catch(() => null);
    created ??= await rt.call('guarantee.create', { ...story.contract, overrideReason: OVERRIDE } as never);
    for (const [channel, input] of story.steps) await rt.call(channel, { ...input, contractNo: created.contractNo } as never);
  }
}


function histories(): GuaranteeHistory[] {
  return stories.map((story) => ({
    application: contract['guarantee.create'].input.parse(story.contract),
    overrideWhenRefused: OVERRIDE,
    steps: story.steps.map(([channel, input]) => guaranteeStep(KINDS[channel], input as never)),
  }));
}

/** Every guarantee table, without the wall-clock instants (the two books were built a moment apart). */
function tables(rt: TestRuntime) {
  const all = (sql: string) => rt.database.sqlite.prepare(sql).all() as Array<Record<string, unknown>>;
  const without = (rows: Array<Record<string, unknown>>, ...columns: string[]) => rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !columns.includes(k))));
  return {
    contracts: without(all('SELECT * FROM guarantee_contracts ORDER BY id'), 'created_at', 'updated_at'),
    events: all('SELECT contract_id, event, business_date, amount, detail, by FROM guarantee_events ORDER BY contract_id, id'),
    checks: without(all('SELECT * FROM monitoring_checks ORDER BY contract_id, id'), 'id', 'created_at', 'closed_at'),
    signals: without(all('SELECT * FROM warning_signals ORDER BY contract_id, id'), 'id', 'raised_at'),
    exposures: all('SELECT * FROM guarantee_client_exposures ORDER BY client_id').concat(all('SELECT * FROM guarantee_bank_exposures'), all('SELECT * FROM guarantee_liability_total')),
  };
}

const twins = twinRuntimes(seeded);
let one: TestRuntime;
let bulk: TestRuntime;
beforeEach(() => {
  [one, bulk] = [twins.services(), twins.loaded()];
});

describe('loading a book of guarantee contracts with their history', () => {
  it('leaves the same rows as the one-contract services', async () => {
    await throughServices(one);
    const ctx = serviceContext(bulk);
    const contractNos = ctx.transaction(() => loadGuaranteeBook(ctx, histories()));
    expect(contractNos).toHaveLength(stories.length);
    const [expected, actual] = [tables(one), tables(bulk)];
    // Not vacuous: every status, a cancelled and a covered check, the watch list, a signal's own check, the override.
    expect(expected.contracts.map((c) => c.status)).toEqual(['in-force', 'released', 'released', 'loss', 'closed', 'approved', 'in-force']);
    expect(expected.contracts[0]!.watch_list).toBe(1);
    expect(expected.checks.map((c) => c.status)).toEqual(expect.arrayContaining(['due', 'done', 'cancelled']));
    expect(expected.checks.map((c) => c.reason)).toEqual(expect.arrayContaining(['first', 'periodic', 'watch-list', 'warning-signal']));
    expect(expected.events.find((e) => e.contract_id === 7 && e.event === 'applied')!.detail).toContain(OVERRIDE);
    expectSameTables(actual, expected);
  });

  it('records the load in one audit entry', () => {
    const ctx = serviceContext(bulk);
    const before = bulk.database.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    ctx.transaction(() => loadGuaranteeBook(ctx, histories()));
    const entries = bulk.database.sqlite.prepare('SELECT entity_type, after FROM audit_log WHERE id > ?').all(before) as Array<{ entity_type: string; after: string }>;
    expect(entries.map((e) => e.entity_type)).toEqual(['guarantee-book']);
    expect(JSON.parse(entries[0]!.after)).toMatchObject({ contracts: stories.length, signals: 2 });
  });

  it.each([
    ['a bank repayment over the outstanding', (h: GuaranteeHistory[]) => Object.assign(h[2]!.steps[3]!, { amount: 50_000_000 }), 'guarantees[2].steps[3].amount', 'exceedsOutstanding'],
    ['a step after the business date', (h: GuaranteeHistory[]) => Object.assign(h[1]!.steps[3]!, { date: '2026-10-01' }), 'guarantees[1].steps[3].date', 'afterBusinessDate'],
    ['a check before the bank lent', (h: GuaranteeHistory[]) => Object.assign(h[0]!.steps[3]!, { checkedOn: '2026-01-09' }), 'guarantees[0].steps[3].checkedOn', 'dateOrder'],
    ['an unknown warning signal', (h: GuaranteeHistory[]) => Object.assign(h[0]!.steps[6]!, { signal: 'rumour' }), 'guarantees[0].steps[6].signal', 'unknownSignal'],
    ['a check on a released contract', (h: GuaranteeHistory[]) => h[1]!.steps.push({ ...h[1]!.steps[2]!, checkedOn: '2026-07-01' } as GuaranteeStepInput), 'guarantees[1].steps[4]', 'guaranteeStatus'],
    ['a limit breach with no override on file', (h: GuaranteeHistory[]) => delete h[6]!.overrideWhenRefused, 'guarantees[6].overrideReason', 'limitBreach'],
    ['an unknown client', (h: GuaranteeHistory[]) => (h[3]!.application.clientId = 999), 'guarantees[3].clientId', 'borrowerNotFound'],
  ])('refuses %s, naming the contract, step and field, and writes nothing', (_label, spoil, field, reason) => {
    const ctx = serviceContext(bulk);
    const book = histories();
    spoil(book);
    const count = (table: string) => bulk.database.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
    const tablesTouched = ['guarantee_contracts', 'guarantee_events', 'monitoring_checks', 'warning_signals', 'audit_log'];
    const before = tablesTouched.map(count);
    expect(() => ctx.transaction(() => loadGuaranteeBook(ctx, book))).toThrow(expect.objectContaining({ field, reason }));
    expect(tablesTouched.map(count)).toEqual(before);
  });
});
