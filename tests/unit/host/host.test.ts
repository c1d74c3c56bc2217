import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, startHost, type Host } from '../../../electron/host/server';
import { openRuntime, type Runtime } from '../../../electron/services/runtime';
import { tempDataDir } from '../../helpers/runtime';

let runtime: Runtime;
let host: Host;
let cookie = '';

beforeAll(async () => {
  const renderer = tempDataDir('renderer');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  runtime = await openRuntime({ dataDir: tempDataDir() });
  host = await startHost({ runtime, rendererDir: renderer });
  await runtime.dispatch('session.setup', { userName: 'admin', displayName: '管理员', password: 'first-pass-1' }, { session: null });
  const signIn = await fetch(`${host.url}/api/session.signIn`, { method: 'POST', body: JSON.stringify({ userName: 'admin', password: 'first-pass-1' }) });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await host.close();
  runtime.close();
});

function post(channel: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${host.url}/api/${channel}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json', cookie, ...headers } });
}

function borrowerCount(): number {
  return runtime.database.sqlite.prepare('SELECT COUNT(*) FROM borrowers').pluck().get() as number;
}

describe('browser host', () => {
  it('keeps the session in an HttpOnly cookie and never hands the token to the page', async () => {
    const response = await fetch(`${host.url}/api/session.signIn`, { method: 'POST', body: JSON.stringify({ userName: 'admin', password: 'first-pass-1' }) });
    expect(response.headers.get('set-cookie')).toMatch(/^lb_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\//);
    expect(((await response.json()) as { value: { token: string } }).value.token).toBe('');
  });

  it('refuses calls without a session, and with a wrong password', async () => {
    const anonymous = await fetch(`${host.url}/api/borrower.list`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated', reason: 'signInRequired' } });
    const wrong = await fetch(`${host.url}/api/session.signIn`, { method: 'POST', body: JSON.stringify({ userName: 'admin', password: 'nope-nope-1' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('routes a valid call into the handler map', async () => {
    const response = await post('borrower.create', JSON.stringify({ kind: 'individual', name: '李四', idType: 'resident-id', idNumber: '11010519491231002X' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { id: 1, name: '李四' } });
  });

  it('answers malformed requests with a clear error and leaves the database unchanged', async () => {
    const before = borrowerCount();
    const cases: Array<[string, string | Buffer, number, string]> = [
      ['borrower.create', '{not json', 400, 'bad-request'],
      ['borrower.create', JSON.stringify({ kind: 'individual', name: '王', idType: 'resident-id', idNumber: '110105194912310021' }), 400, 'validation'],
      ['borrower.create', JSON.stringify([1, 2, 3]), 400, 'validation'],
      ['borrower.create', JSON.stringify({ kind: 'robot', name: 'x' }), 400, 'validation'],
      ['borrower.create', Buffer.alloc(MAX_REQUEST_BYTES + 10, 0x20), 413, 'too-large'],
      ['borrower.drop', '{}', 404, 'unknown-channel'],
      ['borrower.list%00', '{}', 404, 'unknown-channel'],
      ['constructor', '{}', 404, 'unknown-channel'],
      ['__proto__', '{}', 404, 'unknown-channel'],
    ];
    for (const [channel, body, status, code] of cases) {
      const response = await post(channel, body);
      expect(response.status, `${channel} ${String(body).slice(0, 30)}`).toBe(status);
      const json = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(json.ok).toBe(false);
      expect(json.error.code).toBe(code);
      expect(json.error.message.length).toBeGreaterThan(5);
    }
    expect(borrowerCount()).toBe(before);
  });

  it('names the field and reason of a validation error', async () => {
    const response = await post('borrower.create', JSON.stringify({ kind: 'individual', name: '王', idType: 'resident-id', idNumber: '110105194912310021' }));
    expect(await response.json()).toMatchObject({ error: { field: 'idNumber', reason: 'residentId.checkDigit' } });
  });

  it('refuses GET on the API, cross-origin posts and foreign host names', async () => {
    expect((await fetch(`${host.url}/api/platform.status`)).status).toBe(405);
    const cross = await post('platform.status', '{}', { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const port = new URL(host.url).port;
    const status = await new Promise<number>((resolve) => {
      http.request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (res) => resolve(res.statusCode!)).end();
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a Content-Security-Policy and never outside its folder', async () => {
    const page = await fetch(`${host.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const traversal = await fetch(`${host.url}/..%2f..%2fpackage.json`);
    expect(await traversal.text()).not.toContain('"name"');
  });
});
