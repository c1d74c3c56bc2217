import { z } from 'zod';
import { channel } from './channel';
import { isoDate } from './fields';
import {
  assignByRuleInput,
  assignInput,
  claimView,
  contactInput,
  contactView,
  limitationEventInput,
  limitationView,
  performanceInput,
  performanceView,
  deliveredInput,
  lettersInput,
  lettersOutput,
  legalCaseInput,
  legalCaseView,
  legalCostInput,
  legalStageInput,
  agencyCreateInput,
  agencyStatement,
  agencyStatementInput,
  agencyView,
  placeInput,
  placeOutput,
  recallInput,
  planInput,
  planView,
  promiseInput,
  promiseView,
  queueInput,
  queuePage,
  rotateInput,
} from '../collections/wire';

export const collectionChannels = {
  /** The work queue: overdue loans and compensation receivables, with their collector and next action. */
  'collections.queue': channel({ input: queueInput, output: queuePage, permission: 'collections.read', mutates: false, offThread: 'reports' }),
  'collections.claim': channel({ input: z.strictObject({ contractNo: z.string().trim().min(1).max(40) }), output: claimView, permission: 'collections.read', mutates: false }),
  'collections.assign': channel({ input: assignInput, output: z.object({ assigned: z.number().int() }), permission: 'collections.assign', mutates: true }),
  'collections.assignByRule': channel({ input: assignByRuleInput, output: z.object({ assigned: z.number().int() }), permission: 'collections.assign', mutates: true }),
  /** 交叉清收: accounts rotate between collectors. */
  'collections.rotate': channel({ input: rotateInput, output: z.object({ rotated: z.number().int() }), permission: 'collections.assign', mutates: true }),
  /** A contact, checked against the hours and frequency guards in the debtor's time zone. */
  'collections.logContact': channel({ input: contactInput, output: z.object({ contact: contactView, warnings: z.array(z.object({ reason: z.string(), message: z.string() })) }), permission: 'collections.write', mutates: true }),
  'collections.promise': channel({ input: promiseInput, output: promiseView, permission: 'collections.write', mutates: true }),
  /** A lawsuit or written acknowledgement that restarts the limitation period. */
  'limitation.record': channel({ input: limitationEventInput, output: limitationView, permission: 'collections.write', mutates: true }),
  /** Claims whose limitation period ends within the days given. */
  'limitation.due': channel({ input: z.strictObject({ days: z.number().int().min(0).max(3650).default(90), asOf: isoDate.optional() }).default({ days: 90 }), output: z.array(limitationView), permission: 'collections.read', mutates: false, offThread: 'reports' }),
  /** Who can be given accounts: active collectors and managers. */
  'collections.collectors': channel({ input: z.strictObject({}).default({}), output: z.array(z.object({ userName: z.string(), displayName: z.string(), role: z.string() })), permission: 'collections.read', mutates: false }),
  /** 分期还款计划 for hardship: the loan is restructured; adherence is tracked on the claim. */
  'collections.plan': channel({ input: planInput, output: planView, permission: 'loan.approve', mutates: true }),
  /** 委外: agencies, placements (a masked file, logged), recall, commission on what was recovered. */
  'agency.create': channel({ input: agencyCreateInput, output: agencyView, permission: 'collections.assign', mutates: true }),
  'agency.list': channel({ input: z.strictObject({}).default({}), output: z.array(agencyView), permission: 'collections.read', mutates: false }),
  'collections.place': channel({ input: placeInput, output: placeOutput, permission: 'collections.assign', mutates: true, asyncWrites: true }),
  'collections.recall': channel({ input: recallInput, output: z.object({ recalled: z.number().int() }), permission: 'collections.assign', mutates: true }),
  'agency.statement': channel({ input: agencyStatementInput, output: agencyStatement, permission: 'collections.read', mutates: false, offThread: 'reports' }),
  /** 诉讼: a case filed (which also interrupts the limitation period), its stages, and its costs, charged to the claim. */
  'legal.file': channel({ input: legalCaseInput, output: legalCaseView, permission: 'collections.write', mutates: true }),
  'legal.stage': channel({ input: legalStageInput, output: legalCaseView, permission: 'collections.write', mutates: true }),
  'legal.cost': channel({ input: legalCostInput, output: legalCaseView, permission: 'collections.write', mutates: true }),
  /** Batch letters from the templates: a DOCX to print, each letter logged as a contact (a demand once delivered). */
  'collections.letters': channel({ input: lettersInput, output: lettersOutput, permission: 'collections.write', mutates: true, asyncWrites: true }),
  /** A letter or notice reached the debtor: from that day it restarts the limitation period. */
  'collections.delivered': channel({ input: deliveredInput, output: contactView, permission: 'collections.write', mutates: true }),
  'collections.performance': channel({ input: performanceInput, output: performanceView, permission: 'collections.read', mutates: false, offThread: 'reports' }),
};
