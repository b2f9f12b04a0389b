/**
 * Issue 14.5, a price list per tier (the Vietnamese loyalty base: "Các mức khách hàng … Danh sách giá
 * đối với hạng khách", levels such as "Khách hàng bạc, Khách hàng vàng" with a price list each). The
 * page gives no figures; the worked example is the Vietnamese demo café's: Gold ("Vàng", 10% off)
 * pays 25.000 ₫ for a Cà phê sữa đá listed at 29.000 ₫ and 15% less for bakery, and the tier's 10%
 * on the rest. 2 coffees, a Bánh mì thịt nướng and 2 Lavie: 50.000 + 21.250 + 12.000 − 1.200 =
 * 82.050 ₫ (95.000 ₫ at catalog prices).
 */
import { describe, expect, it } from 'vitest';
import { addProduct, emptyCart, priceCart, setQty, type Cart } from '../../../src/domain/cart.js';
import { entryFor, entryPrice, priceFromList } from '../../../src/domain/price-list.js';
import { tierPriceList, withTierDiscount } from '../../../src/domain/loyalty/tiers.js';
import { buildSaleLoyalty } from '../../../src/domain/loyalty/sale-extension.js';
import { readProgramText, writeProgramFile } from '../../../src/domain/loyalty/program-file.js';
import { ladderLines } from '../../../src/domain/loyalty/admin-view.js';
import { HistoryFold } from '../../../src/domain/loyalty/history.js';
import { historyLines } from '../../../src/domain/loyalty/history-view.js';
import { layoutReceipt, renderText } from '../../../src/domain/receipt.js';
import { finalizeSale } from '../../../src/domain/sale.js';
import { returnLine } from '../../../src/domain/returns/lines.js';
import { currency } from '../../../src/domain/money.js';
import type { Product } from '../../../src/domain/catalog.js';
import type { TaxSettings } from '../../../src/domain/tax.js';
import type { LoyaltyProgram, TierLadder } from '../../../src/domain/loyalty/types.js';
import { account } from '../loyalty/fixtures.js';

const VND = currency('VND');
const TAX: TaxSettings = { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } };
const p = (code: string, name: string, price: number, category: string, taxClass = 'standard'): Product => ({ sku: `SKU-${code}`, barcodes: [code], name, price, category, taxClass });
const COFFEE = p('101', 'Cà phê sữa đá', 29_000, 'coffee');
const BLACK = p('102', 'Cà phê đen đá', 25_000, 'coffee');
const TEA = p('107', 'Trà đá', 5_000, 'tea');
const BANH_MI = p('201', 'Bánh mì thịt nướng', 25_000, 'bakery', 'reduced');
const WATER = p('301', 'Nước suối Lavie 500ml', 6_000, 'drinks');

const LADDER: TierLadder = {
  basis: 'spend', demotion: false,
  tiers: [
    { id: 'standard', name: 'Thành viên', threshold: 0 },
    { id: 'silver', name: 'Bạc', threshold: 2_000_000, discountPpm: 50_000 },
    {
      id: 'gold', name: 'Vàng', threshold: 5_000_000, discountPpm: 100_000,
      prices: [
        { sku: 'SKU-101', price: 25_000 },
        { category: 'bakery', percentPpm: 150_000 },
        // Above the catalog's 25.000: not used, the line takes the tier's 10% like any other.
        { sku: 'SKU-102', price: 26_000 },
        // 0%: tea stays at the catalog price and takes no tier percentage either.
        { category: 'tea', percentPpm: 0 },
      ],
    },
  ],
};
const PROGRAM: LoyaltyProgram = {
  id: 'than-thiet', name: 'Khách hàng thân thiết', active: true, decimals: 0, step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 10_000 } }],
  rewards: [{ id: 'cashback', name: 'Dùng điểm trừ tiền', kind: 'cashback', cost: 1, value: { amount: 1_000, points: 1 } }],
};
const GOLD = account({ id: 'minh', name: 'Trần Văn Minh', tier: 'gold' });
const must = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const cartOf = (items: [Product, number][], start: Cart = emptyCart()): Cart => items.reduce((c, [prod, q]) => must(addProduct(c, prod, q)), start);

