/**
 * The shift at a register: open with a float, cash in and out, a no-sale drawer open, X at any
 * time, close with the counted cash (the Z). Each step is checked by the domain (src/domain/shift/)
 * against the shift as the store holds it, then journaled as one event; a refusal writes nothing.
 * The register (src/register.ts), headless and the back office (`till shift`) all use this one
 * service, so they refuse the same things with the same codes.
 *
 * Steps run one at a time (a queue), so two closes cannot both pass the check; the close is also
 * idempotent in the store (transaction id "shift-close:<shiftId>").
 */
import { parkedList } from './store/projections/parked.js';
import type { TillConfig } from './domain/config.js';
import { TillError, fail, ok, type Result } from './domain/errors.js';
import type { Minor } from './domain/money.js';
import type { DenominationCount } from './domain/denominations.js';
import {
  buildShiftReport, nameOperators, checkNoSale, closedShift, expectedCash, noSaleEvent, openShiftOf, planCashMove, planClose, planOpen,
  type CashMove, type Shift, type ShiftEvent, type ShiftReport,
} from './domain/shift/index.js';
import { shiftSlice } from './store/projections/shifts.js';
import type { Store } from './store/types.js';
import type { Hardware, PrintResult } from '../hardware/types.js';
import { buildReportJob, configOperatorName, reportText } from './report-job.js';
import { needsApproval, type ApprovalAction } from './domain/operators/approval.js';

/** What a client sees of the open shift. */
export interface ShiftView {
  shiftId: string;
  register: string;
  openedAt: string;
  openedBy: string;
  /** The name of who opened it (the operator's, else the id as journaled). */
  openedByName: string;
  float: Minor;
  floatCount: DenominationCount | null;
  auto: boolean;
  /** Cash the drawer should hold now. */
  expectedCash: Minor;
  sales: { count: number; total: Minor };
  firstSeq: number;
  lastSeq: number;
}

export interface ShiftService {
  /** The open shift of this register, or null. */
  current(): ShiftView | null;
  open(float: Minor, count?: DenominationCount): Promise<Result<ShiftView>>;
  cashIn(amount: Minor, reason: string): Promise<Result<CashMove>>;
  /** A paid-out. `approvedBy` is the approving manager's operator id (required when approvals.paidOut). */
  cashOut(amount: Minor, reason: string, approvedBy?: string): Promise<Result<CashMove>>;
  /** Opens the drawer without a sale and journals it (approval when approvals.noSale). */
  noSale(approvedBy?: string): Promise<Result<{ opened: boolean; code?: string }>>;
  /** The X report of the open shift. */
  x(): Result<ShiftReport>;
  /** Closes the open shift with the cash counted; resolves with its Z report. */
  close(counted: Minor, count?: DenominationCount): Promise<Result<ShiftReport>>;
  /** A closed Z again (default: the register's last), marked COPY. */
  z(n?: number): Result<ShiftReport>;
  /** The report as the printer's plain text (the receipt width unless given). */
  text(report: ShiftReport, width?: 32 | 42 | 48): string;
  /** Prints a report on the receipt printer (a failed job is kept for a reprint, like a receipt). */
  printReport(report: ShiftReport): Promise<PrintResult>;
  /**
   * Called by the sale commit: with no open shift, "auto" opens one (float 0) and "required" refuses
   * with SHIFT_NOT_OPEN (thrown: the sale stays open, nothing is written).
   */
  ensureForSale(): Promise<void>;
  /** Null when a sale may start now, else why not (shift.mode "required" and no shift open). */
  saleRefusal(): TillError | null;
}

export interface ShiftServiceOptions {
  config: TillConfig;
  store: Store;
  /** The register's printer and drawer; the back office (`till shift`) has neither (no-sale and printing are refused). */
  hardware?: Pick<Hardware, 'printer' | 'drawer'>;
  /** Who is signed in now (the envelope operator of each event). */
  operator: () => { id: string; name: string };
  newId: () => string;
  now: () => Date;
  log?: (line: string) => void;
  /** True while a sale is open on this register (closing is refused: SALE_OPEN). */
  saleOpen?: () => boolean;
  /** Resolves once effects of earlier commits (a sale's drawer line...) are journaled, so the close covers them. */
  settled?: () => Promise<void>;
  operatorName?: (id: string) => string | undefined;
  /**
   * Who approves a paid-out or a no-sale. The register: a manager's PIN given just before
   * (`register.approve(action, pin)`), when the sign-in says the action needs one; a `claimed`
   * approver that is not that manager is not taken. Default (the back office, no PIN at hand): the
   * configuration says whether approval is needed and the caller's `claimed` operator is the approver.
   */
  approver?: (action: ShiftApproval, claimed?: string) => { required: boolean; by?: string };
  /** The approval was used by a journaled action: it is not good for another. */
  approvalUsed?: (action: ShiftApproval) => void;
}

