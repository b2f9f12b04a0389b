/**
 * Parked sales (a customer forgot their wallet): the sale is put aside as journal events and taken
 * up again later, on this register or after a restart. Pure: what is parked, what a recall restores,
 * what the list shows. The store folds the events (src/store/projections/parked.ts).
 *
 * Decisions (docs/keys.md "Parking a sale"):
 * - Only a sale without payments is parked: a payment is money taken (a card charged, a gift card
 *   about to be spent), and a parked sale holds no money.
 * - Nothing is held while a sale is parked. Rewards claimed on it are released (their points were
 *   only ever reserved by the open sale): the customer stays on the parked sale and the cashier
 *   claims again after the recall, against the balance of that moment. Gift cards being sold or
 *   loaded on it stay as lines; no card is issued or loaded before the sale is paid, and the commit
 *   checks them as it always does (a stock card sold elsewhere meanwhile is refused then).
 * - A recall keeps the prices the sale was parked with: the customer was told that total minutes
 *   ago, and a parked sale cannot outlive the shift (the shift close refuses while sales are parked).
 *   The recall says how many lines the catalog now prices differently, so the cashier can tell.
 * - The sale keeps its id through park and recall: the store takes one commit per sale id, so a
 *   parked sale is never committed twice, whatever happens between recall and payment.
 */
import { removeReward, rewardsInCart } from './loyalty/rewards.js';
import type { Cart } from './cart.js';
import type { CatalogLookup } from './catalog.js';

export const SALE_PARKED = 'sale.parked';
export const SALE_RECALLED = 'sale.recalled';
export const PARK_DISCARDED = 'sale.park.discarded';

export interface ParkedSale {
  /** Id of the park (the transaction that parked it). */
  parkId: string;
  /** Number shown to the cashier ("#3"), counted per store. */
  no: number;
  /** The sale's own id, kept through recall: its one commit. */
  saleId: string;
  at: string;
  register: string;
  operator: { id: string; name: string };
  cart: Cart;
  customerId: string | null;
  /** Product lines and their total as parked (minor units), for the list. */
  lines: number;
  total: number;
  currency: string;
}

export interface SaleParkedData {
  parked: ParkedSale;
}

/** A recall; `attempt` is the park's recall count after it (1 the first time): the store takes each once. */
export interface SaleRecalledData {
  parkId: string;
  saleId: string;
  attempt: number;
}

export interface ParkDiscardedData {
  parkId: string;
  saleId: string;
  /** Lines and total it had, for the audit trail. */
  lines: number;
  total: number;
}

/** The cart as it is parked: rewards released (nothing is held while a sale is parked). */
export function parkableCart(cart: Cart): Cart {
  let out = cart;
  for (const r of rewardsInCart(cart)) {
    const removed = removeReward(out, r.discountId ?? r.lineId!);
    if (removed.ok) out = removed.value;
  }
  return out;
}

/** Rewards a park releases (the cashier is told). */
export const releasedRewards = (cart: Cart): number => rewardsInCart(cart).length;

/**
 * Product lines whose catalog price today differs from the parked one (or whose product is gone). A
 * line priced from a tier's list compares its catalog price (`listPrice`), not the tier's.
 */
export function priceChanges(cart: Cart, catalog: CatalogLookup): number {
  let n = 0;
  for (const l of cart.lines) {
    if (l.kind !== 'product' || l.meta) continue;
    const p = catalog.bySku(l.sku);
    if (!p || p.price !== (l.listPrice ?? l.unitPrice)) n++;
  }
  return n;
}

/** Lines the list shows for a park: products and gift cards, not reward lines. */
export const parkedLineCount = (cart: Cart): number => cart.lines.filter((l) => l.kind !== 'reward').length;
