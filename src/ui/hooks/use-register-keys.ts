/**
 * Keys -> checkout events. Keeps the input state (entry line, pending quantity, prompts, overlays,
 * selection) and runs each key through the pure handler against the machine's *current* snapshot, so
 * a scanner burst ("101⏎102⏎") is handled key by key exactly as if typed slowly. The one effect that
 * is not a checkout event, creating a customer, is run here: journaled by the register, then attached.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useApp } from 'ink';
import type { Register } from '../../register.js';
import type { CheckoutEvent } from '../../../machines/checkout.types.js';
import type { Key } from '../keys/decode.js';
import type { MachineScreen } from '../keys/table.js';
import { handleKey, type KeyView } from '../input/handle-key.js';
import { formRefused } from '../input/overlay-keys.js';
import { initialInput, onScreenChange, type InputState } from '../input/state.js';
import { decimalSeparator, machineMessageText, makeFmt, pageRows, saleExtraRows, screenOf, searchRows, tillScreen } from '../selectors.js';
import type { ReturnEvent } from '../../../machines/return.types.js';
import type { CheckoutMessage } from '../../../machines/checkout.types.js';
import { returnPageRows } from '../screens/ReturnScreen.js';
import { rewardRows } from '../loyalty-view.js';
import { errorMessage } from '../../i18n/index.js';
import { useKeypress } from './use-keypress.js';
import { routeScan, type ScanView } from '../input/scan-route.js';
import type { ParkedKeyRow } from '../input/park-keys.js';
import { classifyScan, type ScanPrefixes } from '../../domain/scan-kind.js';
import { productOf } from '../../domain/returns/no-receipt.js';
import type { Scan } from '../../../hardware/types.js';
import type { SessionScreen } from '../keys/table.js';
import { sessionScreenOf } from './use-session.js';
import type { ApprovalAction } from '../../domain/operators/approval.js';
import { ACTION_LABEL } from '../../domain/operators/approval.js';
import { pendingQuestion } from '../../../machines/checkout.confirm.js';
import type { ShiftOp } from '../input/shift-keys.js';
import type { ShiftReport } from '../../domain/shift/report.js';
import { LANGUAGE_NAMES, type Language } from '../../i18n/languages.js';

const wedgeOf = (register: Register) => {
  const w = register.config.scanner;
  return { gapMs: w.gapMs, minLength: w.minLength, terminators: w.terminator === 'both' ? (['enter', 'tab'] as const) : ([w.terminator] as const), prefix: w.prefix, suffix: w.suffix };
};

/** Layout numbers the key handler needs (page sizes, scrollable lengths), from the last render. */
export interface KeyLayout {
  bodyRows: number;
  /** Columns of the UI (the return screen's page of lines depends on what its refund takes). */
  columns?: number;
  receiptLines: number;
  helpLines: number;
}

/** The till's screen now: a return's while one is taken, else the checkout's. */
const screenNowOf = (register: Register): MachineScreen => tillScreen(register.actor.getSnapshot(), register.returns.actor.getSnapshot());

/**
 * What the return keys see: the receipt's lines with what is chosen, the items brought back without a
 * receipt and the exchange's new items (with their products), what is still due, the refund mode, a page.
 */
function returnView(register: Register, bodyRows: number, columns: number): Partial<KeyView> {
  const c = register.returns.actor.getSnapshot().context;
  if (!c.open) return {};
  const skuOf = (code: string) => productOf(register.store.catalog, code)?.sku;
  const items = (list: readonly { code: string; qty: number }[]) => list.map((i) => ({ code: i.code, qty: i.qty, sku: skuOf(i.code) }));
  return {
    returnRows: c.open.rows.map((r) => ({ lineId: r.lineId, sku: r.sku, returnable: r.returnable, qty: c.picks[r.lineId] ?? 0 })),
    refundMode: c.mode,
    returnPage: returnPageRows(c, makeFmt(register.config), columns, bodyRows),
    backItems: items(c.items),
    newItems: items(c.extra),
    skuOf,
    exchangeDue: c.exchange?.due ?? 0,
    hasReceipt: c.open.sale !== null,
  };
}

