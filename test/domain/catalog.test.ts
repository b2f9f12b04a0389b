import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ean13, gs1CheckDigit, validateBarcode } from '../../src/domain/catalog.js';

describe('validateBarcode', () => {
  it.each([
    ['4006381333931', 'EAN-13'],
    ['036000291452', 'UPC-A'],
    ['96385074', 'EAN-8'],
    ['10614141000415', 'GTIN-14'],
    ['101', 'short in-store code'],
    ['SKU-ABC_12', 'Code128 label'],
  ])('accepts %s (%s)', (code) => expect(validateBarcode(code)).toEqual({ ok: true }));

  it('names the symbology and the expected check digit of a wrong one', () => {
    expect(validateBarcode('4006381333932')).toEqual({ ok: false, code: 'BARCODE_CHECK', kind: 'EAN-13', expected: 1, reason: 'bad check digit in EAN-13 4006381333932 (expected 1)' });
    expect(validateBarcode('036000291453')).toEqual({ ok: false, code: 'BARCODE_CHECK', kind: 'UPC-A', expected: 2, reason: 'bad check digit in UPC-A 036000291453 (expected 2)' });
    expect(validateBarcode('96385075')).toMatchObject({ ok: false, reason: expect.stringContaining('EAN-8') });
  });

  it.each(['', 'AB C', 'x'.repeat(49), 'café', 'a\tb'])('rejects %j as unprintable or too long', (code) => {
    expect(validateBarcode(code).ok).toBe(false);
  });

  it('completes a 12-digit body into an EAN-13 and refuses anything else', () => {
    expect(ean13('400638133393')).toBe('4006381333931');
    expect(() => ean13('40063813339')).toThrow(RangeError);
    expect(() => ean13('40063813339x')).toThrow(RangeError);
  });

  it('property: every completed EAN-13 and UPC-A validates, and every other last digit is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11,12}$/), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const good = body + gs1CheckDigit(body);
        expect(validateBarcode(good)).toEqual({ ok: true });
        const bad = body + ((gs1CheckDigit(body) + shift) % 10);
        expect(validateBarcode(bad).ok).toBe(false);
      }),
    );
  });

  it('property: a single wrong digit anywhere in an EAN-13 is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(12), fc.integer({ min: 1, max: 9 }), (body, pos, shift) => {
        const code = ean13(body);
        const d = (Number(code[pos]) + shift) % 10;
        expect(validateBarcode(code.slice(0, pos) + d + code.slice(pos + 1)).ok).toBe(false);
      }),
    );
  });
});
