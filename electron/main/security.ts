/** The Electron hardening checklist, applied once at start-up. */
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/** True for the app's own pages: the built renderer file or the dev server. */
export function isAppUrl(url: string, rendererFileUrl: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer && url.startsWith(devServer)) return true;
  return url.split('#')[0]!.split('?')[0] === rendererFileUrl;
}

export function hardenApp(rendererFileUrl: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererFileUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, rendererFileUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // No remote content: anything that is not the app's own file or dev server is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const devServer = process.env.ELECTRON_RENDERER_URL;
    const local = url.startsWith('file://') || url.startsWith('devtools://') || (devServer !== undefined && url.startsWith(devServer)) || url.startsWith('data:') || url.startsWith('blob:');
    callback({ cancel: !local });
  });
}
