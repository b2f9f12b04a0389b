/**
 * Loyalty journal events: their types, data shapes, and the points movements each one means. A balance
 * is the sum of the movements of its customer and program, by construction: the projection folds
 * exactly what `movementsOf` returns. Nothing is ever deleted; a mistake is corrected by a compensating
 * `points.adjusted` with a reason.
 */
import type { Customer, LoyaltyProgram, SaleLoyalty, TierLadder, Units } from './types.js';
import type { Regrade } from './tiers.js';

export const EV = {
  customerCreated: 'customer.created',
  customerUpdated: 'customer.updated',
  cardBlocked: 'card.blocked',
  cardUnblocked: 'card.unblocked',
  customerRegraded: 'customer.regraded',
  pointsEarned: 'points.earned',
  pointsSpent: 'points.spent',
  pointsAdjusted: 'points.adjusted',
  pointsExpired: 'points.expired',
  /**
   * On a chain (docs/chain.md, "Points"): the register spends points its own journal never saw (earned
   * at other registers) that the chain's balance covers; this credits them first, in the sale's own
   * transaction, so the journal's fold stays what it can prove. The shared ledger moves nothing for it.
   */
  pointsChainCredited: 'points.chain.credited',
  pointsRefunded: 'points.refunded',
  accrued: 'loyalty.accrued',
  programUpserted: 'loyalty.program.upserted',
  tiersSet: 'loyalty.tiers.set',
  saleCommitted: 'sale.committed',
} as const;

/** An event to journal (the store's EventDraft shape, declared here so the domain does not import the store). */
export interface LoyaltyEvent<D = unknown> {
  type: string;
  data: D;
}

export interface CustomerCreatedData {
  customer: Customer;
  /** Card counter consumed when the number was generated from the store's sequence. */
  cardSerial?: number;
}
export interface CustomerUpdatedData {
  customerId: string;
  changes: Partial<Pick<Customer, 'name' | 'phone' | 'email'>>;
}
export interface CardBlockData {
  customerId: string;
  reason: string;
}
export type CustomerRegradedData = Regrade;

/** Points moved outside a till sale (a phone order, a correction): units > 0, with a reason. */
export interface PointsMoveData {
  customerId: string;
  programId: string;
  points: Units;
  day: string;
  reason: string;
  ref?: string;
  /** The points are additional (a campaign credit, or a correction of additional points). */
  additional?: boolean;
}
/** Signed, non-zero. */
export type PointsAdjustedData = PointsMoveData;
/** Units that expired on `day` (lots with an expiry date on or before it). */
export interface PointsExpiredData {
  customerId: string;
  programId: string;
  points: Units;
  day: string;
  /** Of `points`, the additional ones (their own lots); absent = 0. */
  additional?: Units;
}
/** One part of a bulk accrual: every listed customer gets `points`. A batch may span several parts. */
export interface AccruedData {
  batchId: string;
  part: number;
  programId: string;
  points: Units;
  reason: string;
  day: string;
  customerIds: string[];
  /** Promotional: the points are additional, expiring `expiryDays` after `day` (else the program's additionalExpiryDays). */
  additional?: boolean;
  expiryDays?: number;
}
/**
 * A refund of (part of) a committed sale: spent points go back, earned points are taken back as far
 * as the balance allows (the rest is `unrecovered`, never a negative balance). What tier promotion
 * reads drops with it, a compensating entry: lifetime spend by `spend`, lifetime points earned by what
 * was taken back (clawed back + unrecovered), and the same off the month of `saleDay` (the month the
 * sale counted in, for ladders with a rolling window).
 */
export interface PointsRefundedData {
  customerId: string;
  saleId: string;
  day: string;
  /** The returned sale's business day (absent on refunds journaled before it was recorded: `day`). */
  saleDay?: string;
  spend: number;
  programs: { programId: string; returned: Units; clawedBack: Units; unrecovered: Units; returnedAdditional?: Units; clawedBackAdditional?: Units }[];
}
export interface ProgramUpsertedData {
  program: LoyaltyProgram;
}
export interface TiersSetData {
  ladder: TierLadder | null;
}

export type MovementKind = 'earn' | 'spend' | 'adjust' | 'expire' | 'accrue' | 'refund';

export interface Movement {
  customerId: string;
  programId: string;
  /** Signed units. */
  delta: Units;
  kind: MovementKind;
  day: string;
  /** Sale id, batch id, or the reason. */
  ref: string;
  /**
   * Of `delta`, the additional points (additional.ts); the rest is main points. Absent: a credit is
   * main points, a debit takes main points first.
   */
  extra?: Units;
  /** A credit of additional points with its own expiry (a bulk accrual's --expires-days). */
  extraExpiryDays?: number;
}

