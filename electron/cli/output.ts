/** How the CLI prints: JSON for scripts, aligned text for people. */
import type { AppErrorPayload } from '../../shared/contract/errors';
import { formatYuan, parseYuan } from '../../shared/money/yuan';

export interface Output {
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export function printValue(output: Output, value: unknown, asText: () => string): void {
  output.out(output.json ? JSON.stringify(value, null, 2) : asText());
}

/** Display width, counting CJK characters as two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Exit codes: 2 = the input was refused (fix it and retry), 1 = something else went wrong. */
export function exitCodeFor(error: AppErrorPayload): number {
  return error.code === 'internal' || error.code === 'database-damaged' ? 1 : 2;
}

export function printError(output: Output, error: AppErrorPayload): void {
  if (output.json) output.out(JSON.stringify({ error }, null, 2));
  output.err(`error: ${error.message}`);
  for (const issue of error.issues?.slice(1) ?? []) output.err(`       ${issue.message}`);
}

/** A yuan string from the API as people read it: "1234567.8" → "1,234,567.80". */
export const money = (yuan: string): string => formatYuan(parseYuan(yuan) ?? 0);
