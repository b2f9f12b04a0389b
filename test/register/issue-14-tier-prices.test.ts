/**
 * Issue 14.5, a price list per tier at the till, end to end on each language's demo store (the
 * Vietnamese loyalty base's "price list per customer level"): the Gold tier gets a fixed price for
 * the demo's coffee 101 (14% below the catalog, 25.000 ₫ for 29.000 ₫ in Vietnamese) and 15% off
 * bakery, and keeps its 10% for the rest. Coffee ×2, bakery 201 and water 301 ×2 are scanned, the
 * Gold card after them (the lines are re-priced), detached (catalog prices again) and attached again;
 * headless shows list and tier price per line, the receipt prints both (golden per language), the
 * whole sale comes back on a return at exactly what it cost, and the customer's history names the list.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createTestRegister, TEST_DAY, type TestRegister } from '../support/register-fixture.js';
import { createHeadlessHandler, type HeadlessReply } from '../../src/headless/driver.js';
import { demoConfig, demoExtras, demoLocale, demoMemberCards, demoProducts } from '../../src/admin/demo-store.js';
import { LANGUAGES, setLanguage } from '../../src/i18n/index.js';
import { customerHistory } from '../../src/store/loyalty-history.js';
import { historyLines } from '../../src/domain/loyalty/history-view.js';
import { accountByCard, loyaltyOf, programList } from '../../src/store/projections/loyalty.js';
import type { TierLadder } from '../../src/domain/loyalty/types.js';

const ZONES: Record<string, string> = { en: 'America/New_York', vi: 'Asia/Ho_Chi_Minh', zh: 'Asia/Shanghai', ru: 'Europe/Moscow' };
/** The coffee's tier price is 14% below the catalog, in whole steps of the currency's small change. */
const STEP: Record<string, number> = { USD: 10, VND: 1_000, CNY: 10, RUB: 100 };

const GOLDEN = new URL('./golden/', import.meta.url);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/(.{64})/g, '$1\n').trimEnd() + '\n';
function golden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) fs.writeFileSync(file, actual);
  expect(actual, name).toBe(fs.readFileSync(file, 'utf8'));
}

let r: TestRegister | null = null;
const savedTz = process.env.TZ;
afterEach(async () => {
  await r?.close();
  r = null;
  process.env.TZ = savedTz;
  setLanguage('en');
});

function pricedLadder(lang: string): { ladder: TierLadder; coffee: number; coffeeTier: number; bakery: number } {
  const l = demoLocale(lang);
  const coffee = demoProducts(lang).find((p) => p.sku === 'SKU-101')!.price;
  const bakery = demoProducts(lang).find((p) => p.sku === 'SKU-201')!.price;
  const step = STEP[l.config.currency];
  const coffeeTier = coffee - Math.round((coffee * 0.14) / step) * step;
  const ladder = { ...l.ladder, tiers: l.ladder.tiers.map((t) => (t.id === 'gold' ? { ...t, prices: [{ sku: 'SKU-101', price: coffeeTier }, { category: 'bakery', percentPpm: 150_000 }] } : t)) };
  return { ladder, coffee, coffeeTier, bakery };
}

