/** The gift-card projection inside a real store: folds giftcard.* and sale.committed, survives reopen. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../../src/store/open.js';
import { findGiftCard, giftCardSlice } from '../../../src/store/projections/giftcards.js';
import { planIssue, saleGiftCards, soldEntry } from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from './harness.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'till-gc-proj-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('gift-card projection', () => {
  it('folds issue, sale activation and redemption; replays to the same state; a duplicate sale changes nothing', async () => {
    const dir = tmp();
    const codes = new Ledger();
    const stock = codes.code();
    const paying = codes.code();
    const generated = codes.code();
    const store = await initStore(dir, { currency: 'USD', register: 'R1', operator: 'admin' });
    const issue = (code: string, faceValue: number, pending: boolean) => {
      const r = planIssue(findGiftCard(store.state, code), { code, currency: 'USD', faceValue, pending, today: TODAY });
      if (!r.ok) throw r.error;
      return r.value;
    };
    await store.commit({ id: 'batch-1', events: [...issue(stock, 2000, true), ...issue(paying, 1000, false)] });
    expect(findGiftCard(store.state, stock)).toMatchObject({ state: 'pending', balance: 0 });
    const ext = saleGiftCards(
      [
        { id: 'L1', kind: 'giftcard', sku: 'GIFTCARD', name: 'Gift card', unitPrice: 2000, qty: 1, taxClass: 'none', category: 'giftcard', meta: { giftcard: { code: stock, mode: 'scan-preset', faceValue: 2000, price: 2000 } } },
        { id: 'L2', kind: 'giftcard', sku: 'GIFTCARD', name: 'Gift card', unitPrice: 500, qty: 1, taxClass: 'none', category: 'giftcard', meta: { giftcard: { code: generated, mode: 'generate', faceValue: 500, price: 500 } } },
      ],
      [{ id: 'T1', kind: 'giftcard', amount: 400, meta: { code: paying } }],
    );
    const sale = { type: 'sale.committed', data: { sale: { saleId: 'S1', receiptNo: 'R1-000001', register: 'R1', currency: 'USD', total: 2900, extensions: { giftcards: ext } } } };
    await store.commit({ id: 'S1', events: [sale], operator: 'op7' });
    const dup = await store.commit({ id: 'S1', events: [sale], operator: 'op7' });
    expect(dup.duplicate).toBe(true);
    expect(findGiftCard(store.state, stock)).toMatchObject({ state: 'active', balance: 2000, receiptNo: 'R1-000001', register: 'R1' });
    expect(soldEntry(findGiftCard(store.state, stock)!)).toMatchObject({ op: 'op7', ref: 'R1-000001' });
    expect(findGiftCard(store.state, generated)).toMatchObject({ state: 'active', balance: 500, currency: 'USD' });
    expect(findGiftCard(store.state, paying)).toMatchObject({ state: 'active', balance: 600 });
    expect(findGiftCard(store.state, paying)!.history.map((h) => [h.kind, h.amount, h.balance, h.op, h.ref ?? null])).toEqual([
      ['issued', 1000, 1000, 'admin', null],
      ['redeemed', -400, 600, 'op7', 'R1-000001'],
    ]);
    expect(findGiftCard(store.state, '__proto__')).toBeUndefined();
    const live = JSON.stringify(giftCardSlice(store.state));
    await store.close();

    const again = await openStore(dir, { register: 'R1' });
    expect(JSON.stringify(giftCardSlice(again.state))).toBe(live);
    await again.checkpoint();
    await again.close();
    const third = await openStore(dir, { register: 'R1' });
    expect(JSON.stringify(giftCardSlice(third.state))).toBe(live);
    await third.close();
  });
});
