/**
 * The demo guarantee book: partner banks with credit lines, net assets, and contracts of every client
 * size and guarantee type over the last two years — most released, some compensated and recovered or
 * lost, the rest in force with bank repayments, monitoring checks and a few warning signals. Through
 * the real services, so every figure is what the officers' own entries would have produced.
 */
import { allBanks } from '../../../../db/repositories/guarantees/guarantees';
import { allBorrowerRows } from '../../../../db/repositories/lending/borrowers';
import { netAssetsAsOf } from '../../../../db/repositories/platform/net-assets';
import { contract, type ChannelInput, type ChannelName } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import { addMonths, formatIsoDate, parseIsoDate } from '../../../../shared/dates/calendar';
import type { ServiceContext } from '../../context';
import { createBank } from '../../guarantees/contracts';
import { guaranteeStep, loadGuaranteeBook, type GuaranteeHistory, type GuaranteeStepInput } from '../../guarantees/guarantee-book';
import { recordNetAssets } from '../net-assets';
import { businessDate } from '../status';
import type { SeededRandom } from './random';

const BANKS = [
  { name: '杭州联合农村商业银行', branch: '西湖支行', creditLine: '300000000' },
  { name: '浙江泰隆商业银行', branch: '城西支行', creditLine: '200000000' },
  { name: '中国邮政储蓄银行', branch: '拱墅区支行', creditLine: '150000000' },
  { name: '宁波银行', branch: '杭州分行营业部', creditLine: '250000000' },
];

const parse = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => contract[channel].input.parse(input) as never;

export function generateGuarantees(ctx: ServiceContext, random: SeededRandom, count: number): number {
  if (count === 0) return 0;
  const today = businessDate(ctx);
  const day = (iso: string) => parseIsoDate(iso)!;
  const iso = formatIsoDate;
  const clients = allBorrowerRows(ctx.db);
  if (clients.length === 0) throw new AppError('validation', 'guarantees: there are no clients to guarantee; add --borrowers', { field: 'guarantees', reason: 'noBorrowers' });
  if (allBanks(ctx.db).length === 0) {
    const from = `${Number(today.slice(0, 4)) - 2}-01-01`;
    for (const bank of BANKS) createBank(ctx, parse('bank.create', { ...bank, lineValidFrom: from, lineValidTo: `${Number(today.slice(0, 4)) + 1}-06-30`, marginPercent: '20', riskSharePercent: random.pick(['0', '10', '20']) }));
  }
  if (!netAssetsAsOf(ctx.db, today)) recordNetAssets(ctx, parse('netAssets.record', { periodEnd: `${Number(today.slice(0, 4)) - 1}-12-31`, amount: '600000000', note: '演示：上年末经审计净资产' }));
  const banks = allBanks(ctx.db);
  const book: GuaranteeHistory[] = [];
  for (let k = 0; k < count; k++) {
    const client = random.pick(clients);
    // Individuals are farm households or sole traders (个体工商户, small/micro); companies mostly small/micro.
    const clientSize = client.kind === 'individual' ? (random.chance(0.6) ? 'farm-household' : 'small-micro') : random.chance(0.75) ? 'small-micro' : 'other';
    const guaranteeType = client.kind === 'individual' || random.chance(0.9) ? 'loan' : random.chance(0.6) ? 'bond' : 'other';
    const amount = (clientSize === 'farm-household' ? random.int(5, 100) : random.int(20, 800)) * 10_000;
    const loanStart = iso(day(today) - random.int(15, 720));
    const months = random.pick([6, 12, 12, 12, 24, 36]);
    const loanEnd = iso(addMonths(day(loanStart), months));
    const input = {
      clientId: client.id,
      bankId: random.pick(banks).id,
      guaranteeType,
      clientSize,
      ...(guaranteeType === 'bond' ? { issuerRating: random.pick(['AA+', 'AA', 'AA-', 'A+']) } : {}),
      guaranteedAmount: String(amount),
      bankLoanNo: `JK${loanStart.replaceAll('-', '')}${random.digits(4)}`,
      bankLoanRate: random.pick(['3.45', '3.85', '4.35', '4.75']),
      loanStart,
      loanEnd,
      feeRatePercent: random.pick(['1.00', '1.50', '2.00', '2.50']),
      feeCharging: months > 12 && random.chance(0.5) ? 'yearly' : 'upfront',
      marginDeposit: String(Math.round(amount * random.pick([0, 0.1, 0.2]))),
    } as const;
    book.push({
      application: parse('guarantee.create', input),
      // Over a limit: the review meeting approved it anyway, as the override records.
      overrideWhenRefused: '审保会审议通过，超限额度经董事会特批',
      steps: [
        guaranteeStep('approve', { reviewDate: iso(day(loanStart) - random.int(3, 20)), members: '审保会：王总、李经理、陈律师', conditions: random.chance(0.3) ? '追加实际控制人连带责任保证' : null }),
        guaranteeStep('activate', { date: loanStart }),
        ...lifeOf(random, { amount, loanStart, loanEnd, today }),
      ],
    });
  }
  loadGuaranteeBook(ctx, book);
  return count;
}