describe.each(LANGUAGES)('%s', (lang) => {
  it('Gold prices at the till: re-priced on attach and detach, headless, receipt golden, an exact return, the history', async () => {
    process.env.TZ = ZONES[lang];
    const { ladder, coffee, coffeeTier, bakery } = pricedLadder(lang);
    r = await createTestRegister({ config: demoConfig(lang), products: demoProducts(lang), seed: [...demoExtras(TEST_DAY, lang), { type: 'loyalty.tiers.set', data: { ladder } }] });
    const handle = createHeadlessHandler(r.register);
    const send = async (cmd: Record<string, unknown>): Promise<HeadlessReply> => {
      const reply = await handle(JSON.stringify(cmd));
      expect(reply.ok, `${JSON.stringify(cmd)}: ${reply.error?.message}`).toBe(true);
      return reply;
    };
    const gold = demoMemberCards()[1];
    await send({ cmd: 'scan', code: '101' });
    await send({ cmd: 'scan', code: '201' });
    await send({ cmd: 'scan', code: '301', qty: 2 });
    const catalogTotal = (await send({ cmd: 'state' })).state.total;
    await send({ cmd: 'scan', code: gold });
    // Scanned after the card: priced from Gold's list too (and merged with the first coffee).
    let s = (await send({ cmd: 'scan', code: '101' })).state;
    const bakeryTier = bakery - Math.round(bakery * 0.15);
    const name = ladder.tiers[2].name;
    expect(s.lines.map((l: { sku: string; unitPrice: number; listPrice?: number; priceFrom?: { entry: string; name: string } }) => [l.sku, l.unitPrice, l.listPrice, l.priceFrom?.entry, l.priceFrom?.name])).toEqual([
      ['SKU-201', bakeryTier, bakery, 'category', name],
      ['SKU-301', expect.any(Number), undefined, undefined, undefined],
      ['SKU-101', coffeeTier, coffee, 'sku', name],
    ]);
    // The tier's 10% is on the water only; the loyalty preview names the list.
    const water = s.lines[1].gross;
    expect(s.discounts).toEqual([{ id: 'tier', label: name, source: 'tier', amount: Math.round(water * 0.1) }]);
    expect(s.total).toBe(2 * coffeeTier + bakeryTier + water - Math.round(water * 0.1));
    expect(s.loyalty!.priceList).toEqual({ tierId: 'gold', name, lines: 2, saved: 2 * (coffee - coffeeTier) + (bakery - bakeryTier) });
    s = (await send({ cmd: 'customer_detach' })).state;
    expect(s.lines.map((l: { unitPrice: number; listPrice?: number }) => [l.unitPrice, l.listPrice])).toEqual([[bakery, undefined], [water / 2, undefined], [coffee, undefined]]);
    expect(s.total).toBe(catalogTotal + coffee);
    await send({ cmd: 'scan', code: gold });
    s = (await send({ cmd: 'pay' })).state;
    const total = s.total;
    s = (await send({ cmd: 'exact' })).state;
    expect(s.status).toBe('committed');
    await r.register.settled();
    golden(`tier-prices-${lang}.txt`, r.hardware.printer.jobs[0].text);
    golden(`tier-prices-${lang}.hex`, hex(r.hardware.printer.jobs[0].bytes));

    // The return reads the sold lines: all of it back is exactly what was paid.
    const opened = (await send({ cmd: 'return_open', receipt: s.lastSale!.receiptNo })).state;
    expect(opened!.return!.lines!.map((l: { sku: string; unitPrice: number }) => [l.sku, l.unitPrice])).toEqual([['SKU-201', bakeryTier], ['SKU-301', water / 2], ['SKU-101', coffeeTier]]);
    await send({ cmd: 'return_all' });
    const done = (await send({ cmd: 'return_commit', manager_pin: '9999' })).state;
    expect([done!.return!.last!.total, done!.return!.last!.refunds.map((f: { amount: number }) => f.amount)]).toEqual([total, [total]]);
    await r.register.settled();
    await send({ cmd: 'return_close' });

    const account = accountByCard(loyaltyOf(r.store.state), gold, demoLocale(lang).config.phoneCountryCode)!;
    const h = customerHistory(r.store.dir, account);
    const sale = h.rows.filter((x) => x.priceList);
    expect(sale.length).toBeGreaterThan(0);
    expect(sale[0].priceList).toEqual({ tierId: 'gold', name, lines: 2, saved: 2 * (coffee - coffeeTier) + (bakery - bakeryTier) });
    const text = historyLines({ items: h.rows.slice().reverse(), page: 1, perPage: 20, pages: 1, total: h.rows.length } as never, programList(loyaltyOf(r.store.state)), (iso) => iso.slice(0, 16), demoLocale(lang).config.currency);
    expect(text.join('\n')).toContain(`${name} prices on 2 line(s), `);
  });
});

describe('a parked sale at tier prices', () => {
  it('is recalled at the tier prices without a false "prices changed"; a catalog change is still told', async () => {
    const { ladder, coffee, coffeeTier } = pricedLadder('en');
    r = await createTestRegister({ demo: true, seed: [{ type: 'loyalty.tiers.set', data: { ladder } }] });
    const reg = r.register;
    const send = async (ev: Parameters<typeof reg.actor.send>[0]) => {
      reg.actor.send(ev);
      return waitFor(reg.actor, (x) => x.value !== 'parking' && x.value !== 'recalling');
    };
    await send({ type: 'cart.scan', code: '101' });
    await send({ type: 'cart.scan', code: demoMemberCards()[1] });
    await send({ type: 'sale.park' });
    await send({ type: 'sale.recall', parkId: reg.parked.list()[0].parkId });
    let c = reg.actor.getSnapshot().context;
    expect(c.message).toMatchObject({ code: 'SALE_RECALLED' });
    expect(c.cart.lines.map((l) => [l.unitPrice, l.listPrice])).toEqual([[coffeeTier, coffee]]);
    await send({ type: 'sale.park' });
    const espresso = demoProducts().find((p) => p.sku === 'SKU-101')!;
    await r.store.commit({ id: 'price-change', events: [{ type: 'catalog.upserted', data: { products: [{ ...espresso, price: coffee + 50 }] } }] });
    await send({ type: 'sale.recall', parkId: reg.parked.list()[0].parkId });
    c = reg.actor.getSnapshot().context;
    expect(c.message).toMatchObject({ code: 'SALE_RECALLED_PRICES', params: { changed: 1 } });
    expect(c.cart.lines.map((l) => [l.unitPrice, l.listPrice])).toEqual([[coffeeTier, coffee]]);
  });
});
