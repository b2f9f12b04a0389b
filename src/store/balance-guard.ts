/**
 * The append-time balance check: no commit may take a gift card's balance or a customer's points
 * below zero by the journal's own fold. It runs inside the store's commit, on the events about to be
 * appended, so no path (till, headless, back office, a future sync) can write such an entry: the
 * checkout's own checks are for the cashier's convenience, this one is for the books.
 *
 * The state it checks against is the fold of the journal: start-up never uses a snapshot its digest
 * does not prove (load.ts), and live commits fold what they append. Gift cards are checked by folding
 * the transaction into copies of the cards it touches with the same domain fold the projection uses.
 * Points are checked per customer and program on the balance as of the commit's day, without points
 * whose lots expired before it (journaled or not): a spend or a negative adjustment may use only what
 * is still valid that day. An expiry, and a refund's claw-back (capped by the domain at the balance),
 * are checked against the balance alone. A balance that is already below zero (written before this
 * check existed) may still rise; it may not fall further.
 */
import { applyGiftCardEvent, applySaleGiftCards } from '../domain/giftcard/ledger.js';
import type { GiftCard, GiftCardSlice, SaleGiftCards } from '../domain/giftcard/types.js';
import { movementsOf } from '../domain/loyalty/events.js';
import { accountAsOf } from '../domain/loyalty/expiry.js';
import type { SaleRecord } from '../domain/sale.js';
import { StoreError } from './errors.js';
import { getOwn, hasOwn } from './projections/own.js';
import { GIFT_CARDS_SLICE } from './projections/giftcards.js';
import { SALE_COMMITTED, type SaleCommitted } from './projections/sales.js';
import type { LoyaltySlice } from './projections/loyalty.js';
import type { JournalEvent, StoreState } from './types.js';

const isCode = (c: unknown): c is string => typeof c === 'string' && c !== '';

/** Gift-card codes a journal event moves (giftcard.* events, and the cards a sale sells or redeems). */
export function codesOf(ev: JournalEvent): string[] {
  const d = ev.data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return [];
  if (ev.type.startsWith('giftcard.')) return isCode(d.code) ? [d.code] : [];
  if (ev.type !== SALE_COMMITTED) return [];
  const ext = ((d as unknown as SaleCommitted).sale as Partial<SaleRecord> | undefined)?.extensions?.giftcards as SaleGiftCards | undefined;
  if (!ext || typeof ext !== 'object') return [];
  const out: string[] = [];
  for (const list of [ext.sold, ext.redeemed, ext.loaded]) if (Array.isArray(list)) for (const x of list) if (x && isCode(x.code)) out.push(x.code);
  return out;
}

const copyCard = (c: GiftCard): GiftCard => ({ ...c, history: c.history.slice() });

/**
 * Checks one batch of transactions before it is appended; `check` is called per transaction in
 * order, so later transactions of a batch see the earlier ones. Throws GIFT_CARD_OVERDRAWN or
 * POINTS_OVERDRAWN (nothing is written then).
 */
export class BalanceGuard {
  private readonly cards: Record<string, GiftCard> = Object.create(null);
  private readonly before = new Map<string, number>();
  /** customer \u0000 program -> net movement of this batch so far: all of it, without expiries, and whether it spends. */
  private readonly net = new Map<string, { all: number; valid: number; spends: boolean; customerId: string; programId: string; day: string }>();

  /** Some transaction checked so far takes a gift-card or points balance down. */
  lowered = false;

  constructor(private readonly state: StoreState) {}

  check(events: readonly JournalEvent[]): void {
    this.checkCards(events);
    this.checkPoints(events);
  }

  private checkCards(events: readonly JournalEvent[]): void {
    const real = (this.state[GIFT_CARDS_SLICE] as GiftCardSlice | undefined)?.cards;
    if (!real) return;
    const touched = new Set<string>();
    for (const ev of events)
      for (const code of codesOf(ev)) {
        touched.add(code);
        if (!(code in this.cards) && hasOwn(real, code)) {
          this.cards[code] = copyCard(real[code]);
          this.before.set(code, real[code].balance);
        }
      }
    if (touched.size === 0) return;
    const scratch: GiftCardSlice = { cards: this.cards };
    for (const ev of events) {
      const origin = { seq: ev.seq, at: ev.at, operator: ev.operator, register: ev.register, tx: ev.tx };
      if (ev.type === SALE_COMMITTED) {
        const sale = (ev.data as SaleCommitted | undefined)?.sale as Partial<SaleRecord> | undefined;
        const ext = sale?.extensions?.giftcards as SaleGiftCards | undefined;
        if (ext && typeof ext === 'object')
          applySaleGiftCards(scratch, ext, { saleId: sale!.saleId ?? '', receiptNo: sale!.receiptNo ?? '', currency: typeof sale!.currency === 'string' && sale!.currency ? sale!.currency : this.state.meta.currency }, origin);
      } else if (ev.type.startsWith('giftcard.')) applyGiftCardEvent(scratch, ev.type, ev.data, origin);
    }
    for (const code of touched) {
      const card = this.cards[code];
      if (!card) continue;
      const was = this.before.get(code) ?? 0;
      if (card.balance < was) this.lowered = true;
      if (card.balance < 0 && card.balance < was)
        throw new StoreError('GIFT_CARD_OVERDRAWN', `Gift card …${code.slice(-4)} holds ${was} (minor units) by the journal; this would take it to ${card.balance}. Nothing was saved.`, {
          last4: code.slice(-4),
          balance: was,
          after: card.balance,
        });
    }
  }

  private checkPoints(events: readonly JournalEvent[]): void {
    const loyalty = this.state.loyalty as LoyaltySlice | undefined;
    if (!loyalty) return;
    const touched = new Set<string>();
    for (const ev of events) {
      const day = typeof ev.at === 'string' ? ev.at.slice(0, 10) : '';
      for (const m of movementsOf(ev.type, ev.data, day)) {
        if (!Number.isSafeInteger(m.delta) || m.delta === 0) continue;
        const key = `${m.customerId}\u0000${m.programId}`;
        const n = this.net.get(key) ?? { all: 0, valid: 0, spends: false, customerId: m.customerId, programId: m.programId, day: m.day || day };
        n.all += m.delta;
        if (m.kind !== 'expire') n.valid += m.delta;
        if (m.delta < 0 && m.kind !== 'expire' && m.kind !== 'refund') n.spends = true;
        if (m.day && m.day > n.day) n.day = m.day;
        this.net.set(key, n);
        if (m.delta < 0) touched.add(key);
      }
    }
    if (touched.size) this.lowered = true;
    for (const key of touched) {
      const n = this.net.get(key)!;
      const a = getOwn(loyalty.customers, n.customerId);
      const balance = (a && getOwn(a.points, n.programId)) ?? 0;
      // Points whose lots expired on or before the commit's day are not spendable, journaled or not:
      // the same as-of view the till offers (domain/loyalty/expiry.ts).
      const valid = a ? (getOwn(accountAsOf(a, n.day).points, n.programId) ?? 0) : 0;
      const refuse = (have: number, after: number) => {
        throw new StoreError('POINTS_OVERDRAWN', `Customer ${n.customerId} has ${have} points of program ${n.programId} on ${n.day} by the journal; this would leave ${after}. Nothing was saved.`, {
          customer: n.customerId,
          program: n.programId,
          points: have,
          after,
        });
      };
      if (n.all < 0 && balance + n.all < 0) refuse(balance, balance + n.all);
      if (n.spends && valid + n.valid < 0) refuse(valid, valid + n.valid);
    }
  }
}
