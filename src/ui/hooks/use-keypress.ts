/**
 * Raw keyboard input. Ink's useInput does not report F-keys, so this listens to the stdin chunks Ink
 * reads (the `data` events its `read()` emits) and decodes them itself (keys/decode.ts).
 * Off a TTY there is no raw mode: the hook listens to nothing and reports `interactive: false`, and
 * the register renders read-only instead of crashing.
 */
import { useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { createKeyDecoder, type Key } from '../keys/decode.js';

/** How long a lone ESC waits for the rest of a sequence split across reads. */
const ESC_WAIT_MS = 30;

export function useKeypress(onKey: (key: Key) => void): { interactive: boolean } {
  const { stdin, setRawMode, isRawModeSupported } = useStdin();
  const handler = useRef(onKey);
  handler.current = onKey;
  const interactive = isRawModeSupported === true;

  // A layout effect: the listener is attached in the same commit that first draws the screen, so no
  // keystroke that follows a visible frame is lost.
  useLayoutEffect(() => {
    if (!interactive) return;
    setRawMode(true);
    const decoder = createKeyDecoder();
    let timer: NodeJS.Timeout | undefined;
    const deliver = (keys: Key[]) => {
      for (const k of keys) handler.current(k);
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
      stdin.off('data', onData);
      setRawMode(false);
    };
  }, [interactive, stdin, setRawMode]);

  return { interactive };
}
