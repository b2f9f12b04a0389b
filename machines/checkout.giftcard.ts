/**
 * Gift cards inside the checkout: what a scan of a gift-card code means in each state (sell stock,
 * pay, show the balance), selling a new card, and the guess limiter. Pure context updates; the card
 * data comes from deps.giftcards (a read-only view of the store) and the decisions from
 * src/domain/giftcard.
 */
import { addLine } from '../src/domain/cart.js';
import { addNonCash } from '../src/domain/tender.js';
import { UNTAXED } from '../src/domain/tax.js';
import { TillError } from '../src/domain/errors.js';
import {
  codesInSale,
  effectiveState,
  forfeitOnRenewal,
  giftCardCartLine,
  giftCardPayable,
  giftCardTenderExtra,
  guessAllowed,
  isGiftCardScan,
  isTopUpPlan,
  localDate,
  maskCode,
  parseCode,
  planRedemption,
  planSellCard,
  planTopUp,
  recordGuess,
  renewalFor,
  refuse,
  reservationsFrom,
  soldCardsTotal,
  topUpCartLine,
  topUpRefusal,
  unknownCardError,
  type GiftCard,
} from '../src/domain/giftcard/index.js';
import type { CardPrompt, CheckoutContext, GiftCardBalanceView } from './checkout.types.js';
import { cartRefusal, errorMessage, priced } from './checkout.logic.js';

type Patch = Partial<CheckoutContext>;

const giftCardsOff = (): Patch => ({ message: errorMessage(new TillError('GIFT_CARDS_OFF', 'Gift cards are not set up on this register.')) });

/** What a gift-card scan asks for, decided without side effects (guards call this). */
export type CardIntent = 'sell-preset' | 'sell-amount' | 'redeem' | 'balance' | 'refused';

export const isCardScan = (ctx: CheckoutContext, code: string): boolean =>
  !!ctx.deps.giftcards && isGiftCardScan(code, ctx.deps.giftcards.prefix);

const today = (ctx: CheckoutContext): string => localDate(ctx.deps.now?.() ?? new Date());
const nowMs = (ctx: CheckoutContext): number => (ctx.deps.now?.() ?? new Date()).getTime();

interface Lookup {
  code?: string;
  card?: GiftCard;
  error?: TillError;
}

/**
 * Parses and looks a code up, honouring the cool-down. A malformed code (bad check character, wrong
 * length) and a well-formed code no card has get the one public refusal, GIFT_CARD_UNKNOWN with one
 * message, on screen and in headless alike: a guesser learns nothing about which codes are well
 * formed. (The back office, `till giftcard show`, tells a manager which; see docs/gift-cards.md.)
 */
function lookup(ctx: CheckoutContext, raw: string): Lookup {
  const gc = ctx.deps.giftcards!;
  const allowed = guessAllowed(ctx.guess, nowMs(ctx));
  if (!allowed.ok) return { error: allowed.error };
  const parsed = parseCode(raw, gc.prefix);
  if (!parsed.ok) return { error: unknownCardError() };
  const card = gc.lookup(parsed.value);
  if (!card) return { code: parsed.value, error: unknownCardError() };
  return { code: parsed.value, card };
}

/** Records the lookup's outcome in the guess limiter. Call once per scan, in the action. */
function counted(ctx: CheckoutContext, l: Lookup, patch: Patch): Patch {
  if (l.error?.code === 'GIFT_CARD_COOLDOWN') return patch;
  const limits = ctx.deps.giftcards!.limits;
  return { ...patch, guess: recordGuess(ctx.guess, nowMs(ctx), Boolean(l.card), limits) };
}

