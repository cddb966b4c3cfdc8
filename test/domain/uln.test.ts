import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ulnStatus } from '../../src/domain/gateway/uln.ts';

/** The check digit the Learning Records Service rule gives a 9-digit prefix, or null when r = 0. */
function checkDigit(prefix: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(prefix[i]) * (10 - i);
  const r = sum % 11;
  return r === 0 ? null : 10 - r;
}

describe('ULN (LRS check digit, issue 3 "Gateway")', () => {
  it('accepts a number whose tenth digit is 10 − (weighted sum mod 11)', () => {
    // 1,2,…,9 weighted 10…2: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1; check 9.
    expect(ulnStatus('1234567899')).toBe('valid');
    expect(ulnStatus('1234567890')).toBe('invalid');
  });

  it('treats 9999999999 as the temporary ULN', () => {
    expect(ulnStatus('9999999999')).toBe('temporary');
  });

  it('refuses wrong lengths, a leading zero and non-digits', () => {
    for (const bad of ['', '123456789', '12345678901', '0234567899', '12345678a9', ' 1234567899', '1234567899 ']) expect(ulnStatus(bad), bad).toBe('invalid');
  });

  it('refuses every prefix whose weighted sum is a multiple of 11 (r = 0)', () => {
    // Find a prefix whose weighted sum is a multiple of 11: no tenth digit can make it valid.
    let prefix = '';
    for (let n = 100000000; n < 100001000; n++)
      if (checkDigit(String(n)) === null) {
        prefix = String(n);
        break;
      }
    expect(prefix).not.toBe('');
    for (let d = 0; d <= 9; d++) expect(ulnStatus(`${prefix}${d}`)).toBe('invalid');
  });

  it('exactly one tenth digit is valid for every prefix with r ≠ 0 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100000000, max: 999999999 }), (n) => {
        const prefix = String(n);
        const check = checkDigit(prefix);
        const valid = [...Array(10).keys()].filter((d) => ulnStatus(`${prefix}${d}`) === 'valid');
        if (check === null || check === 10) expect(valid).toEqual([]);
        else expect(valid).toEqual([check]);
      }),
    );
  });
});
