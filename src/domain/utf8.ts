/**
 * Strict UTF-8 decoding for files from outside (a product CSV saved as Latin-1 or CP1251 must be
 * refused, not imported as "Caf� cr�me"). Pure: bytes in, text or the position of the first bad byte.
 */
export type Utf8Result = { ok: true; text: string } | { ok: false; line: number; column: number; byte: number };

/** Length of the valid UTF-8 sequence at `i`, or 0 if the bytes there are not one. */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) (n = 2), (min = 0x80);
  else if (c >= 0xe0 && c <= 0xef) (n = 3), (min = 0x800);
  else if (c >= 0xf0 && c <= 0xf4) (n = 4), (min = 0x10000);
  else return 0;
  if (i + n > b.length) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const x = b[i + k];
    if ((x & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (x & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // Find the first bad byte to name its line and column (column counted in characters).
    let line = 1;
    let column = 1;
    for (let i = 0; i < bytes.length; ) {
      const n = sequenceAt(bytes, i);
      if (n === 0) return { ok: false, line, column, byte: bytes[i] };
      if (bytes[i] === 0x0a) (line++, (column = 1));
      else column++;
      i += n;
    }
    return { ok: false, line, column, byte: 0 };
  }
}
