/**
 * Issue 8 defect 7, property: over random sequences of sales (earn and spend), corrections, bulk
 * credits, refunds with claw-back, expiries, blocks, unblocks, regrades and edits of a few customers,
 * the history of each customer read back from the journal
 * - has one row per points movement and one per change of state, in journal order, nothing else;
 * - carries after every movement the running balance of its program (the fold from zero);
 * - ends, per program, on the balance the projection holds (no mismatch);
 * - is found through the account's index of seqs, which names exactly the events about the customer,
 *   also after a JSON snapshot of the slice;
 * - pages back into the same rows, newest first, whatever the page size.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EV, movementsOf } from '../../../src/domain/loyalty/events.js';
import { planAdjustment, planBlock, planRegrade, planUnblock } from '../../../src/domain/loyalty/operations.js';
import { foldMismatches } from '../../../src/domain/loyalty/history-view.js';
import { pageOf } from '../../../src/domain/paging.js';
import { cardNumberFor } from '../../../src/domain/loyalty/card.js';
import { accountSeqs, loyaltyProjection } from '../../../src/store/projections/loyalty.js';
import { historyFromEvents } from '../../../src/store/loyalty-history.js';
import type { LoyaltyProgram, SaleLoyalty } from '../../../src/domain/loyalty/types.js';
import type { StoreState } from '../../../src/store/types.js';
import { CASHBACK, LADDER, customer } from './fixtures.js';
import { Sim } from './sim.js';

const STAMPS: LoyaltyProgram = { ...CASHBACK, id: 'st', name: 'Stamps', rules: [], rewards: [] };
const PROGRAMS = [CASHBACK, STAMPS];
const IDS = ['a', 'b', 'c'];
const STATE_EVENTS = new Set<string>([EV.customerCreated, EV.customerUpdated, EV.cardBlocked, EV.cardUnblocked, EV.customerRegraded]);

const op = fc.oneof(
  fc.record({ k: fc.constant('sale' as const), c: fc.nat(2), p: fc.nat(1), earn: fc.nat(50), spend: fc.nat(60), promote: fc.boolean() }),
  fc.record({ k: fc.constant('adjust' as const), c: fc.nat(2), p: fc.nat(1), pts: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ k: fc.constant('accrue' as const), who: fc.subarray(IDS, { minLength: 1 }), pts: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ k: fc.constant('refund' as const), c: fc.nat(2), p: fc.nat(1), returned: fc.nat(20), claw: fc.nat(40) }),
  fc.record({ k: fc.constant('expire' as const), c: fc.nat(2), p: fc.nat(1), pct: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('block' as const), c: fc.nat(2), on: fc.boolean() }),
  fc.record({ k: fc.constant('regrade' as const), c: fc.nat(2), tier: fc.constantFrom('std', 'silver', 'gold') }),
  fc.record({ k: fc.constant('edit' as const), c: fc.nat(2), n: fc.nat(99) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function run(ops: Op[]): Sim {
  const sim = new Sim();
  PROGRAMS.forEach((p) => sim.program(p));
  sim.ladder(LADDER);
  IDS.forEach((id, i) => sim.customer(customer({ id, phone: `090000000${i}`, card: cardNumberFor('27', i + 1) })));
  let n = 0;
  for (const o of ops) {
    n++;
    const at = `2025-03-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000Z`;
    const day = at.slice(0, 10);
    if (o.k === 'sale') {
      const a = sim.acc(IDS[o.c]);
      const pid = PROGRAMS[o.p].id;
      const spent = a.blocked ? 0 : Math.min(o.spend, a.points[pid] ?? 0);
      const earned = a.blocked ? 0 : o.earn;
      const promoted = o.promote && a.tier !== 'gold';
      const ext: SaleLoyalty = {
        v: 1, customerId: a.id, cardNumber: a.card, day, spend: 1000 * (n % 7), tierBefore: a.tier, tierAfter: promoted ? 'gold' : a.tier, promoted, tierDiscount: 0,
        programs: spent || earned ? [{ programId: pid, name: pid, earned, spent, balanceBefore: 0, balanceAfter: 0, expiringSoon: 0, rewards: [] }] : [],
      };
      sim.sale(ext, `s${n}`);
    } else if (o.k === 'adjust') {
      const r = planAdjustment(sim.acc(IDS[o.c]), PROGRAMS[o.p], o.pts, `fix ${n}`, day);
      if (r.ok) sim.commit(r.value.type, r.value.data, at);
    } else if (o.k === 'accrue') {
      sim.commit(EV.accrued, { batchId: `b${n}`, part: 1, programId: 'cb', points: o.pts, reason: 'bonus', day, customerIds: o.who }, at);
    } else if (o.k === 'refund') {
      const a = sim.acc(IDS[o.c]);
      const pid = PROGRAMS[o.p].id;
      const clawedBack = Math.min(o.claw, (a.points[pid] ?? 0) + o.returned);
      sim.commit(EV.pointsRefunded, { customerId: a.id, saleId: `s${n - 1}`, day, spend: 0, programs: [{ programId: pid, returned: o.returned, clawedBack, unrecovered: o.claw - clawedBack }] }, at);
    } else if (o.k === 'expire') {
      const a = sim.acc(IDS[o.c]);
      const pts = Math.floor(((a.points[PROGRAMS[o.p].id] ?? 0) * o.pct) / 100);
      if (pts > 0) sim.commit(EV.pointsExpired, { customerId: a.id, programId: PROGRAMS[o.p].id, points: pts, day }, at);
    } else if (o.k === 'block') {
      const a = sim.acc(IDS[o.c]);
      const r = o.on ? planBlock(a, `why ${n}`) : planUnblock(a, `why ${n}`);
      if (r.ok) sim.commit(r.value.type, r.value.data, at);
    } else if (o.k === 'regrade') {
      const r = planRegrade(sim.acc(IDS[o.c]), sim.slice.ladder, o.tier, `hand ${n}`);
      if (r.ok) sim.commit(r.value.type, r.value.data, at);
    } else {
      sim.commit(EV.customerUpdated, { customerId: IDS[o.c], changes: { name: `Name ${o.n}` } }, at);
    }
  }
  return sim;
}

const about = (ev: { type: string; data: unknown; at: string }, id: string): boolean => {
  const d = ev.data as Record<string, unknown>;
  if (movementsOf(ev.type, ev.data, ev.at.slice(0, 10)).some((m) => m.customerId === id)) return true;
  if (ev.type === EV.customerCreated) return (d.customer as { id: string }).id === id;
  if (ev.type === EV.saleCommitted) return ((d.sale as { extensions: { loyalty: SaleLoyalty } }).extensions.loyalty.customerId) === id;
  return d.customerId === id;
};

describe('issue 8 defect 7: the history is the fold of the journal', () => {
  it('every movement and state change, balance after each equals the running fold, last equals the projection', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (ops, perPage) => {
        const sim = run(ops);
        const journal = new Map(sim.events.map((e) => [e.seq, e]));
        for (const id of IDS) {
          const acc = sim.acc(id);
          const mine = sim.events.filter((ev) => about(ev, id));
          expect(accountSeqs(acc)).toEqual(mine.map((ev) => ev.seq));
          const { rows, unread } = historyFromEvents(acc, journal);
          expect(unread).toEqual([]);
          // One row per movement, in order, with the running balance of its program.
          const fold = new Map<string, number>();
          const wantMoves = mine.flatMap((ev) =>
            movementsOf(ev.type, ev.data, ev.at.slice(0, 10))
              .filter((m) => m.customerId === id)
              .map((m) => {
                fold.set(m.programId, (fold.get(m.programId) ?? 0) + m.delta);
                return [ev.seq, m.kind, m.programId, m.delta, fold.get(m.programId)];
              }),
          );
          expect(rows.filter((r) => r.programId !== null).map((r) => [r.seq, r.kind, r.programId, r.delta, r.balance])).toEqual(wantMoves);
          // One row per change of state.
          expect(rows.filter((r) => ['created', 'edited', 'blocked', 'unblocked', 'regraded'].includes(r.kind)).map((r) => r.seq)).toEqual(mine.filter((ev) => STATE_EVENTS.has(ev.type)).map((ev) => ev.seq));
          expect(rows.every((r, i) => i === 0 || r.seq >= rows[i - 1].seq)).toBe(true);
          // The last balance of each program is the projection's.
          for (const p of PROGRAMS) {
            const last = rows.filter((r) => r.programId === p.id).at(-1);
            expect(last?.balance ?? 0).toBe(acc.points[p.id] ?? 0);
          }
          expect(foldMismatches(rows, acc)).toEqual([]);
          // Paged newest first, the pages put together are the whole history.
          const newest = rows.slice().reverse();
          const pages = [];
          for (let p = 1; ; p++) {
            const page = pageOf(newest, { page: p, perPage });
            if (!page) break;
            expect(page.pages).toBe(Math.max(1, Math.ceil(rows.length / perPage)));
            pages.push(...page.items);
          }
          expect(pages).toEqual(newest);
        }
        // The index survives a JSON snapshot and a replay from scratch.
        const replay = loyaltyProjection.initial();
        for (const ev of sim.events) loyaltyProjection.apply(replay, ev, {} as StoreState);
        const snap = JSON.parse(JSON.stringify(sim.slice));
        for (const id of IDS) {
          expect(replay.customers[id].seqs).toBe(sim.acc(id).seqs);
          expect(historyFromEvents(snap.customers[id], journal)).toEqual(historyFromEvents(sim.acc(id), journal));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a fold that misses the balance is named', () => {
    const sim = run([{ k: 'adjust', c: 0, p: 0, pts: 10 }]);
    const { rows } = historyFromEvents(sim.acc('a'), new Map(sim.events.map((e) => [e.seq, e])));
    expect(foldMismatches(rows, { points: { cb: 12 } })).toEqual([{ programId: 'cb', fold: 10, ledger: 12 }]);
  });
});
