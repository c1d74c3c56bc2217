import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { residentIdCheckCharacter, validateResidentId } from '../../../shared/identity/resident-id';
import { socialCreditCheckCharacter, validateSocialCreditCode } from '../../../shared/identity/social-credit-code';
import { maskIdNumber, maskPhone } from '../../../shared/identity/masking';

describe('resident ID (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('accepts the standard example with its check digit and reads the birth date and sex', () => {
    // The worked example of GB 11643-1999.
    expect(validateResidentId('11010519491231002X')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      sex: 'female',
      normalized: '11010519491231002X',
    });
    expect(validateResidentId('440524199003072319')).toMatchObject({ ok: true, birthDate: '1990-03-07', sex: 'male' });
    // Nobody born before 1900 takes a loan: such a date is a typo.
    expect(validateResidentId('440524188001010014')).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('accepts a lower-case x and normalizes it', () => {
    expect(validateResidentId('11010519491231002x')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('names the problem for each kind of wrong number', () => {
    expect(validateResidentId('11010519491231002')).toEqual({ ok: false, problem: 'length' });
    expect(validateResidentId('1101051949123100ZX')).toEqual({ ok: false, problem: 'format' });
    expect(validateResidentId('99010519491231002X')).toEqual({ ok: false, problem: 'region' });
    expect(validateResidentId('11010519490231002X')).toEqual({ ok: false, problem: 'birthDate' });
    expect(validateResidentId('110105194912310021')).toEqual({ ok: false, problem: 'checkDigit' });
  });

  it('catches every single-digit typo in the body (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, shift) => {
        const body = '11010519491231002';
        const typo = body.slice(0, position) + ((Number(body[position]) + shift) % 10) + body.slice(position + 1);
        const id = typo + residentIdCheckCharacter(body);
        const result = validateResidentId(id);
        return !result.ok;
      }),
    );
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences.
    expect(validateSocialCreditCode('91350100M000100Y43').ok).toBe(true);
    expect(validateSocialCreditCode('91110000802100433B').ok).toBe(true);
  });

  it('computes the check character that the code carries', () => {
    expect(socialCreditCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('rejects a wrong check character, letters outside the alphabet and wrong length', () => {
    expect(validateSocialCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'checkDigit' });
    expect(validateSocialCreditCode('91350100M000100I43')).toEqual({ ok: false, problem: 'format' });
    expect(validateSocialCreditCode('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' });
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 characters of an ID and 3+4 of a phone', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
