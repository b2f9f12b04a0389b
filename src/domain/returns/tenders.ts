/**
 * Which tenders a return's money goes back through: in proportion to what each tender of the sale
 * still has to give back (its amount minus what earlier returns refunded through it), split by
 * largest remainder. A share never exceeds what is left on its tender (the return is never worth more
 * than what is left of the sale), and the return that brings the rest back refunds each tender's rest
 * exactly, so over all returns every tender gives back exactly what it paid.
 */
import { allocate, roundTo, type Minor } from '../money.js';
import type { SaleRecord } from '../sale.js';
import type { Tender } from '../tender.js';
import type { SaleGiftCards } from '../giftcard/types.js';
import { maskCode } from '../giftcard/code.js';
import { getOwn } from '../shift/records.js';
import type { Refund, RefundMode, SaleReturns } from './types.js';

/** What is left to refund on each tender of the sale. */
export function tenderRest(sale: Pick<SaleRecord, 'tenders'>, before: SaleReturns): { tender: Tender; rest: Minor }[] {
  return sale.tenders.map((tender) => ({ tender, rest: Math.max(0, tender.amount - (getOwn(before.tenders, tender.id) ?? 0)) }));
}

/** The gift card each gift-card tender of the sale was paid from. */
function cardOfTender(sale: Pick<SaleRecord, 'tenders' | 'extensions'>): Map<string, string> {
  const gc = sale.extensions?.giftcards as Partial<SaleGiftCards> | undefined;
  const out = new Map<string, string>();
  for (const t of sale.tenders) if (t.kind === 'giftcard' && typeof t.meta?.code === 'string') out.set(t.id, t.meta.code);
  for (const r of Array.isArray(gc?.redeemed) ? gc!.redeemed : []) if (r && typeof r.tenderId === 'string') out.set(r.tenderId, r.code);
  return out;
}

/**
 * The refunds of a return worth `total` (<= what is left of the sale), one per tender with a share.
 * `cash` mode sends the card and gift-card shares to the drawer instead; points stay points (the
 * loyalty refund gives spent points back, never money for them); a share of an exchange's credit
 * goes back in cash.
 */
export function splitRefund(sale: Pick<SaleRecord, 'tenders' | 'extensions'>, before: SaleReturns, total: Minor, mode: RefundMode): Refund[] {
  const rests = tenderRest(sale, before);
  if (total <= 0 || rests.length === 0) return [];
  const parts = allocate(total, rests.map((r) => r.rest));
  const cards = cardOfTender(sale);
  const out: Refund[] = [];
  parts.forEach((amount, i) => {
    if (amount <= 0) return;
    const t = rests[i].tender;
    const r: Refund = { tenderId: t.id, paid: t.kind, kind: t.kind, amount };
    // What an exchange's credit paid of a sale goes back in cash: the returned goods it stood for were
    // refunded by being exchanged, and the new items' own receipt is what the customer holds.
    if (t.kind === 'exchange') r.kind = 'cash';
    else if (t.kind === 'card' || t.kind === 'giftcard') {
      if (mode === 'cash') r.kind = 'cash';
      else if (t.kind === 'card') {
        if (t.reference) r.reference = t.reference;
      } else {
        const code = cards.get(t.id);
        if (code) {
          r.code = code;
          r.reference = maskCode(code);
        } else r.kind = 'cash'; // a gift-card tender the sale does not name a card for cannot go back onto one
      }
    }
    out.push(r);
  });
  return out;
}

/**
 * Cash handed out for a return whose cash refunds are worth `due`: cash rounding works on the running
 * sum of the sale's cash refunds, so many small returns are rounded as one (never more handed out in
 * total than the rounded sum), and the difference is recorded.
 */
export function cashOut(before: SaleReturns, due: Minor, unit: number): { due: Minor; given: Minor; rounding: Minor } {
  if (due <= 0) return { due: 0, given: 0, rounding: 0 };
  const givenAfter = roundTo(before.cashDue + due, unit);
  const given = Math.max(0, givenAfter - before.cashGiven);
  return { due, given, rounding: given - due };
}

/** Kinds of refund an exchange's credit is taken from, in this order: the drawer's cash first, then card, then gift card. */
const CREDIT_ORDER = ['cash', 'card', 'giftcard'] as const;

/** What of a return's refunds could pay new items: all but points (points go back as points). */
export const creditable = (refunds: readonly Refund[]): Minor => refunds.filter((r) => (CREDIT_ORDER as readonly string[]).includes(r.kind)).reduce((a, r) => a + r.amount, 0);

/**
 * The refunds with `credit` of them paying an exchange's new items instead of going back: taken from
 * the cash shares first (less cash leaves the drawer), then card, then gift card, each share split in
 * two when only part of it is needed. The tender ids stay, so what each tender of the sale gave back
 * is still counted against it. `credit` must not exceed `creditable(refunds)`.
 */
export function withCredit(refunds: readonly Refund[], credit: Minor): Refund[] {
  let left = credit;
  const taken = new Map<Refund, Minor>();
  for (const kind of CREDIT_ORDER)
    for (const r of refunds) {
      if (left <= 0 || r.kind !== kind) continue;
      const x = Math.min(r.amount, left);
      taken.set(r, x);
      left -= x;
    }
  const out: Refund[] = [];
  for (const r of refunds) {
    const x = taken.get(r) ?? 0;
    if (x > 0) {
      const { reference: _ref, code: _code, ...rest } = r;
      out.push({ ...rest, kind: 'exchange', amount: x });
    }
    if (r.amount - x > 0) out.push({ ...r, amount: r.amount - x });
  }
  return out;
}
