/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, Z, S, V); the last is a MOD 31 check character over the first 17.
 */
import type { IdProblem } from './resident-id';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type SocialCreditCodeResult = { ok: true; normalized: string } | { ok: false; problem: IdProblem };

export function socialCreditCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function validateSocialCreditCode(raw: string): SocialCreditCodeResult {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length' };
  // 1st: registering authority; 2nd: entity type; 3-8: region digits; 9-17: organisation code.
  if (!/^[1-9A-GY][1-9]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { ok: false, problem: 'format' };
  if (socialCreditCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'checkDigit' };
  return { ok: true, normalized: code };
}
