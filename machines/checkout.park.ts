/**
 * Parking and recalling inside the checkout: pure context updates around the register's park and
 * recall actors (src/register.ts journals them; src/domain/park.ts says what is parked and why).
 */
import { withTierDiscount } from '../src/domain/loyalty/tiers.js';
import type { CheckoutContext, ParkOutput, RecallOutput } from './checkout.types.js';
import { info, priced } from './checkout.logic.js';
import { withPreview } from './checkout.loyalty.js';

type Patch = Partial<CheckoutContext>;

/** The till is free again: the message names the park, and says when rewards were released. */
export const parked = (out: ParkOutput): Patch => ({
  message:
    out.released > 0
      ? info('SALE_PARKED_REWARDS', `Sale parked as #${out.no}. Its rewards were released: claim them again after the recall.`, { no: out.no, released: out.released })
      : info('SALE_PARKED', `Sale parked as #${out.no}.`, { no: out.no }),
});

/**
 * The recalled sale as the open sale: its own id, the cart with the prices it was parked with, and
 * the customer as the store knows them now (tier discount of today; a customer gone is dropped).
 */
export function restore(ctx: CheckoutContext, out: RecallOutput): Patch {
  const account = out.customerId && ctx.deps.loyalty ? (ctx.deps.loyalty.account(out.customerId) ?? null) : null;
  const cart = withTierDiscount(out.cart, account, account ? ctx.deps.loyalty!.ladder() : null);
  const base: Patch = {
    saleId: out.saleId,
    cart,
    priced: priced(ctx, cart),
    tenders: [],
    nextTender: 1,
    cardPrompt: null,
    balance: null,
    customer: account,
    confirm: null,
    totalAccepted: 0,
    holding: null,
    message:
      out.changed > 0
        ? info('SALE_RECALLED_PRICES', `Parked sale #${out.no} recalled. ${out.changed} line(s) cost differently in the catalog now: the sale keeps the prices it was parked with.`, { no: out.no, changed: out.changed })
        : info('SALE_RECALLED', `Parked sale #${out.no} recalled.`, { no: out.no }),
  };
  return withPreview({ ...ctx, ...base }, base);
}
