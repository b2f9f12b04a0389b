/**
 * What an open sale takes from shared balances: per gift card the total of its tenders, per loyalty
 * program the points its claimed rewards spend. On a chain (docs/chain.md, "At the till") these are
 * the amounts held in the shared database while the sale is open; pure, so the checkout machine and
 * the register compute them alike.
 */
import type { Cart } from './cart.js';
import type { Tender } from './tender.js';
import { rewardsInCart } from './loyalty/rewards.js';

export interface CardSpend {
  code: string;
  /** Minor units. */
  amount: number;
}

export interface PointsSpend {
  customerId: string;
  programId: string;
  /** Program units. */
  points: number;
}

export interface SaleSpends {
  cards: CardSpend[];
  points: PointsSpend[];
}


/** Gift-card tenders summed per card, in code order (the chain's lock order). */
export function cardSpends(tenders: readonly Tender[]): CardSpend[] {
  const per = new Map<string, number>();
  for (const t of tenders) if (t.kind === 'giftcard' && typeof t.meta?.code === 'string') per.set(t.meta.code, (per.get(t.meta.code) ?? 0) + t.amount);
  return [...per].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, amount]) => ({ code, amount }));
}

/** Points the cart's claimed rewards spend, per program, for the attached customer (none without one). */
export function pointsSpends(cart: Cart, customerId: string | null | undefined): PointsSpend[] {
  if (!customerId) return [];
  const per = new Map<string, number>();
  for (const r of rewardsInCart(cart)) if (r.points > 0) per.set(r.programId, (per.get(r.programId) ?? 0) + r.points);
  return [...per].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([programId, points]) => ({ customerId, programId, points }));
}

export const saleSpends = (cart: Cart, tenders: readonly Tender[], customerId: string | null | undefined): SaleSpends => ({ cards: cardSpends(tenders), points: pointsSpends(cart, customerId) });

/**
 * What an update added to the sale's spends: the cards and programs whose total grew, at their new
 * totals (what must be held before the update is shown). Lowered or removed ones are not here.
 */
export function grownSpends(before: SaleSpends, after: SaleSpends): SaleSpends {
  const had = new Map(before.cards.map((c) => [c.code, c.amount]));
  const hadPts = new Map(before.points.map((p) => [`${p.customerId}\u0000${p.programId}`, p.points]));
  return {
    cards: after.cards.filter((c) => c.amount > (had.get(c.code) ?? 0)),
    points: after.points.filter((p) => p.points > (hadPts.get(`${p.customerId}\u0000${p.programId}`) ?? 0)),
  };
}

export const hasSpends = (s: SaleSpends): boolean => s.cards.length > 0 || s.points.length > 0;
