/**
 * Lending imports: borrowers (keyed by identity number), collateral (by certificate number) and loans with
 * their payment history (by contract number), the loans written through the book loader.
 */
import { borrowersByIdNumber, collateralCertificates, loansByContract } from '../../../../db/repositories/ledgers/import-keys';
import { AppError } from '../../../../shared/contract/errors';
import { parseYuan } from '../../../../shared/money/yuan';
import type { ServiceContext } from '../../context';
import { createBorrower } from '../../lending/borrowers';
import { bookHistory, loadLoanBook, type MoneyReceived } from '../../lending/loan-book';
import type { ChannelParsedInput } from '../../../../shared/contract';

import { createCollateral } from '../../lending/security';
import { businessDate } from '../../platform/status';
import { firstInFile, ownerOf, str, UnitError, validated, type ImportPlan, type ImportUnit, type Sheets } from './plan';
import { cellIssue, nested } from './rows';
import type { ImportIssue } from './workbook-reader';

/** A loan of the file as it is read: its application and the money it received, in the book's terms. */
interface BookEntry {
  application: ChannelParsedInput<'loan.create'>;
  repayments: MoneyReceived[];
  earlySettlement: Omit<MoneyReceived, 'amount'> | null;
  writeOff: { reason: string; recoveries: Array<Omit<MoneyReceived, 'date'>> } | null;
}

const defaultIdType = (kind: unknown) => (kind === 'enterprise' ? 'social-credit-code' : 'resident-id');

export function planBorrowers(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
  const known = borrowersByIdNumber(ctx.db);
  const seen = new Map<string, number>();
  const units: ImportUnit[] = [];
  for (const p of sheets.get('borrowers') ?? []) {
    const v = p.values;
    if (v.idNumber === undefined || !firstInFile(seen, String(v.idNumber).toUpperCase(), p, 'idNumber', issues)) continue;
    const input = validated('borrower.create', p, { kind: v.kind, name: v.name, idType: v.idType ?? defaultIdType(v.kind), idNumber: v.idNumber, phone: str(v.phone), address: str(v.address), industry: str(v.industry), note: str(v.note) }, issues);
    if (!input) continue;
    const existing = known.get(input.idNumber);
    if (existing && existing.name !== input.name) {
      issues.push(cellIssue(p, 'idNumber', 'idNumberTaken', `already in the book as ${existing.name}`));
      continue;
    }
    units.push({ row: p, key: input.idNumber, existing: Boolean(existing), write: () => void createBorrower(ctx, input) });
  }
  return { units };
}

export function planCollateral(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
  const owners = borrowersByIdNumber(ctx.db);
  const certificates = collateralCertificates(ctx.db);
  const seen = new Map<string, number>();
  const units: ImportUnit[] = [];
  for (const p of sheets.get('collateral') ?? []) {
    const v = p.values;
    const owner = ownerOf(owners, p, 'ownerIdNumber', issues);
    if (owner === null || v.certificateNo === undefined || !firstInFile(seen, String(v.certificateNo), p, 'certificateNo', issues)) continue;
    const input = validated('collateral.create', p, { ownerBorrowerId: owner, kind: v.kind, description: v.description, certificateNo: v.certificateNo, appraisedValue: v.appraisedValue, appraisedOn: v.appraisedOn, appraiser: str(v.appraiser) }, issues);
    if (!input) continue;
    units.push({ row: p, key: String(v.certificateNo), existing: certificates.has(String(v.certificateNo)), write: () => void createCollateral(ctx, input) });
  }
  return { units };
}

