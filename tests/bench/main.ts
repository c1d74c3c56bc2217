/**
 * `npm run bench [-- <figure>…] [-- --quick]`: speed figures measured the same way every run, each
 * beside its baseline, written to bench-results.json. Not part of `npm test`.
 */
import { machine, writeReport, type BenchFigure } from './report';
import { benchLending } from './lending';
import { benchSchedule } from './schedule';
import { benchExport } from './export';
import { benchImport } from './imports';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const selected = args.filter((a) => !a.startsWith('--'));
const wants = (name: string) => selected.length === 0 || selected.includes(name);

const m = machine();
console.log(`machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}${quick ? ', quick run' : ''}\n`);

const figures: BenchFigure[] = [];
// Best of several rounds: a round that meets a major GC or a busy neighbour on the two cores is not the engine's speed.
if (wants('schedule')) figures.push(...benchSchedule({ loans: quick ? 10_000 : 100_000, rounds: quick ? 3 : 5 }));
if (wants('export')) figures.push(...benchExport({ rows: quick ? 100_000 : 1_000_000 }));
if (wants('import')) figures.push(...(await benchImport({ loans: quick ? 10_000 : 100_000 })));
if (wants('lending')) figures.push(...(await benchLending({ loans: quick ? 10_000 : 100_000 })));
writeReport(figures);
