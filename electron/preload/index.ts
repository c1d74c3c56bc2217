/**
 * The bridge the page sees: `window.loanbridge`, one function per channel of the contract, and
 * `window.loanbridgeDesktop.printToPdf`; nothing else (no ipcRenderer, no generic invoke). Bundled into one CommonJS file for the sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../shared/contract';
import { PRINT_TO_PDF } from '../../shared/platform/print';

const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of channelNames) {
  bridge[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}

contextBridge.exposeInMainWorld('loanbridge', Object.freeze(bridge));
// Save as PDF with running headers and page numbers: the desktop's only function outside the contract.
contextBridge.exposeInMainWorld('loanbridgeDesktop', Object.freeze({ printToPdf: (request: unknown) => ipcRenderer.invoke(PRINT_TO_PDF, request) }));