export function planLoans(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
  const borrowers = borrowersByIdNumber(ctx.db);
  const loans = loansByContract(ctx.db);
  const today = businessDate(ctx);
  const seen = new Map<string, number>();
  const units: ImportUnit[] = [];
  const histories = new Map<ImportUnit, BookEntry>();
  const byContract = new Map<string, { history: BookEntry; lentOn: string }>();
  for (const p of sheets.get('loans') ?? []) {
    const v = p.values;
    const borrowerId = ownerOf(borrowers, p, 'borrowerIdNumber', issues);
    if (borrowerId === null || v.contractNo === undefined || !firstInFile(seen, String(v.contractNo), p, 'contractNo', issues)) continue;
    const input = validated('loan.create', p, { contractNo: v.contractNo, borrowerId, productCode: str(v.productCode), purpose: str(v.purpose), securityType: v.securityType, terms: nested(v, 'terms') }, issues);
    const settledOn = str(v.earlySettlementDate);
    if (!input) continue;
    const lentOn = String(v['terms.disbursementDate']);
    if (lentOn > today) {
      issues.push(cellIssue(p, 'terms.disbursementDate', 'afterBusinessDate', `${lentOn} is after the business date ${today}`));
      continue;
    }
    const existing = loans.get(input.contractNo!);
    if (existing && (existing.borrowerId !== borrowerId || existing.principal !== input.terms.principal)) {
      issues.push(cellIssue(p, 'contractNo', 'contractNoTaken', 'already in the book for another borrower or amount'));
      continue;
    }
    if (settledOn && (settledOn < lentOn || settledOn > today)) {
      issues.push(cellIssue(p, 'earlySettlementDate', 'dateOrder', `must be between the disbursement (${lentOn}) and the business date (${today})`));
      continue;
    }
    if (settledOn && v.writeOffReason !== undefined) {
      issues.push(cellIssue(p, 'writeOffReason', 'settledAndWrittenOff', 'a loan settled early is not written off'));
      continue;
    }
    const unit: ImportUnit = { row: p, key: input.contractNo!, existing: Boolean(existing) };
    const history: BookEntry = {
      application: input,
      repayments: [],
      earlySettlement: settledOn ? { date: settledOn, channel: 'bank', reference: null } : null,
      // Written off on the business date (the book loader's rule), with any recoveries from the payments sheet.
      writeOff: v.writeOffReason !== undefined ? { reason: String(v.writeOffReason), recoveries: [] } : null,
    };
    histories.set(unit, history);
    byContract.set(input.contractNo!, { history, lentOn });
    units.push(unit);
  }
  // The payment history, matched to the loans by contract number, in date order.
  for (const p of sheets.get('payments') ?? []) {
    const v = p.values;
    if (v.contractNo === undefined || v.date === undefined || v.amount === undefined) continue;
    const loan = byContract.get(String(v.contractNo));
    if (!loan) {
      if (!loans.has(String(v.contractNo))) issues.push(cellIssue(p, 'contractNo', 'loanNotFound', 'no loan with this contract number on the loans sheet'));
      continue;
    }
    const date = String(v.date);
    if (date < loan.lentOn) {
      issues.push(cellIssue(p, 'date', 'dateOrder', `before the loan was disbursed (${loan.lentOn})`));
      continue;
    }
    if (date > today) {
      issues.push(cellIssue(p, 'date', 'afterBusinessDate', `${date} is after the business date ${today}`));
      continue;
    }
    const amount = parseYuan(String(v.amount)) ?? 0;
    if (amount <= 0) {
      issues.push(cellIssue(p, 'amount', 'positiveAmount', 'must be more than 0'));
      continue;
    }
    const received = { date, amount, channel: String(v.channel ?? 'bank'), reference: str(v.reference) ?? null };
    if (v.kind === 'recovery') {
      if (!loan.history.writeOff) {
        issues.push(cellIssue(p, 'kind', 'recoveryWithoutWriteOff', 'a recovery needs the loan written off (核销原因)'));
        continue;
      }
      loan.history.writeOff.recoveries.push({ amount, channel: received.channel, reference: received.reference });
      continue;
    }
    loan.history.repayments.push(received);
  }
  for (const h of histories.values()) h.repayments.sort((a, b) => a.date.localeCompare(b.date));
  return {
    units,
    writeAll: (fresh) => {
      try {
        loadLoanBook(
          ctx,
          fresh.map((u) => {
            const { application, ...book } = histories.get(u)!;
            return bookHistory(application, today, book);
          }),
        );
      } catch (error) {
        // The loader names the loan it refused as loans[k].field: put it on that loan's row.
        if (error instanceof AppError && error.field?.startsWith('loans[')) {
          const k = Number(/^loans\[(\d+)\]/.exec(error.field)![1]);
          throw new UnitError(fresh[k]!, error.field.replace(/^loans\[\d+\]\.?/, ''), error);
        }
        throw error;
      }
    },
  };
}

