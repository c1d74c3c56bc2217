/** The pure work a planning thread may be handed (see planner.ts), by name: plain data in, plain data out. */
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import { planPackedBook } from '../lending/loan-book';
import type { PlanningReply } from './planner';

export const planningTasks = {
  'loan-book': planPackedBook,
};

export type PlanningTask = keyof typeof planningTasks;

/** The planning thread's side: runs each task it is sent and replies on the results port. */
export function servePlanning(parent: MessagePort, results: MessagePort, replies: Int32Array): void {
  parent.on('message', ({ id, task, shared, requests }: { id: number; task: PlanningTask; shared: unknown; requests: unknown[] }) => {
    let reply: PlanningReply;
    try {
      reply = { id, ok: true, value: planningTasks[task](shared as never, requests as never) };
    } catch (error) {
      const app = error instanceof AppError;
      reply = { id, ok: false, error: { ...(app ? error.toPayload() : { code: 'internal', message: error instanceof Error ? error.message : String(error) }), app } };
    }
    results.postMessage(reply);
    Atomics.add(replies, 0, 1);
    Atomics.notify(replies, 0);
  });
}

