/** The handler map: one service function per channel of the contract. */
import { assignByRule, assignClaims, collectionsQueue, collectorList, rotateClaims } from './collections/queue';
import { claimDetail, logContact, recordPromise } from './collections/contacts';
import { limitationDue, recordLimitationEvent } from './collections/limitation';
import { collectorPerformance } from './collections/performance';
import { createPlan } from './collections/plans';
import { exportLoanRegister } from './ledgers/loan-register';
import { exportLedger } from './ledgers/ledger-exports';
import { dashboard } from './ledgers/dashboard';
import { guaranteeStatisticsReport } from './ledgers/guarantee-statistics';
import { microloanMonthly } from './ledgers/monthly-report';
import { rollRateTable, vintageTable } from './ledgers/vintage';
import { exportLoanBook } from './ledgers/loan-book-export';
import { cancelJob, jobProgress } from './platform/jobs';
import { commitImport, previewImport } from './ledgers/imports/pipeline';
import { importTemplate } from './ledgers/imports/templates';
import { exportCollections } from './ledgers/collection-reports';
import { exportGuarantees } from './ledgers/guarantee-reports';
import { exportLending } from './ledgers/lending-reports';
import { listVouchers, trialBalance } from './ledgers/trial-balance';
import { produceLetters, recordDelivery } from './collections/letters';
import { addCost, advanceCase, fileCase } from './collections/legal';
import { agencyStatement, createAgency, listAgencies, placeAccounts, recallAccounts } from './collections/agencies';
import { clearSignal, guaranteeAlerts, monitoringDue, raiseSignal, recordCheck, warningSignalList } from './guarantees/monitoring';
import { answeredWithView, guaranteeView } from './guarantees/views';
import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import type { ServiceContext } from './context';
import {
  activateGuarantee,
  addCounterGuarantee,
  approveGuarantee,
  compensateGuarantee,
  confirmGuaranteeLoss,
  createBank,
  createGuarantee,
  getGuarantee,
  listBanks,
  listGuarantees,
  recoverGuarantee,
  releaseGuarantee,
  repayGuarantee,
} from './guarantees/contracts';
import { computeRatios } from './guarantees/ratios';
import { createBorrower, getBorrower, listBorrowers, updateBorrower } from './lending/borrowers';
import { closeDay, closeStatus } from './lending/daily-close';
import { approveLoan, createLoan, disburseLoan } from './lending/loan-entry';
import { classifyLoan, payoffLoan, prepayLoan, recoverLoan, restructureLoan, repayLoan, reverseLoanStep, settleLoan, writeOffLoan } from './lending/loan-servicing';
import { getLoan, listLoans } from './lending/loan-views';
import { createProduct, listProducts, updateProduct } from './lending/products';
import { calculateSchedule, exportScheduleXlsx } from './lending/schedule';
import { addGuarantor, borrowerExposure, createCollateral, getCollateral, linkCollateral, listCollateral, revalueCollateral } from './lending/security';
import { listAudit, verifyAudit } from './platform/audit-channels';
import { createBackup, listBackups, restoreBackup } from './platform/backups';
import { generateDemo } from './platform/demo/generate';
import { listNetAssets, recordNetAssets } from './platform/net-assets';
import { listSettings, setSetting } from './platform/settings';
import { platformStatus } from './platform/status';
import { changePassword, createUser, listUsers, resetPassword, setupAdministrator, signIn, signOut, updateUser } from './platform/users';

