/** What electron-vite produced (npm test builds before running the tests). */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';

const preload = 'out/preload/index.cjs';

describe.skipIf(!fs.existsSync(preload))('build output', () => {
  it('the preload is one CommonJS file that needs nothing but electron (a sandboxed preload can require nothing else)', () => {
    const code = fs.readFileSync(preload, 'utf8');
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld("loanbridge"');
    expect(code).not.toContain('ipcRenderer.on');
  });

  it('the main process bundle loads its native and server-side dependencies from node_modules', () => {
    const files = fs.readdirSync('out/main').filter((f) => f.endsWith('.js'));
    const code = (f: string) => fs.readFileSync(`out/main/${f}`, 'utf8');
    expect(files.some((f) => /from "better-sqlite3"/.test(code(f)))).toBe(true);
    expect(code('index.js')).toMatch(/from "electron"/);
    // The background worker is its own entry, and nothing it loads touches Electron (a worker thread cannot).
    expect(files).toContain('worker.js');
    const loaded = new Set(['worker.js']);
    // Static imports and the chunks it loads later (import("./…")).
    for (const f of loaded) for (const [, dep] of code(f).matchAll(/(?:from |import\()"\.\/([^"]+)"/g)) loaded.add(dep!);
    expect(loaded.size).toBeGreaterThan(3);
    for (const f of loaded) expect(code(f), f).not.toMatch(/from "electron"/);
  });

  it('the built worker entry, started with the role planner, is a planning thread that answers a task', async () => {
    const { port1, port2 } = new MessageChannel();
    const replies = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(path.resolve('out/main/worker.js'), { workerData: { role: 'planner', results: port2, replies }, transferList: [port2] });
    try {
      const reply = new Promise((resolve) => port1.once('message', resolve));
      worker.postMessage({ id: 7, task: 'loan-book', shared: {}, requests: [] });
      expect(await reply).toEqual({ id: 7, ok: true, value: { loans: [], counts: [], installments: [], payments: [], allocations: [], monthEnds: [], events: [], exceptions: [] } });
      // The thread posts its reply, then bumps the counter a writer sleeps on: the bump may land just after the reply.
      await vi.waitFor(() => expect(Atomics.load(replies, 0)).toBe(1));
    } finally {
      port1.close();
      await worker.terminate();
    }
  });

  it('the renderer page carries a Content-Security-Policy and no inline script', () => {
    const html = fs.readFileSync('out/renderer/index.html', 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
  });
});
