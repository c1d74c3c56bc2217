/**
 * The `loanbridge` command line: the same handler map as the app, for accountants' scheduled
 * exports and administrators' scripts. Exit code 0 on success, 2 when input is refused, 1 otherwise.
 */
import { Command, CommanderError } from 'commander';
import type { ChannelName } from '../../shared/contract';
import { systemClock, type Clock } from '../../shared/dates/clock';
import { AppError, type AppErrorPayload } from '../../shared/contract/errors';
import type { Caller } from '../services/dispatch';
import { openRuntime, type Runtime } from '../services/runtime';
import { resolveDataDir } from '../services/platform/data-dir';
import { APP_VERSION } from '../services/version';
import { registerAdminCommands } from './commands/admin';
import { registerBorrowerCommands } from './commands/borrowers';
import { registerGuaranteeCommands } from './commands/guarantees';
import { registerLoanCommands } from './commands/loans';
import { registerMonitoringCommands } from './commands/monitoring';
import { registerCollectionCommands } from './commands/collections';
import { registerExportCommands } from './commands/exports';
import { registerImportCommands } from './commands/imports';
import { registerReportCommands } from './commands/reports';
import { registerRestoreCommand } from './commands/restore';
import { registerPlatformCommands } from './commands/platform';
import { registerProductCommands } from './commands/products';
import { registerScheduleCommands } from './commands/schedule';
import { CliFailure, localAdministrator, type CliContext } from './context';
import { exitCodeFor, printError, type Output } from './output';

async function cliCaller(runtime: Runtime, options: { user?: string; password?: string }): Promise<Caller> {
  if (!options.user) return { actor: localAdministrator() };
  const password = options.password ?? process.env.LOANBRIDGE_PASSWORD;
  if (!password) {
    throw new CliFailure({ code: 'bad-request', field: 'password', message: '--user needs a password: --password or $LOANBRIDGE_PASSWORD' });
  }
  const signedIn = await runtime.dispatch('session.signIn', { userName: options.user, password }, { session: null });
  if (!signedIn.ok) throw new CliFailure(signedIn.error);
  return { session: (signedIn.value as { token: string }).token };
}

export async function main(argv: string[], io: Partial<Pick<Output, 'out' | 'err'>> = {}, options: { now?: Clock } = {}): Promise<number> {
  const now = options.now ?? systemClock;
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
    .option('--user <name>', 'act as this LoanBridge user (password from --password or $LOANBRIDGE_PASSWORD); default: the local administrator')
    .option('--password <password>', 'the --user password (prefer $LOANBRIDGE_PASSWORD: command lines are visible to other users)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) })
    .showHelpAfterError(false);

  let caller: Caller | undefined;
  const context: CliContext = {
    output,
    now,
    async runtime() {
      runtime ??= await openRuntime({ dataDir: resolveDataDir(program.opts<{ dataDir?: string }>().dataDir), now });
      return runtime;
    },
    async call<T>(channel: ChannelName, input: unknown): Promise<T> {
      const opened = await context.runtime();
      caller ??= await cliCaller(opened, program.opts<{ user?: string; password?: string }>());
      const result = await opened.dispatch(channel, input, caller);
      if (!result.ok) throw new CliFailure(result.error);
      return result.value as T;
    },
  };
  registerPlatformCommands(program, context);
  registerBorrowerCommands(program, context);
  registerScheduleCommands(program, context);
  registerProductCommands(program, context);
  registerLoanCommands(program, context);
  registerGuaranteeCommands(program, context);
  registerMonitoringCommands(program, context);
  registerCollectionCommands(program, context);
  registerExportCommands(program, context);
  registerImportCommands(program, context);
  registerReportCommands(program, context);
  registerAdminCommands(program, context);
  registerRestoreCommand(program, context, () => resolveDataDir(program.opts<{ dataDir?: string }>().dataDir));

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
