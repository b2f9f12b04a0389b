import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProductCsv, DEFAULT_MAX_PRICE } from '../../src/domain/catalog-import.js';
import { currency } from '../../src/domain/money.js';
import { decodeUtf8Strict } from '../../src/domain/utf8.js';
import { firstControl, sanitizeLine } from '../../src/domain/text-safety.js';
import { importFatalText, importReasonText } from '../../src/i18n/import-reason.js';

const opts = { currency: currency('USD'), taxClasses: ['standard', 'reduced'], barcodeOwner: () => undefined };
const HEAD = 'sku,barcode,name,price,category,tax_class\n';

describe('issue 8.11 product CSV import', () => {
  it('refuses a name carrying ESC p (drawer kick) and GS V (cut), naming line and column', () => {
    const r = parseProductCsv(`${HEAD}A1,4006381333931,Evil\x1bp\x00\x19\xfa\x1dV\x00,1.00,x,standard\nA2,4006381333948,Ok,1.00,x,standard\n`, opts);
    expect(r.products.map((p) => p.sku)).toEqual(['A2']);
    expect(r.rejected.map((x) => ({ line: x.line, column: x.column, reason: importReasonText(x) }))).toEqual([{ line: 2, column: 3, reason: 'column 3: a control character (U+001B) is not allowed in a field' }]);
  });
  it('refuses ANSI, C1, DEL and bidi overrides', () => {
    for (const bad of ['\x1b[2J', '\x9b31m', 'a\x7fb', 'abc\u202edcba']) {
      const r = parseProductCsv(`${HEAD}A1,4006381333931,"${bad}",1.00,x,standard\n`, opts);
      expect(r.products).toEqual([]);
      expect(r.rejected[0]).toMatchObject({ line: 2, column: 3 });
    }
  });
  it('refuses extra columns: an unquoted decimal comma no longer imports 1,25 as 1.00 in category "25"', () => {
    const r = parseProductCsv(`${HEAD}A1,4006381333931,Tea,1,25,drinks,standard\n`, opts);
    expect(r.products).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ line: 2, column: 7 });
    expect(importReasonText(r.rejected[0])).toMatch(/quotes/);
    expect(parseProductCsv(`${HEAD}A1,4006381333931,Tea,"1,25",drinks,standard\n`, opts).products[0].price).toBe(125);
  });
  it('refuses a price above the maximum (90071992547409.91 and the configured one)', () => {
    const r = parseProductCsv(`${HEAD}A1,4006381333931,Gold,90071992547409.91,x,standard\n`, opts);
    expect(r.products).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ line: 2, column: 4 });
    expect(importReasonText(parseProductCsv(`${HEAD}A1,4006381333931,Gold,100000000.00,x,standard\n`, opts).rejected[0])).toMatch(/above the highest price allowed, 99999999.99 USD/);
    expect(parseProductCsv(`${HEAD}A1,4006381333931,Gold,50.01,x,standard\n`, { ...opts, maxPrice: 5000 }).rejected[0]).toMatchObject({ column: 4 });
    expect(DEFAULT_MAX_PRICE * 9999).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
  it('refuses a Latin-1 file naming the line and column of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEAD}A1,4006381333931,`), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]), Buffer.from(',1.00,x,standard\n')]);
    expect(decodeUtf8Strict(bytes)).toEqual({ ok: false, line: 2, column: 21, byte: 0xe9 });
    expect(decodeUtf8Strict(Buffer.from('Café crème\n'))).toEqual({ ok: true, text: 'Café crème\n' });
  });
  it('sanitizeLine strips what the import refuses', () => {
    expect(sanitizeLine('Evil\x1bp\x00\x19\x1dV\x00\x1b[31m\u202e')).toBe('Evilp\x19V[31m'.replace('\x19', ''));
  });

  it('fuzz: quotes, columns, encodings, control characters, huge and negative numbers -> clean import or refusal naming line and column, never a crash', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('"', '""', ',', '\n', '\r\n', '\x1b', '\x1dV\x00', '\x9b', '\u202e', '\x7f', '\ufffd', '-1', '1,25', '90071992547409.91', '1e309', '4006381333931', 'standard', 'Café'),
      fc.integer({ min: -1e16, max: 1e16 }).map(String),
      fc.double().map(String),
    );
    const field = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));
    const row = fc.array(field, { minLength: 1, maxLength: 8 }).map((f) => f.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.boolean(), (rows, bytesMode) => {
        let text = HEAD + rows.join('\n');
        if (bytesMode) {
          const dec = decodeUtf8Strict(Buffer.from(text, 'latin1'));
          if (!dec.ok) {
            expect(dec.line).toBeGreaterThan(0);
            return;
          }
          text = dec.text;
        }
        const r = parseProductCsv(text, opts);
        if (r.fatal) {
          expect(importFatalText(r.fatal)).toMatch(/^line \d+/);
          return;
        }
        for (const p of r.products) {
          for (const s of [p.sku, p.name, p.category, p.taxClass, ...p.barcodes]) expect(firstControl(s)).toBe(-1);
          expect(Number.isSafeInteger(p.price) && p.price >= 0 && p.price <= DEFAULT_MAX_PRICE).toBe(true);
        }
        for (const x of r.rejected) {
          expect(x.line).toBeGreaterThan(1);
          if (!/appears again|has \d+ fields/.test(importReasonText(x))) expect(x.column).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
