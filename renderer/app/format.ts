import { formatYuan, parseYuan } from '../../shared/money/yuan';

/** "1234567.8" (a yuan string from the API) → "1,234,567.80" for display. */
export function yuan(text: string | null | undefined): string {
  if (text == null) return '—';
  const fen = parseYuan(text);
  return fen === null ? text : formatYuan(fen);
}
