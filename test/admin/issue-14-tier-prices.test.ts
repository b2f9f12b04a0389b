/**
 * Issue 14.5, a tier's price list in the back office on the Vietnamese demo store: set with the
 * program file (checked against the catalog, every problem at its line and column, nothing saved),
 * shown by `till loyalty program list` (and `--json`), exported as it was written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createStore } from '../../src/admin/init.js';
import { demoConfig, demoExtras, demoProducts } from '../../src/admin/demo-store.js';

let dir: string;
let out: string[] = [];
let err: string[] = [];
const data = () => path.join(dir, 'data');
const run = (...argv: string[]) => {
  out = [];
  err = [];
  // The Vietnamese demo store answers in Vietnamese; these checks read the English lines.
  return main(['--data', data(), '--lang', 'en', ...argv], { out: (l) => void out.push(l), err: (l) => void err.push(l), isTTY: false, now: () => new Date('2025-03-14T09:26:00Z') });
};
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-14-prices-'));
  await createStore(data(), demoConfig('vi'), [{ type: 'catalog.upserted', data: { products: demoProducts('vi') } }, ...demoExtras('2025-03-14', 'vi')]);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const tiers = (prices: string) => `{
  "tiers": { "basis": "spend", "demotion": false, "levels": [
    { "id": "standard", "name": "Thành viên", "threshold": 0 },
    { "id": "silver", "name": "Bạc", "threshold": "2000000", "discount": 5 },
    { "id": "gold", "name": "Vàng", "threshold": "5000000", "discount": 10, "earnMultiplier": 1.5,
      "prices": ${prices} }
  ] }
}
`;

describe('till loyalty program set / list / export with a tier price list', () => {
  it('sets Gold’s prices, lists them, exports them as written', async () => {
    expect(await run('loyalty', 'program', 'set', file('t.json', tiers('[{ "sku": "SKU-101", "price": "25000" }, { "category": "bakery", "percent": 15 }]')))).toBe(0);
    expect(out.slice(-4)).toEqual(['  gold: Vàng from 5000000 VND — 10% off, x1.5 points', '    price sku SKU-101: 25000 VND', '    price category bakery: 15% off', 'Saved 0 program(s) and the tiers.']);
    expect(await run('loyalty', 'program', 'list', '--json')).toBe(0);
    expect(JSON.parse(out.join('\n')).tiers.tiers[2].prices).toEqual([{ sku: 'SKU-101', price: 25_000 }, { category: 'bakery', percentPpm: 150_000 }]);
    expect(await run('loyalty', 'program', 'export')).toBe(0);
    expect(JSON.parse(out.join('\n')).tiers.levels[2].prices).toEqual([{ sku: 'SKU-101', price: '25000' }, { category: 'bakery', percent: 15 }]);
  });

  it('refuses a product or category the catalog does not have, a negative price and a duplicate, saving nothing', async () => {
    const f = file('bad.json', tiers(`[
        { "sku": "SKU-999", "price": "25000" },
        { "category": "banh", "percent": 15 },
        { "sku": "SKU-101", "price": "-1000" },
        { "category": "coffee", "percent": 10 },
        { "category": "coffee", "price": "20000" }
      ]`));
    expect(await run('loyalty', 'program', 'set', f)).toBe(1);
    expect(err).toEqual([
      `${f}, line 7, column 18: tiers.levels[2].prices[0].sku: no product of the catalog has sku "SKU-999"; import it first or fix the sku [PROGRAM_UNKNOWN_TARGET]`,
      `${f}, line 8, column 23: tiers.levels[2].prices[1].category: no product of the catalog is in category "banh" [PROGRAM_UNKNOWN_TARGET]`,
      `${f}, line 9, column 38: tiers.levels[2].prices[2].price: must be an amount greater than 0 in VND such as "1" (at most 0 decimals), got "-1000" [PROGRAM_BAD_VALUE]`,
      `${f}, line 11, column 23: tiers.levels[2].prices[4].category: category "coffee" is priced twice in this tier (also tiers.levels[2].prices[3]); keep one entry [PROGRAM_DUPLICATE_ENTRY]`,
      `${f} has 4 problem(s). Nothing was changed.`,
    ]);
    expect(await run('loyalty', 'program', 'list', '--json')).toBe(0);
    expect(JSON.parse(out.join('\n')).tiers.tiers[2].prices).toBeUndefined();
  });
});
