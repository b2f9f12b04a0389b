/**
 * Splits a byte stream into lines (LF or CRLF) without holding more than `maxBytes` of one line: a
 * longer line is reported as `tooLong` and skipped up to its newline, so one runaway line cannot
 * exhaust memory or stop the lines after it.
 */
import type { Readable } from 'node:stream';

export type Line = { tooLong: false; text: string } | { tooLong: true; text?: undefined };

export async function* readLines(input: Readable, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const take = (): Line => {
    const out: Line = skipping ? { tooLong: true } : { tooLong: false, text: Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '') };
    parts = [];
    size = 0;
    skipping = false;
    return out;
  };
  for await (const chunk of input) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    let start = 0;
    while (start <= buf.length) {
      const nl = buf.indexOf(10, start);
      const end = nl === -1 ? buf.length : nl;
      if (!skipping) {
        if (size + (end - start) > maxBytes) {
          skipping = true;
          parts = [];
          size = 0;
        } else if (end > start) {
          parts.push(buf.subarray(start, end));
          size += end - start;
        }
      }
      if (nl === -1) break;
      yield take();
      start = nl + 1;
    }
  }
  if (skipping || size > 0) yield take();
}
