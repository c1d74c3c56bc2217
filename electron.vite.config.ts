import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // The background worker (exports, imports, the daily close) is a second entry: out/main/worker.js.
      lib: { entry: { index: resolve('electron/main/index.ts'), worker: resolve('electron/services/platform/worker-entry.ts') } },
    },
  },
  preload: {
    build: {
      // The sandboxed preload must be one self-contained CommonJS file: bundle zod and the contract in.
      externalizeDeps: false,
      lib: { entry: resolve('electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: { input: resolve('renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
  },
});
