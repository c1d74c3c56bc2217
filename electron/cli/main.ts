/**
 * The `loanbridge` command line: the same handler map as the app, for accountants' scheduled
 * exports and administrators' scripts. Exit code 0 on success, 2 when input is refused, 1 otherwise.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { ChannelName } from '../../shared/contract';
import { AppError, type AppErrorPayload } from '../../shared/contract/errors';
import { LOCAL_ADMINISTRATOR } from '../../shared/platform/permissions';
import { openRuntime, type Runtime } from '../services/runtime';
import { resolveDataDir } from '../services/platform/data-dir';
import { APP_VERSION } from '../services/version';
import { registerBorrowerCommands } from './commands/borrowers';
import { registerPlatformCommands } from './commands/platform';
import { registerScheduleCommands } from './commands/schedule';
import { exitCodeFor, printError, type Output } from './output';

/** Thrown inside a command to stop with a refused-input exit. */
export class CliFailure extends Error {
  constructor(readonly payload: AppErrorPayload) {
    super(payload.message);
  }
}

export interface CliContext {
  output: Output;
  /** Opens the data folder on first use; commands that need no database never open it. */
  runtime(): Promise<Runtime>;
  call<T>(channel: ChannelName, input: unknown): Promise<T>;
}

export function integerOption(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name}: expected a whole number, got "${value}"`);
    return Number(value);
  };
}

export async function main(argv: string[], io: Partial<Pick<Output, 'out' | 'err'>> = {}): Promise<number> {
  const output: Output = {
    json: argv.includes('--json'),
    out: io.out ?? ((text) => process.stdout.write(`${text}\n`)),
    err: io.err ?? ((text) => process.stderr.write(`${text}\n`)),
  };
  let runtime: Runtime | undefined;
  const program = new Command('loanbridge')
    .description('LoanBridge (贷桥) command line: the same operations as the desktop app')
    .version(APP_VERSION)
    .option('--data-dir <folder>', 'data folder (default: $LOANBRIDGE_DATA_DIR, else the per-user folder)')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) })
    .showHelpAfterError(false);

  const context: CliContext = {
    output,
    async runtime() {
      runtime ??= await openRuntime({ dataDir: resolveDataDir(program.opts<{ dataDir?: string }>().dataDir) });
      return runtime;
    },
    async call<T>(channel: ChannelName, input: unknown): Promise<T> {
      const result = await (await context.runtime()).dispatch(channel, input, LOCAL_ADMINISTRATOR);
      if (!result.ok) throw new CliFailure(result.error);
      return result.value as T;
    },
  };
  registerPlatformCommands(program, context);
  registerBorrowerCommands(program, context);
  registerScheduleCommands(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      return 2;
    }
    const payload =
      error instanceof CliFailure
        ? error.payload
        : error instanceof AppError
          ? error.toPayload()
          : ({ code: 'internal', message: (error as Error).message ?? String(error) } satisfies AppErrorPayload);
    printError(output, payload);
    return exitCodeFor(payload);
  } finally {
    runtime?.close();
  }
}
