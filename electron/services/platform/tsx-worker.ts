/**
 * The background worker as the Node processes start it (the browser host, tests, benchmarks): the
 * TypeScript entry through tsx. The desktop app starts its built copy instead (electron/main).
 */
export const tsxWorker = { script: new URL('./worker-tsx.mjs', import.meta.url) };
