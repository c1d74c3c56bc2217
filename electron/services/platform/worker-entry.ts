/**
 * The background worker (see offload.ts): its own runtime on the data folder the main thread already
 * opened and migrated, answering calls with the same dispatch and relaying job progress and cancels.
 * The same entry, started by the worker itself with the role `planner`, is its planning thread
 * (planner.ts).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './offload';
import { clockFrom, systemClock, type Clock } from '../../../shared/dates/clock';
import { enablePlanner } from './planner';
import { servePlanning } from './planning-tasks';

const port = parentPort!;
type Role =
  | { role?: undefined; dataDir: string; migrationsFolder: string; nativeBinding: string | null; script: string; plans: boolean }
  | { role: 'planner'; results: MessagePort; replies: Int32Array };
const data = workerData as Role;

if (data.role === 'planner') servePlanning(port, data.results, data.replies);
else await serveCalls(data);

async function serveCalls(data: Extract<Role, { role?: undefined }>): Promise<void> {
  // Loaded here, not above: the planning thread needs none of it, and starts sooner without.
  const [{ openRuntime }, { abortJob, jobWatchers }] = await Promise.all([import('../runtime'), import('./jobs')]);
  // The worker keeps no clock of its own: each call's instants run from the caller's (see offload.ts).
  let clock: Clock = systemClock;
  const runtime = await openRuntime({
    now: () => clock(),
    dataDir: data.dataDir,
    migrationsFolder: data.migrationsFolder,
    secondConnection: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  });
  // Blocking to wait for a planned chunk is harmless here, off the window's thread.
  if (data.plans) enablePlanner(data.script);
  const reply = (message: WorkerReply) => port.postMessage(message);
  jobWatchers.onProgress = (jobId, done) => reply({ type: 'progress', jobId, done });

  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'cancel') {
      abortJob(message.jobId);
      return;
    }
    clock = clockFrom(new Date(message.at));
    void runtime.dispatch(message.channel, message.input, { actor: message.actor }).then((result) => reply({ type: 'result', callId: message.callId, result }));
  });
}
