/**
 * The holds an open sale keeps in the chain database (docs/chain.md, "At the till"), and the offline
 * rules when the database does not answer.
 *
 * Contract:
 * - `hold(saleId, spends)` holds each card's and each points program's total of the sale (cards in code
 *   order, then points: the lock order), when a tender or reward is added and again at the commit
 *   (which refreshes the expiry). A refusal throws a cashier TillError and holds nothing of that card
 *   or program; what the sale held before stays held. The whole call is bounded by `chain.timeoutMs`:
 *   past it (or on any database failure) the register counts as offline and the offline rules decide,
 *   so a tender is never blocked longer than that plus a walk of the unacknowledged journal.
 * - `lower(saleId, spends)`: the sale now needs less (a tender or reward removed): what is held above
 *   it is lowered or released, in the background; it never refuses.
 * - `release(saleId)`: the sale was voided or parked, or its commit failed for good: every hold of it
 *   goes. `committed(saleId)`: the sale is in the journal; its holds stay pending until the push posts
 *   them (or they lapse after `chain.holdSeconds`, if the register dies before sending it).
 * Database work is done one call at a time, in order, so a release never overtakes the hold it undoes.
 *
 * Offline, gift cards follow `chain.offline.giftCards` and points `chain.offline.points`. The offline
 * period is the journal after the position the database last acknowledged: what this register spent
 * there is what it spent unseen, so the limits survive a restart and end when the push catches up.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { currency as currencyOf, parseAmount, toDecimalString } from '../domain/money.js';
import type { GiftCard, SaleGiftCards } from '../domain/giftcard/types.js';
import type { SaleLoyalty } from '../domain/loyalty/types.js';
import { decimalToUnits, formatUnits } from '../domain/loyalty/units.js';
import type { SaleRecord } from '../domain/sale.js';
import { hasSpends, type SaleSpends } from '../domain/sale-spends.js';
import { streamTransactionsAt } from '../store/journal-stream.js';
import { SALE_COMMITTED, type SaleCommitted } from '../store/projections/sales.js';
import { chainError } from './db.js';
import { holdGiftCard, holdPoints, lowerGiftCardHold, lowerPointsHold, releaseHolds } from './holds.js';
import type { Outbox } from './outbox.js';

export interface TenderHolds {
  hold(saleId: string, spends: SaleSpends): Promise<void>;
  lower(saleId: string, spends: SaleSpends): void;
  release(saleId: string): void;
  committed(saleId: string): void;
  /** Resolves when the database work asked so far is done (tests, shutdown). */
  idle(): Promise<void>;
}

export interface TenderHoldsOptions {
  config: TillConfig;
  dataDir: string;
  outbox: Outbox;
  /** The link's connection for holds (opened on demand) and how to drop it after a failure. */
  client(): Promise<Client>;
  drop(): void;
  /** The card as the chain last showed it (its last known balance offline). */
  card(code: string): GiftCard | undefined;
  /** A program's point decimals (for messages and the `maxPoints` cap); 0 when unknown. */
  pointDecimals(programId: string): number;
  log(line: string): void;
}

const masked = (code: string) => `****${code.slice(-4)}`;
const pointsKey = (customerId: string, programId: string) => `${customerId}\u0000${programId}`;

/** A decimal limit of the configuration in minor units (null = no cap). */
function limit(text: string, key: string, cur: ReturnType<typeof currencyOf>): number | null {
  if (text.trim() === '') return null;
  const v = parseAmount(text, cur);
  if (v === null) throw new TillError('CONFIG_INVALID', `chain.offline.${key} must be an amount in ${cur.code} (such as "${toDecimalString(5000 * 10 ** cur.exponent / 100, cur)}"), got "${text}".`);
  return v;
}

