/**
 * Loyalty inside the checkout: attaching a customer (card scan or search), the tier's discount,
 * claiming and removing rewards, and the live preview of what the sale does to the points. Pure
 * context updates over deps.loyalty (a read-only view of the store) and src/domain/loyalty.
 */
import { TillError } from '../src/domain/errors.js';
import { isLoyaltyCard } from '../src/domain/loyalty/card.js';
import { addReward, applyReward, claimableRewards, removeReward, rewardsInCart, type ClaimableReward } from '../src/domain/loyalty/rewards.js';
import { withTierDiscount } from '../src/domain/loyalty/tiers.js';
import { buildSaleLoyalty } from '../src/domain/loyalty/sale-extension.js';
import { localDate } from '../src/domain/giftcard/dates.js';
import type { LoyaltyAccount } from '../src/domain/loyalty/types.js';
import type { CheckoutContext } from './checkout.types.js';
import { cartRefusal, errorMessage, info, priced } from './checkout.logic.js';

type Patch = Partial<CheckoutContext>;

const fail = (code: string, text: string, params: Record<string, string | number> = {}): Patch => ({
  message: errorMessage(new TillError(code, text, params)),
});

export const isMemberScan = (ctx: CheckoutContext, code: string): boolean =>
  !!ctx.deps.loyalty && isLoyaltyCard(code.trim(), ctx.deps.loyalty.prefix);

const day = (ctx: CheckoutContext): string => localDate(ctx.deps.now?.() ?? new Date());

/**
 * Recomputes the loyalty preview after a change. Every update that touches the cart, the tenders or
 * the customer goes through here, so the screen's "points this sale earns" is never stale.
 */
export function withPreview(ctx: CheckoutContext, patch: Patch): Patch {
  const next = { ...ctx, ...patch };
  if (!next.customer || !next.deps.loyalty) return next.loyalty === null ? patch : { ...patch, loyalty: null };
  const r = buildSaleLoyalty({
    cart: next.cart,
    priced: next.priced,
    tenders: next.tenders,
    account: next.customer,
    programs: next.deps.loyalty.programs(),
    ladder: next.deps.loyalty.ladder(),
    day: day(next),
  });
  return { ...patch, loyalty: r.ok ? r.value : null };
}

function attach(ctx: CheckoutContext, account: LoyaltyAccount): Patch {
  const ladder = ctx.deps.loyalty!.ladder();
  // A customer replacing another keeps nothing of the first one's rewards.
  let cart = ctx.cart;
  for (const r of rewardsInCart(cart)) {
    const removed = removeReward(cart, r.discountId ?? r.lineId!);
    if (removed.ok) cart = removed.value;
  }
  cart = withTierDiscount(cart, account, ladder);
  const message = account.blocked ? info('LOYALTY_CARD_BLOCKED_ATTACHED', 'This loyalty card is blocked: it neither earns nor spends points.') : null;
  return withPreview(ctx, { cart, priced: priced(ctx, cart), customer: account, message });
}

/** Scan of a loyalty card. */
export function attachByCard(ctx: CheckoutContext, code: string): Patch {
  const account = ctx.deps.loyalty!.byCard(code.trim());
  if (!account) return fail('LOYALTY_CARD_UNKNOWN', 'This loyalty card is not registered. Create the customer first.');
  return attach(ctx, account);
}

/** `customer.attach {customerId}` after a search or after creating the customer at the till. */
export function attachById(ctx: CheckoutContext, id: string): Patch {
  if (!ctx.deps.loyalty) return fail('LOYALTY_OFF', 'Loyalty is not set up on this register.');
  const account = ctx.deps.loyalty.account(id);
  if (!account) return fail('CUSTOMER_UNKNOWN', 'No such customer.');
  return attach(ctx, account);
}

export function detach(ctx: CheckoutContext): Patch {
  if (!ctx.customer) return {};
  let cart = withTierDiscount(ctx.cart, null, null);
  for (const r of rewardsInCart(cart)) {
    const removed = removeReward(cart, r.discountId ?? r.lineId!);
    if (removed.ok) cart = removed.value;
  }
  return { cart, priced: priced(ctx, cart), customer: null, loyalty: null, message: null };
}

export function claimReward(ctx: CheckoutContext, programId: string, rewardId: string, points?: number | 'max'): Patch {
  if (!ctx.customer || !ctx.deps.loyalty) return fail('NO_CUSTOMER', 'Attach a customer first: scan the loyalty card or search.');
  const program = ctx.deps.loyalty.programs().find((p) => p.id === programId);
  if (!program) return fail('PROGRAM_UNKNOWN', 'There is no such loyalty program.', { program: programId });
  const reward = program.rewards.find((r) => r.id === rewardId);
  const product = reward?.kind === 'free-product' ? ctx.deps.catalog.bySku(reward.sku) : undefined;
  const app = applyReward(ctx.cart, ctx.priced, ctx.customer, program, ctx.customer.points[programId] ?? 0, rewardId, { points, product });
  if (!app.ok) return { message: errorMessage(app.error) };
  const cart = addReward(ctx.cart, app.value);
  if (!cart.ok) return { message: cartRefusal(ctx, cart.error) };
  return withPreview(ctx, { cart: cart.value, priced: priced(ctx, cart.value), message: null });
}

export function unclaimReward(ctx: CheckoutContext, id: string): Patch {
  const cart = removeReward(ctx.cart, id);
  if (!cart.ok) return { message: errorMessage(cart.error) };
  return withPreview(ctx, { cart: cart.value, priced: priced(ctx, cart.value), message: null });
}

/**
 * The rewards the attached customer can claim on this sale now (none without a customer or loyalty):
 * the one selector the UI's rewards screen ("now" column, the lit rewards key) and the headless
 * state read, so both clients agree.
 */
export function claimableNow(ctx: CheckoutContext): ClaimableReward[] {
  const c = ctx.customer;
  if (!c || !ctx.deps.loyalty) return [];
  return claimableRewards(ctx.cart, ctx.priced, c, c.points, ctx.deps.loyalty.programs(), (sku) => ctx.deps.catalog.bySku(sku));
}
