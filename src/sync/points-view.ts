/**
 * The points balances other registers moved, as a running register sees them (docs/chain.md,
 * "Points"). The register's journal folds only its own movements (and what it was seeded or
 * credited with); the chain's balance holds every register's acknowledged movements. What the till
 * offers is the chain's balance plus this register's own movements the chain has not acknowledged:
 *
 *   shown = the journal's balance (as of today, expired lots out) + foreign
 *   foreign = chain balance + own ledger movements after the position the chain had acknowledged
 *             for this register when it read that balance − the journal's balance then
 *
 * Contract:
 * - `foreign` does not change when this register commits (its own movements move the journal and the
 *   unacknowledged part alike), so lookups are synchronous and never stale after a local sale.
 *   Only a pull, which reads the chain's balance with this register's acknowledged position in one
 *   snapshot, and a credit (`points.chain.credited`: the journal takes points the chain showed, so
 *   the journal's balance rises and foreign falls by as much) move it.
 * - A pull reads the accounts changed since the last one (re-reading from a minute before the newest
 *   row seen, as the card pull does) and the journal after the acknowledged position, up to the
 *   journal position the balances were taken at; credits made meanwhile are taken off.
 * - Offline nothing is pulled: foreign stays, so the offline limits use the last known balances less
 *   what this register spent since (its journal has those spends).
 */
import type { Client } from 'pg';
import { EV } from '../domain/loyalty/events.js';
import { accountAsOf } from '../domain/loyalty/expiry.js';
import type { LoyaltyAccount } from '../domain/loyalty/types.js';
import { streamTransactionsAt } from '../store/journal-stream.js';
import { accountById, loyaltyOf } from '../store/projections/loyalty.js';
import type { StoreState } from '../store/types.js';
import { CHAIN_JOINED, ledgerPointsMovements } from './ledger.js';

const keyOf = (customerId: string, programId: string) => `${customerId}\u0000${programId}`;

interface Row {
  customerId: string;
  programId: string;
  /** The chain's balance as read. */
  balance: number;
  /** This register's acknowledged journal seq in the same snapshot. */
  acked: number;
  foreign: number;
}

export interface PointsView {
  /** What the chain knows beyond this journal for the customer's program (undefined: the chain has no such account, or was never read). */
  foreign(customerId: string, programId: string): number | undefined;
  /** The account with its balances as the chain shows them (the journal's as of `day`, plus foreign; never below zero). */
  overlay(account: LoyaltyAccount, day: string): LoyaltyAccount;
  /** Reads the accounts changed in the chain since the last pull; how many rows were read. */
  pull(client: Client): Promise<number>;
  /** The register committed a credit of `points` (points.chain.credited). */
  credited(customerId: string, programId: string, points: number): void;
  /** For the state file: the rows, the pull position, and the journal seq they are valid at. */
  save(): { pulledTo: string | null; rows: [string, string, number, number, number][]; seq: number };
  /** From the state file: rows valid at `seq`; credits the journal holds after it are taken off. */
  restore(saved: { pulledTo: string | null; rows: [string, string, number, number, number][] }, seq: number): Promise<void>;
}

