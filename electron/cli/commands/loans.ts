/** Loan commands: the lifecycle from the terminal, with the same checks as the app. */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import type { LoanDetail, LoanSummary } from '../../../shared/lending/loan';
import { CliFailure, integerOption, readJsonOption, type CliContext } from '../context';
import { money, printValue, table } from '../output';

/** What the JSON list prints per loan: the register columns, amounts as yuan strings. */
function registerJson(l: LoanSummary) {
  return {
    contractNo: l.contractNo,
    borrowerId: l.borrowerId,
    borrowerName: l.borrowerName,
    productCode: l.productCode,
    principal: l.principal,
    outstandingPrincipal: l.outstandingPrincipal,
    principalRepaid: l.principalRepaid,
    writtenOff: l.writtenOff,
    overduePrincipal: l.overduePrincipal,
    overdueInterest: l.overdueInterest,
    penaltyOutstanding: l.penaltyOutstanding,
    dpd: l.dpd,
    bucket: l.bucket,
    classification: l.classification,
    status: l.status,
    annualRate: l.annualRate,
    apr: l.apr,
    method: l.method,
    disbursementDate: l.disbursementDate,
    maturityDate: l.maturityDate,
  };
}

function detailText(l: LoanDetail): string {
  const head = [
    `${l.contractNo}  ${l.borrowerName}  ${l.status}  ${l.classification}  DPD ${l.dpd}`,
    `principal ${money(l.principal)}  outstanding ${money(l.outstandingPrincipal)}  overdue ${money(l.overduePrincipal)} + interest ${money(l.overdueInterest)} + penalty ${money(l.penaltyOutstanding)}`,
    `rate ${l.annualRate}%  APR ${l.apr}%  penalty rate ${l.penaltyRate}%  disbursed ${l.disbursementDate ?? '-'}  maturity ${l.maturityDate ?? '-'}`,
  ];
  const rows = l.installments.map((i) => [String(i.number), i.dueDate, money(i.total), money(i.principalPaid), money(i.interestPaid), money(i.penaltyAccrued), i.state]);
  return `${head.join('\n')}\n\n${table(['no', 'due', 'total', 'principal paid', 'interest paid', 'penalty', 'state'], rows)}`;
}

