/**
 * Shift operations: each checks the request against the shift as the store holds it and returns the
 * one journal event to commit, or a refusal with a code and a cashier's message (nothing is written).
 */
import { fail, ok, type Result } from '../errors.js';
import { currency as currencyOf, toDecimalString, type Minor } from '../money.js';
import { countTotal, normalizeCount, type DenominationCount } from '../denominations.js';
import { expectedCash } from './totals.js';
import { ACTION_LABEL } from '../operators/approval.js';
import { SHIFT_EVENTS, type CashMovedData, type DrawerOpenedData, type Shift, type ShiftClosedData, type ShiftOpenedData } from './types.js';

/** An event to journal (the store's EventDraft, declared here so the domain does not import the store). */
export interface ShiftEvent<D> {
  type: string;
  data: D;
}

/** Longest reason for a cash movement, in characters. */
export const MAX_REASON = 120;

const amountOk = (n: unknown, min: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min;

const notOpen = <T>() => fail<T>('SHIFT_NOT_OPEN', 'No shift is open on this register. Open a shift first.');

/** A count (optional) and the amount it must add up to. */
function checkCount(amount: Minor, count: DenominationCount | undefined, currency: string, what: string): Result<DenominationCount | undefined> {
  if (count === undefined) return ok(undefined);
  const total = countTotal(count, currency);
  if (!total.ok) return total;
  if (total.value !== amount) {
    const d = (m: Minor) => `${toDecimalString(m, currencyOf(currency))} ${currency}`;
    return fail('COUNT_MISMATCH', `The notes and coins add up to ${d(total.value)}, not the ${what} of ${d(amount)}.`, { counted: d(total.value), amount: d(amount) });
  }
  return ok(normalizeCount(count));
}

/** An approver is an operator id (the sign-in session checks the manager's PIN before it gets here). */
const approverOk = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,32}$/.test(v);

export function planOpen(
  current: Shift | undefined,
  req: { shiftId: string; register: string; float: Minor; count?: DenominationCount; auto?: boolean; currency: string },
): Result<ShiftEvent<ShiftOpenedData>> {
  if (current) return fail('SHIFT_ALREADY_OPEN', 'A shift is already open on this register. Close it before opening another.', { shiftId: current.shiftId });
  if (!amountOk(req.float, 0)) return fail('BAD_AMOUNT', 'The opening float must be an amount of 0 or more.');
  const count = checkCount(req.float, req.count, req.currency, 'float');
  if (!count.ok) return count;
  const data: ShiftOpenedData = { shiftId: req.shiftId, register: req.register, float: req.float };
  if (count.value && Object.keys(count.value).length) data.count = count.value;
  if (req.auto) data.auto = true;
  return ok({ type: SHIFT_EVENTS.opened, data });
}

export function planCashMove(
  shift: Shift | undefined,
  req: { direction: 'in' | 'out'; amount: Minor; reason: string; approvedBy?: string; approvalRequired: boolean; currency: string },
): Result<ShiftEvent<CashMovedData>> {
  if (!shift) return notOpen();
  if (!amountOk(req.amount, 1)) return fail('BAD_AMOUNT', 'Enter an amount greater than zero.');
  const reason = typeof req.reason === 'string' ? req.reason.trim() : '';
  if (!reason) return fail('REASON_REQUIRED', 'Say why the cash goes in or out (a reason is recorded).');
  if (reason.length > MAX_REASON || /[\u0000-\u001f\u007f]/.test(reason)) return fail('BAD_REASON', `A reason is one line of at most ${MAX_REASON} characters.`, { max: MAX_REASON });
  if (req.approvedBy !== undefined && !approverOk(req.approvedBy)) return fail('BAD_APPROVER', 'The approver must be an operator code.');
  if (req.direction === 'out') {
    if (req.approvalRequired && !req.approvedBy) return fail('APPROVAL_REQUIRED', 'Cash paid out needs a manager’s approval.', { action: ACTION_LABEL.paidOut });
    const inDrawer = expectedCash(shift);
    if (req.amount > inDrawer) {
      const available = `${toDecimalString(inDrawer, currencyOf(req.currency))} ${req.currency}`;
      return fail('CASH_SHORT', `The drawer holds ${available} by the shift’s totals: it cannot pay out more.`, { available });
    }
  }
  const data: CashMovedData = { shiftId: shift.shiftId, direction: req.direction, amount: req.amount, reason };
  if (req.approvedBy) data.approvedBy = req.approvedBy;
  return ok({ type: SHIFT_EVENTS.cashMoved, data });
}

/** Checked before the drawer is kicked; the event (with whether it opened) is built after. */
export function checkNoSale(shift: Shift | undefined, req: { approvedBy?: string; approvalRequired: boolean }): Result<true> {
  if (!shift) return notOpen();
  if (req.approvedBy !== undefined && !approverOk(req.approvedBy)) return fail('BAD_APPROVER', 'The approver must be an operator code.');
  if (req.approvalRequired && !req.approvedBy) return fail('APPROVAL_REQUIRED', 'Opening the drawer without a sale needs a manager’s approval.', { action: ACTION_LABEL.noSale });
  return ok(true);
}

export function noSaleEvent(opened: boolean, approvedBy?: string): ShiftEvent<DrawerOpenedData> {
  const data: DrawerOpenedData = { reason: 'no-sale', ok: opened };
  if (approvedBy) data.approvedBy = approvedBy;
  return { type: SHIFT_EVENTS.drawerOpened, data };
}

export function planClose(
  shift: Shift | undefined,
  req: { counted: Minor; count?: DenominationCount; saleOpen: boolean; lastZ: number; covers: { seq: number; hash: string }; currency: string },
): Result<ShiftEvent<ShiftClosedData>> {
  if (!shift) return fail('SHIFT_NOT_OPEN', 'No shift is open on this register (it may be closed already).');
  if (req.saleOpen) return fail('SALE_OPEN', 'A sale is still open. Finish or void it before closing the shift.');
  if (!amountOk(req.counted, 0)) return fail('BAD_AMOUNT', 'The counted cash must be an amount of 0 or more.');
  const count = checkCount(req.counted, req.count, req.currency, 'counted cash');
  if (!count.ok) return count;
  const expected = expectedCash(shift);
  const data: ShiftClosedData = { shiftId: shift.shiftId, counted: req.counted, expected, difference: req.counted - expected, z: req.lastZ + 1, covers: { ...req.covers } };
  if (count.value && Object.keys(count.value).length) data.count = count.value;
  return ok({ type: SHIFT_EVENTS.closed, data });
}