export function createPointsView(o: { dataDir: string; register: string; state: () => StoreState }): PointsView {
  const rows = new Map<string, Row>();
  const byCustomer = new Map<string, Map<string, Row>>();
  let pulledTo: string | null = null;
  /** Credits per key so far (a pull in flight takes off those made after its snapshot). */
  const credits = new Map<string, number>();

  const put = (r: Row) => {
    rows.set(keyOf(r.customerId, r.programId), r);
    let m = byCustomer.get(r.customerId);
    if (!m) byCustomer.set(r.customerId, (m = new Map()));
    m.set(r.programId, r);
  };
  const journalBalance = (state: StoreState, customerId: string, programId: string) => accountById(loyaltyOf(state), customerId)?.points[programId] ?? 0;

  /** This register's ledger movements per key in the journal after `after`, up to `upTo`. */
  async function ownAfter(after: number, upTo: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (upTo <= after) return out;
    for await (const t of streamTransactionsAt(o.dataDir, { afterSeq: after })) {
      // A join's seed is recorded by the ledger but moves nothing (ledger.ts).
      if (t.tx.some((e) => e.type === CHAIN_JOINED)) continue;
      for (const ev of t.tx) {
        if (ev.seq <= after || ev.seq > upTo) continue;
        for (const m of ledgerPointsMovements(ev)) out.set(keyOf(m.customerId, m.programId), (out.get(keyOf(m.customerId, m.programId)) ?? 0) + m.delta);
      }
      if (t.end.seq >= upTo) break;
    }
    return out;
  }

  return {
    foreign: (customerId, programId) => rows.get(keyOf(customerId, programId))?.foreign,
    overlay(account, day) {
      const asOf = accountAsOf(account, day);
      const mine = byCustomer.get(account.id);
      if (!mine) return asOf;
      const points = { ...asOf.points };
      for (const [programId, r] of mine) points[programId] = Math.max(0, (points[programId] ?? 0) + r.foreign);
      return { ...asOf, points };
    },
    async pull(client) {
      const r = await client.query<{ customer_id: string; program_id: string; balance: string; at: string; acked: string | null }>(
        `SELECT customer_id, program_id, balance, updated_at::text AS at, (SELECT last_seq FROM registers WHERE register_id = $2)::text AS acked
           FROM points_accounts WHERE $1::timestamptz IS NULL OR updated_at > $1::timestamptz - interval '60 seconds' ORDER BY updated_at`,
        [pulledTo, o.register],
      );
      if (r.rows.length === 0) return 0;
      const acked = Number(r.rows[0].acked ?? 0);
      // The journal's balances and position now, before any await: the walk below stops there.
      const state = o.state();
      const seq = state.meta.seq;
      const before = r.rows.map((row) => ({ row, journal: journalBalance(state, row.customer_id, row.program_id), credits: credits.get(keyOf(row.customer_id, row.program_id)) ?? 0 }));
      const own = await ownAfter(acked, seq);
      for (const { row, journal, credits: c0 } of before) {
        const key = keyOf(row.customer_id, row.program_id);
        const since = (credits.get(key) ?? 0) - c0;
        put({ customerId: row.customer_id, programId: row.program_id, balance: Number(row.balance), acked, foreign: Number(row.balance) + (own.get(key) ?? 0) - journal - since });
        pulledTo = row.at;
      }
      return r.rows.length;
    },
    credited(customerId, programId, points) {
      const key = keyOf(customerId, programId);
      credits.set(key, (credits.get(key) ?? 0) + points);
      const row = rows.get(key);
      if (row) row.foreign -= points;
    },
    save: () => ({ pulledTo, seq: o.state().meta.seq, rows: [...rows.values()].map((r) => [r.customerId, r.programId, r.balance, r.acked, r.foreign]) }),
    async restore(saved, seq) {
      // Credits the journal wrote after the file (a register killed before it saved again).
      const after = new Map<string, number>();
      if (o.state().meta.seq > seq)
        for await (const t of streamTransactionsAt(o.dataDir, { afterSeq: seq }))
          for (const ev of t.tx) {
            if (ev.seq <= seq || ev.type !== EV.pointsChainCredited) continue;
            const d = ev.data as { customerId?: string; programId?: string; points?: number };
            if (typeof d.customerId === 'string' && typeof d.programId === 'string' && Number.isSafeInteger(d.points)) after.set(keyOf(d.customerId, d.programId), (after.get(keyOf(d.customerId, d.programId)) ?? 0) + d.points!);
          }
      for (const [customerId, programId, balance, acked, foreign] of saved.rows) put({ customerId, programId, balance, acked, foreign: foreign - (after.get(keyOf(customerId, programId)) ?? 0) });
      pulledTo = saved.pulledTo;
    },
  };
}
