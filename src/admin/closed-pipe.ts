/**
 * A reader that went away (`till giftcard show CODE | head -3`, a headless client that closed its
 * end) is not an error of the register: the command ends quietly, without a stack trace. Writing to
 * a closed pipe fails with EPIPE, emitted asynchronously on the stream; later writes fail with
 * ERR_STREAM_DESTROYED.
 */
import type { Writable } from 'node:stream';

const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ECONNRESET']);

export const isClosedPipe = (e: unknown): boolean => CLOSED.has((e as NodeJS.ErrnoException | undefined)?.code ?? '');

/**
 * Watches `stream` for a closed reader. `closed()` says whether it happened; `write` drops output
 * once it has. Any other stream error is handed to `onOther` (default: ignored, the write that
 * caused it has already failed).
 */
export function guardOutput(stream: Writable, onOther: (e: Error) => void = () => {}): { closed: () => boolean; write: (text: string) => void } {
  let closed = false;
  stream.on('error', (e: Error) => {
    if (isClosedPipe(e)) closed = true;
    else onOther(e);
  });
  return {
    closed: () => closed,
    write: (text) => {
      if (closed || stream.destroyed) return;
      stream.write(text);
    },
  };
}