describe('the price list: precedence', () => {
  const list = tierPriceList(GOLD, LADDER)!;
  it('the product’s own entry, else its category’s; a fixed price above the catalog is not used', () => {
    expect(entryFor(list, 'SKU-101', 'coffee')).toEqual({ sku: 'SKU-101', price: 25_000 });
    expect(entryFor(list, 'SKU-201', 'bakery')).toEqual({ category: 'bakery', percentPpm: 150_000 });
    expect(entryFor(list, 'SKU-301', 'drinks')).toBeUndefined();
    expect(entryPrice({ sku: 'SKU-102', price: 26_000 }, 25_000)).toBeNull();
    expect(entryPrice({ category: 'bakery', percentPpm: 150_000 }, 25_000)).toBe(21_250);
  });
  it('a priced line keeps its catalog price and where its price came from; without the list it is back', () => {
    const line = { kind: 'product', sku: 'SKU-201', category: 'bakery', unitPrice: 25_000, qty: 1 };
    const priced = priceFromList(line, list);
    expect(priced).toEqual({ ...line, unitPrice: 21_250, listPrice: 25_000, priceFrom: { tierId: 'gold', name: 'Vàng', entry: 'category', key: 'bakery', percentPpm: 150_000 } });
    expect(priceFromList(priced, null)).toEqual(line);
    // Gift cards and reward lines keep their price.
    const card = { kind: 'giftcard', sku: 'SKU-101', category: 'coffee', unitPrice: 50_000, qty: 1 };
    expect(priceFromList(card, list)).toBe(card);
  });
  it('a blocked card or a tier without prices has no price list', () => {
    expect(tierPriceList({ ...GOLD, blocked: true }, LADDER)).toBeNull();
    expect(tierPriceList({ ...GOLD, tier: 'silver' }, LADDER)).toBeNull();
  });
});

