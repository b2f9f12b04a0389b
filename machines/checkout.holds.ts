/**
 * Holds at the tender (docs/chain.md, "At the till"): on a chain (deps.chainHolds), a gift-card
 * payment or a points reward is not shown on the sale until the shared database holds it. The update
 * is computed as usual, kept aside (context.holding) while the `holdSpends` actor asks the database
 * for what it adds, and applied only when the hold is granted; a refusal (GIFT_CARD_CHAIN_BALANCE,
 * POINTS_CHAIN_BALANCE, the offline rules) is the message and the sale stays as it was. The actor
 * answers within chain.timeoutMs (then the offline rules decide), so the till never waits longer.
 * Without a chain nothing of this runs: the update applies at once, as it always did.
 */
import { grownSpends, hasSpends, saleSpends, type SaleSpends } from '../src/domain/sale-spends.js';
import type { CheckoutContext } from './checkout.types.js';
import { fromUnknownError } from './checkout.logic.js';

type Patch = Partial<CheckoutContext>;
export type Back = 'sale' | 'tender';

/** What the holding state waits on: the update, what it adds to hold, where to go either way. */
export interface PendingHold {
  patch: Patch;
  spends: SaleSpends;
  done: Back;
  refused: Back;
}

export interface HoldInput {
  saleId: string;
  spends: SaleSpends;
}

const spendsOf = (ctx: CheckoutContext) => saleSpends(ctx.cart, ctx.tenders, ctx.customer?.id);

/** What `patch` adds to the sale's spends (nothing when it is a refusal or adds none). */
export function added(ctx: CheckoutContext, patch: Patch): SaleSpends | null {
  if (!ctx.deps.chainHolds || !ctx.saleId || patch.message?.level === 'error') return null;
  const next = { ...ctx, ...patch };
  const grown = grownSpends(spendsOf(ctx), spendsOf(next));
  return hasSpends(grown) ? grown : null;
}

/** Enters holding: the update waits; the guess limiter's count of the lookup is kept at once. */
export function begin(ctx: CheckoutContext, patch: Patch, done: Back, refused: Back): Patch {
  return { holding: { patch, spends: added(ctx, patch)!, done, refused }, ...(patch.guess ? { guess: patch.guess } : {}), message: null };
}

export const holdInput = (ctx: CheckoutContext): HoldInput => ({ saleId: ctx.saleId!, spends: ctx.holding?.spends ?? { cards: [], points: [] } });

/** Granted: the update is applied. */
export const granted = (ctx: CheckoutContext): Patch => ({ ...(ctx.holding?.patch ?? {}), holding: null });

/** Refused: the sale stays as it was, with the refusal as its message. */
export const refused = (_: CheckoutContext, error: unknown): Patch => ({ holding: null, message: fromUnknownError(error) });
