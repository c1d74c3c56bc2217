import { z } from 'zod';
import { channel } from './channel';
import { isoDate } from './fields';
import { addGuarantorInput, collateralCreateInput, collateralRevalueInput, collateralView, linkCollateralInput, loanSecurityView } from '../lending/security';
import { positiveId } from './fields';
import { productCreateInput, productUpdateInput, productView } from '../lending/product';
import {
  loanApproveInput,
  loanCreateInput,
  loanDetail,
  loanDisburseInput,
  loanListInput,
  loanPage,
  loanSummary,
  loanPayoffInput,
  loanRef,
  loanRepayInput,
  loanReverseInput,
  loanSettleInput,
  loanPrepayInput,
  loanRestructureInput,
  loanWriteOffInput,
  loanRecoverInput,
  loanClassifyInput,
  payoffView,
} from '../lending/loan';
import {
  borrower,
  borrowerCreateInput,
  borrowerGetInput,
  borrowerListInput,
  borrowerPage,
  borrowerUpdateInput,
} from '../lending/borrower';

export const lendingChannels = {
  'collateral.create': channel({ input: collateralCreateInput, output: collateralView, permission: 'loan.write', mutates: true }),
  'collateral.revalue': channel({ input: collateralRevalueInput, output: collateralView, permission: 'loan.write', mutates: true }),
  'collateral.get': channel({ input: z.strictObject({ id: positiveId }), output: collateralView, permission: 'borrower.read', mutates: false }),
  'collateral.list': channel({ input: z.strictObject({ ownerBorrowerId: positiveId.optional() }).default({}), output: z.array(collateralView), permission: 'borrower.read', mutates: false }),
  'loan.linkCollateral': channel({ input: linkCollateralInput, output: loanSecurityView, permission: 'loan.write', mutates: true }),
  'loan.addGuarantor': channel({ input: addGuarantorInput, output: loanSecurityView, permission: 'loan.write', mutates: true }),
  /** Application (申请): terms checked by the schedule engine and the rate caps. */
  'loan.create': channel({ input: loanCreateInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  'loan.approve': channel({ input: loanApproveInput, output: loanDetail, permission: 'loan.approve', mutates: true }),
  /** Disbursement (放款): the schedule is frozen and stored. */
  'loan.disburse': channel({ input: loanDisburseInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  'loan.repay': channel({ input: loanRepayInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  'loan.reverse': channel({ input: loanReverseInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  'loan.payoff': channel({ input: loanPayoffInput, output: payoffView, permission: 'borrower.read', mutates: false }),
  /** Early settlement (提前结清) with the payoff amount: interest only for the days used. */
  'loan.settle': channel({ input: loanSettleInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  /** Daily close (日终): moves the business date and brings every loan's DPD, penalty and class up to it. */
  'day.close': channel({
    input: z.strictObject({ to: isoDate }),
    output: z.object({ from: z.string(), to: z.string(), loans: z.number().int() }),
    permission: 'day.close',
    mutates: true,
    offThread: 'jobs',
    asyncWrites: true,
  }),
  'loan.prepay': channel({ input: loanPrepayInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  'loan.restructure': channel({ input: loanRestructureInput, output: loanDetail, permission: 'loan.approve', mutates: true }),
  /** Write-off (核销): the outstanding principal leaves the book; the history stays. */
  'loan.writeOff': channel({ input: loanWriteOffInput, output: loanDetail, permission: 'loan.approve', mutates: true }),
  /** Money received after write-off (核销后收回). */
  'loan.recover': channel({ input: loanRecoverInput, output: loanDetail, permission: 'loan.write', mutates: true }),
  /** Manual five-category classification with a reason; null returns to the automatic class. */
  'loan.classify': channel({ input: loanClassifyInput, output: loanDetail, permission: 'loan.approve', mutates: true }),
  /** A borrower's total exposure: loans, guarantees given for others, collateral owned. */
  'borrower.exposure': channel({
    input: z.strictObject({ id: positiveId }),
    output: z.object({
      loans: z.array(loanSummary),
      guaranteesGiven: z.array(z.object({ contractNo: z.string(), borrowerName: z.string(), kind: z.string(), amount: z.string(), periodEnd: z.string(), loanStatus: z.string() })),
      collateral: z.array(collateralView),
      totals: z.object({ outstandingPrincipal: z.string(), overduePrincipal: z.string(), guaranteed: z.string(), exposure: z.string() }),
    }),
    permission: 'borrower.read',
    mutates: false,
  }),
  'day.closeStatus': channel({
    input: z.strictObject({}).default({}),
    output: z.object({ running: z.boolean(), from: z.string().nullable(), to: z.string().nullable(), done: z.number().int(), total: z.number().int() }),
    permission: 'session',
    mutates: false,
  }),
  'loan.get': channel({ input: loanRef, output: loanDetail, permission: 'borrower.read', mutates: false }),
  'loan.list': channel({ input: loanListInput, output: loanPage, permission: 'borrower.read', mutates: false }),
  /** The register as Excel with the screen's filters (贷款台账导出). */
  'export.loanRegister': channel({
    input: loanListInput.omit({ page: true, pageSize: true }).extend({ language: z.enum(['zh-CN', 'en']).default('zh-CN'), jobId: z.string().uuid().optional() }),
    output: z.object({ fileName: z.string(), rows: z.number().int(), contentBase64: z.string() }),
    permission: 'borrower.read',
    mutates: false,
    offThread: 'jobs',
  }),
  'product.list': channel({ input: z.strictObject({}).default({}), output: z.array(productView), permission: 'session', mutates: false }),
  'product.create': channel({ input: productCreateInput, output: productView, permission: 'settings.write', mutates: true }),
  'product.update': channel({ input: productUpdateInput, output: productView, permission: 'settings.write', mutates: true }),
  'borrower.create': channel({
    input: borrowerCreateInput,
    output: borrower,
    permission: 'borrower.write',
    mutates: true,
  }),
  'borrower.update': channel({
    input: borrowerUpdateInput,
    output: borrower,
    permission: 'borrower.write',
    mutates: true,
  }),
  'borrower.get': channel({
    input: borrowerGetInput,
    output: borrower,
    permission: 'borrower.read',
    mutates: false,
  }),
  'borrower.list': channel({
    input: borrowerListInput,
    output: borrowerPage,
    permission: 'borrower.read',
    mutates: false,
  }),
};