export type Handler<C extends ChannelName> = (
  ctx: ServiceContext,
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type HandlerMap = { [C in ChannelName]: Handler<C> };

export const handlers: HandlerMap = {
  'platform.status': platformStatus,
  'platform.demo': generateDemo,
  'session.setup': setupAdministrator,
  'session.signIn': signIn,
  'session.signOut': signOut,
  'session.changePassword': changePassword,
  'user.list': listUsers,
  'user.create': createUser,
  'user.update': updateUser,
  'user.resetPassword': resetPassword,
  'audit.list': listAudit,
  'audit.verify': verifyAudit,
  'settings.list': listSettings,
  'settings.set': setSetting,
  'netAssets.list': listNetAssets,
  'netAssets.record': recordNetAssets,
  'backup.list': listBackups,
  'backup.create': createBackup,
  'backup.restore': restoreBackup,
  'product.list': listProducts,
  'product.create': createProduct,
  'product.update': updateProduct,
  'collateral.create': createCollateral,
  'collateral.revalue': revalueCollateral,
  'collateral.get': getCollateral,
  'collateral.list': listCollateral,
  'loan.linkCollateral': linkCollateral,
  'loan.addGuarantor': addGuarantor,
  'loan.create': createLoan,
  'loan.approve': approveLoan,
  'loan.disburse': disburseLoan,
  'loan.repay': repayLoan,
  'loan.reverse': reverseLoanStep,
  'loan.payoff': payoffLoan,
  'loan.settle': settleLoan,
  'loan.prepay': prepayLoan,
  'loan.restructure': restructureLoan,
  'loan.writeOff': writeOffLoan,
  'loan.recover': recoverLoan,
  'loan.classify': classifyLoan,
  'day.close': closeDay,
  'day.closeStatus': closeStatus,
  'borrower.exposure': borrowerExposure,
  'loan.get': getLoan,
  'loan.list': listLoans,
  'borrower.create': createBorrower,
  'borrower.update': updateBorrower,
  'borrower.get': getBorrower,
  'borrower.list': listBorrowers,
  'bank.create': createBank,
  'bank.list': listBanks,
  'guarantee.create': (ctx, input) => {
    const { row, warnings } = createGuarantee(ctx, input);
    return guaranteeView(ctx, row, warnings);
  },
  'guarantee.approve': answeredWithView(approveGuarantee),
  'guarantee.activate': answeredWithView(activateGuarantee),
  'guarantee.repay': answeredWithView(repayGuarantee),
  'guarantee.release': answeredWithView(releaseGuarantee),
  'guarantee.compensate': answeredWithView(compensateGuarantee),
  'guarantee.recover': answeredWithView(recoverGuarantee),
  'guarantee.confirmLoss': answeredWithView(confirmGuaranteeLoss),
  'guarantee.addCounterGuarantee': addCounterGuarantee,
  'guarantee.ratios': computeRatios,
  'monitoring.due': monitoringDue,
  'monitoring.record': answeredWithView(recordCheck),
  'guarantee.raiseSignal': answeredWithView(raiseSignal),
  'guarantee.clearSignal': answeredWithView(clearSignal),
  'guarantee.alerts': guaranteeAlerts,
  'monitoring.signals': warningSignalList,
  'collections.queue': collectionsQueue,
  'collections.claim': claimDetail,
  'collections.assign': assignClaims,
  'collections.assignByRule': assignByRule,
  'collections.rotate': rotateClaims,
  'collections.logContact': logContact,
  'collections.promise': recordPromise,
  'limitation.record': recordLimitationEvent,
  'limitation.due': limitationDue,
  'collections.performance': collectorPerformance,
  'collections.collectors': collectorList,
  'collections.plan': createPlan,
  'export.loanRegister': exportLoanRegister,
  'export.ledger': exportLedger,
  'report.dashboard': dashboard,
  'report.guaranteeStatistics': guaranteeStatisticsReport,
  'report.microloanMonthly': microloanMonthly,
  'report.vintage': vintageTable,
  'report.rollRate': rollRateTable,
  'export.loanBook': exportLoanBook,
  'job.progress': jobProgress,
  'job.cancel': cancelJob,
  'import.template': importTemplate,
  'import.preview': previewImport,
  'import.commit': commitImport,
  'export.lending': exportLending,
  'export.guarantees': exportGuarantees,
  'export.collections': exportCollections,
  'ledger.vouchers': listVouchers,
  'ledger.trialBalance': trialBalance,
  'collections.letters': produceLetters,
  'collections.delivered': recordDelivery,
  'legal.file': fileCase,
  'legal.stage': advanceCase,
  'legal.cost': addCost,
  'agency.create': createAgency,
  'agency.list': listAgencies,
  'collections.place': placeAccounts,
  'collections.recall': recallAccounts,
  'agency.statement': agencyStatement,
  'guarantee.get': getGuarantee,
  'guarantee.list': listGuarantees,
  'schedule.calculate': calculateSchedule,
  'schedule.exportXlsx': exportScheduleXlsx,
};
