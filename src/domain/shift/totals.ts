/**
 * Running totals of a shift: each function folds one journal event's data into the totals in place
 * (the projection contract: deterministic, never throws, ignores what is malformed). The same
 * functions total a date range for `till report sales`, so a shift and a range add up the same way.
 */
import type { SaleRecord } from '../sale.js';
import type { Minor } from '../money.js';
import type { SaleGiftCards } from '../giftcard/types.js';
import type { LoyaltyProgram, SaleLoyalty } from '../loyalty/types.js';
import type { Movement } from '../loyalty/events.js';
import { cashbackValue } from '../loyalty/rewards.js';
import { getOwn, setOwn } from './records.js';
import type { ReturnRecord } from '../returns/types.js';
import type { CashMovedData, DrawerOpenedData, PointsRow, ReturnTotals, SaleVoidedData, Shift, ShiftTotals } from './types.js';

export const emptyTotals = (): ShiftTotals => ({
  sales: { count: 0, items: 0, gross: 0, discounts: { count: 0, amount: 0 }, net: 0, tax: 0, total: 0 },
  taxes: {},
  categories: {},
  payments: {},
  cash: { sales: 0, rounding: 0, in: { count: 0, amount: 0 }, out: { count: 0, amount: 0 }, moves: [], refunds: { count: 0, amount: 0 } },
  voids: { count: 0, amount: 0 },
  noSales: { count: 0, approved: 0 },
  giftcards: { sold: { count: 0, value: 0, price: 0 }, loaded: { count: 0, amount: 0 }, redeemed: { count: 0, amount: 0 } },
  points: {},
  operators: {},
  receipts: { first: null, last: null },
  returns: emptyReturnTotals(),
});

export function emptyReturnTotals(): ReturnTotals {
  return {
    count: 0,
    items: 0,
    gross: 0,
    discounts: 0,
    net: 0,
    tax: 0,
    total: 0,
    taxes: {},
    categories: {},
    refunds: {},
    rounding: 0,
    giftcards: { returned: { count: 0, value: 0, price: 0 }, refunded: { count: 0, amount: 0 } },
  };
}

const int = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const text = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback);

function row<T>(rec: Record<string, T>, key: string, make: () => T): T {
  let r = getOwn(rec, key);
  if (r === undefined) setOwn(rec, key, (r = make()));
  return r;
}

/** Cash a tender leaves in the drawer: what it paid plus the rounding kept (tendered minus change). */
export const cashKept = (t: { kind?: unknown; amount?: unknown; rounding?: unknown }): Minor => (t.kind === 'cash' ? int(t.amount) + int(t.rounding) : 0);

/** A sale's tax arithmetic says whether its prices included tax (exclusive tax is added to the lines). */
function exclusiveTax(sale: Partial<SaleRecord>): boolean {
  const lines = list<{ amount?: unknown }>(sale.lines).reduce((a, l) => a + int(l.amount), 0);
  return int(sale.tax) !== 0 && int(sale.total) === lines + int(sale.tax);
}

