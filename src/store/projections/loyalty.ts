/**
 * Loyalty slice: programs, the tier ladder, and one account per customer holding the folds of their
 * history (balances, FIFO lots for expiry, lifetime and monthly spend, where in the journal every
 * event about them is). Balances change only through `movementsOf` (src/domain/loyalty/events.ts), so
 * every balance is the sum of its journaled movements. The search index is derived, kept in memory
 * beside the slice, never persisted. Accounts are kept compact: 100k of them live in the register.
 */
import { EV, movementsOf, saleLoyaltyOf, type AccruedData, type CardBlockData, type CustomerCreatedData, type CustomerUpdatedData, type Movement, type PointsRefundedData, type ProgramUpsertedData, type TiersSetData } from '../../domain/loyalty/events.js';
import type { CustomerRegradedData } from '../../domain/loyalty/events.js';
import { additionalPart } from '../../domain/loyalty/additional.js';
import { addLot, consumeLots, expireLots, spendLots } from '../../domain/loyalty/expiry.js';
import { addToMonth, takeFromMonth } from '../../domain/loyalty/months.js';
import { CustomerIndex, type CustomerSource } from '../../domain/loyalty/search.js';
import type { Customer, LoyaltyAccount, LoyaltyProgram, Lot, TierLadder } from '../../domain/loyalty/types.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { getOwn, hasOwn, setOwn } from './own.js';
import { compactRecord, tableOf } from '../compact/record.js';

export interface BatchInfo {
  programId: string;
  points: number;
  reason: string;
  day: string;
  credited: number;
  parts: number;
}

export interface LoyaltySlice {
  programs: Record<string, LoyaltyProgram>;
  ladder: TierLadder | null;
  customers: Record<string, LoyaltyAccount>;
  /** Last card serial generated from the store's sequence. */
  cardSerial: number;
  batches: Record<string, BatchInfo>;
}

/** Months of spend/earn kept per account for rolling tier windows (ladder periods are 1-24 months). */
export const MONTHS_KEEP = 24;
/** Recent batches remembered per account, enough to resume a batch cut short. */
const BATCHES_KEEP = 5;

/**
 * Accounts are a compact record (src/store/compact/): encoded rows read like the plain record of
 * objects they replace (issue 12: ~470 bytes an account as objects, ~150 as a row). The fold gets
 * an account and mutates it in place as before; the table keeps the last 1,024 used decoded.
 */
export const newAccounts = (): Record<string, LoyaltyAccount> => compactRecord<LoyaltyAccount>({ internValues: ['tier'], live: 1024 });

/** What the customer search index reads of an account (src/domain/loyalty/search.ts keys on these alone). */
const INDEX_FIELDS: ReadonlySet<string> = new Set(['id', 'name', 'phone', 'card']);

/** A built index, the record it was built over, and the table's numbering then (its handles are row numbers). */
const indexes = new WeakMap<LoyaltySlice, { cc: string; index: CustomerIndex; of: Record<string, LoyaltyAccount>; epoch: number }>();

const dayOf = (ev: JournalEvent): string => (typeof ev.at === 'string' ? ev.at.slice(0, 10) : '');

/**
 * The account the fold changes, made live: one lookup in the compact table (issue 12: `getOwn` on
 * the record's Proxy looks the key up twice, hasOwnProperty's descriptor and then the read). A key
 * that is not a string, or a plain record (a test's state), goes through `getOwn` as before.
 */
function accountFor(slice: LoyaltySlice, id: string): LoyaltyAccount | undefined {
  const t = typeof id === 'string' ? tableOf<LoyaltyAccount>(slice.customers) : undefined;
  return t ? t.get(id) : getOwn(slice.customers, id);
}

function newAccount(c: CustomerCreatedData['customer']): LoyaltyAccount {
  const a: LoyaltyAccount = { id: c.id, name: c.name, phone: c.phone, tier: c.tier, card: c.card, blocked: c.blocked, created: c.created, points: {}, spend: 0, earned: {}, months: '', purchases: 0, seqs: '' };
  if (c.email !== undefined) a.email = c.email;
  return a;
}

/** The journal seqs of every event about the account, oldest first (see `LoyaltyAccount.seqs`). */
export const accountSeqs = (a: Pick<LoyaltyAccount, 'seqs'>): number[] => (a.seqs ? a.seqs.split(',').map((s) => parseInt(s, 36)) : []);

/**
 * Accounts whose `seqs` grew since the last flattening. V8 keeps `s + ',' + t` as a rope (a node of
 * ~50 bytes per append, ten times the characters) until the string is read whole; a replay of a
 * million movements would hold ~70 MB of nodes. Converting a string to a number reads it whole and
 * flattens it in place (the technique of the `flatstr` package, used by pino), so every
 * FLATTEN_EVERY appends the grown strings are flattened: at most that many rope nodes live at once,
 * and a long history is copied once per FLATTEN_EVERY appends, not on every one.
 */
