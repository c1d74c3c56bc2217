/**
 * What the desk does to a loan after disbursement: take a step, or reverse one taken earlier. An action
 * gives the loan's next history and state and everything there is to record: the payment received,
 * the payment a reversal undid, the schedule put in force, the event. The one-loan services write it
 * to the database action by action; the bulk loader gathers a whole history's and writes it once.
 */
import type { DayNumber } from '../../dates/calendar';
import type { Schedule } from '../../schedule/types';
import { fenToYuan } from '../../money/yuan';
import { replayWithout, type RecordedStep } from './replay';
import type { LoanContract, LoanSchedule, LoanState, Receipt } from './state';
import { applyStep, LoanRefusal, STEP_EVENTS, type LoanStep, type StepEnvironment } from './steps';

export type LoanAction = { kind: 'step'; step: LoanStep } | { kind: 'reversal'; of: number; date: DayNumber; reason: string };

/** A loan's history so far: its steps (reversed ones left out) and the state they give. */
export interface LoanHistoryState {
  steps: RecordedStep[];
  state: LoanState;
}

export interface ActionRecord extends LoanHistoryState {
  /** The payment the step received. */
  receipt: Receipt | null;
  /** The step a reversal undid (its event is marked, its payment reversed). */
  reversed: RecordedStep | null;
  /** The payment of the reversed step, if it had one. */
  reversedReceipt: Receipt | null;
  /** The schedule now in force when the action changed it: a new version. */
  schedule: LoanSchedule | null;
  event: { name: string; date: DayNumber; detail: Record<string, unknown> };
}

function sameSchedule(a: LoanSchedule, b: LoanSchedule): boolean {
  return JSON.stringify(a.installments) === JSON.stringify(b.installments);
}

/** Takes the action on the loan; `id` is the identity the new step gets (its event). Refuses with a LoanRefusal. */
export function takeAction(contract: LoanContract, lent: Schedule, history: LoanHistoryState, action: LoanAction, id: number, env: StepEnvironment): ActionRecord {
  if (action.kind === 'step') {
    const outcome = applyStep(contract, history.state, action.step, env);
    return {
      steps: [...history.steps, { id, step: outcome.step }],
      state: outcome.state,
      receipt: outcome.receipt,
      reversed: null,
      reversedReceipt: null,
      schedule: outcome.schedule,
      event: { name: STEP_EVENTS[action.step.kind], date: action.step.date, detail: outcome.detail },
    };
  }
  const reversed = history.steps.find((s) => s.id === action.of);
  if (!reversed) throw new LoanRefusal('eventId', 'notReversible', 'no step of the loan by that id stands (reversed already, or not a step)');
  const { state } = replayWithout(contract, lent, history.steps, action.of, env);
  const ref = 'ref' in reversed.step ? reversed.step.ref : null;
  const reversedReceipt = ref === null ? null : (history.state.receipts.find((r) => r.ref === ref) ?? null);
  return {
    steps: history.steps.filter((s) => s.id !== action.of),
    state,
    receipt: null,
    reversed,
    reversedReceipt,
    schedule: sameSchedule(state.schedule, history.state.schedule) ? null : state.schedule,
    event: {
      name: 'reversal',
      date: action.date,
      detail: { ...(reversedReceipt ? { amount: fenToYuan(reversedReceipt.amount) } : {}), event: STEP_EVENTS[reversed.step.kind], reason: action.reason },
    },
  };
}
