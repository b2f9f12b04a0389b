/**
 * Raw keyboard input. Ink's useInput does not report F-keys, so this listens to the stdin chunks Ink
 * reads (the `data` events its `read()` emits) and decodes them itself (keys/decode.ts). Every key
 * then passes the keyboard-wedge detector (keys/wedge.ts): a scanner's burst comes out as one scan
 * (`onScan`), a person's keys come out as keys (a printable key up to `gapMs` later).
 * Off a TTY there is no raw mode: the hook listens to nothing and reports `interactive: false`, and
 * the register renders read-only instead of crashing.
 */
import { useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { createKeyDecoder, type Key } from '../keys/decode.js';
import { createWedgeDetector, type WedgeOutput, type WedgeSettings } from '../keys/wedge.js';

/** How long a lone ESC waits for the rest of a sequence split across reads. */
const ESC_WAIT_MS = 30;

export interface KeypressOptions {
  /** A complete scan told apart from typing. */
  onScan: (code: string, at: number) => void;
  wedge?: Partial<WedgeSettings>;
  /** Clock of the key timings (tests inject one). */
  now?: () => number;
}

export function useKeypress(onKey: (key: Key) => void, opts: KeypressOptions): { interactive: boolean } {
  const { stdin, setRawMode, isRawModeSupported } = useStdin();
  const handler = useRef(onKey);
  handler.current = onKey;
  const options = useRef(opts);
  options.current = opts;
  const interactive = isRawModeSupported === true;

  // A layout effect: the listener is attached in the same commit that first draws the screen, so no
  // keystroke that follows a visible frame is lost.
  useLayoutEffect(() => {
    if (!interactive) return;
    setRawMode(true);
    const decoder = createKeyDecoder();
    const wedge = createWedgeDetector(options.current.wedge);
    const now = () => (options.current.now ?? Date.now)();
    let timer: NodeJS.Timeout | undefined;
    let wedgeTimer: NodeJS.Timeout | undefined;
    const emit = (out: WedgeOutput[]) => {
      for (const o of out) {
        // One key's trouble must not swallow the keys after it.
        try {
          if (o.kind === 'scan') options.current.onScan(o.code, o.at);
          else handler.current(o.key);
        } catch (e) {
          process.emitWarning(`key handler: ${(e as Error).message}`);
        }
      }
    };
    const armWedge = () => {
      if (wedgeTimer) clearTimeout(wedgeTimer);
      wedgeTimer = undefined;
      const due = wedge.deadline();
      // Held keys are typing once the gap passes with nothing after them.
      if (due !== null) wedgeTimer = setTimeout(() => emit(wedge.flush()), Math.max(1, due - now() + 1));
    };
    const deliver = (keys: Key[]) => {
      const at = now();
      for (const k of keys) emit(wedge.push(k, at));
      armWedge();
    };
    const onData = (data: string | Buffer) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      deliver(decoder.push(data));
      if (decoder.pending()) timer = setTimeout(() => deliver(decoder.flush()), ESC_WAIT_MS);
    };
    stdin.on('data', onData);
    return () => {
      if (timer) clearTimeout(timer);
      if (wedgeTimer) clearTimeout(wedgeTimer);
      stdin.off('data', onData);
      setRawMode(false);
    };
  }, [interactive, stdin, setRawMode]);

  return { interactive };
}
