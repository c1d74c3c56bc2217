import fs from 'node:fs';
import os from 'node:os';
// The report's own timestamp is when the bench ran: the machine's clock, on purpose.
import { systemClock } from '../../shared/dates/clock';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  goal: string;
  baseline: { name: string; value: number; unit: string } | null;
  ratioToBaseline?: number;
  met: boolean;
}

export function machine() {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}

export function writeReport(figures: BenchFigure[], file = 'bench-results.json'): void {
  console.log('');
  console.log('| figure | value | goal | baseline | met |');
  console.log('|---|---|---|---|---|');
  for (const f of figures) {
    const baseline = f.baseline ? `${f.baseline.value.toLocaleString()} ${f.baseline.unit} (${f.baseline.name})` : '—';
    console.log(`| ${f.name} | ${f.value.toLocaleString()} ${f.unit} | ${f.goal} | ${baseline} | ${f.met ? 'yes' : 'NO'} |`);
  }
  fs.writeFileSync(file, JSON.stringify({ date: systemClock().toISOString(), machine: machine(), figures }, null, 2));
  console.log(`\nwritten to ${file}`);
}

/**
 * The longest the main thread's event loop waited while `work` ran (what a window would feel as a
 * freeze), sampled every 5 ms by Node's event-loop delay histogram.
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    const result = await work();
    return { result, stallMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

export function stallFigure(what: string, stallMs: number): BenchFigure {
  return { name: `longest main-thread stall during ${what}`, value: Number(stallMs.toFixed(1)), unit: 'ms', goal: '< 50 ms', baseline: null, met: stallMs < 50 };
}

/** The value at percentile `p` of the measurements (50: the median). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
