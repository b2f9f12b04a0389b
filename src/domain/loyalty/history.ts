/**
 * A customer's history as the back office shows it: one row per points movement and per change of
 * state, each with the balance after it. Rows are made from journal events by the same `movementsOf`
 * the projection folds, and the balance is the running sum of those deltas from zero, so the last row
 * of a program carries the balance the projection holds — unless an event could not be read back
 * (the view says so). Pure: the store hands the events over one at a time, oldest first.
 */
import { EV, movementsOf, saleLoyaltyOf, type AccruedData, type CardBlockData, type CustomerCreatedData, type CustomerRegradedData, type CustomerUpdatedData, type MovementKind, type PointsMoveData } from './events.js';
import { additionalPart } from './additional.js';
import type { Units } from './types.js';

/** The journal envelope fields a history row needs (the store's JournalEvent has them all). */
const NO_POINTS = [{ key: 'cli.customer.note.noPoints', params: {} }];

export interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  operator: string;
  data: unknown;
}

export type HistoryKind = MovementKind | 'created' | 'edited' | 'blocked' | 'unblocked' | 'regraded' | 'promoted' | 'purchase';

export interface HistoryRow {
  /** Journal sequence of the event; a sale with spend and earn gives two rows of one seq. */
  seq: number;
  /** ISO instant of the commit. */
  at: string;
  /** The business day the event states (sale day, adjustment day, expiry day); else the commit's. */
  day: string;
  kind: HistoryKind;
  /** Program whose points moved; null for a change of state. */
  programId: string | null;
  /** Signed units; 0 for a change of state. */
  delta: Units;
  /** Balance of `programId` after this row (the fold from zero); null for a change of state. */
  balance: Units | null;
  /** Of `delta`, the additional (promotional) points (additional.ts); 0 for main points only. */
  additional: Units;
  /** The additional part of `balance` after this row; null for a change of state. */
  additionalBalance: Units | null;
  operator: string;
  /** Receipt number (or sale id) of a sale or refund, batch id of a bulk credit, reference of a correction. */
  ref: string;
  reason: string;
  /** What changed, for changes of state: "tier std -> silver", "card 2700000000014, tier std". */
  detail: string;
  /**
   * `detail` as catalog keys and values (`cli.customer.note.*`), joined with "; " when shown: what the
   * back office prints in the output's language. `detail` stays the English text of the JSON document.
   */
  notes?: { key: string; params: Record<string, string> }[];
  /** On the rows of a sale priced from the customer's tier price list: which list, how many lines, what it took off. */
  priceList?: { tierId: string; name: string; lines: number; saved: number };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Folds a customer's events, oldest first, into rows with running balances. */
export class HistoryFold {
  readonly rows: HistoryRow[] = [];
  private readonly balances = new Map<string, Units>();
  private readonly extras = new Map<string, Units>();

  constructor(readonly customerId: string) {}

  /** The fold's balance of a program after every event added so far. */
  balance(programId: string): Units {
    return this.balances.get(programId) ?? 0;
  }

