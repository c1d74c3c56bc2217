/**
 * Long channels (exports, imports, the daily close) and the screens that read the whole book run in
 * worker threads — one per lane — each with its own connection to the same database file, so the main
 * process, which serves the window, never waits on them. The worker runs the same dispatch (validation,
 * permission, transaction, audit) for the caller's actor. A job started with an id is tracked here too,
 * so job.progress and job.cancel keep working from the main thread: progress comes back as messages, a
 * cancel goes out as one.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Result } from '../../../shared/contract';
import type { Actor } from '../../../shared/platform/permissions';
import { asJob } from './jobs';

export interface OffloadOptions {
  /** The worker's entry file (worker-entry.ts through tsx, or the built worker.js). */
  script: string | URL;
  execArgv?: string[];
  dataDir: string;
  migrationsFolder: string;
  nativeBinding?: string;
  /** Only the jobs lane loads books, so only its worker starts a planning thread. */
  plans?: boolean;
}

/** `at`: the caller's instant (ISO), from which the worker's clock runs for the call. */
export type WorkerRequest = { type: 'call'; callId: number; channel: string; input: unknown; actor: Actor; at: string } | { type: 'cancel'; jobId: string };
export type WorkerReply = { type: 'result'; callId: number; result: Result<unknown> } | { type: 'progress'; jobId: string; done: number } | { type: 'ready' };

export interface Offload {
  run(channel: string, input: unknown, actor: Actor, at: Date): Promise<Result<unknown>>;
  /** Starts the worker now rather than on the first call (it opens its connection while the user signs in). */
  warm(): void;
  /** Ends the worker (a restore replaces the file under it; the next call starts a fresh one). */
  reset(): Promise<void>;
}

export function createOffload(options: OffloadOptions): Offload {
  let worker: Worker | null = null;
  let nextCall = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const progress = new Map<string, (done: number) => void>();

  const fail = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message } });
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(options.script, {
      // Its own entry too, to start its planning thread from (a path: a URL does not cross to a thread).
      workerData: { dataDir: options.dataDir, migrationsFolder: options.migrationsFolder, nativeBinding: options.nativeBinding ?? null, script: options.script instanceof URL ? fileURLToPath(options.script) : options.script, plans: options.plans ?? false },
      ...(options.execArgv ? { execArgv: options.execArgv } : {}),
    });
    w.on('message', (reply: WorkerReply) => {
      if (reply.type === 'result') {
        pending.get(reply.callId)?.(reply.result);
        pending.delete(reply.callId);
      } else if (reply.type === 'progress') {
        progress.get(reply.jobId)?.(reply.done);
      }
    });
    w.on('error', (error) => fail(`the background worker failed: ${error.message}`));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (code !== 0) fail(`the background worker stopped (exit ${code})`);
    });
    // An idle worker does not keep the process alive (the CLI and tests exit when done).
    w.unref();
    return w;
  };

  const call = (channel: string, input: unknown, actor: Actor, at: Date) =>
    new Promise<Result<unknown>>((resolve) => {
      worker ??= start();
      const callId = nextCall++;
      pending.set(callId, resolve);
      worker.ref();
      worker.postMessage({ type: 'call', callId, channel, input, actor, at: at.toISOString() } satisfies WorkerRequest);
    }).finally(() => {
      if (pending.size === 0) worker?.unref();
    });

  return {
    async run(channel, input, actor, at) {
      const jobId = (input as { jobId?: unknown } | null)?.jobId;
      if (typeof jobId !== 'string') return call(channel, input, actor, at);
      // The main thread's record of the job: its owner sees progress and may cancel, as in-process.
      try {
        return await asJob({ actor }, jobId, channel, null, async (control) => {
          progress.set(jobId, (done) => control.onProgress?.(done));
          control.signal?.addEventListener('abort', () => worker?.postMessage({ type: 'cancel', jobId } satisfies WorkerRequest));
          const result = await call(channel, input, actor, at);
          // Cancelled in the worker: end the main record as cancelled too.
          if (!result.ok && control.signal?.aborted) throw Object.assign(new Error('cancelled'), { result });
          return result;
        });
      } catch (error) {
        const result = (error as { result?: Result<unknown> }).result;
        if (result) return result;
        throw error;
      } finally {
        progress.delete(jobId);
      }
    },
    warm() {
      worker ??= start();
    },
    async reset() {
      const w = worker;
      worker = null;
      fail('the database was replaced while the work ran');
      await w?.terminate();
    },
  };
}