/** Rejects with CHAIN_UNREACHABLE when `p` takes longer than `ms` (the work itself is abandoned, not stopped). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(Object.assign(new Error(`timeout after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export function createTenderHolds(o: TenderHoldsOptions): TenderHolds {
  const chain = o.config.chain;
  const register = o.config.register.id;
  const cur = currencyOf(o.config.currency);
  const money = (m: number) => `${toDecimalString(m, cur)} ${cur.code}`;
  const pts = (programId: string, units: number) => formatUnits(units, o.pointDecimals(programId));
  const perCardCap = limit(chain.offline.maxPerCard, 'maxPerCard', cur);
  const perRegisterCap = limit(chain.offline.maxPerRegister, 'maxPerRegister', cur);
  /** What each open sale holds in the database, as this register asked: card code / points key -> amount. */
  const held = new Map<string, { cards: Map<string, number>; points: Map<string, number> }>();
  const heldOf = (saleId: string) => {
    let h = held.get(saleId);
    if (!h) held.set(saleId, (h = { cards: new Map(), points: new Map() }));
    return h;
  };

  let queue: Promise<unknown> = Promise.resolve();
  /** One database call at a time, in order; a failure drops the connection and is the caller's to map. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const p = queue.then(work, work);
    queue = p.catch(() => {});
    return p;
  }
  const background = (what: string, work: (c: Client) => Promise<unknown>) =>
    void serial(() => within(o.client().then(work), chain.timeoutMs)).catch((e) => {
      o.drop();
      o.log(`chain ${what}: ${chainError(e, chain.url).message} (the hold lapses by itself)`);
    });

  /** Holds everything asked; `unknown` when the database does not know a card or points account yet. */
  async function holdAll(c: Client, saleId: string, s: SaleSpends): Promise<{ unknown: boolean }> {
    const h = heldOf(saleId);
    for (const { code, amount } of s.cards) {
      const r = await holdGiftCard(c, { register, saleId, code, amount, seconds: chain.holdSeconds });
      if (r.ok) {
        h.cards.set(code, amount);
        continue;
      }
      if (r.error.code === 'GIFT_CARD_UNKNOWN') return { unknown: true };
      if (r.error.code === 'INSUFFICIENT_BALANCE')
        throw new TillError('GIFT_CARD_CHAIN_BALANCE', `Gift card ${masked(code)} has ${money(r.available ?? 0)} left across the shop's registers. Nothing was saved.`, {
          card: masked(code),
          last4: code.slice(-4),
          available: money(r.available ?? 0),
          availableMinor: r.available ?? 0,
        });
      throw r.error;
    }
    for (const p of s.points) {
      const r = await holdPoints(c, { register, saleId, customerId: p.customerId, programId: p.programId, points: p.points, seconds: chain.holdSeconds });
      if (r.ok) {
        h.points.set(pointsKey(p.customerId, p.programId), p.points);
        continue;
      }
      if (r.error.code === 'POINTS_UNKNOWN') return { unknown: true };
      throw pointsRefusal(p.programId, r.available ?? 0);
    }
    return { unknown: false };
  }

  const pointsRefusal = (programId: string, available: number) =>
    new TillError('POINTS_CHAIN_BALANCE', `The customer has ${pts(programId, available)} points left across the shop's registers (other registers hold the rest). Nothing was saved.`, {
      available: pts(programId, available),
    });

  async function online(saleId: string, s: SaleSpends): Promise<void> {
    const c = await o.client();
    if (!(await holdAll(c, saleId, s)).unknown) return;
    // A card or customer this register made but has not sent yet: send, then ask again (once).
    await o.outbox.push();
    if (!(await holdAll(c, saleId, s)).unknown) return;
    if (s.cards.some((x) => !heldOf(saleId).cards.has(x.code))) throw new TillError('GIFT_CARD_UNKNOWN', "This gift card is not known to the shop's database.");
    // Points the ledger has never seen are none.
    throw pointsRefusal(s.points.find((p) => !heldOf(saleId).points.has(pointsKey(p.customerId, p.programId)))!.programId, 0);
  }

  /** What this register spent in journal transactions the database has not acknowledged. */
  async function spentOffline(): Promise<{ perCard: Map<string, number>; cardTotal: number; points: Map<string, number> }> {
    const perCard = new Map<string, number>();
    const points = new Map<string, number>();
    let cardTotal = 0;
    for await (const t of streamTransactionsAt(o.dataDir, { afterSeq: o.outbox.state.acked }))
      for (const ev of t.tx) {
        if (ev.type !== SALE_COMMITTED) continue;
        const ext = ((ev.data as SaleCommitted).sale as Partial<SaleRecord>)?.extensions;
        for (const r of (ext?.giftcards as SaleGiftCards | undefined)?.redeemed ?? []) {
          perCard.set(r.code, (perCard.get(r.code) ?? 0) + r.amount);
          cardTotal += r.amount;
        }
        const loyalty = ext?.loyalty as SaleLoyalty | undefined;
        for (const p of loyalty?.programs ?? []) if (p.spent > 0) points.set(pointsKey(loyalty!.customerId, p.programId), (points.get(pointsKey(loyalty!.customerId, p.programId)) ?? 0) + p.spent);
      }
    return { perCard, cardTotal, points };
  }

  async function offlineRules(s: SaleSpends): Promise<void> {
    if (s.cards.length && chain.offline.giftCards === 'none')
      throw new TillError('GIFT_CARD_OFFLINE', "Gift cards cannot be taken now: the register cannot reach the shop's database. Take another payment, or try again when it is back.");
    if (s.points.length && chain.offline.points === 'none')
      throw new TillError('POINTS_OFFLINE', "Points cannot be spent now: the register cannot reach the shop's database. Remove the reward, or try again when it is back.");
    const spent = await spentOffline();
    let total = spent.cardTotal;
    for (const { code, amount } of s.cards) {
      const before = spent.perCard.get(code) ?? 0;
      // The last balance the chain showed, less what this register spent on it since (not yet acknowledged).
      const known = o.card(code);
      if (known && before + amount > known.balance)
        throw new TillError('GIFT_CARD_OFFLINE_LIMIT', `Offline, gift card ${masked(code)} can pay at most ${money(Math.max(0, known.balance - before))}: its last known balance across the shop's registers.`, {
          card: masked(code),
          max: money(Math.max(0, known.balance - before)),
          maxMinor: Math.max(0, known.balance - before),
        });
      if (perCardCap !== null && before + amount > perCardCap)
        throw new TillError(
          'GIFT_CARD_OFFLINE_LIMIT',
          `Offline, gift card ${masked(code)} can pay at most ${money(Math.max(0, perCardCap - before))} more at this register (limit ${money(perCardCap)} until the database is back).`,
          { card: masked(code), max: money(Math.max(0, perCardCap - before)), maxMinor: Math.max(0, perCardCap - before) },
        );
      total += amount;
    }
    if (s.cards.length && perRegisterCap !== null && total > perRegisterCap)
      throw new TillError(
        'GIFT_CARD_OFFLINE_LIMIT',
        `Offline, gift cards can pay at most ${money(Math.max(0, perRegisterCap - spent.cardTotal))} more at this register (limit ${money(perRegisterCap)} until the database is back).`,
        { card: masked(s.cards[s.cards.length - 1].code), max: money(Math.max(0, perRegisterCap - spent.cardTotal)), maxMinor: Math.max(0, perRegisterCap - spent.cardTotal) },
      );
    // Points: the sale was built on the balance the register shows — its journal's plus what the chain
    // last showed beyond it (points-view.ts), less what it spent since — so that is the limit; the cap
    // bounds what two registers could both spend of one customer while neither sees the other.
    if (chain.offline.maxPoints.trim() === '') return;
    for (const p of s.points) {
      const cap = decimalToUnits(chain.offline.maxPoints.replace(',', '.'), o.pointDecimals(p.programId));
      if (cap === null) throw new TillError('CONFIG_INVALID', `chain.offline.maxPoints must be a number of points, got "${chain.offline.maxPoints}".`);
      const before = spent.points.get(pointsKey(p.customerId, p.programId)) ?? 0;
      if (before + p.points > cap)
        throw new TillError('POINTS_OFFLINE_LIMIT', `Offline, this customer can spend at most ${pts(p.programId, Math.max(0, cap - before))} more points at this register (limit ${pts(p.programId, cap)} until the database is back).`, {
          max: pts(p.programId, Math.max(0, cap - before)),
          limit: pts(p.programId, cap),
        });
    }
  }

  return {
    async hold(saleId, s) {
      if (!hasSpends(s)) return;
      try {
        await serial(() => within(online(saleId, s), chain.timeoutMs));
      } catch (e) {
        if (e instanceof TillError && !e.code.startsWith('CHAIN_') && !e.code.startsWith('SYNC_')) throw e;
        const err = chainError(e, chain.url);
        o.drop();
        if (o.outbox.state.offlineSince === null) o.log(`chain ${err.code}: ${err.message} Gift cards and points follow the offline rules (chain.offline).`);
        o.outbox.noteOffline(err);
        // Whatever the abandoned call may still have taken lapses, or goes with the sale's release.
        heldOf(saleId);
        await offlineRules(s);
      }
    },
    lower(saleId, s) {
      const h = held.get(saleId);
      if (!h) return;
      const cards = new Map(s.cards.map((c) => [c.code, c.amount]));
      const points = new Map(s.points.map((p) => [pointsKey(p.customerId, p.programId), p.points]));
      for (const [code, amount] of h.cards) {
        const want = cards.get(code) ?? 0;
        if (want >= amount) continue;
        if (want > 0) h.cards.set(code, want);
        else h.cards.delete(code);
        background('lower hold', (c) => lowerGiftCardHold(c, saleId, code, want));
      }
      for (const [key, amount] of h.points) {
        const want = points.get(key) ?? 0;
        if (want >= amount) continue;
        if (want > 0) h.points.set(key, want);
        else h.points.delete(key);
        const [customerId, programId] = key.split('\u0000');
        background('lower hold', (c) => lowerPointsHold(c, saleId, customerId, programId, want));
      }
    },
    release(saleId) {
      if (!held.delete(saleId)) return;
      background('release holds', (c) => releaseHolds(c, saleId));
    },
    committed(saleId) {
      held.delete(saleId);
    },
    idle: () => queue.then(() => {}),
  };
}
