/**
 * What every command of the `loanbridge` command line is handed, and the helpers they share: the
 * output, the runtime opened on first use, the clock, and how a command refuses its input.
 */
import fs from 'node:fs';
import os from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { ChannelName } from '../../shared/contract';
import type { AppErrorPayload } from '../../shared/contract/errors';
import type { Clock } from '../../shared/dates/clock';
import type { Actor } from '../../shared/platform/permissions';
import type { Runtime } from '../services/runtime';
import type { Output } from './output';

/** Thrown inside a command to stop with a refused-input exit. */
export class CliFailure extends Error {
  constructor(readonly payload: AppErrorPayload) {
    super(payload.message);
  }
}

export interface CliContext {
  output: Output;
  /** The clock the command's runtime reads (the machine's, unless a test pins it). */
  now: Clock;
  /** Opens the data folder on first use; commands that need no database never open it. */
  runtime(): Promise<Runtime>;
  call<T>(channel: ChannelName, input: unknown): Promise<T>;
}

/**
 * Who the CLI acts as: a named user after a password check, or the local administrator — whoever can
 * run commands on the machine that holds the data folder can read the file anyway. Audited either way.
 */
export const localAdministrator = (): Actor => ({ userName: `local-admin:${os.userInfo().username}`, role: 'administrator' });

/** Reads the JSON file an option names; says which option, and whether the file was unreadable or not JSON. */
export function readJsonOption(file: string, option: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliFailure({ code: 'bad-request', field: option, message: `--${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliFailure({ code: 'bad-request', field: option, message: `--${option}: ${file} is not valid JSON (${(error as Error).message})` });
  }
}

export function integerOption(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name}: expected a whole number, got "${value}"`);
    return Number(value);
  };
}