/** Intent of a gift-card scan in a state where a sale can be started or extended. */
export function cardIntent(ctx: CheckoutContext, raw: string, where: 'idle' | 'sale' | 'tender'): CardIntent {
  const l = lookup(ctx, raw);
  if (!l.card) return 'refused';
  const gc = ctx.deps.giftcards!;
  const mode = gc.sellMode;
  const state = effectiveState(l.card, today(ctx));
  if (where !== 'tender' && state === 'pending' && mode !== 'generate') return mode === 'scan-preset' ? 'sell-preset' : 'sell-amount';
  // Top-up mode: an existing card outside the payment screen asks for a value to type, as stock does.
  if (where !== 'tender' && gc.topUp && !topUpRefusal(l.card, topUpRequest(ctx), l.code!)) return 'sell-amount';
  if (where === 'idle') return 'balance';
  return 'redeem';
}

function refusal(ctx: CheckoutContext, l: Lookup): Patch {
  return counted(ctx, l, { message: errorMessage(l.error ?? unknownCardError()) });
}

/** A card sold as a line: a new code (generate) or a scanned stock card. */
function sell(ctx: CheckoutContext, card: GiftCard | undefined, code: string, amount: number | undefined): Patch {
  const gc = ctx.deps.giftcards!;
  const plan = planSellCard(card, {
    mode: card ? gc.sellMode : 'generate',
    code,
    amount,
    currency: ctx.deps.currency,
    today: today(ctx),
    defaultValidityDays: gc.defaultValidityDays,
    inSale: codesInSale(ctx.cart.lines, ctx.tenders),
    ...(gc.maxValue != null ? { maxValue: gc.maxValue } : {}),
  });
  if (!plan.ok) return { message: errorMessage(plan.error) };
  const r = addLine(ctx.cart, giftCardCartLine(plan.value, { name: gc.lineName, taxClass: UNTAXED }));
  if (!r.ok) return { message: cartRefusal(ctx, r.error) };
  return { cart: r.value, priced: priced(ctx, r.value), cardPrompt: null, message: null };
}

/** `giftcard.sell {amount}`: a new card with a generated code. */
export function sellNew(ctx: CheckoutContext, amount: number): Patch {
  if (!ctx.deps.giftcards) return giftCardsOff();
  return sell(ctx, undefined, ctx.deps.giftcards.newCode(), amount);
}

/** Scan of a pending stock card sold at its preset value and price. */
export function sellScannedPreset(ctx: CheckoutContext, raw: string): Patch {
  const l = lookup(ctx, raw);
  if (!l.card) return refusal(ctx, l);
  return counted(ctx, l, sell(ctx, l.card, l.code!, undefined));
}

/** What a top-up here is checked with (the amount comes later). */
const topUpRequest = (ctx: CheckoutContext) => {
  const gc = ctx.deps.giftcards!;
  return {
    currency: ctx.deps.currency,
    today: today(ctx),
    validityDays: gc.defaultValidityDays,
    inSale: codesInSale(ctx.cart.lines, ctx.tenders),
    ...(gc.maxValue != null ? { maxValue: gc.maxValue } : {}),
  };
};

/** Scan of a card whose value the cashier types next: pending stock to sell, or (top-up mode) a card to load. */
export function promptAmount(ctx: CheckoutContext, raw: string): Patch {
  const l = lookup(ctx, raw);
  if (!l.card) return refusal(ctx, l);
  const prompt: CardPrompt = { code: l.code!, masked: maskCode(l.code!) };
  if (effectiveState(l.card, today(ctx)) !== 'pending') {
    const r = topUpRequest(ctx);
    const renew = renewalFor(l.card, r.today, r.validityDays, false);
    prompt.topUp = { balance: l.card.balance - (renew ? forfeitOnRenewal(l.card, r.today) : 0), ...(renew ? { renewTo: renew.expiresOn } : {}) };
  }
  return counted(ctx, l, { cardPrompt: prompt, message: null });
}

/** `giftcard.amount {amount}` for the prompted card: sold (stock) or loaded (top-up). */
export function sellPrompted(ctx: CheckoutContext, amount: number): Patch {
  const p = ctx.cardPrompt;
  if (!p || !ctx.deps.giftcards) return {};
  const card = ctx.deps.giftcards.lookup(p.code);
  return p.topUp ? topUp(ctx, card, p.code, amount) : sell(ctx, card, p.code, amount);
}