export function registerLoanCommands(program: Command, cli: CliContext): void {
  const loan = program.command('loan').description('loans (贷款)');
  const show = (detail: LoanDetail, line: string) => printValue(cli.output, detail, () => line);

  loan
    .command('create')
    .requiredOption('--borrower <id>', 'borrower id', integerOption('--borrower'))
    .requiredOption('--terms <terms.json>', 'the schedule engine\'s terms format')
    .option('--product <code>', 'loan product (penalty markup, grace days, allocation order)')
    .option('--purpose <text>')
    .option('--security <type>', 'credit | guarantee | mortgage | pledge | combined', 'credit')
    .option('--contract-no <no>', 'default: DK<yyyymm>-<sequence>')
    .option('--allow-above-cap', 'record an explicit override of the APR hard cap')
    .action(async (o: { borrower: number; terms: string; product?: string; purpose?: string; security: string; contractNo?: string; allowAboveCap?: boolean }) => {
      const detail = await cli.call<LoanDetail>('loan.create', {
        borrowerId: o.borrower,
        terms: readJsonOption(o.terms, 'terms'),
        ...(o.product ? { productCode: o.product } : {}),
        purpose: o.purpose ?? null,
        securityType: o.security,
        ...(o.contractNo ? { contractNo: o.contractNo } : {}),
        allowAboveCap: Boolean(o.allowAboveCap),
      });
      printValue(cli.output, detail, () => detail.contractNo);
    });

  loan
    .command('approve <contractNo>')
    .option('--reject', 'reject instead of approving')
    .option('--comment <text>')
    .option('--limit-override <reason>', 'approve over a lending limit (or with no net assets on file), recording why')
    .action(async (contractNo: string, o: { reject?: boolean; comment?: string; limitOverride?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.approve', { contractNo, decision: o.reject ? 'reject' : 'approve', comment: o.comment ?? null, limitOverride: o.limitOverride ?? null });
      show(detail, `${detail.contractNo} ${detail.status}`);
    });

  loan
    .command('disburse <contractNo>')
    .option('--date <date>', 'YYYY-MM-DD (default: as applied)')
    .action(async (contractNo: string, o: { date?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.disburse', { contractNo, ...(o.date ? { date: o.date } : {}) });
      show(detail, `${detail.contractNo} disbursed ${money(detail.principal)} on ${detail.disbursementDate}; ${detail.installments.length} installments to ${detail.maturityDate}`);
    });

  loan
    .command('repay <contractNo>')
    .requiredOption('--amount <yuan>')
    .option('--date <date>', 'value date (default: the business date)')
    .option('--channel <channel>', 'bank | cash | wechat | alipay | deduction | other', 'bank')
    .option('--reference <text>')
    .action(async (contractNo: string, o: { amount: string; date?: string; channel: string; reference?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.repay', { contractNo, amount: o.amount, channel: o.channel, reference: o.reference ?? null, ...(o.date ? { date: o.date } : {}) });
      const payment = detail.payments.at(-1)!;
      show(detail, `payment ${payment.id}: ${payment.allocations.map((a) => `${a.component}${a.installment ? ` #${a.installment}` : ''} ${money(a.amount)}`).join(', ')}\n${detail.contractNo} ${detail.status}, outstanding ${money(detail.outstandingPrincipal)}`);
    });

  loan
    .command('reverse')
    .description('reverse a payment (--payment) or another step of the loan (--event: an extension, a write-off, a classification)')
    .option('--payment <id>', 'payment id', integerOption('--payment'))
    .option('--event <id>', 'event id (loan show --json lists them)', integerOption('--event'))
    .requiredOption('--reason <text>')
    .action(async (o: { payment?: number; event?: number; reason: string }) => {
      const detail = await cli.call<LoanDetail>('loan.reverse', { ...(o.payment === undefined ? {} : { paymentId: o.payment }), ...(o.event === undefined ? {} : { eventId: o.event }), reason: o.reason });
      show(detail, `${o.payment === undefined ? `event ${o.event}` : `payment ${o.payment}`} reversed; ${detail.contractNo} outstanding ${money(detail.outstandingPrincipal)}, DPD ${detail.dpd}`);
    });

  loan
    .command('payoff <contractNo>')
    .option('--date <date>', 'quote date (default: the business date)')
    .action(async (contractNo: string, o: { date?: string }) => {
      const quote = await cli.call<ChannelOutput<'loan.payoff'>>('loan.payoff', { contractNo, ...(o.date ? { date: o.date } : {}) });
      printValue(cli.output, quote, () =>
        `payoff of ${contractNo} on ${quote.date}: ${money(quote.total)}\n  outstanding principal ${money(quote.outstandingPrincipal)}, interest for the days used ${money(quote.accruedInterest)}, overdue ${money(quote.overdue.principal)} + ${money(quote.overdue.interest)} + penalty ${money(quote.overdue.penalty)}`,
      );
    });

  loan
    .command('settle <contractNo>')
    .description('early settlement with the payoff amount on the date')
    .option('--date <date>')
    .option('--channel <channel>', 'payment channel', 'bank')
    .option('--reference <text>')
    .action(async (contractNo: string, o: { date?: string; channel: string; reference?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.settle', { contractNo, channel: o.channel, reference: o.reference ?? null, ...(o.date ? { date: o.date } : {}) });
      show(detail, `${detail.contractNo} ${detail.status}`);
    });

  loan
    .command('prepay <contractNo>')
    .description('partial prepayment: --keep-term lowers the installment, --keep-installment shortens the term')
    .requiredOption('--amount <yuan>')
    .option('--keep-installment', 'keep the installment and shorten the term (default: keep the term)')
    .option('--date <date>')
    .option('--channel <channel>', 'payment channel', 'bank')
    .action(async (contractNo: string, o: { amount: string; keepInstallment?: boolean; date?: string; channel: string }) => {
      const detail = await cli.call<LoanDetail>('loan.prepay', { contractNo, amount: o.amount, mode: o.keepInstallment ? 'keep-installment' : 'keep-term', channel: o.channel, ...(o.date ? { date: o.date } : {}) });
      show(detail, `${detail.contractNo}: outstanding ${money(detail.outstandingPrincipal)}, ${detail.installments.length} installments to ${detail.maturityDate}`);
    });

  loan
    .command('restructure <contractNo>')
    .description('extension (展期) or restructuring (重组): a new schedule for the outstanding principal')
    .requiredOption('--periods <n>', 'periods of the new schedule', integerOption('--periods'))
    .requiredOption('--reason <text>')
    .option('--kind <kind>', 'extension | restructuring', 'extension')
    .option('--rate <percent>', 'new annual rate (default: unchanged)')
    .option('--date <date>')
    .action(async (contractNo: string, o: { periods: number; reason: string; kind: string; rate?: string; date?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.restructure', { contractNo, kind: o.kind, periods: o.periods, reason: o.reason, ...(o.rate ? { annualRate: o.rate } : {}), ...(o.date ? { date: o.date } : {}) });
      show(detail, `${detail.contractNo} ${o.kind}: new maturity ${detail.maturityDate}`);
    });

  loan
    .command('write-off <contractNo>')
    .description('write off (核销) the outstanding principal')
    .requiredOption('--reason <text>')
    .option('--date <date>')
    .action(async (contractNo: string, o: { reason: string; date?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.writeOff', { contractNo, reason: o.reason, ...(o.date ? { date: o.date } : {}) });
      show(detail, `${detail.contractNo} written off: ${money(detail.writtenOff)}`);
    });

  loan
    .command('recover <contractNo>')
    .description('money received after write-off (核销后收回)')
    .requiredOption('--amount <yuan>')
    .option('--date <date>')
    .option('--channel <channel>', 'payment channel', 'bank')
    .option('--reference <text>')
    .action(async (contractNo: string, o: { amount: string; date?: string; channel: string; reference?: string }) => {
      const detail = await cli.call<LoanDetail>('loan.recover', { contractNo, amount: o.amount, channel: o.channel, reference: o.reference ?? null, ...(o.date ? { date: o.date } : {}) });
      show(detail, `${detail.contractNo}: recovered ${money(detail.recovered)} of ${money(detail.writtenOff)} written off`);
    });

  loan
    .command('classify <contractNo>')
    .description('manual five-category class with a reason; --automatic returns to the class from DPD')
    .option('--class <class>', 'normal | special-mention | substandard | doubtful | loss')
    .option('--automatic')
    .requiredOption('--reason <text>')
    .action(async (contractNo: string, o: { class?: string; automatic?: boolean; reason: string }) => {
      if (!o.class && !o.automatic) throw new CliFailure({ code: 'bad-request', field: 'class', message: '--class: give a class or --automatic' });
      const detail = await cli.call<LoanDetail>('loan.classify', { contractNo, classification: o.automatic ? null : o.class, reason: o.reason });
      show(detail, `${detail.contractNo} class ${detail.classification}${detail.classOverride ? ' (manual)' : ''}`);
    });

  loan
    .command('show <contractNo>')
    .action(async (contractNo: string) => {
      const detail = await cli.call<LoanDetail>('loan.get', { contractNo });
      printValue(cli.output, detail, () => detailText(detail));
    });

  loan
    .command('list')
    .description('the loan register; without --page, every matching loan')
    .option('--q <text>', 'contract number prefix or borrower name')
    .option('--status <status>')
    .option('--bucket <bucket>', 'current | M1 | M2 | M3 | M4-M6 | M6+')
    .option('--classification <class>', 'normal | special-mention | substandard | doubtful | loss')
    .option('--product <code>')
    .option('--officer <user>')
    .option('--borrower <id>', 'borrower id', integerOption('--borrower'))
    .option('--sort <column>', 'contractNo | principal | outstandingPrincipal | dpd | disbursementDate', 'contractNo')
    .option('--page <n>', 'one page', integerOption('--page'))
    .option('--page-size <n>', 'rows per page (max 500)', integerOption('--page-size'))
    .action(async (o: { q?: string; status?: string; bucket?: string; classification?: string; product?: string; officer?: string; borrower?: number; sort: string; page?: number; pageSize?: number }) => {
      const filters = {
        ...(o.q ? { q: o.q } : {}),
        ...(o.status ? { status: o.status } : {}),
        ...(o.bucket ? { bucket: o.bucket } : {}),
        ...(o.classification ? { classification: o.classification } : {}),
        ...(o.product ? { productCode: o.product } : {}),
        ...(o.officer ? { officer: o.officer } : {}),
        ...(o.borrower ? { borrowerId: o.borrower } : {}),
        sort: o.sort,
        direction: 'asc',
      };
      let items: LoanSummary[] = [];
      let last: ChannelOutput<'loan.list'> | undefined;
      for (let page = o.page ?? 1; ; page++) {
        last = await cli.call<ChannelOutput<'loan.list'>>('loan.list', { ...filters, page, pageSize: o.pageSize ?? 500 });
        items = items.concat(last.items);
        if (o.page !== undefined || items.length >= last.total || last.items.length === 0) break;
      }
      const result = { total: last!.total, totals: last!.totals, items: items.map(registerJson) };
      printValue(cli.output, result, () =>
        `${table(
          ['contract', 'borrower', 'principal', 'outstanding', 'DPD', 'bucket', 'class', 'status'],
          items.map((l) => [l.contractNo, l.borrowerName, money(l.principal), money(l.outstandingPrincipal), String(l.dpd), l.bucket, l.classification, l.status]),
        )}\n${items.length} of ${result.total} loans; outstanding ${money(result.totals.outstandingPrincipal)}`,
      );
    });

  program
    .command('close-day')
    .description('daily close (日终): move the business date and bring every loan up to it')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .action(async (o: { to: string }) => {
      const result = await cli.call<ChannelOutput<'day.close'>>('day.close', { to: o.to });
      printValue(cli.output, result, () => `business date ${result.from} → ${result.to}; ${result.loans} loans brought up to date`);
    });
}