/** Folds a committed sale. `operator` is the envelope's operator id (who rang it up). */
export function foldSale(t: ShiftTotals, sale: Partial<SaleRecord>, operator: string): void {
  const s = t.sales;
  const lines = list<Partial<SaleRecord['lines'][number]>>(sale.lines);
  s.count++;
  s.items += lines.reduce((a, l) => a + int(l.qty), 0);
  s.gross += int(sale.gross);
  s.net += int(sale.net);
  s.tax += int(sale.tax);
  s.total += int(sale.total);
  s.discounts.amount += int(sale.discountTotal);
  s.discounts.count += list<{ amount?: unknown }>(sale.discounts).filter((d) => int(d.amount) > 0).length;
  s.discounts.count += lines.filter((l) => Math.min(int(l.lineDiscount), int(l.gross)) > 0).length;

  const exclusive = exclusiveTax(sale);
  for (const r of list<{ taxClass?: unknown; ratePct?: unknown; base?: unknown; tax?: unknown }>(sale.taxSummary)) {
    const cls = text(r.taxClass, '?');
    const tr = row(t.taxes, cls, () => ({ ratePct: typeof r.ratePct === 'number' ? r.ratePct : 0, net: 0, tax: 0 }));
    tr.tax += int(r.tax);
    tr.net += exclusive ? int(r.base) : int(r.base) - int(r.tax);
  }
  for (const l of lines) {
    const c = row(t.categories, text(l.category, '-'), () => ({ qty: 0, amount: 0 }));
    c.qty += int(l.qty);
    c.amount += int(l.amount);
  }
  for (const tn of list<{ kind?: unknown; amount?: unknown; rounding?: unknown }>(sale.tenders)) {
    const p = row(t.payments, text(tn.kind, '?'), () => ({ count: 0, amount: 0 }));
    p.count++;
    p.amount += int(tn.amount);
    t.cash.sales += cashKept(tn);
  }
  t.cash.rounding += int(sale.cashRounding);

  const gc = (sale.extensions as { giftcards?: Partial<SaleGiftCards> } | undefined)?.giftcards;
  for (const c of list<{ faceValue?: unknown; price?: unknown }>(gc?.sold)) {
    t.giftcards.sold.count++;
    t.giftcards.sold.value += int(c.faceValue);
    t.giftcards.sold.price += int(c.price);
  }
  // A top-up at the till (issue 14.3) is gift-card value sold too: paid for now, owed on the card.
  // Totals folded before top-ups were counted have no `loaded`; it starts at zero.
  for (const l of list<{ amount?: unknown }>(gc?.loaded)) {
    const loaded = (t.giftcards.loaded ??= { count: 0, amount: 0 });
    loaded.count++;
    loaded.amount += int(l.amount);
  }
  for (const r of list<{ amount?: unknown }>(gc?.redeemed)) {
    t.giftcards.redeemed.count++;
    t.giftcards.redeemed.amount += int(r.amount);
  }

  const op = row(t.operators, text(operator, '-'), () => ({ name: text(sale.operator?.name, text(operator, '-')), count: 0, amount: 0 }));
  op.count++;
  op.amount += int(sale.total);

  if (typeof sale.receiptNo === 'string') {
    t.receipts.first ??= sale.receiptNo;
    t.receipts.last = sale.receiptNo;
  }
}

/**
 * Folds a committed return (domain/returns): the mirror of a sale, kept apart in `returns` so the
 * sales figures stay what was sold. Its cash handed out leaves the drawer (`cash.refunds`), its
 * receipt number is the register's latest. Points it moved are folded from its `points.refunded`.
 */
export function foldReturn(t: ShiftTotals, r: Partial<ReturnRecord>): void {
  const x = t.returns;
  const lines = list<Partial<ReturnRecord['lines'][number]>>(r.lines);
  x.count++;
  x.items += lines.reduce((a, l) => a + int(l.qty), 0);
  x.gross += int(r.gross);
  x.discounts += int(r.discount);
  x.net += int(r.net);
  x.tax += int(r.tax);
  x.total += int(r.total);
  const exclusive = int(r.tax) !== 0 && int(r.total) === lines.reduce((a, l) => a + int(l.amount), 0) + int(r.tax);
  for (const s of list<{ taxClass?: unknown; ratePct?: unknown; base?: unknown; tax?: unknown }>(r.taxSummary)) {
    const tr = row(x.taxes, text(s.taxClass, '?'), () => ({ ratePct: typeof s.ratePct === 'number' ? s.ratePct : 0, net: 0, tax: 0 }));
    tr.tax += int(s.tax);
    tr.net += exclusive ? int(s.base) : int(s.base) - int(s.tax);
  }
  for (const l of lines) {
    const c = row(x.categories, text(l.category, '-'), () => ({ qty: 0, amount: 0 }));
    c.qty += int(l.qty);
    c.amount += int(l.amount);
  }
  for (const f of list<{ kind?: unknown; amount?: unknown }>(r.refunds)) {
    const p = row(x.refunds, text(f.kind, '?'), () => ({ count: 0, amount: 0 }));
    p.count++;
    p.amount += int(f.amount);
  }
  const given = int(r.cash?.given);
  if (given > 0) {
    t.cash.refunds.count++;
    t.cash.refunds.amount += given;
  }
  x.rounding += int(r.cash?.rounding);
  for (const c of list<{ cleared?: unknown; lineId?: unknown }>(r.giftcards?.returned)) {
    x.giftcards.returned.count++;
    x.giftcards.returned.value += int(c.cleared);
    x.giftcards.returned.price += lines.filter((l) => l.lineId === c.lineId).reduce((a, l) => a + int(l.refund), 0);
  }
  for (const c of list<{ amount?: unknown }>(r.giftcards?.refunded)) {
    x.giftcards.refunded.count++;
    x.giftcards.refunded.amount += int(c.amount);
  }
  if (typeof r.receiptNo === 'string') {
    t.receipts.first ??= r.receiptNo;
    t.receipts.last = r.receiptNo;
  }
}

