import { describe, expect, it } from 'vitest';
import { parseProductCsv } from '../../src/domain/catalog-import.js';
import { currency } from '../../src/domain/money.js';
import { importFatalText, importReasonText } from '../../src/i18n/import-reason.js';

const opts = (owner: Record<string, string> = {}) => ({
  currency: currency('USD'),
  taxClasses: ['standard', 'reduced'],
  barcodeOwner: (c: string) => owner[c],
});

describe('parseProductCsv', () => {
  it('accepts good rows and names the line and reason of every bad one', () => {
    const csv = [
      'sku,barcode,name,price,category,tax_class',
      'A1,4006381333931,Pencil,1.25,office,standard', // line 2: ok (valid EAN-13)
      'A2,4006381333932,Pen,2.00,office,standard', // line 3: bad check digit
      'A3,12345,Eraser,abc,office,standard', // line 4: bad price
      'A4,12346,Ruler,1.999,office,standard', // line 5: too many decimals
      'A5,12347,Glue,3.00,office,luxury', // line 6: unknown tax class
      'A6,,Tape,1.00,office,standard', // line 7: no barcode
      'A7,4006381333931,Clone,1.00,office,standard', // line 8: barcode of A1
      'A8,777|778,Stapler,"4,50",office,reduced', // line 9: two barcodes, decimal comma
    ].join('\n');
    const r = parseProductCsv(csv, opts());
    expect(r.fatal).toBeUndefined();
    expect(r.products.map((p) => [p.sku, p.price, p.barcodes])).toEqual([
      ['A1', 125, ['4006381333931']],
      ['A8', 450, ['777', '778']],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(importReasonText(r.rejected[0])).toMatch(/check digit.*expected 1/);
    expect(importReasonText(r.rejected[3])).toMatch(/column 6 \(tax_class\): "luxury" is not one of standard, reduced/);
    expect(importReasonText(r.rejected[5])).toMatch(/already belongs to A1/);
  });

  it('refuses the whole file when a column is missing or quoting is broken', () => {
    expect(importFatalText(parseProductCsv('sku,name,price\n1,x,1.00', opts()).fatal!)).toMatch(/missing column\(s\) barcode, category, tax_class/);
    expect(importFatalText(parseProductCsv('sku,barcode,name,price,category,tax_class\n1,2,"x,1,c,standard', opts()).fatal!)).toMatch(/not closed/);
    expect(importFatalText(parseProductCsv('', opts()).fatal!)).toMatch(/empty/);
  });

  it('lets a product keep its own barcodes on update but not take another product\'s', () => {
    const csv = 'sku,barcode,name,price,category,tax_class\nOLD,555,Renamed,1.00,x,standard\nNEW,556,Other,1.00,x,standard';
    const r = parseProductCsv(csv, opts({ '555': 'OLD', '556': 'SOMEONE' }));
    expect(r.products.map((p) => p.sku)).toEqual(['OLD']);
    expect(r.rejected.map((x) => ({ line: x.line, column: x.column, reason: importReasonText(x) }))).toEqual([{ line: 3, column: 2, reason: 'column 2 (barcode): 556 already belongs to SOMEONE' }]);
  });

  it('an optional sold_by column flags weighed and open-price products; anything else is refused naming the column', () => {
    const csv = [
      'sku,barcode,name,price,category,tax_class,sold_by',
      'B1,61001,Bananas loose,2.40,produce,standard,weight',
      'M1,900,Miscellaneous,0,misc,standard,Open-Price',
      'C1,101,Espresso,2.50,coffee,standard,',
      'X1,102,Odd,1.00,coffee,standard,litre',
    ].join('\n');
    const r = parseProductCsv(csv, opts());
    expect(r.products.map((p) => [p.sku, p.soldBy, p.openPrice])).toEqual([['B1', 'weight', undefined], ['M1', undefined, true], ['C1', undefined, undefined]]);
    expect(r.rejected.map((x) => ({ line: x.line, column: x.column, reason: importReasonText(x) }))).toEqual([{ line: 5, column: 7, reason: 'column 7 (sold_by): "litre" is not one of each, weight, open-price' }]);
  });
});
