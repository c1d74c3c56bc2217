/** Registers one ipcMain handler per channel of the contract, each checking who is asking. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/contract';
import type { Actor } from '../../shared/platform/permissions';
import type { Runtime } from '../services/runtime';
import { isAppUrl } from './security';

function trustedSender(event: IpcMainInvokeEvent, rendererFileUrl: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url, rendererFileUrl);
}

export function registerIpc(runtime: Runtime, rendererFileUrl: string, actor: () => Actor): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trustedSender(event, rendererFileUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the LoanBridge window' } };
      }
      return runtime.dispatch(channel, input, actor());
    });
  }
}
