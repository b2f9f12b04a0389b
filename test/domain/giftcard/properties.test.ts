/**
 * Random sequences of issue, sell, load, redeem, refund, adjust, block, unblock and expire, and (issue
 * 14) top-ups at the till and `load --extend` that renew cards past their expiry: the fold
 * never lets a balance go below zero, every balance equals the sum of its history (and each entry's
 * balance is the running sum), and no money is created or lost — what went onto cards minus what
 * came off them is exactly what the cards hold, by an independent count of the accepted operations.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  planAdjust,
  planBlock,
  planExpire,
  planLoad,
  planRedeem,
  planRedemptions,
  planRefund,
  planTopUp,
  planUnblock,
  type GiftCardDraft,
} from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from './harness.js';

type Op =
  | { k: 'issue'; value: number; pending: boolean; expires: boolean }
  | { k: 'sell'; card: number; value: number }
  | { k: 'load' | 'redeem' | 'refund'; card: number; amount: number }
  | { k: 'adjust'; card: number; amount: number }
  | { k: 'block' | 'unblock' | 'expire'; card: number }
  | { k: 'pay'; cards: number[]; due: number }
  | { k: 'topup' | 'extend'; card: number; amount: number };

const amount = fc.integer({ min: -5, max: 5000 });
const card = fc.nat(40);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('issue' as const), value: fc.integer({ min: 0, max: 5000 }), pending: fc.nat(3).map((n) => n === 0), expires: fc.boolean() }),
  fc.record({ k: fc.constant('sell' as const), card, value: amount }),
  fc.record({ k: fc.constantFrom('load' as const, 'redeem' as const), card, amount }),
  // refunds are small so that they often fit within what was redeemed (larger ones test the refusal)
  fc.record({ k: fc.constant('refund' as const), card, amount: fc.oneof(fc.integer({ min: -5, max: 300 }), amount) }),
  fc.record({ k: fc.constant('adjust' as const), card, amount: fc.integer({ min: -5000, max: 5000 }) }),
  fc.record({ k: fc.constantFrom('block' as const, 'unblock' as const, 'expire' as const), card }),
  fc.record({ k: fc.constant('pay' as const), cards: fc.array(card, { maxLength: 4 }), due: fc.integer({ min: 0, max: 8000 }) }),
  fc.record({ k: fc.constantFrom('topup' as const, 'extend' as const), card, amount }),
);

const LATER = '2026-04-01';
/** Event types the runs actually committed: guards against a generator that only produces refusals. */
const seen = new Set<string>();

