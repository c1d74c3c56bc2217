import { z } from 'zod';
import { channel } from './channel';
import { isoDate, pageOf } from './fields';
import {
  bankCreateInput,
  bankView,
  guaranteeAmountInput,
  guaranteeApproveInput,
  guaranteeCreateInput,
  guaranteeDatedInput,
  guaranteeListInput,
  guaranteeLossInput,
  guaranteeRecoverInput,
  guaranteeRef,
  guaranteeView,
  counterGuaranteeInput,
} from '../guarantees/guarantee';
import { alertsView, monitoringDueInput, monitoringRecordInput, monitoringTaskView, signalClearInput, signalRaiseInput } from '../guarantees/monitoring';

const concentrationView = z.object({
  clientIds: z.array(z.number().int()),
  clientNames: z.array(z.string()),
  balance: z.string(),
  percentOfNetAssets: z.string().nullable(),
  limitPercent: z.string(),
  withinLimit: z.boolean().nullable(),
});

export const guaranteeChannels = {
  'bank.create': channel({ input: bankCreateInput, output: bankView, permission: 'guarantee.write', mutates: true }),
  'bank.list': channel({ input: z.strictObject({}).default({}), output: z.array(bankView), permission: 'guarantee.read', mutates: false }),
  'guarantee.create': channel({ input: guaranteeCreateInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  /** Review meeting (审保会) approval. */
  'guarantee.approve': channel({ input: guaranteeApproveInput, output: guaranteeView, permission: 'loan.approve', mutates: true }),
  'guarantee.activate': channel({ input: guaranteeDatedInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  'guarantee.repay': channel({ input: guaranteeAmountInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  'guarantee.release': channel({ input: guaranteeDatedInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  'guarantee.compensate': channel({ input: guaranteeAmountInput, output: guaranteeView, permission: 'loan.approve', mutates: true }),
  'guarantee.recover': channel({ input: guaranteeRecoverInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  'guarantee.confirmLoss': channel({ input: guaranteeLossInput, output: guaranteeView, permission: 'loan.approve', mutates: true }),
  /** The regulatory ratios and reserves as of a date, each with its formula. */
  'guarantee.ratios': channel({
    input: z.strictObject({ asOf: isoDate.optional() }).default({}),
    output: z.object({
      asOf: z.string(),
      inForceBalance: z.string(),
      weightedLiability: z.string(),
      netAssets: z.string().nullable(),
      netAssetsPeriodEnd: z.string().nullable(),
      leverage: z.string().nullable(),
      leverageLimit: z.string(),
      leverageWithinLimit: z.boolean().nullable(),
      /** The largest single client, and the largest group of related parties, against net assets. */
      largestClient: concentrationView.nullable(),
      largestGroup: concentrationView.nullable(),
      cumulativeReleased: z.string(),
      cumulativeCompensation: z.string(),
      compensationRate: z.string().nullable(),
      compensationRecoveryRate: z.string().nullable(),
      lossRate: z.string().nullable(),
      compensationBalance: z.string(),
      feeIncomeThisYear: z.string(),
      feeEarnedThisYear: z.string(),
      deferredFee: z.string(),
      unearnedFeeReserve: z.string(),
      compensationReserve: z.string(),
      formulas: z.record(z.string(), z.string()),
    }),
    permission: 'guarantee.read',
    mutates: false, offThread: 'reports',
  }),
  'guarantee.addCounterGuarantee': channel({ input: counterGuaranteeInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  'guarantee.get': channel({ input: guaranteeRef, output: guaranteeView, permission: 'guarantee.read', mutates: false }),
  /** 担保业务台账: a page of contracts with the totals of everything the filter selects. */
  'guarantee.list': channel({
    input: guaranteeListInput,
    output: pageOf(guaranteeView).extend({ totals: z.object({ guaranteedAmount: z.string(), outstanding: z.string(), compensatedAmount: z.string(), recoveredAmount: z.string() }) }),
    permission: 'guarantee.read',
    mutates: false,
  }),
  /** The monitoring task list (保后检查): checks due by a date, optionally one officer's. */
  'monitoring.due': channel({ input: monitoringDueInput, output: z.array(monitoringTaskView), permission: 'guarantee.read', mutates: false, offThread: 'reports' }),
  /** Records a check: closes the contract's open checks and schedules the next. */
  'monitoring.record': channel({ input: monitoringRecordInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  /** A warning signal (预警信号): the contract goes on the watch list and a check falls due at once. */
  'guarantee.raiseSignal': channel({ input: signalRaiseInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  'guarantee.clearSignal': channel({ input: signalClearInput, output: guaranteeView, permission: 'guarantee.write', mutates: true }),
  /** The warning signals officers may raise, from the settings, with their names in both languages. */
  'monitoring.signals': channel({ input: z.strictObject({}).default({}), output: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })), permission: 'guarantee.read', mutates: false }),
  /** Bank loans maturing within the alert windows; credit lines near their limit or expiry. */
  'guarantee.alerts': channel({ input: z.strictObject({ asOf: isoDate.optional() }).default({}), output: alertsView, permission: 'guarantee.read', mutates: false, offThread: 'reports' }),
};
