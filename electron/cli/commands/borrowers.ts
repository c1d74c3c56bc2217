import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import type { BorrowerSummary } from '../../../shared/lending/borrower';
import { integerOption, readJsonOption, type CliContext } from '../context';
import { printValue, table } from '../output';

type Borrower = ChannelOutput<'borrower.get'>;

interface AddOptions {
  file?: string;
  kind?: string;
  name?: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  employer?: string;
  industry?: string;
  legalRepresentative?: string;
  note?: string;
}

function defaultIdType(kind: string | undefined): string {
  return kind === 'enterprise' ? 'social-credit-code' : 'resident-id';
}

function summaryRows(items: BorrowerSummary[]): string[][] {
  return items.map((b) => [String(b.id), b.kind, b.name, b.idNumber, b.phone ?? '']);
}

export function registerBorrowerCommands(program: Command, cli: CliContext): void {
  const borrower = program.command('borrower').description('borrowers (借款人)');

  borrower
    .command('add')
    .description('add a borrower from options or from a JSON file (--file)')
    .option('--file <borrower.json>', 'a JSON object in the borrower.create format (see README)')
    .option('--kind <kind>', 'individual | farm-household | enterprise', 'individual')
    .option('--name <name>')
    .option('--id-type <type>', 'resident-id | social-credit-code | passport | other')
    .option('--id-number <number>')
    .option('--phone <phone>')
    .option('--address <address>')
    .option('--employer <employer>')
    .option('--industry <industry>')
    .option('--legal-representative <name>')
    .option('--note <note>')
    .action(async (options: AddOptions) => {
      const input = options.file
        ? readJsonOption(options.file, 'file')
        : {
            kind: options.kind,
            name: options.name,
            idType: options.idType ?? defaultIdType(options.kind),
            idNumber: options.idNumber,
            phone: options.phone,
            address: options.address,
            employer: options.employer,
            industry: options.industry,
            legalRepresentative: options.legalRepresentative,
            note: options.note,
          };
      const created = await cli.call<Borrower>('borrower.create', input);
      printValue(cli.output, created, () => `added borrower ${created.id}: ${created.name} (${created.idNumber})`);
    });

  borrower
    .command('list')
    .description('list borrowers; without --page, every matching borrower')
    .option('--q <text>', 'part of the name, start of the ID number or part of the phone')
    .option('--kind <kind>', 'individual | farm-household | enterprise')
    .option('--page <n>', 'one page only', integerOption('--page'))
    .option('--page-size <n>', 'rows per page (max 500)', integerOption('--page-size'))
    .action(async (options: { q?: string; kind?: string; page?: number; pageSize?: number }) => {
      const filters = { ...(options.q ? { q: options.q } : {}), ...(options.kind ? { kind: options.kind } : {}) };
      let items: BorrowerSummary[] = [];
      let total = 0;
      if (options.page !== undefined) {
        const page = await cli.call<ChannelOutput<'borrower.list'>>('borrower.list', {
          ...filters,
          page: options.page,
          pageSize: options.pageSize ?? 20,
        });
        ({ items, total } = page);
      } else {
        const pageSize = options.pageSize ?? 500;
        for (let page = 1; ; page++) {
          const result = await cli.call<ChannelOutput<'borrower.list'>>('borrower.list', { ...filters, page, pageSize });
          items = items.concat(result.items);
          total = result.total;
          if (items.length >= total || result.items.length === 0) break;
        }
      }
      printValue(cli.output, { total, items }, () =>
        `${table(['id', 'kind', 'name', 'id number', 'phone'], summaryRows(items))}\n${items.length} of ${total} borrowers`,
      );
    });

  borrower
    .command('show <id>')
    .description('one borrower with related persons')
    .action(async (id: string) => {
      const found = await cli.call<Borrower>('borrower.get', { id: integerOption('id')(id) });
      printValue(cli.output, found, () =>
        [
          `${found.id}  ${found.name}  (${found.kind})`,
          `${found.idType}: ${found.idNumber}`,
          `phone: ${found.phone ?? '-'}   address: ${found.address ?? '-'}`,
          ...found.relatedPersons.map((p) => `  ${p.relationship}: ${p.name} ${p.phone ?? ''}`),
        ].join('\n'),
      );
    });
}
