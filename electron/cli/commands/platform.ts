import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { integerOption, type CliContext } from '../context';
import { printValue } from '../output';

export function registerPlatformCommands(program: Command, cli: CliContext): void {
  program
    .command('status')
    .description('show the data folder, schema version and business date')
    .action(async () => {
      const status = await cli.call<ChannelOutput<'platform.status'>>('platform.status', {});
      printValue(cli.output, status, () =>
        [
          `database:       ${status.databaseFile}`,
          `schema version: ${status.schemaVersion}`,
          `business date:  ${status.businessDate}`,
          `app version:    ${status.appVersion}`,
        ].join('\n'),
      );
    });

  program
    .command('demo')
    .description('fill the data folder with a realistic demo book (all or nothing)')
    .option('--borrowers <n>', 'number of borrowers', integerOption('--borrowers'), 200)
    .option('--loans <n>', 'number of loans', integerOption('--loans'), 0)
    .option('--guarantees <n>', 'number of guarantee contracts, with partner banks and net assets (default: 50 when borrowers are created)', integerOption('--guarantees'))
    .option('--contacts <n>', 'number of collection contacts on the loans in arrears', integerOption('--contacts'), 0)
    .option('--seed <n>', 'random seed: the same seed gives the same book', integerOption('--seed'))
    .action(async (options: { borrowers: number; loans: number; guarantees?: number; contacts: number; seed?: number }) => {
      const result = await cli.call<ChannelOutput<'platform.demo'>>('platform.demo', {
        borrowers: options.borrowers,
        loans: options.loans,
        guarantees: options.guarantees ?? (options.borrowers > 0 ? 50 : 0),
        contacts: options.contacts,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
      printValue(cli.output, result, () => `created ${result.borrowers} borrowers, ${result.loans} loans, ${result.guarantees} guarantee contracts and ${result.contacts} collection contacts`);
    });
}
