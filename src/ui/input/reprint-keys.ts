/**
 * Keys of reprinting a receipt by number (issue 11): on the ready screen `.`/F8 opens the prompt
 * "Reprint receipt no.", Enter prints the typed receipt again marked COPY and shows it (Enter alone:
 * the last one); F9 prints the last one at once. On the copy shown, `+`/F9 prints another, arrows
 * scroll, Esc closes. Pure: the lookup and the print are the hook's (register.receipts).
 */
import type { CheckoutEvent } from '../../../machines/checkout.types.js';
import type { Action, MachineScreen } from '../keys/table.js';
import type { InputState } from './state.js';

export interface ReprintKeyResult {
  state: InputState;
  events: CheckoutEvent[];
  /** Find this receipt (null: the last one), print it again as a COPY, and show it when `show`. */
  reprint?: { text: string | null; show: boolean };
}

const same = (state: InputState): ReprintKeyResult => ({ state, events: [] });

/** The reprint prompt and the copy view; null when the action is not reprinting's. */
export function reprintAction(s: InputState, action: Action, screen: MachineScreen, view: { pageRows: number; copyLines: number }): ReprintKeyResult | null {
  const o = s.overlay;
  if (!o && screen === 'idle') {
    if (action === 'reprintPrompt') return same({ ...s, entry: '', qty: null, overlay: { kind: 'reprint' } });
    // F9 on the ready screen: the last receipt, from the journal (so after a restart too).
    if (action === 'reprint') return { state: s, events: [], reprint: { text: null, show: false } };
    return null;
  }
  if (o?.kind === 'reprint') {
    if (action === 'reprintNo') return { state: { ...s, entry: '' }, events: [], reprint: { text: s.entry.trim() || null, show: true } };
    if (action === 'dismiss') return same({ ...s, entry: '', overlay: null });
    return null;
  }
  if (o?.kind === 'copy') {
    const page = Math.max(1, view.pageRows - 1);
    const max = Math.max(0, view.copyLines - view.pageRows);
    const scroll = (d: number) => same({ ...s, overlay: { ...o, top: Math.max(0, Math.min(o.top + d, max)) } });
    switch (action) {
      case 'up':
        return scroll(-1);
      case 'down':
        return scroll(1);
      case 'pageUp':
        return scroll(-page);
      case 'pageDown':
        return scroll(page);
      case 'reprint':
        return { state: s, events: [], reprint: { text: o.receiptNo, show: false } };
      case 'close':
        return same({ ...s, overlay: null });
      default:
        return null;
    }
  }
  return null;
}
