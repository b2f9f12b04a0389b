import { describe, expect, it } from 'vitest';
import { ISO_4217, NO_MINOR_UNIT, WITHDRAWN } from '../../src/domain/iso4217.js';
import { currencyCodeProblem, digitsOf } from '../../src/domain/currency-code.js';
import { currency } from '../../src/domain/money.js';
import { validateConfig } from '../../src/domain/config.js';

describe('issue 8.12 currency codes are checked against the register’s own ISO 4217 table', () => {
  it('holds every active code with its minor-unit digits', () => {
    const codes = Object.keys(ISO_4217);
    expect(codes.length).toBeGreaterThanOrEqual(160);
    for (const [code, [digits, name, iso]] of Object.entries(ISO_4217)) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(digits);
      expect(name.trim()).not.toBe('');
      // A third element is written only where the books differ from ISO's digits.
      if (iso !== undefined) expect(iso).not.toBe(digits);
    }
    const all = [...codes, ...Object.keys(WITHDRAWN), ...NO_MINOR_UNIT];
    expect(new Set(all).size).toBe(all.length);
    expect(Object.fromEntries(['VND', 'JPY', 'KWD', 'BHD', 'CLF', 'USD', 'EUR', 'UYW', 'OMR', 'XOF'].map((c) => [c, currency(c).exponent])))
      .toEqual({ VND: 0, JPY: 0, KWD: 3, BHD: 3, CLF: 4, USD: 2, EUR: 2, UYW: 4, OMR: 3, XOF: 0 });
    // IQD: ISO counts 3 digits of fils; prices are in whole dinars, and the register always kept them so.
    expect(ISO_4217.IQD).toEqual([0, 'Iraqi Dinar', 3]);
  });

  // The register took its digits from ICU before this table: a store made then must read its amounts
  // unchanged. On the ICU data this project runs with (CLDR 48), every code agrees.
  it.runIf(process.versions.cldr?.startsWith('48'))('keeps the digits stores were made with (ICU/CLDR 48)', () => {
    const icu = (c: string): number | undefined => new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits;
    const drift = [...Object.keys(ISO_4217), ...Object.keys(WITHDRAWN)].filter((c) => icu(c) !== digitsOf(c));
    expect(drift).toEqual([]);
  });

  it('refuses QQQ, a lower-case code, a metal and a code withdrawn for a new store, saying why and what was meant', () => {
    expect(currencyCodeProblem('QQQ')).toBe('"QQQ" is not an ISO 4217 currency code (the register knows the 164 active codes, such as "USD", "EUR", "VND")');
    expect(currencyCodeProblem('USS')).toBe('"USS" is not an ISO 4217 currency code; did you mean "USD" (US Dollar), "USN" (US Dollar (Next day)) or "UZS" (Uzbekistan Sum)?');
    expect(currencyCodeProblem('VDN')).toMatch(/did you mean "VND" \(Dong\)/);
    expect(currencyCodeProblem('usd')).toBe('must be an ISO 4217 code in capitals such as "USD", "VND", "RUB", "CNY", got "usd"; did you mean "USD" (US Dollar)?');
    expect(currencyCodeProblem(840)).toMatch(/got 840$/);
    expect(currencyCodeProblem('XAU')).toMatch(/without a minor unit/);
    expect(currencyCodeProblem('XXX')).toMatch(/without a minor unit/);
    expect(currencyCodeProblem('HRK', { newStore: true })).toBe('"HRK" (Kuna) was withdrawn from ISO 4217 in 2023; a new store keeps its books in "EUR" (Euro)');
    expect(currencyCodeProblem('HRK')).toBeUndefined();
    expect(currencyCodeProblem('VND', { newStore: true })).toBeUndefined();
  });

  it('config loading refuses an unknown code; money refuses to guess its digits', () => {
    const r = validateConfig({ currency: 'QQQ' });
    expect(!r.ok && r.problems).toEqual([{ key: 'currency', message: expect.stringMatching(/^"QQQ" is not an ISO 4217 currency code/) }]);
    expect(validateConfig({ currency: 'KWD' }).ok).toBe(true);
    expect(() => currency('QQQ')).toThrow(RangeError);
    expect(currency('hrk').exponent).toBe(2);
  });
});