function run(ops: Op[]) {
  const l = new Ledger();
  const codes: string[] = [];
  let onto = 0; // issued, activated, loaded, refunded, positive adjustments
  let off = 0; // redeemed, negative adjustments, forfeited at expiry
  const pick = (i: number) => (codes.length ? codes[i % codes.length] : l.code());
  const c = { currency: 'USD', today: TODAY };
  const take = (r: { ok: true; value: GiftCardDraft[] } | { ok: false }) => (r.ok ? r.value : []);
  for (const o of ops) {
    const today = o.k === 'expire' ? LATER : TODAY;
    let drafts: GiftCardDraft[] = [];
    switch (o.k) {
      case 'issue': {
        if (!o.pending && o.value === 0) break;
        codes.push(l.issue(o.value, { pending: o.pending, expiresOn: o.expires ? '2026-03-20' : undefined }));
        if (!o.pending) onto += o.value;
        break;
      }
      case 'sell': {
        const code = pick(o.card);
        const cardNow = l.card(code);
        if (o.value <= 0 || (cardNow && cardNow.state !== 'pending')) break;
        l.commitSale({ sold: [{ code, lineId: 'L1', mode: cardNow ? 'scan-set-amount' : 'generate', faceValue: o.value, price: o.value }], redeemed: [] });
        if (!cardNow) codes.push(code);
        onto += o.value;
        break;
      }
      case 'load':
        drafts = take(planLoad(l.card(pick(o.card)), { amount: o.amount, ...c }));
        break;
      case 'redeem':
        drafts = take(planRedeem(l.card(pick(o.card)), o.amount, c));
        break;
      case 'refund':
        drafts = take(planRefund(l.card(pick(o.card)), { amount: o.amount, ...c }));
        break;
      case 'adjust':
        drafts = take(planAdjust(l.card(pick(o.card)), { amount: o.amount, reason: 'property', today }));
        break;
      case 'block':
        drafts = take(planBlock(l.card(pick(o.card)), { reason: 'p' }));
        break;
      case 'unblock':
        drafts = take(planUnblock(l.card(pick(o.card)), { reason: 'p' }));
        break;
      case 'expire':
        drafts = take(planExpire(l.card(pick(o.card)), { today }));
        break;
      case 'topup': {
        // At the till, after the cards of 2026-03-20 expired: renews them (forfeiting what was left).
        const code = pick(o.card);
        const before = l.card(code);
        const plan = planTopUp(before, code, { amount: o.amount, currency: 'USD', today: LATER, validityDays: 30, inSale: [] });
        if (!plan.ok) break;
        seen.add('topup');
        if (plan.value.renew && (before!.state === 'active' || before!.state === 'depleted') && before!.expiresOn && before!.expiresOn < LATER && before!.balance > 0) {
          off += before!.balance;
          seen.add('forfeit');
        }
        l.commitSale({ sold: [], redeemed: [], loaded: [{ ...plan.value, lineId: 'L1' }] });
        expect(l.card(code)!.balance).toBe(plan.value.balanceAfter);
        onto += o.amount;
        break;
      }
      case 'extend': {
        const before = l.card(pick(o.card));
        drafts = take(planLoad(before, { amount: o.amount, currency: 'USD', today: LATER, extend: { validityDays: 30 } }));
        if (drafts.length && (before!.state === 'active' || before!.state === 'depleted') && before!.expiresOn && before!.expiresOn < LATER) off += before!.balance;
        break;
      }
      case 'pay': {
        const plan = planRedemptions(o.due, o.cards.map((i) => l.card(pick(i))), c);
        const taken = plan.takes.reduce((a, t) => a + t.amount, 0);
        expect(taken + plan.remaining).toBe(o.due);
        if (plan.takes.length) {
          l.commitSale({ sold: [], redeemed: plan.takes.map((t, i) => ({ code: t.code, amount: t.amount, tenderId: `T${i}` })) });
          off += taken;
        }
        break;
      }
    }
    for (const d of drafts) {
      seen.add(d.type);
      const data = d.data as { amount?: number; forfeited?: number };
      if (d.type === 'giftcard.loaded' || d.type === 'giftcard.refunded') onto += data.amount!;
      if (d.type === 'giftcard.redeemed') off += data.amount!;
      if (d.type === 'giftcard.adjusted') data.amount! > 0 ? (onto += data.amount!) : (off -= data.amount!);
      if (d.type === 'giftcard.expired') off += data.forfeited!;
    }
    l.commit(drafts);
  }
  return { l, onto, off };
}

describe('gift-card ledger properties', () => {
  it('no balance below zero; balance = sum of history; no money created or lost', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 120, size: 'max' }), (ops) => {
        const { l, onto, off } = run(ops);
        let held = 0;
        for (const card of Object.values(l.slice.cards)) {
          expect(card.balance).toBeGreaterThanOrEqual(0);
          let running = 0;
          for (const h of card.history) {
            running += h.amount;
            expect(h.balance).toBe(running);
            expect(h.balance).toBeGreaterThanOrEqual(0);
          }
          expect(card.balance).toBe(running);
          if (card.state === 'pending') expect(card.balance).toBe(0);
          if (card.state === 'depleted' || card.state === 'expired') expect(card.balance).toBe(0);
          if (card.state === 'active') expect(card.balance).toBeGreaterThan(0);
          held += card.balance;
        }
        expect(held).toBe(onto - off);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(['forfeit', 'giftcard.adjusted', 'giftcard.blocked', 'giftcard.expired', 'giftcard.loaded', 'giftcard.redeemed', 'giftcard.refunded', 'giftcard.unblocked', 'topup']);
  });

  it('a refund never returns more than was redeemed from the card', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), (ops) => {
        const { l } = run(ops);
        for (const card of Object.values(l.slice.cards)) {
          const redeemed = card.history.filter((h) => h.kind === 'redeemed').reduce((a, h) => a - h.amount, 0);
          const refunded = card.history.filter((h) => h.kind === 'refunded').reduce((a, h) => a + h.amount, 0);
          expect(refunded).toBeLessThanOrEqual(redeemed);
        }
      }),
      { numRuns: 200 },
    );
  });
});