/** The loyalty extension of a `sale.committed` event, whether the data is the sale or wraps it. */
export function saleLoyaltyOf(data: unknown): { saleId: string; receiptNo: string; loyalty: SaleLoyalty } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const sale = (d.sale && typeof d.sale === 'object' ? d.sale : d) as Record<string, unknown>;
  const ext = sale.extensions as Record<string, unknown> | undefined;
  const l = ext?.loyalty as SaleLoyalty | undefined;
  if (!l || typeof l !== 'object' || typeof l.customerId !== 'string' || !Array.isArray(l.programs)) return null;
  return { saleId: String(sale.saleId ?? ''), receiptNo: String(sale.receiptNo ?? ''), loyalty: l };
}

/** The points movements an event means, in order. Events that move no points give []. */
export function movementsOf(type: string, data: unknown, fallbackDay: string): Movement[] {
  const d = data as Record<string, unknown>;
  switch (type) {
    case EV.saleCommitted: {
      const s = saleLoyaltyOf(data);
      if (!s) return [];
      const day = s.loyalty.day || fallbackDay;
      const ref = s.receiptNo || s.saleId;
      const out: Movement[] = [];
      for (const p of s.loyalty.programs) {
        // Without `additional` (every sale before additional points) a spend takes main points: they were all main.
        const add = p.additional;
        const cut = (x: Movement, e: number | undefined): Movement => (add ? { ...x, extra: e ?? 0 } : x);
        if (p.spent > 0) out.push(cut({ customerId: s.loyalty.customerId, programId: p.programId, delta: -p.spent, kind: 'spend', day, ref }, add && -add.spent));
        if (p.earned > 0) out.push(cut({ customerId: s.loyalty.customerId, programId: p.programId, delta: p.earned, kind: 'earn', day, ref }, add?.earned));
      }
      return out;
    }
    case EV.pointsEarned:
    case EV.pointsSpent:
    case EV.pointsAdjusted:
    case EV.pointsChainCredited:
    case EV.pointsExpired: {
      const m = d as unknown as PointsMoveData;
      const sign = type === EV.pointsSpent || type === EV.pointsExpired ? -1 : 1;
      const kind: MovementKind = type === EV.pointsEarned ? 'earn' : type === EV.pointsSpent ? 'spend' : type === EV.pointsExpired ? 'expire' : 'adjust';
      if (!Number.isSafeInteger(m.points) || m.points === 0) return [];
      const mv: Movement = { customerId: m.customerId, programId: m.programId, delta: sign * m.points, kind, day: m.day || fallbackDay, ref: m.ref ?? m.reason ?? '' };
      if (type === EV.pointsExpired) {
        const add = (d as unknown as PointsExpiredData).additional;
        if (Number.isSafeInteger(add) && add! > 0) mv.extra = -add!;
      } else if (m.additional === true) mv.extra = mv.delta;
      return [mv];
    }
    case EV.pointsRefunded: {
      const r = d as unknown as PointsRefundedData;
      if (!Array.isArray(r.programs)) return [];
      return r.programs
        .map((p): Movement => {
          const mv: Movement = { customerId: r.customerId, programId: p.programId, delta: (p.returned | 0) - (p.clawedBack | 0), kind: 'refund', day: r.day || fallbackDay, ref: r.saleId };
          if (p.returnedAdditional !== undefined || p.clawedBackAdditional !== undefined) mv.extra = (p.returnedAdditional ?? 0) - (p.clawedBackAdditional ?? 0);
          return mv;
        })
        // A refund that gives back as many points as it takes back still moves points between the parts
        // (additional spent come back, main earned go): kept when its additional part moves.
        .filter((m) => m.delta !== 0 || (m.extra ?? 0) !== 0);
    }
    case EV.accrued: {
      const a = d as unknown as AccruedData;
      if (!Array.isArray(a.customerIds) || !Number.isSafeInteger(a.points)) return [];
      const add = a.additional === true ? { extra: a.points, ...(Number.isSafeInteger(a.expiryDays) && a.expiryDays! > 0 ? { extraExpiryDays: a.expiryDays } : {}) } : {};
      return a.customerIds.map((customerId) => ({ customerId, programId: a.programId, delta: a.points, kind: 'accrue' as const, day: a.day || fallbackDay, ref: a.batchId, ...add }));
    }
    default:
      return [];
  }
}
