/**
 * The shift fold: journal events -> shifts with running totals. Which shift an event belongs to is
 * decided here, once: the open shift of the register in the event's envelope at the moment it folds
 * (deterministic: a replay folds the same events in the same order). Events of a register with no
 * open shift belong to none. A closed shift is moved to `closed` and never touched again.
 * Like every fold it mutates in place, never throws, and ignores malformed data (validation is in
 * plan.ts, before commit).
 */
import { movementsOf } from '../loyalty/events.js';
import type { LoyaltyProgram, SaleLoyalty } from '../loyalty/types.js';
import type { SaleRecord } from '../sale.js';
import { emptyTotals, foldCashMove, foldNoSale, foldPoints, foldReturn, foldSale, foldVoid, rewardValues } from './totals.js';
import { getOwn, setOwn } from './records.js';
import { closedKey, SHIFT_EVENTS, type CashMovedData, type GiftCardLiability, type Shift, type ShiftClosedData, type ShiftOpenedData, type ShiftSlice, type ShiftTotals } from './types.js';

/** The journal envelope fields the fold reads (the store's JournalEvent has them all). */
export interface ShiftEventIn {
  seq: number;
  at: string;
  type: string;
  register: string;
  operator: string;
  data: unknown;
}

export interface ShiftFoldContext {
  /** The loyalty program as the store holds it when the event folds (names, decimals, cashback rate). */
  program(id: string): LoyaltyProgram | undefined;
}

export const emptyShiftSlice = (): ShiftSlice => ({ open: {}, closed: {}, lastZ: {}, liability: { outstanding: 0, blocked: 0 } });

/** `shift` is the shift the event belongs to; none when totalling a date range (range.ts). */
type ShiftFold = (t: ShiftTotals, ev: ShiftEventIn, ctx: ShiftFoldContext, shift: Shift | undefined) => void;

const dayOf = (ev: ShiftEventIn): string => (typeof ev.at === 'string' ? ev.at.slice(0, 10) : '');
const points: ShiftFold = (t, ev, ctx) => foldPoints(t, movementsOf(ev.type, ev.data, dayOf(ev)), ctx.program);

/**
 * What each event type adds to the totals of the shift it belongs to. A return (`return.committed`)
 * is folded into `returns` (what came back per category and tax class, refunds per method) and its
 * cash handed out into `cash.refunds`, which `expectedCash` subtracts (totals.ts foldReturn).
 */
export const SHIFT_FOLDS: Readonly<Record<string, ShiftFold>> = {
  'sale.committed': (t, ev, ctx) => {
    const sale = (ev.data as { sale?: Partial<SaleRecord> } | undefined)?.sale;
    if (!sale || typeof sale !== 'object') return;
    foldSale(t, sale, ev.operator);
    const loyalty = (sale.extensions as { loyalty?: Partial<SaleLoyalty> } | undefined)?.loyalty;
    foldPoints(t, movementsOf(ev.type, ev.data, dayOf(ev)), ctx.program, rewardValues(loyalty));
  },
  'return.committed': (t, ev) => {
    const r = (ev.data as { return?: unknown } | undefined)?.return;
    if (r && typeof r === 'object') foldReturn(t, r as never);
  },
  [SHIFT_EVENTS.saleVoided]: (t, ev) => foldVoid(t, ev.data as never),
  [SHIFT_EVENTS.drawerOpened]: (t, ev) => foldNoSale(t, ev.data as never),
  [SHIFT_EVENTS.cashMoved]: (t, ev, _ctx, shift) => {
    const d = ev.data as CashMovedData | undefined;
    // A movement names its shift: one journaled against another (closed) shift is not this one's.
    if (d && (!shift || d.shiftId === shift.shiftId)) foldCashMove(t, d, ev);
  },
  'points.earned': points,
  'points.spent': points,
  'points.adjusted': points,
  'points.expired': points,
  'points.refunded': points,
  'loyalty.accrued': points,
};

