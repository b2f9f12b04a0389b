/**
 * Issue 8.11 from outside, over a real store through JSON Lines: a sale whose totals would pass the
 * safe integers is refused with SALE_TOO_LARGE naming the limit in the store currency; the sale as it
 * was can still be paid to the unit and committed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PRICE } from '../../src/domain/catalog-import.js';
import { MAX_SALE_AMOUNT } from '../../src/domain/money.js';
import { cleanupStores, realStore, runLines as run } from './real-store.js';

afterEach(cleanupStores);

const product = (i: number, price: number) => ({ sku: `BIG-${i}`, barcodes: [`99${String(i).padStart(4, '0')}`], name: `Big ${i}`, price, category: 'big', taxClass: 'standard' });

describe('issue 8.11 safe sums in headless', () => {
  it('the 46th line of 9,999 at the highest default price is SALE_TOO_LARGE; the 45 lines are paid and committed', async () => {
    const products = Array.from({ length: 46 }, (_, i) => product(i, DEFAULT_MAX_PRICE));
    const s = await realStore([{ type: 'catalog.upserted', data: { products } }]);
    // Each quantity of 9,999 is a plausibility question (CONFIRM_QTY), answered yes; so is the total on pay.
    const scans = products.flatMap((p, i) => [{ id: i + 1, cmd: 'scan', code: p.barcodes[0], qty: 9999 }, { id: `y${i + 1}`, cmd: 'confirm_accept' }]);
    const all = await run(s, [...scans, { id: 100, cmd: 'pay' }, { id: 'y100', cmd: 'confirm_accept' }, { id: 101, cmd: 'exact' }]);
    const r = all.filter((x) => typeof x.id === 'number' || x.id === 'y100');
    const answers = all.filter((x) => typeof x.id === 'string' && x.id !== 'y100');
    expect(r.slice(0, 45).every((x) => x.ok === false && x.error.code === 'CONFIRM_QTY')).toBe(true);
    expect(answers.slice(0, 45).every((x) => x.ok)).toBe(true);
    // The 46th is refused before any question is asked: nothing to confirm.
    const last = r[45];
    expect(answers[45]).toMatchObject({ ok: false, error: { code: 'NO_QUESTION' } });
    expect(last).toMatchObject({ ok: false, error: { code: 'SALE_TOO_LARGE' }, state: { status: 'sale', message: { code: 'SALE_TOO_LARGE', level: 'error' } } });
    expect(last.error.message).toContain('45035996273704.95 USD');
    expect(last.state.lines).toHaveLength(45);
    expect(last.state.total).toBe(45 * 9999 * DEFAULT_MAX_PRICE);
    expect(r[46]).toMatchObject({ ok: false, error: { code: 'CONFIRM_TOTAL' } });
    expect(r[47]).toMatchObject({ ok: true, state: { status: 'tender' } });
    expect(r[48]).toMatchObject({ ok: true, state: { status: 'committed', due: 0, lastSale: { total: 45 * 9999 * DEFAULT_MAX_PRICE } } });
    await s.close();
  }, 30_000);

  it('one product priced 90071992547409.91 (a raised catalog.maxPrice) cannot be put on a sale at all', async () => {
    const s = await realStore([{ type: 'catalog.upserted', data: { products: [product(1, 9007199254740991)] } }]);
    const r = await run(s, [{ id: 1, cmd: 'scan', code: '990001' }, { id: 2, cmd: 'scan', code: '101' }, { id: 3, cmd: 'pay' }, { id: 4, cmd: 'exact' }]);
    expect(r[0]).toMatchObject({ ok: false, error: { code: 'SALE_TOO_LARGE' } });
    expect(r[0].error.message).not.toMatch(/greater than zero/);
    expect(r[0].state.lines).toEqual([]);
    expect(r[3]).toMatchObject({ ok: true, state: { status: 'committed', total: 250 } });
    expect(MAX_SALE_AMOUNT).toBeLessThan(9007199254740991);
    await s.close();
  });
});
