import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import type { ProductView } from '../../../shared/lending/product';
import { CliFailure, integerOption, readJsonOption, type CliContext } from '../context';
import { printValue, table } from '../output';

function describe(p: ProductView): string {
  return `${p.code} ${p.name}: ${p.method}, ${p.annualRate}%, ${p.periods} periods, penalty +${p.penaltyMarkupPercent}%, ${p.allocationStrategy} (${p.allocationOrder.join(' → ')})${p.active ? '' : ', inactive'}`;
}

/** Loan products (贷款产品): the defaults a new loan's terms and servicing rules start from. */
export function registerProductCommands(program: Command, cli: CliContext): void {
  const product = program.command('product').description('loan products (贷款产品): defaults for new loans');

  product
    .command('add')
    .description('add a product from a JSON file in the product.create format (see README)')
    .requiredOption('--file <product.json>', 'e.g. {"code":"JY18","name":"经营贷18期","method":"equal-installment","annualRate":"17.30","periods":18,"interestOnlyPeriods":6}')
    .action(async (options: { file: string }) => {
      const created = await cli.call<ProductView>('product.create', readJsonOption(options.file, 'file'));
      printValue(cli.output, created, () => `added product ${created.id}: ${describe(created)}`);
    });

  product
    .command('list')
    .description('every product, active or not')
    .action(async () => {
      const list = await cli.call<ChannelOutput<'product.list'>>('product.list', {});
      printValue(cli.output, list, () =>
        `${table(['id', 'code', 'name', 'method', 'rate %', 'periods', 'penalty +%', 'applied', 'active'], list.map((p) => [String(p.id), p.code, p.name, p.method, p.annualRate, String(p.periods), p.penaltyMarkupPercent, p.allocationStrategy, p.active ? 'yes' : 'no']))}\n${list.length} products`,
      );
    });

  product
    .command('update')
    .description('replace a product’s fields from a JSON file (the whole product, as add takes it); loans already entered keep their terms')
    .requiredOption('--id <n>', 'the product', integerOption('--id'))
    .requiredOption('--file <product.json>', 'the product.create format')
    .action(async (options: { id: number; file: string }) => {
      const current = (await cli.call<ChannelOutput<'product.list'>>('product.list', {})).find((p) => p.id === options.id);
      if (!current) throw new CliFailure({ code: 'not-found', field: 'id', reason: 'productNotFound', message: `--id: no loan product ${options.id}` });
      const fields = readJsonOption(options.file, 'file') as object;
      // The version guards against a change made meanwhile on another desk.
      const updated = await cli.call<ProductView>('product.update', { ...fields, id: options.id, version: current.version });
      printValue(cli.output, updated, () => `updated product ${updated.id}: ${describe(updated)}`);
    });
}