const grown: LoyaltyAccount[] = [];
const FLATTEN_EVERY = 1024;

/** Remembers that event `seq` is about the account (called once per account and event). */
function remember(a: LoyaltyAccount, seq: number): void {
  a.seqs = a.seqs ? `${a.seqs},${seq.toString(36)}` : seq.toString(36);
  grown.push(a);
  if (grown.length < FLATTEN_EVERY) return;
  for (const g of grown) Number(g.seqs);
  grown.length = 0;
}

/**
 * The customers a sale, refund or points event is about: whose history (`till customer show`) lists
 * it. A sale or refund that moved no points is still theirs (spend, purchases, a tier promotion).
 * State changes (created, edited, blocked, regraded) are remembered where they are folded.
 */
function customersOf(type: string, d: Record<string, unknown>, moved: readonly Movement[]): Set<string> {
  const ids = new Set(moved.map((m) => m.customerId));
  if (type === EV.pointsRefunded && typeof d.customerId === 'string') ids.add(d.customerId);
  if (type === EV.saleCommitted) {
    const sale = saleLoyaltyOf(d);
    if (sale) ids.add(sale.loyalty.customerId);
  }
  return ids;
}

type LotsKey = 'lots' | 'extraLots';

/**
 * One part of a balance (main points with `lots`, additional with `extraLots`) moved by `delta`:
 * credits get a lot when the part expires, debits take lots as the movement's kind says.
 */
function movePart(a: LoyaltyAccount, key: LotsKey, programId: string, m: Movement, balance: number, delta: number, expiryDays: number | undefined): void {
  const lots = a[key] ? getOwn(a[key]!, programId) : undefined;
  if (delta > 0) {
    if (expiryDays) setOwn((a[key] ??= {}), programId, addLot(lots ?? [], m.day, delta, expiryDays));
  } else if (delta < 0 && lots) {
    // A refund's claw-back takes the oldest points, expired ones first (they would go anyway); a spend
    // or a removal may use only points still valid on its day (the balance guard sees to that).
    const left = m.kind === 'expire' ? expireLots(balance, lots, m.day, -delta) : m.kind === 'refund' ? consumeLots(balance, lots, -delta) : spendLots(balance, lots, m.day, -delta);
    if (left.length) setOwn(a[key]!, programId, left);
    else {
      delete a[key]![programId];
      if (Object.keys(a[key]!).length === 0) delete a[key];
    }
  }
}

function move(slice: LoyaltySlice, m: Movement): void {
  const a = accountFor(slice, m.customerId);
  if (!a) return;
  const bal = getOwn(a.points, m.programId) ?? 0;
  const prog = getOwn(slice.programs, m.programId);
  // Main and additional points (domain/loyalty/additional.ts): the total stays in `points`.
  const extraBal = (a.extra && getOwn(a.extra, m.programId)) ?? 0;
  const e = additionalPart(m.delta, m.extra, bal - extraBal, extraBal);
  movePart(a, 'lots', m.programId, m, bal - extraBal, m.delta - e, prog?.expiryDays);
  if (e !== 0 || extraBal !== 0) {
    movePart(a, 'extraLots', m.programId, m, extraBal, e, m.extraExpiryDays ?? prog?.additionalExpiryDays ?? prog?.expiryDays);
    if (extraBal + e !== 0) setOwn((a.extra ??= {}), m.programId, extraBal + e);
    else if (a.extra) {
      delete a.extra[m.programId];
      if (Object.keys(a.extra).length === 0) delete a.extra;
    }
  }
  if (m.delta > 0 && m.kind === 'earn') {
    setOwn(a.earned, m.programId, (getOwn(a.earned, m.programId) ?? 0) + m.delta);
    a.months = addToMonth(a.months, m.day, 0, m.programId, m.delta, MONTHS_KEEP);
  }
  setOwn(a.points, m.programId, bal + m.delta);
}

function applySale(slice: LoyaltySlice, ev: JournalEvent): void {
  const s = saleLoyaltyOf(ev.data);
  if (!s) return;
  const a = accountFor(slice, s.loyalty.customerId);
  if (!a) return;
  const day = s.loyalty.day || dayOf(ev);
  const spend = Number.isSafeInteger(s.loyalty.spend) ? s.loyalty.spend : 0;
  a.spend += spend;
  a.months = addToMonth(a.months, day, spend, null, 0, MONTHS_KEEP);
  a.purchases++;
  if (!a.lastPurchase || day > a.lastPurchase) a.lastPurchase = day;
  if (s.loyalty.promoted && typeof s.loyalty.tierAfter === 'string') a.tier = s.loyalty.tierAfter;
}

