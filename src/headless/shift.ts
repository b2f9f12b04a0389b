/**
 * The shift's headless commands (docs/headless.md, "The shift"): parsing (JSON types only, ranges
 * are the domain's) and answering them through `register.shift` (src/shift-service.ts), so the
 * refusals and their codes are the register's own. A paid-out or a no-sale that needs a manager
 * takes "manager_pin", checked by the sign-in like a void's.
 */
import type { Register } from '../register.js';
import type { Result } from '../domain/errors.js';
import type { DenominationCount } from '../domain/denominations.js';
import type { CashMove, ShiftReport } from '../domain/shift/index.js';
import type { ShiftView } from '../shift-service.js';
import type { HeadlessState } from './state.js';

export type ShiftCommand =
  | { cmd: 'shift_open'; float: number; count?: DenominationCount }
  | { cmd: 'cash_in'; amount: number; reason: string }
  | { cmd: 'cash_out'; amount: number; reason: string; pin?: string }
  | { cmd: 'no_sale'; pin?: string }
  | { cmd: 'report_x'; print: boolean; width?: number }
  | { cmd: 'report_z'; z?: number; print: boolean; width?: number }
  | { cmd: 'shift_close'; counted: number; count?: DenominationCount; print: boolean; width?: number };

/** What a shift command adds to the reply. */
export interface ShiftReplyPart {
  /** The open shift after the command (null when none is open). */
  shift?: ShiftView | null;
  cash?: CashMove;
  drawer?: { opened: boolean; code?: string };
  /** An X or Z report: the document and its text at the receipt width (or "width"); `printed` when it was sent to the printer. */
  report?: { kind: ShiftReport['kind']; z: number | null; copy: boolean; text: string; data: ShiftReport; printed?: { ok: boolean; code?: string } };
}

type Fields = Record<string, unknown>;
export class ShiftField extends Error {}

const int = (f: Fields, name: string, opt = false): number | undefined => {
  const v = f[name];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ShiftField(`"${name}" must be an integer count of minor units`);
  return v;
};
const str = (f: Fields, name: string, opt = false): string | undefined => {
  const v = f[name];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'string') throw new ShiftField(`"${name}" must be a string`);
  if (v.length > 256) throw new ShiftField(`"${name}" is too long`);
  return v;
};
const bool = (f: Fields, name: string, dflt: boolean): boolean => {
  const v = f[name];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new ShiftField(`"${name}" must be true or false`);
  return v;
};
const width = (f: Fields): number | undefined => {
  const w = f.width;
  if (w === undefined) return undefined;
  if (w !== 32 && w !== 42 && w !== 48) throw new ShiftField('"width" must be 32, 42 or 48');
  return w;
};
/** Pieces per denomination: { "<value in minor units>": pieces }. Which values exist is the domain's check. */
const count = (f: Fields): DenominationCount | undefined => {
  const v = f.count;
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length > 64) throw new ShiftField('"count" must be an object of pieces per note or coin, e.g. {"5000": 2}');
  for (const n of Object.values(v)) if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new ShiftField('"count" values must be whole numbers of pieces');
  return { ...(v as DenominationCount) };
};

export const SHIFT_COMMANDS: Record<string, (f: Fields) => ShiftCommand> = {
  shift_open: (f) => ({ cmd: 'shift_open', float: int(f, 'float')!, ...(f.count !== undefined ? { count: count(f) } : {}) }),
  cash_in: (f) => ({ cmd: 'cash_in', amount: int(f, 'amount')!, reason: str(f, 'reason')! }),
  cash_out: (f) => ({ cmd: 'cash_out', amount: int(f, 'amount')!, reason: str(f, 'reason')!, ...(f.manager_pin !== undefined ? { pin: str(f, 'manager_pin')! } : {}) }),
  no_sale: (f) => ({ cmd: 'no_sale', ...(f.manager_pin !== undefined ? { pin: str(f, 'manager_pin')! } : {}) }),
  report_x: (f) => ({ cmd: 'report_x', print: bool(f, 'print', false), width: width(f) }),
  report_z: (f) => ({ cmd: 'report_z', z: int(f, 'z', true), print: bool(f, 'print', true), width: width(f) }),
  shift_close: (f) => ({ cmd: 'shift_close', counted: int(f, 'counted')!, ...(f.count !== undefined ? { count: count(f) } : {}), print: bool(f, 'print', true), width: width(f) }),
};

export const isShiftCommand = (cmd: string): boolean => Object.prototype.hasOwnProperty.call(SHIFT_COMMANDS, cmd);

/** Answers a shift command: the reply's extra part, or the refusal (code and message) to send. */
export async function runShiftCommand(register: Register, c: ShiftCommand): Promise<Result<ShiftReplyPart>> {
  const s = register.shift;
  const current = () => s.current();
  const withReport = async (r: Result<ShiftReport>, print: boolean, w?: number): Promise<Result<ShiftReplyPart>> => {
    if (!r.ok) return r;
    const part: ShiftReplyPart = { shift: current(), report: { kind: r.value.kind, z: r.value.z, copy: r.value.copy, text: s.text(r.value, w as 32 | 42 | 48 | undefined), data: r.value } };
    if (print) {
      const p = await s.printReport(r.value);
      part.report!.printed = p.ok ? { ok: true } : { ok: false, code: p.code ?? 'PRINTER_ERROR' };
    }
    return { ok: true, value: part };
  };
  /** A manager's PIN given with the command: an approval for this one action (or nothing to approve). */
  const approve = (action: 'paidOut' | 'noSale', pin: string | undefined): Result<null> => {
    if (pin === undefined) return { ok: true, value: null };
    const a = register.approve(action, pin);
    return a.ok || a.error.code === 'APPROVAL_NOT_NEEDED' ? { ok: true, value: null } : a;
  };
  switch (c.cmd) {
    case 'shift_open': {
      const r = await s.open(c.float, c.count);
      return r.ok ? { ok: true, value: { shift: r.value } } : r;
    }
    case 'cash_in':
    case 'cash_out': {
      if (c.cmd === 'cash_out') {
        const a = approve('paidOut', c.pin);
        if (!a.ok) return a;
      }
      const r = c.cmd === 'cash_in' ? await s.cashIn(c.amount, c.reason) : await s.cashOut(c.amount, c.reason);
      return r.ok ? { ok: true, value: { shift: current(), cash: r.value } } : r;
    }
    case 'no_sale': {
      const a = approve('noSale', c.pin);
      if (!a.ok) return a;
      const r = await s.noSale();
      return r.ok ? { ok: true, value: { shift: current(), drawer: r.value } } : r;
    }
    case 'report_x':
      return withReport(s.x(), c.print, c.width);
    case 'report_z':
      return withReport(s.z(c.z), c.print, c.width);
    case 'shift_close':
      return withReport(await s.close(c.counted, c.count), c.print, c.width);
  }
}

/** `state.shift`: the open shift in brief. */
export function shiftState(register: Register): NonNullable<HeadlessState['shift']> | null {
  const v = register.shift.current();
  return v ? { shiftId: v.shiftId, openedAt: v.openedAt, openedBy: v.openedBy, float: v.float, auto: v.auto, expectedCash: v.expectedCash, sales: { ...v.sales } } : null;
}