/** What the overlays show, read from the register at the moment a key arrives. */
function overlayView(register: Register, snap: ReturnType<Register['actor']['getSnapshot']>, s: InputState, bodyRows: number): Partial<KeyView> {
  const o = s.overlay;
  const ctx = snap.context;
  const view: Partial<KeyView> = { attached: ctx.customer !== null, giftCardPrefix: register.config.codes.giftCardPrefix, scanPrefixes: prefixesOf(register) };
  if (o?.kind === 'customers') {
    view.customerIds = register.customers.search(o.query, searchRows(bodyRows)).map((a) => a.id);
    const ladder = ctx.deps.loyalty?.ladder() ?? null;
    if (ctx.deps.loyalty) view.formDefaults = { ...register.customers.preview(), tiers: (ladder?.tiers ?? []).map((t) => t.id) };
  }
  if (o?.kind === 'rewards') view.rewardRows = rewardRows(ctx, makeFmt(register.config));
  if (o?.kind === 'products') view.productSkus = register.products.search(o.query, searchRows(bodyRows)).map((p) => p.sku);
  view.quickKeys = register.quickKeys;
  if (ctx.pricePrompt) view.pricePromptName = ctx.pricePrompt.name;
  return view;
}

/** The parked sales as the keys see them (the list's rows, totals formatted for the question). */
const parkedRows = (register: Register): ParkedKeyRow[] => {
  const fmt = makeFmt(register.config);
  return register.parked.list().map((p) => ({ parkId: p.parkId, no: p.no, lines: p.lines, total: fmt.money(p.total) }));
};

const prefixesOf = (register: Register): ScanPrefixes => {
  const c = register.config.codes;
  return { giftCardPrefix: c.giftCardPrefix, loyaltyPrefix: c.loyaltyPrefix, receiptPrefix: c.receiptPrefix };
};

