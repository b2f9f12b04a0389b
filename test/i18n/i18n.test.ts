import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { en, errorMessage, hasMessage, registerCatalog, setLanguage, t, translate, translator } from '../../src/i18n/index.js';
import { TillError } from '../../src/domain/errors.js';
import { messageProblem } from '../../src/i18n/message.js';

afterEach(() => setLanguage('en'));

describe('t', () => {
  it('fills {param} placeholders', () => {
    expect(t('error.BAD_QUANTITY', { max: 9999 })).toBe('Quantity must be 1 to 9999.');
    expect(t('error.UNKNOWN_BARCODE', { code: '4006381333931' })).toBe('No product has barcode 4006381333931.');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(t('error.BAD_QUANTITY')).toBe('Quantity must be 1 to {max}.');
    expect(t('error.BAD_QUANTITY', { other: 1 })).toBe('Quantity must be 1 to {max}.');
  });

  it('shows the key for a missing message and never throws', () => {
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t(undefined as unknown as string)).toBe('undefined');
    expect(t('error.BAD_QUANTITY', null as unknown as undefined)).toBe('Quantity must be 1 to {max}.');
    expect(t('__proto__')).toBe('__proto__');
    expect(t('constructor')).toBe('constructor');
  });

  it('falls back from region to language to English', () => {
    registerCatalog('xx', { 'receipt.total': 'TOTAL-XX' });
    registerCatalog('xx-YY', { 'receipt.change': 'Change-XXYY' });
    const tx = translator('xx-YY');
    expect(tx('receipt.change')).toBe('Change-XXYY');
    expect(tx('receipt.total')).toBe('TOTAL-XX');
    expect(tx('receipt.subtotal')).toBe('Subtotal');
    expect(translate('zz', 'receipt.subtotal')).toBe('Subtotal');
    setLanguage('xx_yy');
    expect(t('receipt.change')).toBe('Change-XXYY');
    expect(hasMessage('receipt.change')).toBe(true);
    expect(hasMessage('nope')).toBe(false);
  });
});

describe('errorMessage', () => {
  it('resolves a TillError through the catalog with its params', () => {
    expect(errorMessage(new TillError('CART_FULL', 'x', { max: 500 }))).toBe('A sale can hold at most 500 lines.');
  });
  it('falls back to the error message, then the code', () => {
    expect(errorMessage({ code: 'SOMETHING_NEW', message: 'Something new went wrong.' })).toBe('Something new went wrong.');
    expect(errorMessage({ code: 'SOMETHING_NEW' })).toBe('SOMETHING_NEW');
  });
});

/**
 * Every code the checkout core (cart, tender, sale) can refuse with, and every store code, has an
 * English message. Feature modules (gift cards, loyalty) add their keys with their code; errorMessage() falls
 * back to the error's own English text meanwhile.
 */
describe('catalog coverage', () => {
  const codes = new Set<string>();
  for (const file of ['src/domain/cart.ts', 'src/domain/tender.ts', 'src/domain/sale.ts']) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\b(?:fail|refuse|new TillError)\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]);
  }
  {
    const src = readFileSync('src/store/types.ts', 'utf8');
    const union = /type StoreErrorCode\s*=([^;]+);/.exec(src)?.[1] ?? '';
    for (const m of union.matchAll(/'([A-Z_]+)'/g)) codes.add(m[1]);
  }
  for (const c of ['BAD_QUANTITY', 'CART_FULL', 'NO_SUCH_LINE', 'QTY_NOT_ALLOWED', 'ALREADY_PAID', 'BAD_AMOUNT', 'ABSURD_AMOUNT',
    'TENDER_EXCEEDS_DUE', 'NO_SUCH_TENDER', 'EMPTY_SALE', 'NOT_COVERED', 'STORE_MISSING', 'STORE_CORRUPT', 'DISK_FULL', 'READ_ONLY',
    'PERMISSION', 'IO_ERROR', 'STORE_LOCKED', 'UNKNOWN_BARCODE', 'GARBLED_SCAN', 'EMPTY_SCAN', 'PRINTER_NONE', 'PRINTER_OFFLINE',
    'PAPER_OUT', 'PRINTER_ERROR']) codes.add(c);

  it.each([...codes].sort())('has a message for %s', (code) => {
    expect(Object.prototype.hasOwnProperty.call(en, `error.${code}`)).toBe(true);
  });

  it('has no empty templates and only well-formed placeholders', () => {
    for (const [k, v] of Object.entries(en)) {
      expect(v.trim(), k).not.toBe('');
      expect(messageProblem(v), k).toBeNull();
    }
  });
});
