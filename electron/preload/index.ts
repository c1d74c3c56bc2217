/**
 * The bridge the page sees: `window.loanbridge`, one function per channel of the contract, nothing
 * else (no ipcRenderer, no generic invoke). Bundled into one CommonJS file for the sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../shared/contract';

const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of channelNames) {
  bridge[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}

contextBridge.exposeInMainWorld('loanbridge', Object.freeze(bridge));
