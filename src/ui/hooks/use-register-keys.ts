/**
 * Keys -> checkout events. Keeps the input state (entry line, pending quantity, prompts, selection)
 * and runs each key through the pure handler against the machine's *current* snapshot, so a scanner
 * burst ("101⏎102⏎") is handled key by key exactly as if typed slowly.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from 'ink';
import type { Register } from '../../register.js';
import type { Key } from '../keys/decode.js';
import type { Screen } from '../keys/table.js';
import { handleKey, type KeyView } from '../input/handle-key.js';
import { initialInput, onScreenChange, type InputState } from '../input/state.js';
import { pageRows, screenOf } from '../selectors.js';
import { useKeypress } from './use-keypress.js';

/** Layout numbers the key handler needs (page sizes, scrollable lengths), from the last render. */
export interface KeyLayout {
  bodyRows: number;
  receiptLines: number;
  helpLines: number;
}

export function useRegisterKeys(register: Register, screen: Screen, layout: KeyLayout): { input: InputState; interactive: boolean } {
  const { exit } = useApp();
  const [input, setInput] = useState<InputState>(initialInput);
  const state = useRef(input);
  const shown = useRef<Screen>(screen);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  // A transition the keyboard did not cause (commit finished, scanner device) resets the entry too.
  useEffect(() => {
    if (shown.current === screen) return;
    shown.current = screen;
    state.current = onScreenChange(state.current);
    setInput(state.current);
  }, [screen]);

  const { interactive } = useKeypress((key: Key) => {
    const actor = register.actor;
    const before = actor.getSnapshot();
    const screenNow = screenOf(before);
    const { bodyRows, receiptLines, helpLines } = layoutRef.current;
    const view: KeyView = {
      screen: screenNow,
      lineIds: before.context.cart.lines.map((l) => l.id),
      tenderIds: before.context.tenders.map((tn) => tn.id),
      currency: register.config.currency,
      pageRows: pageRows(screenNow, state.current.help !== null, bodyRows),
      receiptLines,
      helpLines,
    };
    const r = handleKey(state.current, key, view);
    let next = r.state;
    for (const ev of r.events) actor.send(ev);
    const after = screenOf(actor.getSnapshot());
    if (after !== view.screen) {
      next = onScreenChange(next);
      shown.current = after;
    }
    state.current = next;
    setInput(next);
    if (r.quit) exit();
  });

  return { input, interactive };
}
