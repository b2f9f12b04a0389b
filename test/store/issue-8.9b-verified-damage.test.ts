/**
 * Issue 8, defect 9b: one byte changed in an old record that earlier runs had already checked. Every
 * start from a snapshot folds the whole journal afresh to prove the balances (balance-proof.ts), so
 * the damage is found wherever it is: a sticky STORE_DAMAGED notice for the manager, sales go on,
 * and a commit that would lower a gift-card or points balance is refused (BALANCES_UNPROVEN) until
 * `till store repair`; raising a balance (a card sold or loaded, points earned) is not refused.
 * Also: the repair's refold goes through the balance guard, so an overdraft left by what it could not
 * keep is listed (and logged), never a silent negative balance.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { rebuildSnapshot, repairStore, verifyStore, STORE_REPAIRED } from '../../src/store/maintenance.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { isStoreError } from '../../src/store/errors.js';
import type { TillStore } from '../../src/store/till-store.js';
import type { EventDraft } from '../../src/store/types.js';
import { fixedClock, readLines, saleEvent, seg1, tmpDir } from './helpers.js';

const CODE = '07K8T7FK6FDPBE03ZDRN';
const issued: EventDraft = { type: 'giftcard.issued', data: { code: CODE, state: 'active', currency: 'USD', faceValue: 1000, price: 1000 } };
const redeem = (amount: number): EventDraft => ({ type: 'giftcard.redeemed', data: { code: CODE, amount } });
const load = (amount: number): EventDraft => ({ type: 'giftcard.loaded', data: { code: CODE, amount } });

const open: TillStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

async function refusedWith(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isStoreError(e)) return e.code;
    throw e;
  }
  return 'committed';
}

/** Changes one byte inside the data of sale `n`: the JSON still parses, its hash does not match. */
function damageSale(dir: string, n: number): void {
  const file = seg1(dir);
  const buf = fs.readFileSync(file);
  const needle = Buffer.from(`"receiptNo":"R1-${String(n).padStart(6, '0')}"`);
  const at = buf.indexOf(needle);
  expect(at).toBeGreaterThan(0);
  buf[at + needle.length - 2] = '9'.charCodeAt(0);
  fs.writeFileSync(file, buf);
}

describe('issue 8.9b damage inside history an earlier run had already checked', () => {
  it('is found at the next start; sales go on, balance-lowering commits are refused until repair', async () => {
    const dir = tmpDir('verified-damage');
    const s0 = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [issued], { now: fixedClock() });
    for (let i = 1; i <= 20; i++) await s0.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
    await s0.close();
    // A first run proves the whole journal (it is intact) ...
    const s1 = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0 });
    expect((await s1.proof!).status).toBe('proven');
    await s1.close();
    // ... then a byte of an old, already proven record changes.
    damageSale(dir, 5);
    const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0 });
    open.push(s);
    const r = await s.proof!;
    expect(r.status === 'damaged' && r.damage.line).toBe(7);
    const n = s.notices.find((x) => x.code === 'STORE_DAMAGED')!;
    expect(n.sticky).toBe(true);
    expect(n.message).toContain('journal/00000001.jsonl line 7: the line was altered');
    expect(n.message).toContain(`till store repair --data ${dir}`);
    // A sale in cash goes on; money into a card too; money out of a card is refused, nothing written.
    await s.commit({ id: 'sale-21', events: [saleEvent('R1', 21)] });
    await s.commit({ id: 'load', events: [load(500)] });
    const lines = readLines(seg1(dir)).length;
    const refused = await s.commit({ id: 'spend', events: [redeem(100)] }).catch((e) => e);
    expect(isStoreError(refused) && refused.code).toBe('BALANCES_UNPROVEN');
    expect(refused.message).toContain('till store repair');
    expect(readLines(seg1(dir)).length).toBe(lines);
    expect(findGiftCard(s.state, CODE)?.balance).toBe(1500);
    await s.close();

    // The way out: repair keeps every intact event; the next start proves the balances again.
    const rep = await repairStore(dir);
    expect(rep.droppedTx).toEqual(['sale-5']);
    expect(rep.overdrawn).toEqual([]);
    await rebuildSnapshot(dir);
    const t = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0 });
    open.push(t);
    expect((await t.proof!).status).toBe('proven');
    await t.commit({ id: 'spend', events: [redeem(100)] });
    expect(findGiftCard(t.state, CODE)?.balance).toBe(1400);
  });
});

describe('issue 8.9 store repair refolds through the balance guard', () => {
  it('a redemption of a load the repair could not keep is kept, listed as an overdraft and logged', async () => {
    const dir = tmpDir('repair-guard');
    const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [issued], { now: fixedClock() });
    await s.commit({ id: 'load-1', events: [load(500)] });
    await s.commit({ id: 'spend-1', events: [redeem(1500)] });
    await s.commit({ id: 'sale-1', events: [saleEvent('R1', 1)] });
    await s.close();
    // Damage the load (line 3): repair cannot keep it, so the 15.00 redemption outruns the 10.00 left.
    const file = seg1(dir);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('"amount":500', '"amount":900'));
    const rep = await repairStore(dir, { now: () => new Date('2025-02-01T00:00:00Z') });
    expect(rep.droppedTx).toEqual(['load-1']);
    expect(rep.overdrawn).toEqual([
      expect.objectContaining({ tx: 'spend-1', seq: 3, code: 'GIFT_CARD_OVERDRAWN', message: expect.stringMatching(/^event 3 \(tx spend-1\) takes gift card …ZDRN from 1000 to -500 minor units/) }),
    ]);
    expect(rep.overdrawn[0].message).not.toContain(CODE);
    expect(fs.readFileSync(path.join(dir, 'till.log'), 'utf8')).toMatch(/2025-02-01T00:00:00.000Z WARNING GIFT_CARD_OVERDRAWN store repair: event 3/);
    await rebuildSnapshot(dir);
    const v = await verifyStore(dir);
    expect(v.ok).toBe(true);
    const record = readLines(seg1(dir)).map((l) => JSON.parse(l)).find((e) => e.type === STORE_REPAIRED);
    expect(record.data.overdrawn).toHaveLength(1);
    // The negative balance is visible and may not fall further.
    const t = await openStore(dir, { register: 'R1', now: fixedClock() });
    open.push(t);
    expect(findGiftCard(t.state, CODE)?.balance).toBe(-500);
    expect(await refusedWith(t.commit({ id: 'more', events: [redeem(1)] }))).toBe('GIFT_CARD_OVERDRAWN');
  });
});