export function useRegisterKeys(register: Register, screen: MachineScreen, layout: KeyLayout, clock?: () => number, session: SessionScreen | null = null): { input: InputState; interactive: boolean } {
  const { exit } = useApp();
  const [input, setInput] = useState<InputState>(initialInput);
  const state = useRef(input);
  const shown = useRef<MachineScreen>(screen);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  const apply = (next: InputState) => {
    state.current = next;
    setInput(next);
  };

  // A transition the keyboard did not cause (commit finished, scanner device) resets the entry too.
  useEffect(() => {
    if (shown.current === screen) return;
    shown.current = screen;
    apply(onScreenChange(state.current));
  }, [screen]);
  // Signing in, out or locking: what was typed (a PIN) is gone, and so is an open overlay.
  const shownSession = useRef(session);
  useEffect(() => {
    if (shownSession.current === session) return;
    shownSession.current = session;
    apply({ ...onScreenChange(state.current), notice: null });
  }, [session]);

  /** The return machine's message as the cashier's notice; a manager's PIN asked for on the spot. */
  const returnMessage = (next: InputState, m: CheckoutMessage): InputState => {
    if (m.code === 'APPROVAL_REQUIRED') {
      // The refund, or a return without a receipt: the machine names the action the manager approves.
      const action = (Object.keys(ACTION_LABEL).includes(String(m.params?.action)) ? m.params!.action : 'refund') as ApprovalAction;
      return { ...next, entry: '', confirm: null, overlay: { kind: 'approval', action, label: ACTION_LABEL[action], thenReturn: true } };
    }
    return { ...next, notice: { key: `error.${m.code}`, params: m.params, level: m.level === 'error' ? 'error' : 'info', text: machineMessageText(m) } };
  };

  /** Events for the return machine, first: a refusal it answers becomes the notice (`refused`). */
  const sendReturns = (next: InputState, events: readonly ReturnEvent[]): { state: InputState; refused: boolean } => {
    if (events.length === 0) return { state: next, refused: false };
    const actor = register.returns.actor;
    const m0 = actor.getSnapshot().context.message;
    const was = actor.getSnapshot().value;
    for (const ev of events) actor.send(ev);
    // A return opened from the paid screen or the last receipt: the finished sale is left (it stays
    // the last receipt), so closing the return comes back to a till ready for the next sale.
    if (was !== 'open' && actor.getSnapshot().value === 'open') {
      const co = register.actor.getSnapshot();
      if (co.matches('committed')) register.actor.send({ type: 'sale.next' });
      else if (co.matches('receipt')) register.actor.send({ type: 'receipt.close' });
    }
    const m = actor.getSnapshot().context.message;
    if (!m || m === m0) return { state: next, refused: false };
    return { state: returnMessage(next, m), refused: m.level === 'error' && m.code !== 'APPROVAL_REQUIRED' };
  };

  /** Sends events; a change of the till's screen resets what belonged to the old one. */
  const send = (next0: InputState, events: readonly CheckoutEvent[], returns: readonly ReturnEvent[] = []): InputState => {
    const actor = register.actor;
    const before = screenNowOf(register);
    const next = sendReturns(next0, returns).state;
    const msgBefore = actor.getSnapshot().context.message;
    for (const ev of events) actor.send(ev);
    const snapAfter = actor.getSnapshot();
    const after = screenNowOf(register);
    // The machine wants a manager: ask for the PIN on the spot (the action is repeated once approved).
    const m = snapAfter.context.message;
    if (m && m !== msgBefore && m.code === 'APPROVAL_REQUIRED') {
      const action: ApprovalAction = 'void';
      return { ...next, entry: '', confirm: null, overlay: { kind: 'approval', action, label: ACTION_LABEL[action] } };
    }
    if (after === before) return next;
    shown.current = after;
    // The quick-key grid stays open while its first item opens the sale: the next key is the next item.
    if (next.overlay?.kind === 'quickKeys' && after === 'sale') return { ...onScreenChange(next), overlay: next.overlay };
    // A notice the return machine just gave (the receipt it cannot open) outlives the screen change.
    return { ...onScreenChange(next), ...(next.overlay?.kind === 'approval' ? { overlay: next.overlay } : {}) };
  };

  // A commit that failed after its time on the journal (a full drawer, no shift, the disk): the
  // return is open again and its reason is the notice; an approval the books asked for is asked.
  useEffect(() => {
    let was = register.returns.actor.getSnapshot().value;
    const sub = register.returns.actor.subscribe((snap) => {
      const prev = was;
      was = snap.value;
      if (prev !== 'committing' || snap.value !== 'open' || !snap.context.message) return;
      apply(returnMessage(state.current, snap.context.message));
    });
    return () => sub.unsubscribe();
  }, [register]);

  const createCustomer = (input: NonNullable<ReturnType<typeof handleKey>['create']>) => {
    register.customers.create(input).then(
      (res) => {
        const cur = state.current;
        if (cur.overlay?.kind !== 'newCustomer') return;
        if (!res.ok) return apply(formRefused(cur, res.error.code, errorMessage(res.error)));
        const next = send({ ...cur, overlay: null, entry: '' }, [{ type: 'customer.attach', customerId: res.value.id }]);
        apply({ ...next, notice: { key: 'ui.notice.customerCreated', params: { name: res.value.name, card: res.value.card }, level: 'info' } });
      },
      (e: { code?: string; message?: string }) => {
        const code = typeof e?.code === 'string' ? e.code : 'IO_ERROR';
        apply(formRefused(state.current, code, errorMessage({ code, message: e?.message })));
      },
    );
  };

  /**
   * A receipt printed again as a COPY (register.receipts): shown when asked for by number; an
   * unknown number is the message and the prompt stays for another try.
   */
  const reprint = (req: { text: string | null; show: boolean }) => {
    const f = register.receipts.find(req.text);
    const cur = state.current;
    if (!f.ok) return apply({ ...cur, entry: '', notice: { key: `error.${f.error.code}`, params: f.error.params, level: 'error', text: errorMessage(f.error) } });
    const c = f.value;
    const lines = c.text.replace(/\n+$/, '').split('\n');
    apply({ ...cur, entry: '', overlay: req.show ? { kind: 'copy', receiptNo: c.receiptNo, of: c.kind, lines, top: 0 } : cur.overlay });
    void register.receipts.print(c).then((res) =>
      apply({ ...state.current, notice: { key: res.ok ? 'ui.notice.copyPrinted' : 'ui.notice.copyWaiting', params: { receipt: c.receiptNo }, level: res.ok ? 'info' : 'error' } }),
    );
  };

  /** Discards a park (journaled with the operator); the list closes when none is left. */
  const discardPark = (parkId: string) => {
    const fail = (e: { code: string; message: string; params?: Record<string, string | number> }) =>
      apply({ ...state.current, notice: { key: `error.${e.code}`, params: e.params, level: 'error', text: errorMessage(e) } });
    register.parked.discard(parkId).then((res) => {
      if (!res.ok) return fail(res.error);
      const cur = state.current;
      const left = register.parked.list().length;
      const overlay = cur.overlay?.kind === 'parked' ? (left ? { ...cur.overlay, sel: Math.min(cur.overlay.sel, left - 1) } : null) : cur.overlay;
      apply({ ...cur, overlay, notice: { key: 'ui.notice.parkDiscarded', params: { no: res.value.no }, level: 'info' } });
    }, (e: Error & { code?: string }) => fail({ code: e.code ?? 'IO_ERROR', message: e.message }));
  };

  /** A manager's PIN for the action waiting: approved, the action is repeated; refused, the prompt stays. */
  const approve = (cur: InputState, action: ApprovalAction, pin: string): InputState => {
    const res = register.approve(action, pin);
    if (!res.ok) return { ...cur, entry: '', notice: { key: `error.${res.error.code}`, params: res.error.params, level: 'error', text: errorMessage(res.error) } };
    const retry = cur.overlay?.kind === 'approval' ? cur.overlay.retry : undefined;
    const closed = { ...cur, overlay: null, entry: '' };
    if (retry) {
      runShift(retry);
      return closed;
    }
    if (cur.overlay?.kind === 'approval' && cur.overlay.thenReturn) return send(closed, [], [{ type: 'return.commit' }]);
    return send(closed, action === 'void' ? [{ type: 'cart.void' }] : []);
  };

  /** The last X or Z shown, for "print it". */
  const shownReport = useRef<ShiftReport | null>(null);
  /** Runs a shift operation; the outcome (or the manager's PIN it needs) lands in the input state. */
  const runShift = (op: ShiftOp): void => {
    const sh = register.shift;
    const money = (m: number) => makeFmt(register.config).money(m);
    const fail = (e: { code: string; message: string; params?: Record<string, string | number> }) => {
      const cur = state.current;
      if (e.code === 'APPROVAL_REQUIRED' && (op.op === 'cashOut' || op.op === 'noSale')) {
        const action: ApprovalAction = op.op === 'cashOut' ? 'paidOut' : 'noSale';
        return apply({ ...cur, entry: '', overlay: { kind: 'approval', action, label: ACTION_LABEL[action], retry: op } });
      }
      apply({ ...cur, notice: { key: `error.${e.code}`, params: e.params, level: 'error', text: errorMessage(e) } });
    };
    const done = (key: string, params: Record<string, string | number> = {}, overlay: InputState['overlay'] = null) =>
      apply({ ...state.current, entry: '', overlay, notice: { key, params, level: 'info' } });
    const showReport = (r: ShiftReport, key: string) => {
      shownReport.current = r;
      const lines = sh.text(r).replace(/\n+$/, '').split('\n');
      done(key, {}, { kind: 'shift', step: 'report', sel: 0, item: null, amount: null, lines, top: 0 });
    };
    const settle = <T,>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; params?: Record<string, string | number> } }>, onOk: (v: T) => void) =>
      p.then((r) => (r.ok ? onOk(r.value) : fail(r.error)), (e: Error & { code?: string }) => fail({ code: e.code ?? 'IO_ERROR', message: e.message }));
    switch (op.op) {
      case 'open':
        return void settle(sh.open(op.amount), () => done('ui.shift.done.open', { amount: money(op.amount) }));
      case 'cashIn':
        return void settle(sh.cashIn(op.amount, op.reason), () => done('ui.shift.done.cashIn', { amount: money(op.amount) }));
      case 'cashOut':
        return void settle(sh.cashOut(op.amount, op.reason), () => done('ui.shift.done.cashOut', { amount: money(op.amount) }));
      case 'noSale':
        return void settle(sh.noSale(), () => done('ui.shift.done.noSale'));
      case 'x': {
        const r = sh.x();
        return r.ok ? showReport(r.value, 'ui.shift.report') : fail(r.error);
      }
      case 'close':
        return void settle(sh.close(op.amount), (r) => {
          showReport(r, 'ui.shift.done.close');
          void sh.printReport(r);
        });
      case 'print':
        if (shownReport.current) void sh.printReport(shownReport.current).then(() => done('ui.shift.done.print', {}, state.current.overlay));
        return;
    }
  };

  /** What the key and scan handlers need to know of the register at the moment the input arrives. */
  const viewNow = (): KeyView => {
    const before = register.actor.getSnapshot();
    const screenNow = screenNowOf(register);
    const { bodyRows, receiptLines, helpLines, columns = 80 } = layoutRef.current;
    return {
      screen: screenNow,
      session: sessionScreenOf(register.session.status()),
      lineIds: before.context.cart.lines.map((l) => l.id),
      tenderIds: before.context.tenders.map((tn) => tn.id),
      currency: register.config.currency,
      pageRows: pageRows(screenNow, state.current.help !== null, bodyRows, saleExtraRows(before.context, bodyRows)),
      receiptLines,
      helpLines,
      question: pendingQuestion(before) !== null,
      message: before.context.message !== null,
      decimal: decimalSeparator(register.config.locale),
      parkedRows: screenNow === 'idle' || screenNow === 'committed' ? parkedRows(register) : [],
      ...overlayView(register, before, state.current, bodyRows),
      ...(screenNow === 'return' || screenNow === 'returnItems' ? returnView(register, bodyRows, columns) : {}),
    };
  };

  /** The UI's router of the register's one scan entry: the routing table, with overlays and prompts. */
  const onScan = (scan: Scan) => {
    const v: ScanView = {
      ...viewNow(),
      confirmPending: register.actor.getSnapshot().context.confirm != null,
      productSku: (code) => register.store.catalog.byBarcode(code)?.sku,
    };
    const r = routeScan(state.current, scan, classifyScan(scan.code, prefixesOf(register)), v);
    if (register.session.status() === 'signedIn') register.session.actor.send({ type: 'session.activity' });
    const took = r.returns && r.onOk ? register.returns.actor.getSnapshot().context.message : undefined;
    let next = send(r.state, r.events, r.returns);
    // An item the return machine took is selected; a refusal (an unknown barcode) keeps the selection.
    if (r.returns && r.onOk) {
      const m = register.returns.actor.getSnapshot().context.message;
      if (!(m && m !== took && m.level === 'error')) next = { ...r.onOk, notice: next.notice };
    }
    apply(next);
    for (const ev of r.session ?? []) register.session.actor.send(ev);
    if (r.reprint) reprint(r.reprint);
  };
  const router = useRef(onScan);
  router.current = onScan;
  // A layout effect, as the key listener's: installed in the commit that first draws the screen.
  useLayoutEffect(() => register.scans.route((scan) => router.current(scan)), [register]);

  const { interactive } = useKeypress(
    (key: Key) => {
      const actor = register.actor;
      if (register.session.status() === 'signedIn') register.session.actor.send({ type: 'session.activity' });
      const r = handleKey(state.current, key, viewNow());
      const took = r.returns && r.onOk ? register.returns.actor.getSnapshot().context.message : undefined;
      let next = send(r.state, r.events, r.returns);
      // A quantity the return machine took moves the selection on; a refusal keeps it with the reason.
      if (r.returns && r.onOk) {
        const m = register.returns.actor.getSnapshot().context.message;
        if (!(m && m !== took && m.level === 'error')) next = { ...r.onOk, notice: next.notice };
      }
      for (const ev of r.session ?? []) register.session.actor.send(ev);
      if (r.approve) next = approve(next, r.approve.action, r.approve.pin);
      apply(next);
      if (r.shift) runShift(r.shift);
      next = state.current;
      // A claim the machine accepted closes the rewards list; a refusal keeps it open with the reason.
      // (Only on the sale: an open-price item from the quick keys went on to ask its price.)
      if (r.onOk && !r.returns && actor.getSnapshot().context.message?.level !== 'error' && screenOf(actor.getSnapshot()) === 'sale') next = r.onOk;
      if (r.language) {
        const lang = register.switchLanguage();
        next = { ...next, notice: { key: 'ui.notice.language', params: { name: LANGUAGE_NAMES[lang as Language] ?? lang }, level: 'info' } };
      }
      apply(next);
      if (r.create) createCustomer(r.create);
      if (r.discard) discardPark(r.discard);
      if (r.reprint) reprint(r.reprint);
      if (r.quit) exit();
    },
    {
      // A keyboard-wedge scan enters where a device scan does: the register's one scan entry.
      onScan: (code, at) => register.scans.deliver({ code, at, source: 'keyboard' }),
      wedge: wedgeOf(register),
      now: clock,
    },
  );

  return { input, interactive };
}
