import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDateTime, formatMoney, formatNumber, toAscii, charWidth } from '../../src/i18n/index.js';

// Expected strings are ICU's (Node 20, ICU 7x); \u00a0 is the no-break space ICU puts in groups and before symbols.
describe('formatMoney', () => {
  it.each([
    [123456, 'USD', 'en-US', '$1,234.56'],
    [-123456, 'USD', 'en-US', '-$1,234.56'],
    [5, 'USD', 'en-US', '$0.05'],
    [0, 'USD', 'en-US', '$0.00'],
    [1234567, 'VND', 'vi-VN', '1.234.567\u00a0₫'],
    [-1234567, 'VND', 'vi-VN', '-1.234.567\u00a0₫'],
    [123456, 'RUB', 'ru-RU', '1\u00a0234,56\u00a0₽'],
    [-123456, 'RUB', 'ru-RU', '-1\u00a0234,56\u00a0₽'],
    [123456, 'CNY', 'zh-CN', '¥1,234.56'],
    [-123456, 'CNY', 'zh-CN', '-¥1,234.56'],
    [1234567, 'KWD', 'en-US', 'KWD\u00a01,234.567'],
    [-5, 'KWD', 'en-US', '-KWD\u00a00.005'],
  ])('%i %s in %s', (minor, cur, locale, want) => {
    expect(formatMoney(minor, cur, { locale })).toBe(want);
  });

  it.each([
    [123456, 'USD', 'en-US', '$1,234.56'],
    [1234567, 'VND', 'vi-VN', '1.234.567 VND'],
    [-1234567, 'VND', 'vi-VN', '-1.234.567 VND'],
    [-123456, 'RUB', 'ru-RU', '-1 234,56 RUB'],
    [123456, 'CNY', 'zh-CN', 'CNY 1,234.56'],
    [1234567, 'KWD', 'ar-KW', '1,234.567 KWD'],
    [123456, 'EUR', 'de-DE', '1.234,56 EUR'],
  ])('ascii: %i %s in %s', (minor, cur, locale, want) => {
    expect(formatMoney(minor, cur, { locale, ascii: true })).toBe(want);
  });

  it('uses the currency exponent, not the locale default', () => {
    expect(formatMoney(1, 'KWD', { locale: 'en-US' })).toBe('KWD\u00a00.001');
    expect(formatMoney(1, 'VND', { locale: 'en-US' })).toBe('₫1');
    expect(formatMoney(1, 'JPY', { locale: 'en-US' })).toBe('¥1');
  });

  it('is exact for large amounts (no float on the way)', () => {
    expect(formatMoney(9007199254740991, 'USD', { locale: 'en-US' })).toBe('$90,071,992,547,409.91');
  });

  it('never throws on bad input', () => {
    expect(formatMoney(1.5, 'USD')).toBe('NaN USD');
    expect(formatMoney(100, 'nope')).toBe('100 nope');
    expect(formatMoney(100, 'USD', { locale: '!!bad' })).toBe('$1.00');
  });

  it('ascii output is pure ASCII for any amount, currency and locale', () => {
    const curs = ['USD', 'VND', 'RUB', 'CNY', 'KWD', 'EUR', 'JPY', 'INR', 'THB', 'UAH'];
    const locs = ['en-US', 'vi-VN', 'ru-RU', 'zh-CN', 'ar-EG', 'hi-IN', 'th-TH', 'fr-FR', 'uk-UA'];
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...curs), fc.constantFrom(...locs), (m, c, l) => {
        expect(formatMoney(m, c, { locale: l, ascii: true })).toMatch(/^[\x20-\x7e]+$/);
      }),
    );
  });
});

describe('formatDateTime', () => {
  const at = '2025-03-14T09:26:53.000Z';
  it.each([
    ['en-US', '03/14/2025, 09:26'],
    ['vi-VN', '09:26 14/03/2025'],
    ['ru-RU', '14.03.2025, 09:26'],
    ['zh-CN', '2025/03/14 09:26'],
  ])('%s', (locale, want) => {
    expect(formatDateTime(at, locale, false, { timeZone: 'UTC' })).toBe(want);
  });
  it('shows the given zone', () => {
    expect(formatDateTime(at, 'vi-VN', false, { timeZone: 'Asia/Ho_Chi_Minh' })).toBe('16:26 14/03/2025');
  });
  it('ascii uses Latin digits', () => {
    expect(formatDateTime(at, 'ar-EG', true, { timeZone: 'UTC' })).toBe('14/03/2025, 09:26');
  });
  it('returns unparsable input as given', () => {
    expect(formatDateTime('not a date', 'en-US')).toBe('not a date');
  });
});

describe('toAscii', () => {
  it('drops Vietnamese diacritics and transliterates Cyrillic', () => {
    expect(toAscii('Phở bò Đặc biệt')).toBe('Pho bo Dac biet');
    expect(toAscii('Молоко Щука Ёж')).toBe('Moloko Shhuka Yozh');
  });
  it('keeps the column count of CJK text', () => {
    expect(toAscii('牛奶 1L')).toBe('???? 1L');
  });
  it('normalises spaces and minus', () => {
    expect(toAscii('1\u202f234\u00a0\u2212')).toBe('1 234 -');
  });
  it('widths', () => {
    expect(charWidth('a'.codePointAt(0)!)).toBe(1);
    expect(charWidth('牛'.codePointAt(0)!)).toBe(2);
    expect(charWidth(0x301)).toBe(0);
  });
  it('formatNumber', () => {
    expect(formatNumber(8.875, 'en-US')).toBe('8.875');
    expect(formatNumber(1234, 'ru-RU', true)).toBe('1 234');
  });
});