/**
 * A refund's compensating entry on what tier promotion reads (nothing is edited): lifetime spend and
 * lifetime points earned drop by what the refund took back, and so does the month the sale counted
 * in — so neither a later sale's promotion nor `till loyalty tiers review` counts a returned purchase.
 */
function refundTotals(slice: LoyaltySlice, d: PointsRefundedData): void {
  const a = accountFor(slice, d.customerId);
  if (!a) return;
  const spend = Number.isSafeInteger(d.spend) && d.spend > 0 ? d.spend : 0;
  a.spend = Math.max(0, a.spend - spend);
  // A refund journaled before `saleDay` was recorded does not say which month to take from: months stay.
  const month = typeof d.saleDay === 'string' && /^\d{4}-\d{2}/.test(d.saleDay) ? d.saleDay : null;
  if (spend > 0 && month) a.months = takeFromMonth(a.months, month, spend, null, 0, MONTHS_KEEP);
  for (const p of Array.isArray(d.programs) ? d.programs : []) {
    if (!p || typeof p.programId !== 'string') continue;
    const taken = (Number.isSafeInteger(p.clawedBack) ? p.clawedBack : 0) + (Number.isSafeInteger(p.unrecovered) ? p.unrecovered : 0);
    if (taken <= 0) continue;
    setOwn(a.earned, p.programId, Math.max(0, (getOwn(a.earned, p.programId) ?? 0) - taken));
    if (month) a.months = takeFromMonth(a.months, month, 0, p.programId, taken, MONTHS_KEEP);
  }
}

/** Keeps a built search index current: `before` while the account still has its old keys, then `after`. */
const unindex = (slice: LoyaltySlice, a: LoyaltyAccount): void => current(slice)?.index.remove(a);
const reindex = (slice: LoyaltySlice, a: LoyaltyAccount): void => current(slice)?.index.add(a);

/** The built index while its handles still mean what they meant (else it is dropped, rebuilt on next use). */
function current(slice: LoyaltySlice) {
  const hit = indexes.get(slice);
  if (!hit) return undefined;
  if (hit.of === slice.customers && hit.epoch === (tableOf(slice.customers)?.epoch ?? 0)) return hit;
  indexes.delete(slice);
  return undefined;
}

/**
 * The accounts as the search index reads them: handles are the compact table's row numbers, and a
 * customer is read for the four members the index keys on, nothing kept decoded (a build reads all
 * 100k accounts, a search compares keys of many). A plain record (a test's state) gets handles of
 * its own, in its key order.
 */
function sourceOf(customers: Record<string, LoyaltyAccount>): CustomerSource {
  const t = tableOf<LoyaltyAccount>(customers);
  if (t)
    return {
      *handles() {
        for (let r = 0; r < t.rowSpan; r++) if (t.hasRow(r)) yield r;
      },
      at: (r) => (t.hasRow(r) ? (t.peekFieldsAt(r, INDEX_FIELDS) as Customer) : undefined),
      handleOf: (id) => t.rowOf(id),
    };
  const ids: string[] = [];
  const handles = new Map<string, number>();
  const handleOf = (id: string): number => {
    let h = handles.get(id);
    if (h === undefined && hasOwn(customers, id)) handles.set(id, (h = ids.push(id) - 1));
    return h ?? -1;
  };
  for (const id of Object.keys(customers)) handleOf(id);
  return {
    *handles() {
      for (let h = 0; h < ids.length; h++) yield h;
    },
    at: (h) => (h >= 0 && h < ids.length ? getOwn(customers, ids[h]) : undefined),
    handleOf,
  };
}