/** What happened since the bank lent: repayments, checks and signals; at maturity release or default. */
function lifeOf(random: SeededRandom, c: { amount: number; loanStart: string; loanEnd: string; today: string }): GuaranteeStepInput[] {
  const day = (iso: string) => parseIsoDate(iso)!;
  const { amount, today } = c;
  const steps: GuaranteeStepInput[] = [];
  const matured = c.loanEnd <= today;
  const defaults = random.chance(0.12);
  // A part repaid to the bank half-way (from the bank's notice).
  const halfway = formatIsoDate(Math.round((day(c.loanStart) + Math.min(day(c.loanEnd), day(today))) / 2));
  let repaid = 0;
  if (random.chance(0.4) && halfway > c.loanStart) {
    repaid = Math.round((amount * random.pick([0.1, 0.2, 0.3])) / 10_000) * 10_000;
    if (repaid > 0) steps.push(guaranteeStep('repay', { amount: String(repaid), date: halfway }));
  }
  // Checks on file for the contracts still in force, the first one about when it fell due.
  if (!matured || defaults) {
    let checkedOn = formatIsoDate(day(c.loanStart) + random.int(50, 80));
    const last = matured ? c.loanEnd : today;
    while (checkedOn < last && random.chance(0.85)) {
      const grade = defaults && checkedOn > halfway ? random.pick(['special-mention', 'substandard'] as const) : 'normal';
      steps.push(guaranteeStep('check', { checkedOn, checkType: random.pick(['site-visit', 'statements-review', 'bank-inquiry', 'collateral-inspection']), findings: grade === 'normal' ? '经营正常，按时付息，资金用途与约定一致' : '销售回款放缓，银行反映付息延迟', riskGrade: grade }));
      checkedOn = formatIsoDate(addMonths(day(checkedOn), grade === 'normal' ? 3 : 1));
    }
  }
  if (!matured && defaults) steps.push(guaranteeStep('signal', { signal: random.pick(['interest-unpaid', 'litigation', 'business-stoppage', 'key-person-missing']), date: today, detail: '合作银行通知' }));
  if (!matured) return steps;
  if (!defaults) return [...steps, guaranteeStep('release', { date: c.loanEnd })];
  const compensatedOn = formatIsoDate(Math.min(day(c.loanEnd) + random.int(5, 40), day(today)));
  const balance = amount - repaid;
  steps.push(guaranteeStep('compensate', { amount: String(balance), date: compensatedOn }));
  const recoveredOn = formatIsoDate(Math.min(day(compensatedOn) + random.int(30, 200), day(today)));
  if (recoveredOn <= compensatedOn) return steps;
  // Three in ten still unrecovered; a quarter recovered in full; the rest in part, some then written off as lost.
  const roll = random.next();
  if (roll < 0.3) return steps;
  const recovered = roll < 0.55 ? balance : Math.round((balance * random.pick([0.2, 0.4, 0.6])) / 100) * 100;
  steps.push(guaranteeStep('recover', { amount: String(recovered), date: recoveredOn, source: random.pick(['client', 'guarantor', 'collateral-sale']) }));
  if (recovered < balance && roll > 0.8) {
    steps.push(guaranteeStep('confirmLoss', { amount: String(balance - recovered), date: recoveredOn, evidenceType: random.pick(['judgment', 'enforcement-ruling']), documentNo: `(${recoveredOn.slice(0, 4)})浙0106执${random.int(100, 9999)}号` }));
  }
  return steps;
}