describe('the worked example: Gold at the Vietnamese café', () => {
  const items: [Product, number][] = [[COFFEE, 2], [BANH_MI, 1], [WATER, 2]];

  it('lines at the tier’s prices, the tier’s 10% only on the unpriced line, tax on the tier price', () => {
    const cart = withTierDiscount(cartOf(items), GOLD, LADDER);
    const pc = priceCart(cart, TAX);
    expect(pc.lines.map((l) => [l.sku, l.unitPrice, l.listPrice, l.gross, l.discount, l.amount, l.tax])).toEqual([
      ['SKU-101', 25_000, 29_000, 50_000, 0, 50_000, 4_545], // 50.000 × 10/110
      ['SKU-201', 21_250, 25_000, 21_250, 0, 21_250, 1_012], // 21.250 × 5/105
      ['SKU-301', 6_000, undefined, 12_000, 1_200, 10_800, 982], // the tier's 10%
    ]);
    expect(pc.discounts).toEqual([{ id: 'tier', label: 'Vàng', source: 'tier', amount: 1_200, meta: { tierId: 'gold' } }]);
    expect([pc.gross, pc.total, pc.tax]).toEqual([83_250, 82_050, 6_539]);
  });

  it('attaching mid-sale re-prices every line, scans after it are priced too, detaching puts the catalog prices back', () => {
    let cart = withTierDiscount(cartOf([[COFFEE, 1]]), GOLD, LADDER);
    cart = cartOf([[COFFEE, 1], [BANH_MI, 1], [WATER, 2]], cart);
    cart = must(setQty(cart, cart.lines.find((l) => l.sku === 'SKU-101')!.id, 2));
    expect(priceCart(cart, TAX).total).toBe(82_050);
    const off = withTierDiscount(cart, null, null);
    expect(off.lines.map((l) => [l.sku, l.unitPrice, l.listPrice, l.priceFrom])).toEqual([
      ['SKU-101', 29_000, undefined, undefined], ['SKU-201', 25_000, undefined, undefined], ['SKU-301', 6_000, undefined, undefined],
    ]);
    expect(priceCart(off, TAX).total).toBe(95_000);
    // A Silver customer replacing Gold: no price list, 5% on everything.
    expect(priceCart(withTierDiscount(cart, { ...GOLD, tier: 'silver' }, LADDER), TAX).total).toBe(95_000 - 4_750);
  });

  it('an entry above the catalog price gives way to the tier %, a 0% entry keeps the catalog price without it', () => {
    const pc = priceCart(withTierDiscount(cartOf([[BLACK, 1], [TEA, 2]]), GOLD, LADDER), TAX);
    expect(pc.lines.map((l) => [l.sku, l.unitPrice, l.amount])).toEqual([['SKU-102', 25_000, 22_500], ['SKU-107', 5_000, 10_000]]);
    expect(pc.total).toBe(32_500);
  });

  it('journaled on the line and in the loyalty extension; the history names the price list', () => {
    const cart = withTierDiscount(cartOf(items), GOLD, LADDER);
    const pc = priceCart(cart, TAX);
    const ext = must(buildSaleLoyalty({ cart, priced: pc, tenders: [{ id: 'T1', kind: 'cash', amount: pc.total }], account: GOLD, programs: [PROGRAM], ladder: LADDER, day: '2025-03-14' }));
    expect(ext).toMatchObject({ tierDiscount: 1_200, priceList: { tierId: 'gold', name: 'Vàng', lines: 2, saved: 8_000 + 3_750 }, spend: 82_050 });
    expect(ext.programs[0].earned).toBe(8); // 82.050 / 10.000, rounded down
    const sale = must(finalizeSale(pc, [{ id: 'T1', kind: 'cash', amount: 100_000, given: 100_000, change: 17_950 }], { saleId: 's1', receiptNo: 'R1-000001', at: '2025-03-14T09:26:00.000Z', register: 'R1', operator: { id: 'op', name: 'Hương' }, currency: 'VND' }, { loyalty: ext }));
    const journaled = JSON.parse(JSON.stringify(sale));
    expect(journaled.lines[0]).toMatchObject({ unitPrice: 25_000, listPrice: 29_000, priceFrom: { tierId: 'gold', entry: 'sku', key: 'SKU-101', price: 25_000 } });
    const h = new HistoryFold('minh');
    h.add({ seq: 7, type: 'sale.committed', at: sale.at, operator: 'op', data: { sale: journaled } });
    expect(h.rows.map((r) => [r.kind, r.delta, r.priceList])).toEqual([['earn', 8, { tierId: 'gold', name: 'Vàng', lines: 2, saved: 11_750 }]]);
    const text = historyLines({ items: h.rows, page: 1, perPage: 20, pages: 1, total: 1 } as never, [PROGRAM], (iso) => iso.slice(0, 16), 'VND');
    expect(text[2]).toContain('R1-000001  Vàng prices on 2 line(s), 11750 VND below list  #7');
  });

  it('a return reads the sold line’s price: every unit back at what it cost, the whole sale exactly', () => {
    const pc = priceCart(withTierDiscount(cartOf(items), GOLD, LADDER), TAX);
    const sale = must(finalizeSale(pc, [{ id: 'T1', kind: 'cash', amount: pc.total }], { saleId: 's1', receiptNo: 'R1-000001', at: '2025-03-14T09:26:00.000Z', register: 'R1', operator: { id: 'op', name: 'Hương' }, currency: 'VND' }));
    const one = returnLine(sale.lines[0], 0, 1, false);
    expect([one.unitPrice, one.gross, one.refund, one.tax]).toEqual([25_000, 25_000, 25_000, 2_273]);
    const all = sale.lines.map((l) => returnLine(l, 0, l.qty, false));
    expect(all.reduce((a, r) => a + r.refund, 0)).toBe(82_050);
    expect(all.reduce((a, r) => a + r.tax, 0)).toBe(pc.tax);
  });

  it('the receipt: each priced line at the tier price with the list price under it, the 10% once', () => {
    const pc = priceCart(withTierDiscount(cartOf(items), GOLD, LADDER), TAX);
    const sale = must(finalizeSale(pc, [{ id: 'T1', kind: 'cash', amount: 100_000, given: 100_000, change: 17_950 }], { saleId: 's1', receiptNo: 'R1-000001', at: '2025-03-14T09:26:00.000Z', register: 'R1', operator: { id: 'op', name: 'Hương' }, currency: 'VND' }));
    const cfg = { width: 42 as const, store: { name: 'Minh Anh', address: [] }, header: [], footer: [], locale: 'vi-VN', ascii: false, receiptPrefix: 'R', language: 'vi', timeZone: 'Asia/Ho_Chi_Minh' };
    // vi-VN money has a no-break space before ₫.
    const lines = renderText(layoutReceipt(sale, cfg as never)).replace(/\u00a0/g, ' ').split('\n').map((l) => l.trimEnd());
    const from = lines.findIndex((l) => l.startsWith('Cà phê sữa đá'));
    expect(lines.slice(from, from + 14)).toEqual([
      'Cà phê sữa đá',
      '  2 x 25.000 ₫                    50.000 ₫',
      '  Giá hạng Vàng (niêm yết 29.000 ₫)',
      'Bánh mì thịt nướng                21.250 ₫',
      '  Giá hạng Vàng (niêm yết 25.000 ₫)',
      'Nước suối Lavie 500ml',
      '  2 x 6.000 ₫                     12.000 ₫',
      '------------------------------------------',
      'Tạm tính                          83.250 ₫',
      'Ưu đãi hạng Vàng                  -1.200 ₫',
      'gồm thuế 5% trên 21.250 ₫          1.012 ₫',
      'gồm thuế 10% trên 60.800 ₫         5.527 ₫',
      'TỔNG CỘNG                         82.050 ₫',
      '------------------------------------------',
    ]);
  });
});

