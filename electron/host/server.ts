/**
 * The localhost browser host: serves the built renderer and routes POST /api/<channel> into the
 * same dispatch as Electron IPC. It exists so the whole UI can be tested in Chromium; never packaged.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { AppErrorPayload, ErrorCode } from '../../shared/contract/errors';
import type { Runtime } from '../services/runtime';
import { CONTENT_SECURITY_POLICY } from '../main/content-security-policy';

export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Uploads carry a workbook of up to 20 MB as base64 (the import channels check the file size themselves). */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
const UPLOAD_CHANNELS = new Set(['import.preview', 'import.commit']);

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  'bad-request': 400,
  forbidden: 403,
  unauthenticated: 401,
  'not-found': 404,
  'unknown-channel': 404,
  conflict: 409,
  'too-large': 413,
  'database-too-new': 500,
  'database-damaged': 500,
  internal: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  runtime: Runtime;
  rendererDir: string;
  port?: number;
}

export interface Host {
  url: string;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'lb_session';

function sessionCookie(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value) return value;
  }
  return null;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

function sendError(res: http.ServerResponse, error: AppErrorPayload): void {
  send(res, STATUS_BY_CODE[error.code], { ok: false, error });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve('too-large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, runtime: Runtime, channel: string) {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    send(res, 405, { ok: false, error: { code: 'bad-request', message: 'use POST with a JSON body' } });
    return;
  }
  const limit = UPLOAD_CHANNELS.has(channel) ? MAX_UPLOAD_BYTES : MAX_REQUEST_BYTES;
  const body = await readBody(req, limit);
  if (body === 'too-large') {
    sendError(res, { code: 'too-large', message: `request body over ${limit} bytes` });
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    sendError(res, { code: 'bad-request', message: 'request body is not valid JSON' });
    return;
  }
  const session = sessionCookie(req);
  const result = await runtime.dispatch(channel, input, { session });
  if (!result.ok) {
    sendError(res, result.error);
    return;
  }
  // The session token lives in an HttpOnly cookie: page scripts never see it.
  if (channel === 'session.signIn') {
    const { token, ...rest } = result.value as { token: string };
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    send(res, 200, { ok: true, value: { ...rest, token: '' } });
    return;
  }
  if (channel === 'session.signOut') res.setHeader('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
  send(res, 200, result);
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rendererDir: string, pathname: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const root = path.resolve(rendererDir);
  let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

export async function startHost(options: HostOptions): Promise<Host> {
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${options.rendererDir}: run \`npm run build\` first`);
  }
  const server = http.createServer((req, res) => {
    const address = server.address() as AddressInfo;
    // Refuse other host names (DNS rebinding) and cross-site posts.
    const allowedHosts = [`127.0.0.1:${address.port}`, `localhost:${address.port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      res.writeHead(421).end('misdirected request');
      return;
    }
    const origin = req.headers.origin;
    if (origin && !allowedHosts.some((host) => origin === `http://${host}`)) {
      sendError(res, { code: 'forbidden', message: 'cross-origin requests are refused' });
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = /^\/api\/([\w.-]+)$/.exec(pathname);
    if (api) {
      handleApi(req, res, options.runtime, api[1]!).catch((error: unknown) =>
        sendError(res, { code: 'internal', message: (error as Error).message }),
      );
    } else if (pathname.startsWith('/api/')) {
      sendError(res, { code: 'unknown-channel', message: `unknown channel "${pathname.slice(5)}"` });
    } else {
      serveStatic(req, res, options.rendererDir, pathname);
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
