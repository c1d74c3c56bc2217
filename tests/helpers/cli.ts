import { main } from '../../electron/cli/main';
import { testClock } from './clock';

/** Runs the CLI in-process, its clock pinned at TEST_NOW, and captures what it prints. */
export async function runCli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, { now: testClock() });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
