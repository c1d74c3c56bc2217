/**
 * A loan's life replayed from its steps. The state of a loan is the fold of its steps over the
 * disbursed contract, so a reversal is the same fold without the reversed step: a schedule a
 * prepayment replaced comes back, and every later step is applied again to what is left. A later
 * step the replay would refuse refuses the reversal, naming that step.
 */
import { formatIsoDate } from '../../dates/calendar';
import type { Schedule } from '../../schedule/types';
import { disbursedState, type LoanContract, type LoanState } from './state';
import { applyStep, LoanRefusal, STEP_EVENTS, type LoanStep, type StepEnvironment, type StepOutcome } from './steps';

/** A step as recorded: its identity (the event id in the database, its index in a bulk load). */
export interface RecordedStep {
  id: number;
  step: LoanStep;
}

export interface Replay {
  state: LoanState;
  /** Each step's outcome, in order. */
  outcomes: StepOutcome[];
}

/** A step the replay refused, and which one. */
export class StepRefused extends Error {
  constructor(
    readonly step: RecordedStep,
    readonly refusal: LoanRefusal,
  ) {
    super(refusal.message);
    this.name = 'StepRefused';
  }
}

/** Applies the steps in order from the disbursement (`schedule`: what the contract's terms give). */
export function replaySteps(contract: LoanContract, schedule: Schedule, steps: readonly RecordedStep[], env: StepEnvironment): Replay {
  let state = disbursedState(schedule);
  const outcomes: StepOutcome[] = [];
  for (const recorded of steps) {
    try {
      const outcome = applyStep(contract, state, recorded.step, env);
      outcomes.push(outcome);
      state = outcome.state;
    } catch (error) {
      if (error instanceof LoanRefusal) throw new StepRefused(recorded, error);
      throw error;
    }
  }
  return { state, outcomes };
}

/**
 * The loan as if step `reversedId` had never been taken. A later step that no longer stands (a
 * prepayment once the installment before it is unpaid again) refuses the reversal: reverse it first.
 */
export function replayWithout(contract: LoanContract, schedule: Schedule, steps: readonly RecordedStep[], reversedId: number, env: StepEnvironment): Replay {
  try {
    return replaySteps(contract, schedule, steps.filter((s) => s.id !== reversedId), env);
  } catch (error) {
    if (!(error instanceof StepRefused)) throw error;
    const { step } = error.step;
    const later = `the ${STEP_EVENTS[step.kind]} of ${formatIsoDate(step.date)}`;
    throw new LoanRefusal('eventId', 'laterStepRefused', `without it ${later} would be refused (${error.refusal.message}); reverse that first`, 'conflict', {
      event: STEP_EVENTS[step.kind],
      date: formatIsoDate(step.date),
      because: error.refusal.reason,
    });
  }
}
