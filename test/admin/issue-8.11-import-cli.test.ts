/**
 * Issue 8.11 from outside: `till import` and `till headless` as processes on a store made by
 * `till init`. Control characters, extra columns and prices above catalog.maxPrice are refused naming
 * line and column; a catalog.maxPrice that is not a price in the store currency refuses the import
 * (never silently the default); a sale of products at a raised maximum is SALE_TOO_LARGE before its
 * sums leave the safe integers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const till = resolve('bin/till.js');
const dir = mkdtempSync(join(tmpdir(), 'till-811-'));
const data = join(dir, 's');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input?: string) => spawnSync('node', [till, ...args, '--data', data], { encoding: 'utf8', input });
const setMaxPrice = (v: string) => {
  const f = join(data, 'till.config.json');
  const c = JSON.parse(readFileSync(f, 'utf8'));
  c.catalog.maxPrice = v;
  writeFileSync(f, JSON.stringify(c, null, 2));
};
const csv = (name: string, rows: string[]) => {
  const f = join(dir, name);
  writeFileSync(f, ['sku,barcode,name,price,category,tax_class', ...rows, ''].join('\n'));
  return f;
};

describe('issue 8.11 till import and headless, as processes', () => {
  it('refuses ESC p / GS V / ANSI names, an unquoted decimal comma and a price above the default maximum, naming line and column', () => {
    expect(run(['init']).status).toBe(0);
    const f = csv('p.csv', [
      'EVIL,4006381333931,Evil\x1bp\x00\x192 Cut\x1dV\x00,1.00,x,standard',
      'OK1,4006381333948,Coffee,2.50,x,standard',
      'COMMA,4006381333955,Tea,1,25,x,standard',
      'HUGE,4006381333962,Gold,90071992547409.91,x,standard',
      'ANSI,4006381333979,\x1b[2JClear,1.00,x,standard',
    ]);
    const r = run(['import', f]);
    expect(r.stdout).toContain('Imported 1 product(s)');
    expect(r.stderr).toContain('p.csv:2: column 3: a control character (U+001B) is not allowed in a field');
    expect(r.stderr).toContain('p.csv:4: column 7: has 7 fields, the header has 6');
    expect(r.stderr).toContain('p.csv:5: column 4 (price): 90071992547409.91 is above the highest price allowed, 99999999.99 USD (catalog.maxPrice)');
    expect(r.stderr).toContain('p.csv:6: column 3: a control character (U+001B)');
  }, 60_000);

  it('a catalog.maxPrice with more decimals than the currency has refuses the import instead of using the default', () => {
    setMaxPrice('1.999');
    const r = run(['import', csv('h.csv', ['HUGE,4006381333962,Gold,5.00,x,standard'])]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('catalog.maxPrice in the configuration, "1.999", is not a price in USD (at most 2 decimals)');
    expect(r.stderr).toContain('Nothing was imported.');
  }, 60_000);

  it('at a raised catalog.maxPrice a sale that would pass the limit is SALE_TOO_LARGE; what fits is paid and committed', () => {
    setMaxPrice('9999999999999.99');
    expect(run(['import', csv('h2.csv', ['HUGE,4006381333962,Gold,9999999999999.99,x,standard'])]).status).toBe(0);
    const lines = [
      { id: 1, cmd: 'scan', code: '4006381333962', qty: 5 },
      { id: 2, cmd: 'scan', code: '4006381333962', qty: 4 },
      { id: 3, cmd: 'scan', code: '4006381333962' },
      { id: 4, cmd: 'pay' },
      // A total this large is a plausibility question first (plausibility.saleTotalAbove): yes.
      { id: 5, cmd: 'confirm_accept' },
      { id: 6, cmd: 'card', reference: 'A1' },
    ];
    const r = run(['headless'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(r.status).toBe(0);
    const replies = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const tooLarge = { ok: false, error: { code: 'SALE_TOO_LARGE', message: 'A sale can come to at most 45035996273704.95 USD before tax; this would pass it. Sell the rest as another sale.' } };
    expect(replies[0]).toMatchObject(tooLarge);
    expect(replies[1]).toMatchObject({ ok: true, state: { total: 3999999999999996 } });
    expect(replies[2]).toMatchObject({ ...tooLarge, state: { status: 'sale', total: 3999999999999996 } });
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'CONFIRM_TOTAL' } });
    expect(replies[5]).toMatchObject({ ok: true, state: { status: 'committed', due: 0, lastSale: { total: 3999999999999996 } } });
  }, 60_000);
});
