/**
 * A second thread for the bulk loaders' pure planning: while SQLite writes one chunk of a book, the
 * planner computes the next (schedules, replays, events), so a load on two cores takes about as long
 * as its writes. The writer is inside one transaction, which cannot await, so it waits for each chunk
 * synchronously (Atomics.wait, receiveMessageOnPort). That only ever happens in the background worker
 * (`enablePlanner` is called there): on the main thread, in tests and in the CLI the lane plans inline,
 * with the same results in the same order.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorPayload } from '../../../shared/contract/errors';
import type { PlanningTask } from './planning-tasks';

export type PlanningReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: AppErrorPayload & { app: boolean } };

interface PlannerThread {
  worker: Worker;
  results: MessagePort;
  /** Bumped by the planner after each reply, so the writer can sleep until one comes. */
  replies: Int32Array;
  nextId: number;
  /** Chunks planned off this thread since it started (for the tests and the bench). */
  planned: number;
}

let script: string | URL | null = null;
let thread: PlannerThread | null = null;
/** How long the writer waits for one chunk before deciding the planner has died. */
const STALL_MS = 120_000;

/**
 * Lets lanes plan on a second thread, started now from `entry` (the worker's own entry file): loading its
 * modules takes about a second, which the first load would otherwise wait for.
 */
export function enablePlanner(entry: string | URL): void {
  if (availableParallelism() < 2) return;
  script = entry;
  plannerThread();
}

/** Stops the planning thread (tests; the process's end stops it anyway). */
export async function stopPlanner(): Promise<void> {
  const running = thread;
  thread = null;
  script = null;
  if (running) await running.worker.terminate();
}

/** Chunks planned on the planning thread since it started: 0 where lanes plan inline. */
export function chunksPlannedOffThread(): number {
  return thread?.planned ?? 0;
}

function plannerThread(): PlannerThread | null {
  if (!script) return null;
  if (!thread) {
    const { port1, port2 } = new MessageChannel();
    const replies = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(script, { workerData: { role: 'planner', results: port2, replies }, transferList: [port2] });
    // Never keeps the process alive: it only works while a writer waits for it.
    worker.unref();
    worker.on('error', () => void (thread?.worker === worker && (thread = null)));
    thread = { worker, results: port1, replies, nextId: 1, planned: 0 };
  }
  return thread;
}

function received(reply: PlanningReply): unknown {
  if (reply.ok) return reply.value;
  const { app, code, message, ...detail } = reply.error;
  if (app) throw new AppError(code, message, detail);
  throw new Error(`planning failed: ${message}`);
}

/**
 * Chunks of requests planned in order, on the planning thread when there is one: `submit` hands a chunk
 * over, `next` returns the oldest chunk's plan (throwing its refusal, if planning refused it).
 */
export class PlanningLane<S, R, P> {
  private readonly queued: Array<{ id: number } | { inline: R[] }> = [];
  private readonly thread = plannerThread();

  constructor(
    private readonly task: PlanningTask,
    private readonly shared: S,
    private readonly inline: (shared: S, requests: R[]) => P,
  ) {}

  /** Chunks handed over and not yet taken. */
  get inFlight(): number {
    return this.queued.length;
  }

  submit(requests: R[]): void {
    if (requests.length === 0) return;
    if (!this.thread) {
      this.queued.push({ inline: requests });
      return;
    }
    const id = this.thread.nextId++;
    this.thread.worker.postMessage({ id, task: this.task, shared: this.shared, requests });
    this.queued.push({ id });
  }

  next(): P {
    const head = this.queued.shift();
    if (!head) throw new Error('PlanningLane.next: nothing submitted');
    if ('inline' in head) return this.inline(this.shared, head.inline);
    const planner = this.thread!;
    for (;;) {
      const seen = Atomics.load(planner.replies, 0);
      const message = receiveMessageOnPort(planner.results) as { message: PlanningReply } | undefined;
      if (message) {
        // A reply to a load that stopped early (its refusal thrown before it took every chunk) is left over.
        if (message.message.id < head.id) continue;
        if (message.message.id > head.id) throw new Error(`planning replied out of order: ${message.message.id} for ${head.id}`);
        planner.planned++;
        return received(message.message) as P;
      }
      if (Atomics.wait(planner.replies, 0, seen, STALL_MS) === 'timed-out') {
        if (thread === planner) thread = null;
        void planner.worker.terminate();
        throw new Error('the planning thread stopped answering');
      }
    }
  }

  /** Takes every chunk still in flight, throwing the first refusal among them (a load that stops reports its earliest bad entry). */
  settle(): void {
    while (this.queued.length > 0) this.next();
  }
}
