/**
 * `till import`'s per-row reasons in the manager's language (issue 13): the domain gives codes and
 * values, the catalogs the words — every reason and whole-file refusal, in vi, zh and ru, with no
 * English word of the English reason left; Russian counts through the plural rules.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { parseProductCsv } from '../../src/domain/catalog-import.js';
import { currency } from '../../src/domain/money.js';
import { importFatalText, importReasonText } from '../../src/i18n/import-reason.js';
import { englishLeft } from '../support/english-left.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function till(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const HEAD = 'sku,barcode,name,price,category,tax_class,sold_by';
/** One row for each reason the import gives (line 2 on). */
const ROWS = [
  'A1,4006381333931,Cà phê,1.50,drinks,standard,',
  'B1,4006381333932,Bad check,1.00,x,standard,',
  'B2,4006381333931,Taken,1.00,x,standard,',
  'B3,12 34,Spaces,1.00,x,standard,',
  'B4,,No code,1.00,x,standard,',
  'B5,777,Tax,1.00,x,luxury,',
  'B6,778,Sold,1.00,x,standard,litre',
  'B7,779,Price,1.234,x,standard,',
  'B8,780,Dear,100000000.00,x,standard,',
  'B9,781,,1.00,x,standard,',
  `C1,782,${'x'.repeat(121)},1.00,x,standard,`,
  'bad sku,783,Sku,1.00,x,standard,',
  'C2,784,Few',
  'C3,785,Many,1,25,x,standard,',
  'C4,786,Ctl\u001b,1.00,x,standard,',
  'A1,4006381333931,Again,1.75,drinks,standard,',
];
const CODES = ['BARCODE_CHECK', 'BARCODE_TAKEN', 'BARCODE_CHARS', 'BARCODE_NONE', 'TAX_CLASS_BAD', 'SOLD_BY_BAD', 'PRICE_BAD', 'PRICE_HIGH', 'NAME_EMPTY', 'NAME_LONG', 'SKU_BAD', 'FIELDS_FEW', 'FIELDS_MANY', 'CONTROL_CHAR', 'SKU_AGAIN'];
// Words each language keeps: the CSV's own column names and values (what the file holds).
const KEPT = ['sku', 'barcode', 'name', 'price', 'tax_class', 'sold_by', 'each', 'weight', 'open-price', 'standard', 'reduced', 'luxury', 'litre', 'catalog.maxPrice', 'quotes'];

describe('the import\'s reasons', () => {
  const r = parseProductCsv([HEAD, ...ROWS].join('\n'), { currency: currency('USD'), taxClasses: ['standard', 'reduced'], barcodeOwner: () => undefined });

  it('are codes and values in the domain: one of each', () => {
    expect(r.rejected.map((x) => x.code)).toEqual(CODES);
    expect(r.rejected.find((x) => x.code === 'BARCODE_CHECK')?.params).toEqual({ column: 2, kind: 'EAN-13', barcode: '4006381333932', expected: 1 });
  });

  it.each(['vi', 'zh', 'ru'])('read in %s, every one, no English word left, no slot open', (lang) => {
    for (const x of r.rejected) {
      const en = importReasonText(x, 'en');
      const text = importReasonText(x, lang);
      expect(text, x.code).not.toBe(en);
      expect(text).not.toMatch(/\{[a-z]+\}/);
      expect(englishLeft(en, text, KEPT), `${x.code}: ${text}`).toEqual([]);
    }
    for (const csv of ['', 'sku,name\n1,x', 'sku,barcode,name,price,category,tax_class\n1,2,"x,1,c,standard', 'sku,barcode,name,price,category,tax_class\n1,2,x"y,1,c,standard', 'sku,barcode,name,price,category,tax\u0007_class\n']) {
      const f = parseProductCsv(csv, { currency: currency('USD'), taxClasses: ['standard'], barcodeOwner: () => undefined }).fatal!;
      expect(f, csv).toBeDefined();
      const text = importFatalText(f, lang);
      expect(text).not.toBe(importFatalText(f, 'en'));
      expect(englishLeft(importFatalText(f, 'en'), text, KEPT), text).toEqual([]);
    }
  });

  it('Russian counts: 1, 2, 5, 21 fields and characters', () => {
    const few = (n: number) => importReasonText({ code: 'FIELDS_FEW', params: { fields: n, header: 21 } }, 'ru');
    expect([1, 2, 5, 21].map(few)).toEqual(['1 поле, а в заголовке 21 поле', '2 поля, а в заголовке 21 поле', '5 полей, а в заголовке 21 поле', '21 поле, а в заголовке 21 поле']);
    expect(importReasonText({ code: 'NAME_LONG', params: { column: 3, max: 120 } }, 'ru')).toBe('столбец 3 (name): длиннее 120 символов');
    expect(importReasonText({ code: 'NAME_LONG', params: { column: 3, max: 21 } }, 'ru')).toBe('столбец 3 (name): длиннее 21 символа');
  });

  it('till import prints them in the output\'s language', async () => {
    const d = mkdtempSync(join(tmpdir(), 'till-import-lang-'));
    dirs.push(d);
    expect((await till('--data', d, 'init')).code).toBe(0);
    const csv = join(d, 'p.csv');
    writeFileSync(csv, [HEAD, ...ROWS.slice(0, 3)].join('\n'));
    const zh = await till('--data', d, '--lang', 'zh', 'import', csv, '--dry-run');
    expect(zh.err.split('\n')).toEqual([`${csv}:3: 第 2 列（barcode）：EAN-13 4006381333932 校验位错误（应为 1）`, `${csv}:4: 第 2 列（barcode）：4006381333931 已属于商品 A1`]);
    expect(zh.out).toBe('试运行：1 个商品（新增 1，更新 0），报告 2 行。没有做任何更改。');
    writeFileSync(csv, '');
    expect((await till('--data', d, '--lang', 'vi', 'import', csv)).err).toBe(`${csv}: tệp trống. Chưa nhập gì.`);
  });
});
