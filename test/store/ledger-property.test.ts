/**
 * Issue 8 property: random sequences of sales (with gift-card tenders and points spent/earned),
 * loads, redemptions, refunds, adjustments, expiries and hand edits of the snapshot (plain, and with
 * the digest recomputed: 1b). Whatever the
 * sequence: no gift-card balance and no points balance is ever below zero in the fold of the
 * journal; the register never spends a snapshot it cannot prove (an edited one is discarded and
 * the state is the journal's fold); and the acknowledged sales are exactly the journal's sales.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { verifyStore } from '../../src/store/maintenance.js';
import { sealLines } from '../../src/store/snapshot-lines.js';
import { isStoreError } from '../../src/store/errors.js';
import { giftCardSlice } from '../../src/store/projections/giftcards.js';
import { loyaltyOf } from '../../src/store/projections/loyalty.js';
import type { TillStore } from '../../src/store/till-store.js';
import type { EventDraft, StoreState } from '../../src/store/types.js';
import { readLines, seg1, tmpDir } from './helpers.js';

const CARDS = ['07K8T7FK6FDPBE03ZDRN'];
const CUSTOMERS = ['c1', 'c2'];
const DAYS = ['2025-01-01', '2025-01-10', '2025-02-01', '2025-03-15'];

type Op =
  | { k: 'sale'; redeem: number; spend: number; earn: number; who: number }
  | { k: 'load'; amount: number }
  | { k: 'redeem'; amount: number }
  | { k: 'refund'; amount: number }
  | { k: 'adjust'; amount: number }
  | { k: 'points'; type: 'points.earned' | 'points.spent' | 'points.adjusted' | 'points.expired'; pts: number; who: number; day: number }
  | { k: 'edit'; balance: number; forge: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('sale' as const), redeem: fc.integer({ min: 0, max: 3000 }), spend: fc.integer({ min: 0, max: 150 }), earn: fc.integer({ min: 0, max: 50 }), who: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ k: fc.constant('load' as const), amount: fc.integer({ min: -2000, max: 2000 }).filter((n) => n !== 0) }),
  fc.record({ k: fc.constant('redeem' as const), amount: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ k: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ k: fc.constant('adjust' as const), amount: fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0) }),
  fc.record({
    k: fc.constant('points' as const),
    type: fc.constantFrom('points.earned' as const, 'points.spent' as const, 'points.adjusted' as const, 'points.expired' as const),
    pts: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0),
    who: fc.integer({ min: 0, max: 1 }),
    day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  }),
  fc.record({ k: fc.constant('edit' as const), balance: fc.integer({ min: 0, max: 1_000_000 }), forge: fc.boolean() }),
);

function draft(o: Op, n: number): EventDraft[] {
  const code = CARDS[0];
  switch (o.k) {
    case 'sale': {
      const ext: Record<string, unknown> = {};
      if (o.redeem) ext.giftcards = { sold: [], redeemed: [{ code, amount: o.redeem }] };
      if (o.spend || o.earn)
        ext.loyalty = { customerId: CUSTOMERS[o.who], day: '2025-01-10', spend: 100, programs: [{ programId: 'P', earned: o.earn, spent: o.spend }] };
      return [{ type: 'sale.committed', data: { sale: { saleId: `s${n}`, receiptNo: `R1-${n}`, register: 'R1', total: 100, currency: 'USD', extensions: ext } } }];
    }
    case 'load':
      return [{ type: 'giftcard.loaded', data: { code, amount: o.amount } }];
    case 'redeem':
      return [{ type: 'giftcard.redeemed', data: { code, amount: o.amount } }];
    case 'refund':
      return [{ type: 'giftcard.refunded', data: { code, amount: o.amount } }];
    case 'adjust':
      return [{ type: 'giftcard.adjusted', data: { code, amount: o.amount, reason: 'p' } }];
    case 'points':
      return [{ type: o.type, data: { customerId: CUSTOMERS[o.who], programId: 'P', points: o.type === 'points.adjusted' ? o.pts : Math.abs(o.pts), day: DAYS[o.day], reason: 'p' } }];
    case 'edit':
      return [];
  }
}

function noNegative(state: StoreState): void {
  for (const c of Object.values(giftCardSlice(state).cards)) expect(c.balance).toBeGreaterThanOrEqual(0);
  for (const a of Object.values(loyaltyOf(state).customers)) for (const v of Object.values(a.points)) expect(v).toBeGreaterThanOrEqual(0);
}

const seed: EventDraft[] = [
  { type: 'loyalty.program.upserted', data: { program: { id: 'P', name: 'Points', active: true, decimals: 0, step: 1, expiryDays: 30, rules: [], rewards: [] } } },
  ...CUSTOMERS.map((id): EventDraft => ({ type: 'customer.created', data: { customer: { id, name: id, phone: '', tier: null, card: `29900000${id}`, blocked: false, created: '2025-01-01T00:00:00Z' } } })),
  { type: 'giftcard.issued', data: { code: CARDS[0], state: 'active', currency: 'USD', faceValue: 1000, price: 1000 } },
];

describe('issue 8 ledger property: balances, unprovable snapshots, acknowledged sales', () => {
  it('no balance below zero in the fold; an edited snapshot is never used; acknowledged sales = journal sales', async () => {
    const seen = { edits: 0, forged: 0, discarded: 0, refused: 0, committed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 18 }), async (ops) => {
        const dir = tmpDir('ledger-prop');
        let t = Date.parse('2025-01-10T10:00:00Z');
        const now = () => new Date((t += 1000));
        let s: TillStore = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, seed, { now, idleCheckpointMs: 0 });
        const acknowledged = new Set<string>();
        try {
          for (let i = 0; i < ops.length; i++) {
            const o = ops[i];
            if (o.k === 'edit') {
              // Hand edit: set the card's balance in store.json, as a person with a text editor would.
              await s.close();
              const file = path.join(dir, 'store.json');
              // A discarded snapshot is set aside; until the refold wrote a new one there is none to edit.
              const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
              let edited = text.replace(/("code":"07K8T7FK6FDPBE03ZDRN","state":"[a-z]+","currency":"USD","faceValue":1000,"price":1000,"balance":)-?\d+/, `$1${o.balance}`);
              // Forged: the digest recomputed too (1b), so start-up uses the file and the proof must catch it.
              if (o.forge && edited !== text) {
                const body = edited.split('\n').filter((l) => l !== '' && !l.startsWith('["end",'));
                edited = [...body, sealLines(body)].join('\n') + '\n';
              }
              if (text) fs.writeFileSync(file, edited);
              s = await openStore(dir, { register: 'R1', now, idleCheckpointMs: 0, proofDelayMs: 0 });
              if (edited !== text) {
                const journalFold = (await verifyStore(dir)).state;
                seen.edits++;
                if (o.forge) {
                  // Used at start, never spent: the proof replaces it before any balance may go down.
                  expect((await s.proof!).status).toBe('discarded');
                  seen.discarded++;
                  seen.forged++;
                } else {
                  if (s.recovery.snapshotDiscarded) seen.discarded++;
                  expect(s.recovery.snapshotDiscarded ?? 'unedited').toMatch(/digest|unedited/);
                }
                expect(giftCardSlice(s.state)).toEqual(giftCardSlice(journalFold));
              }
              continue;
            }
            const id = o.k === 'sale' ? `s${i}` : `op${i}`;
            try {
              const r = await s.commit({ id, events: draft(o, i) });
              if (!r.duplicate && o.k === 'sale') acknowledged.add(id);
              seen.committed++;
            } catch (e) {
              if (!isStoreError(e) || (e.code !== 'GIFT_CARD_OVERDRAWN' && e.code !== 'POINTS_OVERDRAWN')) throw e;
              seen.refused++;
            }
            noNegative(s.state);
          }
          await s.close();
          const v = await verifyStore(dir);
          expect(v.ok).toBe(true);
          noNegative(v.state);
          const journalSales = readLines(seg1(dir))
            .map((l) => JSON.parse(l))
            .filter((e) => e.type === 'sale.committed')
            .map((e) => e.tx);
          expect(new Set(journalSales)).toEqual(acknowledged);
          expect(journalSales.length).toBe(acknowledged.size);
        } finally {
          await s.close().catch(() => {});
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
    // Not vacuous: edits were made (and every changed one discarded), and commits were both refused and accepted.
    expect(seen.edits).toBeGreaterThan(0);
    expect(seen.forged).toBeGreaterThan(0);
    expect(seen.discarded).toBe(seen.edits);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.committed).toBeGreaterThan(0);
  }, 120_000);
});
