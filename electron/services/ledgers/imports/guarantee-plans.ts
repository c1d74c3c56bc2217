/** Guarantee imports: contracts put in force on their start date (keyed by contract number) and bank repayments. */
import { bankRepaymentKeys, banksByName, borrowersByIdNumber, guaranteesByContract } from '../../../../db/repositories/ledgers/import-keys';
import { contract } from '../../../../shared/contract';
import type { ServiceContext } from '../../context';
import { activateGuarantee, approveGuarantee, createGuarantee, repayGuarantee } from '../../guarantees/contracts';
import { firstInFile, ownerOf, validated, type ImportPlan, type ImportUnit, type Sheets } from './plan';
import { cellIssue } from './rows';
import type { ImportIssue } from './workbook-reader';

export function planGuarantees(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
  const clients = borrowersByIdNumber(ctx.db);
  const banks = banksByName(ctx.db);
  const known = guaranteesByContract(ctx.db);
  const seen = new Map<string, number>();
  const units: ImportUnit[] = [];
  for (const p of sheets.get('guarantees') ?? []) {
    const v = p.values;
    const clientId = ownerOf(clients, p, 'clientIdNumber', issues);
    const bankId = banks.get(String(v.bankName ?? ''));
    if (v.bankName !== undefined && bankId === undefined) issues.push(cellIssue(p, 'bankName', 'bankNotFound', 'no partner bank of this name; add the bank first'));
    if (clientId === null || bankId === undefined || v.contractNo === undefined || !firstInFile(seen, String(v.contractNo), p, 'contractNo', issues)) continue;
    const input = validated(
      'guarantee.create',
      p,
      {
        contractNo: v.contractNo,
        clientId,
        bankId,
        guaranteeType: v.guaranteeType ?? 'loan',
        clientSize: v.clientSize,
        guaranteedAmount: v.guaranteedAmount,
        bankLoanRate: v.bankLoanRate,
        loanStart: v.loanStart,
        loanEnd: v.loanEnd,
        feeRatePercent: v.feeRatePercent,
        feeCharging: v.feeCharging ?? 'upfront',
        marginDeposit: v.marginDeposit ?? '0',
        // Business already on the books was reviewed and approved in the old system.
        overrideReason: '存量业务导入（原系统已审批）',
      },
      issues,
    );
    if (!input) continue;
    const existing = known.get(input.contractNo!);
    if (existing && (existing.clientId !== clientId || existing.guaranteedAmount !== input.guaranteedAmount)) {
      issues.push(cellIssue(p, 'contractNo', 'contractNoTaken', 'already in the book for another client or amount'));
      continue;
    }
    const start = String(input.loanStart);
    units.push({
      row: p,
      key: input.contractNo!,
      existing: Boolean(existing),
      write: () => {
        createGuarantee(ctx, input);
        approveGuarantee(ctx, contract['guarantee.approve'].input.parse({ contractNo: input.contractNo, reviewDate: String(v.reviewDate ?? start), members: '存量业务导入' }));
        activateGuarantee(ctx, contract['guarantee.activate'].input.parse({ contractNo: input.contractNo, date: start }));
      },
    });
  }
  return { units };
}

export function planBankRepayments(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
  const done = bankRepaymentKeys(ctx.db);
  const seen = new Map<string, number>();
  const units: ImportUnit[] = [];
  for (const p of sheets.get('bankRepayments') ?? []) {
    const v = p.values;
    const input = validated('guarantee.repay', p, { contractNo: v.contractNo, date: v.date, amount: v.amount }, issues);
    if (!input) continue;
    const key = `${input.contractNo}|${input.date}|${input.amount}`;
    if (!firstInFile(seen, key, p, 'amount', issues)) continue;
    units.push({ row: p, key, existing: done.has(key), write: () => void repayGuarantee(ctx, input) });
  }
  return { units };
}