/** A top-up as a line of the sale; the card is loaded (and renewed) when the sale commits. */
function topUp(ctx: CheckoutContext, card: GiftCard | undefined, code: string, amount: number): Patch {
  const gc = ctx.deps.giftcards!;
  const plan = planTopUp(card, code, { ...topUpRequest(ctx), amount });
  if (!plan.ok) return { message: errorMessage(plan.error) };
  const r = addLine(ctx.cart, topUpCartLine(plan.value, { name: gc.topUpLineName ?? gc.lineName, taxClass: UNTAXED }));
  if (!r.ok) return { message: cartRefusal(ctx, r.error) };
  return { cart: r.value, priced: priced(ctx, r.value), cardPrompt: null, message: null };
}

/** Would this balance check show a card? (Guards; records nothing.) */
export const balanceShown = (ctx: CheckoutContext, raw: string): boolean => !!ctx.deps.giftcards && lookup(ctx, raw).card !== undefined;

/** Would this card pay (a tender added)? (Guards; the action records the lookup.) */
export const redeemPays = (ctx: CheckoutContext, raw: string, amount?: number): boolean => !!ctx.deps.giftcards && redeem(ctx, raw, amount).tenders !== undefined;

/** A card as a tender: takes min(available, what gift cards may still pay). */
export function redeem(ctx: CheckoutContext, raw: string, amount?: number): Patch {
  if (!ctx.deps.giftcards) return giftCardsOff();
  const l = lookup(ctx, raw);
  if (!l.card) return refusal(ctx, l);
  // A card topped up on this sale cannot pay for it (the load is not on it before the sale commits).
  if (ctx.cart.lines.some((x) => isTopUpPlan(x.meta?.giftcardLoad) && x.meta!.giftcardLoad.code === l.code)) {
    const inSale = refuse('GIFT_CARD_IN_SALE', { card: maskCode(l.code!) });
    if (!inSale.ok) return counted(ctx, l, { message: errorMessage(inSale.error) });
  }
  const payable = giftCardPayable(ctx.priced.total, soldCardsTotal(ctx.cart.lines), ctx.tenders);
  const customerId = ctx.customer?.id;
  const plan = planRedemption(l.card, payable, { currency: ctx.deps.currency, customerId, today: today(ctx) }, reservationsFrom(ctx.tenders), amount);
  if (!plan.ok) {
    const e = plan.error.code === 'ALREADY_PAID' && payable === 0 && ctx.priced.total > 0 ? new TillError('GIFT_CARD_FOR_GIFT_CARD', 'A gift card cannot pay for a gift card.') : plan.error;
    return counted(ctx, l, { message: errorMessage(e) });
  }
  const t = addNonCash(ctx.priced.total, ctx.tenders, 'giftcard', plan.value.amount, `T${ctx.nextTender}`, giftCardTenderExtra(plan.value));
  if (!t.ok) return counted(ctx, l, { message: errorMessage(t.error) });
  return counted(ctx, l, { tenders: t.value, nextTender: ctx.nextTender + 1, message: null });
}

/**
 * The balance screen: state, balance, expiry and the last movements of a scanned card. A refusal is
 * only a message: a card already on the screen stays there.
 */
export function showBalance(ctx: CheckoutContext, raw: string): Patch {
  if (!ctx.deps.giftcards) return giftCardsOff();
  const l = lookup(ctx, raw);
  if (!l.card) return refusal(ctx, l);
  const c = l.card;
  const view: GiftCardBalanceView = {
    masked: maskCode(c.code),
    state: effectiveState(c, today(ctx)),
    balance: c.balance,
    currency: c.currency,
    expiresOn: c.expiresOn ?? null,
    restricted: Boolean(c.customerId),
    recent: c.history.slice(-5).reverse().map((h) => ({ at: h.at, kind: h.kind, amount: h.amount, balance: h.balance })),
  };
  return counted(ctx, l, { balance: view, message: null });
}
