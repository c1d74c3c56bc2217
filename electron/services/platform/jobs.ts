/**
 * Long work the user can watch and stop (large exports): each job has an id the caller chose, rows
 * done out of the total when known, and a cancel switch the work checks between chunks. Only the user
 * who started a job sees or stops it. Jobs live in memory: a restart ends them, and a finished job is
 * forgotten a minute after its last look.
 */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { actorOf, type ServiceContext } from '../context';

type JobState = 'running' | 'done' | 'cancelled' | 'failed';
interface Job {
  id: string;
  kind: string;
  owner: string;
  done: number;
  total: number | null;
  state: JobState;
  controller: AbortController;
  /** Monotonic milliseconds (performance.now): how long a finished job is kept, not when it ran. */
  endedAt: number | null;
}

const jobs = new Map<string, Job>();
const KEEP_MS = 60_000;

function forgetOld(now: number) {
  for (const [id, job] of jobs) if (job.endedAt !== null && now - job.endedAt > KEEP_MS) jobs.delete(id);
}

export interface JobControl {
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/** A worker thread reports its jobs' progress to the main thread through this. */
export const jobWatchers: { onProgress: ((jobId: string, done: number) => void) | null } = { onProgress: null };

/** Stops a running job by its id, whoever started it (the main thread relays its owner's cancel). */
export function abortJob(jobId: string): void {
  jobs.get(jobId)?.controller.abort();
}

/** Runs `work` as a job when the caller gave an id (and plainly otherwise). */
export async function asJob<T>(ctx: Pick<ServiceContext, 'actor'>, jobId: string | undefined, kind: string, total: number | null, work: (control: JobControl) => Promise<T>): Promise<T> {
  if (!jobId) return work({});
  forgetOld(performance.now());
  if (jobs.has(jobId)) throw new AppError('conflict', `jobId: ${jobId} is already in use`, { field: 'jobId', reason: 'jobIdTaken' });
  const job: Job = { id: jobId, kind, owner: actorOf(ctx).userName, done: 0, total, state: 'running', controller: new AbortController(), endedAt: null };
  jobs.set(jobId, job);
  try {
    const result = await work({
      signal: job.controller.signal,
      onProgress: (done) => {
        job.done = done;
        jobWatchers.onProgress?.(jobId, done);
      },
    });
    job.state = 'done';
    return result;
  } catch (error) {
    job.state = job.controller.signal.aborted ? 'cancelled' : 'failed';
    throw error;
  } finally {
    job.endedAt = performance.now();
  }
}

function ownJob(ctx: ServiceContext, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.owner !== actorOf(ctx).userName) throw new AppError('not-found', `id: no job ${id}`, { field: 'id', reason: 'jobNotFound' });
  return job;
}

const view = (job: Job) => ({ id: job.id, kind: job.kind, done: job.done, total: job.total, state: job.state });

export function jobProgress(ctx: ServiceContext, input: ChannelParsedInput<'job.progress'>): ChannelOutput<'job.progress'> {
  return view(ownJob(ctx, input.id));
}

export function cancelJob(ctx: ServiceContext, input: ChannelParsedInput<'job.cancel'>): ChannelOutput<'job.cancel'> {
  const job = ownJob(ctx, input.id);
  if (job.state === 'running') job.controller.abort();
  return view(job);
}
