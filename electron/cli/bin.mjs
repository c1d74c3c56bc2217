#!/usr/bin/env node
// The `loanbridge` command. Runs the TypeScript sources through tsx so the CLI always matches the
// checked-out code; it never loads Electron.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