export type ShiftApproval = Extract<ApprovalAction, 'paidOut' | 'noSale'>;

const refusal = (e: unknown): Result<never> => {
  if (e instanceof TillError) return { ok: false, error: e };
  const detail = (e as Error)?.message ?? String(e);
  return fail('INTERNAL_ERROR', `The step failed unexpectedly: ${detail}`, { detail });
};

export function createShiftService(o: ShiftServiceOptions): ShiftService {
  const { config, store, hardware } = o;
  const register = config.register.id;
  const log = o.log ?? (() => {});
  const operatorName = o.operatorName ?? configOperatorName(config, store.state);
  const slice = () => shiftSlice(store.state);
  // A configuration object made before these settings existed (tests, embedders) gets the defaults.
  const mode = () => config.shift?.mode ?? 'auto';
  const approver = o.approver ?? ((action: ShiftApproval, claimed?: string) => ({ required: needsApproval(config.approvals, action), by: claimed }));
  const shift = (): Shift | undefined => openShiftOf(slice(), register);
  let queue: Promise<unknown> = Promise.resolve();

  /** One step at a time; a thrown error becomes a refusal. */
  function serial<T>(step: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = queue.then(step).catch(refusal);
    queue = run.catch(() => {});
    return run;
  }

  const view = (s: Shift): ShiftView => ({
    shiftId: s.shiftId,
    register: s.register,
    openedAt: s.openedAt,
    openedBy: s.openedBy,
    openedByName: operatorName(s.openedBy) ?? s.openedBy,
    float: s.float,
    floatCount: s.floatCount ? { ...s.floatCount } : null,
    auto: s.auto,
    expectedCash: expectedCash(s),
    sales: { count: s.totals.sales.count, total: s.totals.sales.total },
    firstSeq: s.firstSeq,
    lastSeq: s.lastSeq,
  });

  const commit = (id: string, ev: ShiftEvent<unknown>) => store.commit({ id, events: [ev], operator: o.operator().id, at: o.now().toISOString() });

  async function openNow(float: Minor, count: DenominationCount | undefined): Promise<Result<ShiftView>> {
    const shiftId = o.newId();
    const plan = planOpen(shift(), { shiftId, register, float, count, currency: config.currency });
    if (!plan.ok) return plan;
    await commit(shiftId, plan.value);
    const s = shift();
    return s ? ok(view(s)) : fail('SHIFT_NOT_OPEN', 'The shift was saved but the store does not show it open. Restart the register.');
  }

  function move(direction: 'in' | 'out', amount: Minor, reason: string, approvedBy?: string): Promise<Result<CashMove>> {
    return serial(async () => {
      const a = direction === 'out' ? approver('paidOut', approvedBy) : { required: false, by: undefined };
      const plan = planCashMove(shift(), { direction, amount, reason, approvedBy: a.by, approvalRequired: a.required, currency: config.currency });
      if (!plan.ok) return plan;
      const res = await commit(o.newId(), plan.value);
      if (plan.value.data.approvedBy) o.approvalUsed?.('paidOut');
      const moved = shift()?.totals.cash.moves.find((m) => m.seq === res.events[0]?.seq);
      return moved ? ok({ ...moved }) : fail('SHIFT_NOT_OPEN', 'The cash movement was saved but no open shift shows it. Restart the register.');
    });
  }

  // Operators by name beside their ids (who opened, closed, moved cash, sold): screen, print and headless alike.
  const report = (s: Shift, copy = false): ShiftReport =>
    nameOperators(buildShiftReport(s, { currency: config.currency, printedAt: o.now().toISOString(), copy, liability: slice().liability }), operatorName);

  return {
    current() {
      const s = shift();
      return s ? view(s) : null;
    },
    open: (float, count) => serial(() => openNow(float, count)),
    cashIn: (amount, reason) => move('in', amount, reason),
    cashOut: (amount, reason, approvedBy) => move('out', amount, reason, approvedBy),
    noSale(approvedBy) {
      return serial(async () => {
        const a = approver('noSale', approvedBy);
        const check = checkNoSale(shift(), { approvedBy: a.by, approvalRequired: a.required });
        if (!check.ok) return check;
        if (!hardware) return fail('DRAWER_NONE', 'No cash drawer is connected here: open the drawer at the register.');
        const res = await hardware.drawer.open().catch((e: Error) => ({ ok: false, code: 'DRAWER_ERROR', message: e.message }));
        if (!res.ok) log(`drawer (no-sale): ${res.code ?? 'failed'}`);
        // The drawer has moved (or was asked to): the audit line is written either way.
        await commit(o.newId(), noSaleEvent(res.ok, a.by));
        if (a.by) o.approvalUsed?.('noSale');
        return ok(res.ok ? { opened: true } : { opened: false, code: res.code ?? 'DRAWER_ERROR' });
      });
    },
    x() {
      const s = shift();
      return s ? ok(report(s)) : fail('SHIFT_NOT_OPEN', 'No shift is open on this register. Open a shift first.');
    },
    close(counted, count) {
      return serial(async () => {
        await o.settled?.();
        const s = shift();
        const meta = store.state.meta;
        // A parked sale is a customer coming back: it never crosses into the next shift unseen (docs/shift.md).
        const waiting = s ? parkedList(store.state).filter((e) => e.register === register).length : 0;
        if (waiting > 0) return fail('PARKED_SALES_OPEN', '{count} parked sale(s) on this register: recall and finish them, or discard them (Ctrl+P), before closing the shift.', { count: waiting });
        const plan = planClose(s, { counted, count, saleOpen: o.saleOpen?.() ?? false, lastZ: slice().lastZ[register] ?? 0, covers: { seq: meta.seq, hash: meta.hash }, currency: config.currency });
        if (!plan.ok) return plan;
        const res = await commit(`shift-close:${s!.shiftId}`, plan.value);
        if (res.duplicate) return fail('SHIFT_NOT_OPEN', 'This shift is closed already.');
        const closed = closedShift(slice(), register, plan.value.data.z);
        return closed ? ok(report(closed)) : fail('Z_NOT_FOUND', 'The shift was closed but its Z is not in the store. Restart the register.');
      });
    },
    z(n) {
      const c = closedShift(slice(), register, n);
      return c ? ok(report(c, true)) : fail('Z_NOT_FOUND', n === undefined ? 'No shift of this register has been closed yet.' : `There is no Z report ${n} for register ${register}.`, { z: n ?? '' });
    },
    text: (r, width) => reportText(r, config, width, operatorName),
    async printReport(r) {
      if (!hardware) return { ok: false, code: 'PRINTER_NONE', message: 'No printer is connected here: reprint the report at the register.' };
      try {
        const res = await hardware.printer.print(buildReportJob(r, config, operatorName));
        if (!res.ok) log(`print ${r.kind} report: ${res.code ?? 'failed'}`);
        return res;
      } catch (e) {
        log(`print ${r.kind} report: ${(e as Error).message}`);
        return { ok: false, code: 'PRINTER_ERROR', message: (e as Error).message };
      }
    },
    saleRefusal() {
      if (mode() !== 'required' || shift()) return null;
      return new TillError('SHIFT_NOT_OPEN', 'No shift is open on this register. Open a shift before selling.');
    },
    async ensureForSale() {
      const r = await serial(async () => {
        if (shift()) return ok(null);
        if (mode() === 'required') return fail('SHIFT_NOT_OPEN', 'No shift is open on this register. Open a shift before selling.');
        const shiftId = o.newId();
        const plan = planOpen(undefined, { shiftId, register, float: 0, auto: true, currency: config.currency });
        if (!plan.ok) return plan;
        await commit(shiftId, plan.value);
        return ok(null);
      });
      if (!r.ok) throw r.error;
    },
  };
}
