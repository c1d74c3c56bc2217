/** Registers one ipcMain handler per channel of the contract, each checking who is asking. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/contract';
import type { Runtime } from '../services/runtime';
import { isAppUrl } from './security';

export function trustedSender(event: IpcMainInvokeEvent, rendererFileUrl: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url, rendererFileUrl);
}

/**
 * Each window's session token stays in the main process, keyed by the window's web contents: the
 * page never holds it, so a script in the page cannot steal it.
 */
export function registerIpc(runtime: Runtime, rendererFileUrl: string): void {
  const tokens = new Map<number, string>();
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!trustedSender(event, rendererFileUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the LoanBridge window' } };
      }
      const contents = event.sender;
      const result = await runtime.dispatch(channel, input, { session: tokens.get(contents.id) ?? null });
      if (result.ok && channel === 'session.signIn') {
        const { token, ...rest } = result.value as { token: string };
        if (!tokens.has(contents.id)) contents.once('destroyed', () => runtime.sessions.close(tokens.get(contents.id)));
        tokens.set(contents.id, token);
        return { ok: true, value: { ...rest, token: '' } };
      }
      if (result.ok && channel === 'session.signOut') tokens.delete(contents.id);
      return result;
    });
  }
}