export const loyaltyProjection: ProjectionModule<LoyaltySlice> = {
  name: 'loyalty',
  // 2: accounts keep the journal seqs of recent movements (not the movements), months as flat runs, no empty lots.
  // 3: recent seqs and months as strings.
  // 4: a spend takes only lots still valid on its day (expired ones wait for their points.expired).
  // 5: `seqs` holds every event about the account (state changes too), not the last 10 movements.
  // 6: main and additional points: `extra` and `extraLots` beside `points` and `lots`.
  // 7: a refund lowers lifetime points earned and the sale's month (spend and earned) too, not only lifetime spend.
  version: 7,
  initial: () => ({ programs: {}, ladder: null, customers: newAccounts(), cardSerial: 0, batches: {} }),
  apply(slice, ev: JournalEvent) {
    const d = ev.data as Record<string, unknown> | null;
    if (!d || typeof d !== 'object') return;
    switch (ev.type) {
      case EV.customerCreated: {
        const { customer: c, cardSerial } = d as unknown as CustomerCreatedData;
        if (!c || typeof c.id !== 'string' || hasOwn(slice.customers, c.id)) return;
        const a = newAccount(c);
        setOwn(slice.customers, c.id, a);
        if (Number.isSafeInteger(cardSerial) && cardSerial! > slice.cardSerial) slice.cardSerial = cardSerial!;
        reindex(slice, a);
        remember(a, ev.seq);
        return;
      }
      case EV.customerUpdated: {
        const { customerId, changes } = d as unknown as CustomerUpdatedData;
        const a = accountFor(slice, customerId);
        if (!a || !changes) return;
        unindex(slice, a);
        if (typeof changes.name === 'string') a.name = changes.name;
        if (typeof changes.phone === 'string') a.phone = changes.phone;
        if (changes.email === '') delete a.email;
        else if (typeof changes.email === 'string') a.email = changes.email;
        reindex(slice, a);
        remember(a, ev.seq);
        return;
      }
      case EV.cardBlocked:
      case EV.cardUnblocked: {
        const a = accountFor(slice, (d as unknown as CardBlockData).customerId);
        if (!a) return;
        a.blocked = ev.type === EV.cardBlocked;
        remember(a, ev.seq);
        return;
      }
      case EV.customerRegraded: {
        const r = d as unknown as CustomerRegradedData;
        const a = accountFor(slice, r.customerId);
        if (!a || (typeof r.to !== 'string' && r.to !== null)) return;
        a.tier = r.to;
        remember(a, ev.seq);
        return;
      }
      case EV.programUpserted: {
        const p = (d as unknown as ProgramUpsertedData).program;
        if (p && typeof p.id === 'string') setOwn(slice.programs, p.id, p);
        return;
      }
      case EV.tiersSet: {
        const l = (d as unknown as TiersSetData).ladder;
        if (l === null || (l && Array.isArray(l.tiers))) slice.ladder = l;
        return;
      }
      case EV.saleCommitted:
        applySale(slice, ev);
        break;
      case EV.pointsRefunded:
        refundTotals(slice, d as unknown as PointsRefundedData);
        break;
      case EV.accrued: {
        const b = d as unknown as AccruedData;
        if (typeof b.batchId !== 'string' || !Array.isArray(b.customerIds)) return;
        const info = getOwn(slice.batches, b.batchId) ?? { programId: b.programId, points: b.points, reason: b.reason, day: b.day, credited: 0, parts: 0 };
        info.parts++;
        for (const id of b.customerIds) {
          const a = accountFor(slice, id);
          if (!a) continue;
          info.credited++;
          a.batches = [...(a.batches ?? []), b.batchId].slice(-BATCHES_KEEP);
        }
        setOwn(slice.batches, b.batchId, info);
        break;
      }
    }
    const moved = movementsOf(ev.type, ev.data, dayOf(ev));
    for (const m of moved) move(slice, m);
    for (const id of customersOf(ev.type, d, moved)) {
      const a = accountFor(slice, id);
      if (a) remember(a, ev.seq);
    }
  },
};

// ---- queries (read-only) ----

export const loyaltyOf = (state: StoreState): LoyaltySlice => (state.loyalty as LoyaltySlice | undefined) ?? loyaltyProjection.initial();

/** The search index for this slice, built on first use and kept current by the fold. */
export function customerIndex(slice: LoyaltySlice, countryCode = ''): CustomerIndex {
  const hit = current(slice);
  if (hit && hit.cc === countryCode) return hit.index;
  const index = CustomerIndex.build(sourceOf(slice.customers), countryCode);
  indexes.set(slice, { cc: countryCode, index, of: slice.customers, epoch: tableOf(slice.customers)?.epoch ?? 0 });
  return index;
}

export const accountById = (slice: LoyaltySlice, id: string): LoyaltyAccount | undefined => getOwn(slice.customers, id);

export function accountByCard(slice: LoyaltySlice, card: string, countryCode = ''): LoyaltyAccount | undefined {
  const id = customerIndex(slice, countryCode).byCard(card);
  return id ? accountById(slice, id) : undefined;
}

/** Customers matching what was typed (card, phone digits, name words), best first. */
export function findCustomers(slice: LoyaltySlice, query: string, countryCode = '', limit = 10): LoyaltyAccount[] {
  return customerIndex(slice, countryCode).search(query, limit).map((id) => accountById(slice, id)!).filter(Boolean);
}

export const programList = (slice: LoyaltySlice): LoyaltyProgram[] => Object.values(slice.programs);
