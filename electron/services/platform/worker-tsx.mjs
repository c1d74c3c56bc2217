// The background worker's entry for Node processes that run the TypeScript sources (browser host,
// tests, benchmarks): registers tsx in the worker thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
