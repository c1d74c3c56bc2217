/** Loan products: the defaults a new loan starts from. */
import { allProducts, findProduct, findProductByCode, insertProduct, updateProductRow, type ProductRow } from '../../../db/repositories/lending/products';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { AllocationComponent, ProductView } from '../../../shared/lending/product';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent } from '../../../shared/rates/rate';
import { defaultDayCount } from '../../../shared/schedule/terms';
import { actorOf, instant, type ServiceContext } from '../context';

type ProductInput = ChannelParsedInput<'product.create'>;

export function toProductView(row: ProductRow): ProductView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    method: row.method,
    annualRate: formatPercent(row.annualRate),
    periods: row.periods,
    frequency: row.frequency,
    interestOnlyPeriods: row.interestOnlyPeriods,
    dayCount: row.dayCount,
    roundingMode: row.roundingMode,
    installmentMultiple: fenToYuan(row.installmentMultiple),
    upfrontFeePercent: formatPercent(row.upfrontFeeRate),
    periodicFee: fenToYuan(row.periodicFee),
    penaltyMarkupPercent: formatPercent(row.penaltyMarkup),
    compoundInterest: row.compoundInterest,
    graceDays: row.graceDays,
    allocationOrder: JSON.parse(row.allocationOrder) as AllocationComponent[],
    allocationStrategy: row.allocationStrategy,
    note: row.note,
    active: row.active,
    version: row.version,
  };
}

function columns(input: ProductInput) {
  return {
    code: input.code,
    name: input.name,
    method: input.method,
    annualRate: input.annualRate,
    periods: input.periods,
    frequency: input.frequency,
    interestOnlyPeriods: input.interestOnlyPeriods,
    dayCount: input.dayCount ?? defaultDayCount(input.method),
    roundingMode: input.roundingMode,
    installmentMultiple: input.installmentMultiple,
    upfrontFeeRate: input.upfrontFeePercent,
    periodicFee: input.periodicFee,
    penaltyMarkup: input.penaltyMarkupPercent,
    compoundInterest: input.compoundInterest,
    graceDays: input.graceDays,
    allocationOrder: JSON.stringify(input.allocationOrder),
    allocationStrategy: input.allocationStrategy,
    note: input.note,
    active: input.active,
  };
}

function assertCodeFree(ctx: ServiceContext, code: string, exceptId?: number): void {
  const existing = findProductByCode(ctx.db, code);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', `code: product ${existing.id} already uses the code ${code}`, { field: 'code', reason: 'productCodeTaken' });
  }
}

export function listProducts(ctx: ServiceContext): ChannelOutput<'product.list'> {
  return allProducts(ctx.db).map(toProductView);
}

export function createProduct(ctx: ServiceContext, input: ProductInput): ChannelOutput<'product.create'> {
  assertCodeFree(ctx, input.code);
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const id = insertProduct(ctx.db, { ...columns(input), createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
  const view = toProductView(findProduct(ctx.db, id)!);
  ctx.audit({ entityType: 'loan-product', entityId: id, before: null, after: view });
  return view;
}

export function updateProduct(ctx: ServiceContext, input: ChannelParsedInput<'product.update'>): ChannelOutput<'product.update'> {
  const before = findProduct(ctx.db, input.id);
  if (!before) throw new AppError('not-found', `no loan product with id ${input.id}`, { field: 'id', reason: 'productNotFound' });
  assertCodeFree(ctx, input.code, input.id);
  const changed = updateProductRow(ctx.db, input.id, input.version, { ...columns(input), updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  if (!changed) throw new AppError('conflict', `loan product ${input.id} was changed by someone else; reload and try again`, { reason: 'staleVersion' });
  const view = toProductView(findProduct(ctx.db, input.id)!);
  ctx.audit({ entityType: 'loan-product', entityId: input.id, before: toProductView(before), after: view });
  return view;
}