const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function openShift(slice: ShiftSlice, ev: ShiftEventIn): void {
  const d = ev.data as Partial<ShiftOpenedData> | undefined;
  if (!d || typeof d.shiftId !== 'string' || typeof d.register !== 'string' || !isAmount(d.float)) return;
  if (getOwn(slice.open, d.register)) return; // refused before commit (SHIFT_ALREADY_OPEN)
  const shift: Shift = {
    shiftId: d.shiftId,
    register: d.register,
    openedAt: ev.at,
    openedBy: ev.operator,
    float: d.float,
    auto: d.auto === true,
    totals: emptyTotals(),
    firstSeq: ev.seq,
    lastSeq: ev.seq,
  };
  if (d.count && typeof d.count === 'object') shift.floatCount = { ...d.count };
  setOwn(slice.open, d.register, shift);
}

function closeShift(slice: ShiftSlice, ev: ShiftEventIn): void {
  const d = ev.data as Partial<ShiftClosedData> | undefined;
  if (!d || typeof d.shiftId !== 'string' || !Number.isSafeInteger(d.z) || !isAmount(d.counted)) return;
  const shift = Object.values(slice.open).find((s) => s.shiftId === d.shiftId);
  if (!shift) return; // closing twice is refused before commit (SHIFT_NOT_OPEN)
  shift.closed = {
    shiftId: d.shiftId,
    counted: d.counted,
    expected: Number.isSafeInteger(d.expected) ? d.expected! : 0,
    difference: Number.isSafeInteger(d.difference) ? d.difference! : 0,
    z: d.z!,
    covers: { seq: Number(d.covers?.seq) || 0, hash: String(d.covers?.hash ?? '') },
    at: ev.at,
    by: ev.operator,
    seq: ev.seq,
    liability: { ...slice.liability },
  };
  if (d.count && typeof d.count === 'object') shift.closed.count = { ...d.count };
  shift.lastSeq = ev.seq;
  delete slice.open[shift.register];
  setOwn(slice.closed, closedKey(shift.register, d.z!), shift);
  setOwn(slice.lastZ, shift.register, Math.max(getOwn(slice.lastZ, shift.register) ?? 0, d.z!));
}

/** Folds one event into the slice. */
export function applyShiftEvent(slice: ShiftSlice, ev: ShiftEventIn, ctx: ShiftFoldContext): void {
  if (ev.type === SHIFT_EVENTS.opened) return openShift(slice, ev);
  if (ev.type === SHIFT_EVENTS.closed) return closeShift(slice, ev);
  const shift = getOwn(slice.open, ev.register);
  if (!shift) return;
  const fold = Object.prototype.hasOwnProperty.call(SHIFT_FOLDS, ev.type) ? SHIFT_FOLDS[ev.type] : undefined;
  fold?.(shift.totals, ev, ctx, shift);
  shift.lastSeq = ev.seq;
}

/** A gift-card movement as the card's history records it, with the card's state after the event. */
export interface CardMovement {
  kind: string;
  amount: number;
  /** Balance after the movement. */
  balance: number;
  stateAfter: string;
}

/**
 * Keeps the store-wide gift-card liability running from the movements one event made (read from the
 * cards' own history, so it moves exactly as the balances do): blocking moves a card's balance from
 * outstanding to blocked and unblocking moves it back; every other movement changes the bucket of
 * the card's state.
 */
export function applyLiability(l: GiftCardLiability, moves: readonly CardMovement[]): void {
  for (const m of moves) {
    if (m.kind === 'blocked') {
      l.outstanding -= m.balance;
      l.blocked += m.balance;
    } else if (m.kind === 'unblocked') {
      l.blocked -= m.balance;
      l.outstanding += m.balance;
    } else if (m.stateAfter === 'blocked') l.blocked += m.amount;
    else l.outstanding += m.amount;
  }
}

/** The open shift of a register, if any. */
export const openShiftOf = (slice: ShiftSlice, register: string): Shift | undefined => getOwn(slice.open, register);

/** A closed shift by register and Z number, or the register's last one. */
export function closedShift(slice: ShiftSlice, register: string, z?: number): Shift | undefined {
  const n = z ?? getOwn(slice.lastZ, register);
  return n === undefined ? undefined : getOwn(slice.closed, closedKey(register, n));
}