  add(ev: HistoryEvent): void {
    const d = (ev.data && typeof ev.data === 'object' ? ev.data : {}) as Record<string, unknown>;
    const day = ev.at.slice(0, 10);
    const row = (kind: HistoryKind, over: Partial<HistoryRow> = {}): HistoryRow => ({
      seq: ev.seq, at: ev.at, day, kind, programId: null, delta: 0, balance: null, additional: 0, additionalBalance: null, operator: ev.operator, ref: '', reason: '', detail: '', ...over,
    });
    const sale = ev.type === EV.saleCommitted ? saleLoyaltyOf(ev.data) : null;
    const firstRow = this.rows.length;
    let moved = 0;
    for (const m of movementsOf(ev.type, ev.data, day)) {
      if (m.customerId !== this.customerId) continue;
      const before = this.balance(m.programId);
      const extra = this.extras.get(m.programId) ?? 0;
      // The same split the projection makes (additional.ts), so the last row's parts are the account's.
      const additional = additionalPart(m.delta, m.extra, before - extra, extra);
      const balance = before + m.delta;
      this.balances.set(m.programId, balance);
      this.extras.set(m.programId, extra + additional);
      this.rows.push(row(m.kind, { day: m.day, programId: m.programId, delta: m.delta, balance, additional, additionalBalance: extra + additional, ...this.refs(ev.type, d, m.ref) }));
      moved++;
    }
    switch (ev.type) {
      case EV.customerCreated: {
        const c = (d as unknown as CustomerCreatedData).customer;
        if (c?.id === this.customerId)
          this.rows.push(row('created', { detail: `card ${c.card}${c.tier ? `, tier ${c.tier}` : ''}`, notes: [c.tier ? { key: 'cli.customer.note.createdTier', params: { card: c.card, tier: c.tier } } : { key: 'cli.customer.note.created', params: { card: c.card } }] }));
        break;
      }
      case EV.customerUpdated: {
        const u = d as unknown as CustomerUpdatedData;
        if (u.customerId !== this.customerId || !u.changes) break;
        const parts = Object.entries(u.changes).map(([k, v]) => `${k} ${v === '' ? 'removed' : `-> ${String(v)}`}`);
        const notes = Object.entries(u.changes).map(([k, v]): { key: string; params: Record<string, string> } => (v === '' ? { key: 'cli.customer.note.removed', params: { field: k } } : { key: 'cli.customer.note.changed', params: { field: k, value: String(v) } }));
        this.rows.push(row('edited', { detail: parts.join('; '), notes }));
        break;
      }
      case EV.cardBlocked:
      case EV.cardUnblocked: {
        const b = d as unknown as CardBlockData;
        if (b.customerId === this.customerId) this.rows.push(row(ev.type === EV.cardBlocked ? 'blocked' : 'unblocked', { reason: str(b.reason) }));
        break;
      }
      case EV.customerRegraded: {
        const r = d as unknown as CustomerRegradedData;
        if (r.customerId === this.customerId) this.rows.push(row('regraded', { reason: str(r.reason), detail: `tier ${r.from ?? '-'} -> ${r.to ?? '-'}`, notes: [{ key: 'cli.customer.note.tier', params: { from: r.from ?? '-', to: r.to ?? '-' } }] }));
        break;
      }
      case EV.saleCommitted: {
        if (!sale || sale.loyalty.customerId !== this.customerId) break;
        const ref = sale.receiptNo || sale.saleId;
        if (sale.loyalty.promoted && typeof sale.loyalty.tierAfter === 'string') {
          this.rows.push(row('promoted', { day: sale.loyalty.day || day, ref, detail: `tier ${sale.loyalty.tierBefore ?? '-'} -> ${sale.loyalty.tierAfter}`, notes: [{ key: 'cli.customer.note.tier', params: { from: sale.loyalty.tierBefore ?? '-', to: String(sale.loyalty.tierAfter) } }] }));
        } else if (moved === 0) this.rows.push(row('purchase', { day: sale.loyalty.day || day, ref, detail: 'no points', notes: NO_POINTS }));
        // Which price list the sale was priced from (the tier's), on every row of the sale.
        const pl = sale.loyalty.priceList;
        if (pl && typeof pl.name === 'string') for (const r of this.rows.slice(firstRow)) r.priceList = { tierId: String(pl.tierId), name: pl.name, lines: Number(pl.lines) || 0, saved: Number(pl.saved) || 0 };
        break;
      }
      case EV.pointsRefunded:
        if (moved === 0 && d.customerId === this.customerId) this.rows.push(row('refund', { day: str(d.day) || day, ref: str(d.saleId), detail: 'no points', notes: NO_POINTS }));
        break;
    }
  }

  /** Reference and reason of a movement, from the event that made it. */
  private refs(type: string, d: Record<string, unknown>, movementRef: string): Pick<HistoryRow, 'ref' | 'reason'> {
    switch (type) {
      case EV.pointsEarned:
      case EV.pointsSpent:
      case EV.pointsAdjusted:
        return { ref: str((d as unknown as PointsMoveData).ref), reason: str((d as unknown as PointsMoveData).reason) };
      case EV.pointsExpired:
        return { ref: '', reason: '' };
      case EV.accrued:
        return { ref: str((d as unknown as AccruedData).batchId), reason: str((d as unknown as AccruedData).reason) };
      default:
        return { ref: movementRef, reason: '' };
    }
  }
}
