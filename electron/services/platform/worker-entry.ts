/**
 * The background worker (see offload.ts): its own runtime on the data folder the main thread already
 * opened and migrated, answering calls with the same dispatch and relaying job progress and cancels.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openRuntime } from '../runtime';
import { abortJob, jobWatchers } from './jobs';
import type { WorkerReply, WorkerRequest } from './offload';

const port = parentPort!;
const data = workerData as { dataDir: string; migrationsFolder: string; nativeBinding: string | null };
const runtime = await openRuntime({
  dataDir: data.dataDir,
  migrationsFolder: data.migrationsFolder,
  secondConnection: true,
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
});
const reply = (message: WorkerReply) => port.postMessage(message);
jobWatchers.onProgress = (jobId, done) => reply({ type: 'progress', jobId, done });

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'cancel') {
    abortJob(message.jobId);
    return;
  }
  void runtime.dispatch(message.channel, message.input, { actor: message.actor }).then((result) => reply({ type: 'result', callId: message.callId, result }));
});
