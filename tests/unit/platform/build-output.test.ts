/** What electron-vite produced (npm test builds before running the tests). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

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
    const code = fs.readFileSync('out/main/index.js', 'utf8');
    expect(code).toMatch(/from "better-sqlite3"/);
    expect(code).toMatch(/from "electron"/);
  });

  it('the renderer page carries a Content-Security-Policy and no inline script', () => {
    const html = fs.readFileSync('out/renderer/index.html', 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
  });
});
