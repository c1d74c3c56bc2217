/**
 * Lending figures on a generated book: building it through the real services, the register query
 * (p95 of random filters and sorts), the daily close and the dashboard.
 */
import { performance } from 'node:perf_hooks';
import { SeededRandom } from '../../electron/services/platform/demo/random';
import { openRuntime, type Runtime } from '../../electron/services/runtime';
import { tempDataDir } from '../helpers/runtime';
import { longestStall, percentile, stallFigure, type BenchFigure } from './report';
import { tsxWorker } from '../../electron/services/platform/tsx-worker';
import { benchUi } from './ui';
import { rawInsertSeconds, type BookPart } from './raw-inserts';

const admin = { actor: { userName: 'bench', role: 'administrator' as const } };

async function call(runtime: Runtime, channel: string, input: unknown) {
  const result = await runtime.dispatch(channel, input, admin);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

export async function benchLending(options: { loans: number }): Promise<BenchFigure[]> {
  // As in the app: the close and exports run in the background worker; the main thread's stalls are measured.
  const dataDir = tempDataDir('bench-lending');
  const runtime = await openRuntime({ dataDir, worker: tsxWorker });
  const figures: BenchFigure[] = [];
  try {
    // The issue's book at 100,000 loans: 20,000 guarantee contracts and 200,000 collection contacts beside
    // them (payments come with the loans' histories: every installment paid, late or early).
    const guarantees = options.loans / 5;
    const contacts = options.loans * 2;
    console.log(`lending: a book of ${options.loans.toLocaleString()} loans, ${guarantees.toLocaleString()} guarantees, ${contacts.toLocaleString()} collection contacts`);
    // Built part by part (each its own transaction, as a lender would load them), each timed and compared with
    // raw inserts of the rows it wrote.
    const lastAuditId = () => runtime.database.sqlite.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck().get() as number;
    const none = { borrowers: 0, loans: 0, guarantees: 0, contacts: 0, seed: 2026 };
    const plan = [
      { name: 'borrowers', input: { ...none, borrowers: Math.ceil(options.loans / 3) }, tables: ['loan_products', 'borrowers', 'borrower_related_persons'] },
      { name: 'loans with their history', input: { ...none, loans: options.loans }, tables: ['loans', 'installments', 'payments', 'payment_allocations', 'loan_events', 'loan_month_ends'] },
      { name: 'guarantees with their history', input: { ...none, guarantees }, tables: ['partner_banks', 'net_assets', 'guarantee_contracts', 'guarantee_events', 'monitoring_checks', 'warning_signals'] },
      { name: 'collection contacts', input: { ...none, contacts }, tables: ['collection_contacts'] },
    ];
    // The jobs worker is started first (an export of the empty register): starting a thread and loading its
    // modules is the app's cost on its first job, not the load's.
    let start = performance.now();
    await call(runtime, 'export.loanRegister', { language: 'zh-CN' });
    console.log(`  jobs worker started in ${((performance.now() - start) / 1000).toFixed(1)} s (not timed as part of the load)`);
    const built: Array<BookPart & { seconds: number }> = [];
    start = performance.now();
    for (const part of plan) {
      const after = lastAuditId();
      const partStart = performance.now();
      await call(runtime, 'platform.demo', part.input);
      built.push({ name: part.name, tables: part.tables, audit: { after, upTo: lastAuditId() }, seconds: (performance.now() - partStart) / 1000 });
    }
    const buildSeconds = (performance.now() - start) / 1000;
    const counted = (table: string) => runtime.database.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    const counts = Object.fromEntries(['loans', 'installments', 'payments', 'guarantee_contracts', 'guarantee_events', 'collection_contacts'].map((t) => [t, counted(t)]));
    console.log(`  demo book: ${buildSeconds.toFixed(1)} s (${Object.entries(counts).map(([t, n]) => `${n.toLocaleString()} ${t}`).join(', ')})`);
    runtime.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const raw = await rawInsertSeconds(runtime.database.file, built);
    const ratio = buildSeconds / raw.seconds;
    console.log(`  raw prepared inserts of the same ${raw.rows.toLocaleString()} rows: ${raw.seconds.toFixed(1)} s (the services take ${ratio.toFixed(1)}×)`);
    for (const [k, part] of built.entries()) {
      const floor = raw.parts[k]!;
      console.log(`    ${part.name}: ${part.seconds.toFixed(1)} s, raw ${floor.seconds.toFixed(1)} s for ${floor.rows.toLocaleString()} rows (${(part.seconds / floor.seconds).toFixed(1)}×)`);
    }
    figures.push({
      name: `bulk load of the book through the services (${raw.rows.toLocaleString()} rows)`,
      value: Number(buildSeconds.toFixed(1)),
      unit: 's',
      goal: '≤ 1.5× raw inserts',
      baseline: { name: 'raw better-sqlite3 prepared inserts of the same rows', value: Number(raw.seconds.toFixed(1)), unit: 's' },
      ratioToBaseline: Number(ratio.toFixed(2)),
      met: ratio <= 1.5,
    });

    const random = new SeededRandom(7);
    const timings: number[] = [];
    for (let k = 0; k < 200; k++) {
      const input: Record<string, unknown> = {
        sort: random.pick(['contractNo', 'principal', 'outstandingPrincipal', 'dpd', 'disbursementDate']),
        direction: random.pick(['asc', 'desc']),
        page: random.int(1, 20),
        pageSize: 50,
      };
      const filter = random.int(0, 4);
      if (filter === 1) input.status = random.pick(['disbursed', 'settled', 'written-off']);
      if (filter === 2) input.classification = random.pick(['normal', 'special-mention', 'substandard', 'doubtful', 'loss']);
      if (filter === 3) input.bucket = random.pick(['current', 'M1', 'M2', 'M3', 'M4-M6', 'M6+']);
      if (filter === 4) input.q = random.pick(['DK', '王', '李', '张', '有限公司']);
      start = performance.now();
      await call(runtime, 'loan.list', input);
      timings.push(performance.now() - start);
    }
    const p95 = percentile(timings, 95);
    console.log(`  register page: p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    figures.push({ name: `loan register page (any filter + sort, 50 rows, ${options.loans.toLocaleString()} loans)`, value: Number(p95.toFixed(1)), unit: 'ms p95', goal: '< 50 ms', baseline: null, met: p95 < 50 });

    const status = await call(runtime, 'platform.status', {});
    const next = new Date(new Date(`${status.businessDate as string}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
    start = performance.now();
    const { result: closed, stallMs: closeStall } = await longestStall(() => call(runtime, 'day.close', { to: next }));
    const closeSeconds = (performance.now() - start) / 1000;
    console.log(`  daily close: ${closeSeconds.toFixed(2)} s for ${String(closed.loans)} active loans`);
    figures.push({ name: `daily close (${options.loans.toLocaleString()} loans)`, value: Number(closeSeconds.toFixed(2)), unit: 's', goal: '< 5 s', baseline: null, met: closeSeconds < 5 });
    figures.push(stallFigure('the daily close', closeStall));

    // The whole register to Excel, as the accountant exports it, while the main thread keeps serving.
    start = performance.now();
    const { result: exported, stallMs: exportStall } = await longestStall(() => call(runtime, 'export.loanRegister', { language: 'zh-CN' }));
    console.log(`  register export: ${String(exported.rows)} rows in ${((performance.now() - start) / 1000).toFixed(1)} s, longest stall ${exportStall.toFixed(1)} ms`);
    figures.push(stallFigure(`an export of the register (${String(exported.rows)} rows)`, exportStall));

    // The dashboard and the guarantee ratios page over the whole book: the median of five.
    // The ratios page weighs every contract's dated events at any date asked (the dashboard reads the running
    // figures): a page opened on demand, so its goal is looser.
    const screens = [
      { channel: 'report.dashboard', name: `dashboard (${options.loans.toLocaleString()} loans, ${guarantees.toLocaleString()} guarantees)`, goalMs: 300 },
      { channel: 'guarantee.ratios', name: `guarantee ratios page (${guarantees.toLocaleString()} contracts)`, goalMs: 1_000 },
    ];
    // They run in the reports worker: the main thread's longest stall meanwhile is measured too.
    let screenStall = 0;
    for (const screen of screens) {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        start = performance.now();
        const { stallMs } = await longestStall(() => call(runtime, screen.channel, {}));
        times.push(performance.now() - start);
        screenStall = Math.max(screenStall, stallMs);
      }
      const ms = percentile(times, 50);
      console.log(`  ${screen.channel}: ${ms.toFixed(0)} ms (median of 5)`);
      figures.push({ name: screen.name, value: Number(ms.toFixed(0)), unit: 'ms', goal: `< ${screen.goalMs.toLocaleString()} ms`, baseline: null, met: ms < screen.goalMs });
    }
    figures.push(stallFigure('the dashboard and the ratios page', screenStall));
  } finally {
    runtime.close();
  }
  // The same book in Chromium: start, sign-in to the dashboard, a filter change.
  figures.push(...(await benchUi(dataDir, options.loans)));
  return figures;
}
