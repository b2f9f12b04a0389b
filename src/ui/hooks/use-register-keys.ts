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
import { makeFmt, pageRows, saleExtraRows, screenOf, searchRows } from '../selectors.js';
import { rewardRows } from '../loyalty-view.js';
import { errorMessage } from '../../i18n/index.js';
import { useKeypress } from './use-keypress.js';
import { routeScan, type ScanView } from '../input/scan-route.js';
import { classifyScan, type ScanPrefixes } from '../../domain/scan-kind.js';
import type { Scan } from '../../../hardware/types.js';

const wedgeOf = (register: Register) => {
  const w = register.config.scanner;
  return { gapMs: w.gapMs, minLength: w.minLength, terminators: w.terminator === 'both' ? (['enter', 'tab'] as const) : ([w.terminator] as const), prefix: w.prefix, suffix: w.suffix };
};

/** Layout numbers the key handler needs (page sizes, scrollable lengths), from the last render. */
export interface KeyLayout {
  bodyRows: number;
  receiptLines: number;
  helpLines: number;
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
  return view;
}

const prefixesOf = (register: Register): ScanPrefixes => {
  const c = register.config.codes;
  return { giftCardPrefix: c.giftCardPrefix, loyaltyPrefix: c.loyaltyPrefix, receiptPrefix: c.receiptPrefix };
};

export function useRegisterKeys(register: Register, screen: MachineScreen, layout: KeyLayout, clock?: () => number): { input: InputState; interactive: boolean } {
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

  /** Sends events; a change of the machine's screen resets what belonged to the old one. */
  const send = (next: InputState, events: readonly CheckoutEvent[]): InputState => {
    const actor = register.actor;
    const before = screenOf(actor.getSnapshot());
    for (const ev of events) actor.send(ev);
    const after = screenOf(actor.getSnapshot());
    if (after === before) return next;
    shown.current = after;
    return onScreenChange(next);
  };

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

  /** What the key and scan handlers need to know of the register at the moment the input arrives. */
  const viewNow = (): KeyView => {
    const before = register.actor.getSnapshot();
    const screenNow = screenOf(before);
    const { bodyRows, receiptLines, helpLines } = layoutRef.current;
    return {
      screen: screenNow,
      lineIds: before.context.cart.lines.map((l) => l.id),
      tenderIds: before.context.tenders.map((tn) => tn.id),
      currency: register.config.currency,
      pageRows: pageRows(screenNow, state.current.help !== null, bodyRows, saleExtraRows(before.context, bodyRows)),
      receiptLines,
      helpLines,
      ...overlayView(register, before, state.current, bodyRows),
    };
  };

  /** The UI's router of the register's one scan entry: the routing table, with overlays and prompts. */
  const onScan = (scan: Scan) => {
    const v: ScanView = { ...viewNow(), confirmPending: register.actor.getSnapshot().context.confirm != null };
    const r = routeScan(state.current, scan, classifyScan(scan.code, prefixesOf(register)), v);
    apply(send(r.state, r.events));
  };
  const router = useRef(onScan);
  router.current = onScan;
  // A layout effect, as the key listener's: installed in the commit that first draws the screen.
  useLayoutEffect(() => register.scans.route((scan) => router.current(scan)), [register]);

  const { interactive } = useKeypress(
    (key: Key) => {
      const actor = register.actor;
      const r = handleKey(state.current, key, viewNow());
      let next = send(r.state, r.events);
      // A claim the machine accepted closes the rewards list; a refusal keeps it open with the reason.
      if (r.onOk && actor.getSnapshot().context.message?.level !== 'error') next = r.onOk;
      apply(next);
      if (r.create) createCustomer(r.create);
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