/** The discounts the sale's rewards gave, per program: the money value of the points it spent. */
export function rewardValues(loyalty: Partial<SaleLoyalty> | undefined): Map<string, Minor> {
  const out = new Map<string, Minor>();
  for (const p of list<{ programId?: unknown; rewards?: unknown }>(loyalty?.programs)) {
    if (typeof p.programId !== 'string') continue;
    const v = list<{ discount?: unknown }>(p.rewards).reduce((a, r) => a + int(r.discount), 0);
    out.set(p.programId, (out.get(p.programId) ?? 0) + v);
  }
  return out;
}

/** Money value of units at the program's cashback rate (its first cashback reward), or null. */
export function pointsValue(program: LoyaltyProgram | undefined, units: number): Minor | null {
  const r = program?.rewards?.find((x) => x.kind === 'cashback');
  if (!r || r.kind !== 'cashback' || !(r.value?.points > 0)) return null;
  return units < 0 ? -cashbackValue(r, -units) : cashbackValue(r, units);
}

/**
 * Folds the points movements of one event (loyalty/events.ts movementsOf: the same movements the
 * balances fold), with the reward discounts of a sale as the value of the points it spent.
 */
export function foldPoints(t: ShiftTotals, moves: readonly Movement[], program: (id: string) => LoyaltyProgram | undefined, spentValues?: Map<string, Minor>): void {
  for (const m of moves) {
    const p = program(m.programId);
    const r: PointsRow = row(t.points, m.programId, () => ({
      name: p?.name ?? m.programId,
      decimals: p?.decimals ?? 0,
      earned: 0,
      spent: 0,
      expired: 0,
      other: 0,
      spentValue: 0,
      earnedValue: pointsValue(p, 0),
      expiredValue: pointsValue(p, 0),
    }));
    const add = (key: 'earnedValue' | 'expiredValue', units: number) => {
      const v = pointsValue(p, units);
      if (v !== null) r[key] = (r[key] ?? 0) + v;
    };
    if (m.kind === 'earn') {
      r.earned += m.delta;
      add('earnedValue', m.delta);
    } else if (m.kind === 'spend') r.spent -= m.delta;
    else if (m.kind === 'expire') {
      r.expired -= m.delta;
      add('expiredValue', -m.delta);
    } else r.other += m.delta;
  }
  for (const [id, v] of spentValues ?? []) {
    const r = getOwn(t.points, id);
    if (r) r.spentValue += v;
  }
}

export function foldVoid(t: ShiftTotals, d: Partial<SaleVoidedData>): void {
  t.voids.count++;
  t.voids.amount += int(d?.total);
}

export function foldNoSale(t: ShiftTotals, d: Partial<DrawerOpenedData>): void {
  if (d?.reason !== 'no-sale') return;
  t.noSales.count++;
  if (typeof d.approvedBy === 'string' && d.approvedBy) t.noSales.approved++;
}

export function foldCashMove(t: ShiftTotals, d: CashMovedData, origin: { seq: number; at: string; operator: string }): void {
  const amount = int(d.amount);
  if (amount <= 0 || (d.direction !== 'in' && d.direction !== 'out')) return;
  const bucket = d.direction === 'in' ? t.cash.in : t.cash.out;
  bucket.count++;
  bucket.amount += amount;
  const move: Shift['totals']['cash']['moves'][number] = { seq: origin.seq, at: origin.at, direction: d.direction, amount, reason: text(d.reason, ''), operator: origin.operator };
  if (typeof d.approvedBy === 'string' && d.approvedBy) move.approvedBy = d.approvedBy;
  t.cash.moves.push(move);
}

/**
 * Cash the drawer should hold: the float, plus what the sales left in it, plus cash in, minus cash
 * out, minus the cash returns handed back.
 */
export const expectedCash = (shift: Pick<Shift, 'float' | 'totals'>): Minor =>
  shift.float + shift.totals.cash.sales + shift.totals.cash.in.amount - shift.totals.cash.out.amount - (shift.totals.cash.refunds?.amount ?? 0);