describe('the program file: tiers.levels[].prices', () => {
  const catalog = { hasSku: (s: string) => ['SKU-101', 'SKU-102', 'SKU-201', 'SKU-301'].includes(s), categories: () => ['bakery', 'coffee', 'drinks', 'tea'] };
  const file = (prices: string) => `{
  "tiers": { "basis": "spend", "levels": [
    { "id": "standard", "name": "Thành viên", "threshold": 0 },
    { "id": "gold", "name": "Vàng", "threshold": "5000000", "discount": 10,
      "prices": ${prices} }
  ] }
}`;

  it('reads fixed prices and percentages per product or category, and writes them back the same', () => {
    const r = readProgramText(file('[{ "sku": "SKU-101", "price": "25000" }, { "category": "bakery", "percent": 15 }, { "category": "tea", "percent": 0 }]'), VND, [], catalog);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.file.ladder!.tiers[1].prices).toEqual([{ sku: 'SKU-101', price: 25_000 }, { category: 'bakery', percentPpm: 150_000 }, { category: 'tea', percentPpm: 0 }]);
    const out = writeProgramFile([], r.file.ladder!, VND);
    expect((out.tiers as { levels: { prices?: unknown }[] }).levels[1].prices).toEqual([{ sku: 'SKU-101', price: '25000' }, { category: 'bakery', percent: 15 }, { category: 'tea', percent: 0 }]);
    const again = readProgramText(JSON.stringify(out), VND, [], catalog);
    expect(again.ok && again.file.ladder).toEqual(r.file.ladder);
    expect(ladderLines(r.file.ladder!, [], 'VND')).toEqual([
      'tiers by spend (lifetime):',
      '  standard: Thành viên from 0 VND',
      '  gold: Vàng from 5000000 VND — 10% off',
      '    price sku SKU-101: 25000 VND',
      '    price category bakery: 15% off',
      '    price category tea: 0% off',
    ]);
  });

  it('refuses an unknown product or category, a price of zero or less, both or neither, a duplicate — each at its line and column', () => {
    const r = readProgramText(file(`[
        { "sku": "SKU-999", "price": "25000" },
        { "category": "bakrey", "percent": 15 },
        { "sku": "SKU-101", "price": "-5000" },
        { "sku": "SKU-102", "price": 0 },
        { "sku": "SKU-201", "price": "20000", "percent": 10 },
        { "category": "coffee" },
        { "sku": "SKU-301", "price": "5000" },
        { "sku": "SKU-301", "percent": 5 },
        { "category": "drinks", "sku": "SKU-301", "price": "1" },
        { "category": "tea", "percent": 101, "pct": 1 }
      ]`), VND, [], catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((x) => `${x.line}:${x.column} ${x.key} [${x.code}] ${x.message}`)).toEqual([
      '6:18 tiers.levels[1].prices[0].sku [PROGRAM_UNKNOWN_TARGET] no product of the catalog has sku "SKU-999"; import it first or fix the sku',
      '7:23 tiers.levels[1].prices[1].category [PROGRAM_UNKNOWN_TARGET] no product of the catalog is in category "bakrey" — did you mean "bakery"?',
      '8:38 tiers.levels[1].prices[2].price [PROGRAM_BAD_VALUE] must be an amount greater than 0 in VND such as "1" (at most 0 decimals), got "-5000"',
      '9:38 tiers.levels[1].prices[3].price [PROGRAM_BAD_VALUE] must be an amount greater than 0 in VND such as "1" (at most 0 decimals), got 0',
      '10:47 tiers.levels[1].prices[4].percent [PROGRAM_BAD_VALUE] an entry is a fixed "price" or a "percent" off the catalog price, not both; keep one',
      '11:9 tiers.levels[1].prices[5] [PROGRAM_BAD_VALUE] needs "price" (a fixed unit price) or "percent" (off the catalog price)',
      '13:18 tiers.levels[1].prices[7].sku [PROGRAM_DUPLICATE_ENTRY] product "SKU-301" is priced twice in this tier (also tiers.levels[1].prices[6]); keep one entry',
      '14:33 tiers.levels[1].prices[8].sku [PROGRAM_AMBIGUOUS_TARGET] a price entry targets one product ("sku") or one category ("category"), not both: "sku" and "category" together are ambiguous; keep one',
      '15:46 tiers.levels[1].prices[9].pct [PROGRAM_UNKNOWN_KEY] unknown key "pct" A price entry may have: sku, category, price, percent',
      '15:41 tiers.levels[1].prices[9].percent [PROGRAM_BAD_VALUE] must be a percentage from 0 to 100 with at most 4 decimals, got 101',
    ]);
  });

  it('a list that is not a list, and no catalog check without a catalog (domain use)', () => {
    const r = readProgramText(file('{ "sku": "SKU-101" }'), VND);
    expect(r.ok ? [] : r.problems.map((x) => [x.key, x.code])).toEqual([['tiers.levels[1].prices', 'PROGRAM_BAD_VALUE']]);
    expect(readProgramText(file('[{ "sku": "ANY", "price": "1000" }]'), VND).ok).toBe(true);
  });
});
