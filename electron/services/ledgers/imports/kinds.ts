/**
 * Each import kind: its rows become the channel inputs the one-at-a-time screens send (so the same
 * schemas check them), are checked against the book by their keys (identity number, contract number,
 * certificate number), and are written through the same services — loans through the book loader.
 * A key already in the book with the same content is skipped, so importing a file twice adds nothing.
 */
import { bankRepaymentKeys, banksByName, borrowersByIdNumber, collateralCertificates, guaranteesByContract, loansByContract } from '../../../../db/repositories/ledgers/import-keys';
import { contract, type ChannelName, type ChannelParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import type { ImportKind } from '../../../../shared/import/kinds';
import { parseYuan } from '../../../../shared/money/yuan';
import type { ServiceContext } from '../../context';
import { activateGuarantee, approveGuarantee, createGuarantee, repayGuarantee } from '../../guarantees/contracts';
import { createBorrower } from '../../lending/borrowers';
import { loadLoanBook, type LoanHistory } from '../../lending/loan-book';
import { createCollateral } from '../../lending/security';
import { businessDate } from '../../platform/status';
import { cellIssue, fieldIssue, nested, type ParsedRow } from './rows';
import type { ImportIssue } from './workbook-reader';

/** One thing the file adds: the row it comes from, whether its key is already in the book, and how to write it. */
export interface ImportUnit {
  row: ParsedRow;
  key: string;
  existing: boolean;
  write?: () => void;
}

export interface ImportPlan {
  units: ImportUnit[];
  /** Writes every new unit at once (the loan book); errors name the unit by its index in `units`. */
  writeAll?: (units: ImportUnit[]) => void;
}

type Sheets = Map<string, ParsedRow[]>;

/** The channel's own schema checks the row; its complaints land on the cells they are about. */
function validated<C extends ChannelName>(channel: C, p: ParsedRow, input: unknown, issues: ImportIssue[]): ChannelParsedInput<C> | null {
  const result = contract[channel].input.safeParse(input);
  if (result.success) return result.data as ChannelParsedInput<C>;
  for (const i of result.error.issues) {
    if (p.failed.has(i.path.join('.'))) continue;
    const reason = (i as { params?: { reason?: string } }).params?.reason ?? i.code;
    issues.push(fieldIssue(p, i.path.join('.'), reason, i.message));
  }
  return null;
}

/** The same key twice in one file: the later rows are refused. */
function firstInFile(seen: Map<string, number>, key: string, p: ParsedRow, field: string, issues: ImportIssue[]): boolean {
  const first = seen.get(key);
  if (first !== undefined) {
    issues.push(cellIssue(p, field, 'duplicateInFile', `the same as row ${first}`));
    return false;
  }
  seen.set(key, p.row);
  return true;
}

const str = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
const defaultIdType = (kind: unknown) => (kind === 'enterprise' ? 'social-credit-code' : 'resident-id');

function planBorrowers(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
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

function ownerOf(known: Map<string, { id: number }>, p: ParsedRow, field: string, issues: ImportIssue[]): number | null {
  const id = known.get(String(p.values[field] ?? '').toUpperCase())?.id;
  if (id === undefined && p.values[field] !== undefined) issues.push(cellIssue(p, field, 'borrowerNotFound', 'no borrower with this identity number; import the borrowers first'));
  return id ?? null;
}

function planCollateral(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
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

function planLoans(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
  const borrowers = borrowersByIdNumber(ctx.db);
  const loans = loansByContract(ctx.db);
  const today = businessDate(ctx);
  const seen = new Map<string, number>();
  const units: ImportUnit[] = [];
  const histories = new Map<ImportUnit, LoanHistory>();
  const byContract = new Map<string, { history: LoanHistory; lentOn: string }>();
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
    const history: LoanHistory = {
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
          fresh.map((u) => histories.get(u)!),
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

/** A write refused for one unit: which unit, and which of its fields. */
export class UnitError extends Error {
  constructor(
    readonly unit: ImportUnit,
    readonly field: string,
    readonly refusal: AppError,
  ) {
    super(refusal.message);
  }
}

function planGuarantees(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
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

function planBankRepayments(ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]): ImportPlan {
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

export const importPlanners: Record<ImportKind, (ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]) => ImportPlan> = {
  borrowers: planBorrowers,
  collateral: planCollateral,
  loans: planLoans,
  guarantees: planGuarantees,
  'bank-repayments': planBankRepayments,
};
