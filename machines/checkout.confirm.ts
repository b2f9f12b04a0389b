/**
 * Plausibility questions inside the checkout (src/domain/plausibility.ts decides the limits): an
 * event that would take cash far above what is due, add a large quantity, or start paying a large
 * sale is not applied — it is held in `context.confirm` with the question. `confirm.accept` sends it
 * again marked `confirmed`; `confirm.reject` drops it. Nothing is added, paid or committed before the
 * answer. Pure: guards and context updates only.
 */
import type { StateValue } from 'xstate';
import { cashDue } from '../src/domain/tender.js';
import { cashQuestion, qtyQuestion, totalQuestion, type Question } from '../src/domain/plausibility.js';
import type { CheckoutContext, CheckoutEvent, PendingConfirm } from './checkout.types.js';
import * as L from './checkout.logic.js';
import * as G from './checkout.giftcard.js';
import * as M from './checkout.loyalty.js';

export type AskWhere = PendingConfirm['where'];
type Patch = Partial<CheckoutContext>;

const confirmed = (e: CheckoutEvent): boolean => 'confirmed' in e && e.confirmed === true;

/**
 * The question `event` raises in `where`, or null when it is applied at once (no limits configured,
 * already answered yes, within the limits, or refused anyway: a refusal says why, it is not asked).
 */
export function questionFor(ctx: CheckoutContext, event: CheckoutEvent, where: AskWhere): Question | null {
  const lim = ctx.deps.checks;
  if (!lim || confirmed(event)) return null;
  const cur = ctx.deps.currency;
  const total = (): Question | null => totalQuestion(ctx.priced.total, ctx.totalAccepted, lim, cur);
  switch (event.type) {
    case 'cart.scan': {
      if (where === 'tender') return null;
      // In a sale a gift card that pays starts the payment; a stock card sold is a line, not a payment.
      if (G.isCardScan(ctx, event.code)) return where === 'sale' && G.redeemPays(ctx, event.code) ? total() : null;
      if (M.isMemberScan(ctx, event.code) || event.qty === undefined || event.qty <= lim.qtyAbove) return null;
      if (L.addEvent(ctx, event).message != null) return null;
      const product = L.productOf(ctx, event);
      return product ? qtyQuestion(event.qty, product.name, lim) : null;
    }
    case 'cart.add': {
      if (where === 'tender' || event.qty === undefined || event.qty <= lim.qtyAbove) return null;
      if (L.addEvent(ctx, event).message != null) return null;
      const product = L.productOf(ctx, event);
      return product ? qtyQuestion(event.qty, product.name, lim) : null;
    }
    case 'cart.qty': {
      const line = ctx.cart.lines.find((l) => l.id === event.lineId);
      if (where !== 'sale' || !line || L.changeQty(ctx, event.lineId, event.qty).message != null) return null;
      return qtyQuestion(event.qty, line.name, lim);
    }
    case 'tender.start':
      return where === 'sale' && ctx.cart.lines.length > 0 ? total() : null;
    case 'tender.giftcard':
      return where === 'sale' && G.redeemPays(ctx, event.code, event.amount) ? total() : null;
    case 'tender.cash': {
      if (where !== 'tender' || L.cash(ctx, event.amount).message != null) return null;
      return cashQuestion(event.amount, cashDue(ctx.priced.total, ctx.tenders, ctx.deps.cashRoundingUnit), lim, cur);
    }
    default:
      return null;
  }
}

export const asks = (ctx: CheckoutContext, event: CheckoutEvent, where: AskWhere): boolean => questionFor(ctx, event, where) !== null;

/** Holds the event with its question; the message line gives way to the question. */
export function ask(ctx: CheckoutContext, event: CheckoutEvent, where: AskWhere): Patch {
  const q = questionFor(ctx, event, where);
  if (!q) return {};
  return { confirm: { code: q.code, text: q.text, params: q.params, event, where }, message: null };
}

/** The held event, marked as answered yes (raised again by the machine). */
export const heldEvent = (ctx: CheckoutContext): CheckoutEvent => {
  const e = ctx.confirm!.event;
  return e.type === 'cart.scan' || e.type === 'cart.add' || e.type === 'cart.qty' || e.type === 'tender.cash' ? { ...e, confirmed: true } : e;
};

/** Yes: the question is gone; a sale total said yes to is not asked again (unless it grows). */
export const accepted = (ctx: CheckoutContext): Patch => ({
  confirm: null,
  totalAccepted: ctx.confirm?.code === 'CONFIRM_TOTAL' ? ctx.priced.total : ctx.totalAccepted,
});

/** No: nothing was done, and the cashier is told so. */
export const rejected = (): Patch => ({ confirm: null, message: L.info('CONFIRM_REJECTED', 'Not done: nothing was added or paid.') });

/** The machine state's place for a question: idle, the sale, the payment screen; null elsewhere. */
export function whereOf(value: StateValue): AskWhere | null {
  if (value === 'idle') return 'idle';
  if (typeof value === 'object' && 'open' in value) {
    if (value.open === 'sale') return 'sale';
    if (value.open === 'tender') return 'tender';
  }
  return null;
}

/** The question the cashier must answer now: one asked where the machine is (a stale one is not shown). */
export function pendingQuestion(snap: { value: StateValue; context: CheckoutContext }): PendingConfirm | null {
  const c = snap.context.confirm;
  return c && c.where === whereOf(snap.value) ? c : null;
}
