/**
 * PRC resident identity card number (居民身份证号码), GB 11643-1999: 17 digits and a check character
 * computed with ISO 7064 MOD 11-2 (which may be X). Digits 7-14 are the birth date.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** First two digits: province-level region codes in use (GB/T 2260), plus 71/81/82 for TW/HK/MO. */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);

export type IdProblem = 'length' | 'format' | 'region' | 'birthDate' | 'checkDigit';

export type ResidentIdResult =
  | { ok: true; birthDate: string; sex: 'male' | 'female'; normalized: string }
  | { ok: false; problem: IdProblem };

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export function validateResidentId(raw: string): ResidentIdResult {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return { ok: false, problem: 'region' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealBirthDate(birthDate)) return { ok: false, problem: 'birthDate' };
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkDigit' };
  return { ok: true, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', normalized: id };
}

function isRealBirthDate(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  if (year < 1900 || year > 2100) return false;
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === isoDate;
}
