/**
 * Decodes the Scanned Data Report of a scanner in USB HID-POS mode (HID Point of Sale Usage Tables,
 * usage page 0x8C "Bar Code Scanner"). Pure: reports in, codes out.
 *
 * node-hid 3.4.0 cannot read a device's report descriptor, so the report is read in the layout the
 * scanners' manuals give for report id 0x02 (Honeywell, Zebra's "HID POS", Datalogic; the layout
 * Windows' HID-POS driver expects):
 *
 *   byte 0      report id 0x02 (every other report - attributes, status, trigger - is ignored)
 *   byte 1      number of data bytes in this report
 *   bytes 2-4   symbology identifier: AIM "]E0", or zeros when the scanner does not send one
 *   bytes 5-60  decoded data
 *   byte 63     bit 0: "decode data continued" - the code goes on in the next report
 *
 * and the shorter one some others use (Newland): data straight after the length at byte 2. The two
 * are told apart by bytes 2-4: an AIM identifier (`]` + letter + digit) or three zeros mean the first.
 * A code never starts with `]` or NUL, so no real code is mistaken for an identifier.
 *
 * A long code (a QR) comes in several reports chained by the continued bit; the parts are joined.
 * A chain left open longer than `chainMs` (the rest was lost) is dropped rather than glued to the
 * next scan. The data are bytes: read as UTF-8 when they are valid UTF-8, else as Latin-1. A CR/LF
 * or NUL the scanner appends is not part of the code.
 */

export const SCANNED_DATA_REPORT = 0x02;

export interface HidPosPart {
  /** The data bytes of this report. */
  data: Uint8Array;
  /** The code goes on in the next report. */
  more: boolean;
  /** AIM symbology identifier ("]E0"), "" when none was sent. */
  symbology: string;
}

const isAim = (b: number[]) => b[0] === 0x5d && b[1] >= 0x41 && b[1] <= 0x7a && b[2] >= 0x20 && b[2] < 0x7f;

/** One report -> its part of a code, or null when it is not a scanned data report. */
export function parseHidPosReport(report: Uint8Array | readonly number[]): HidPosPart | null {
  const r = Array.from(report);
  if (r.length < 3 || r[0] !== SCANNED_DATA_REPORT) return null;
  const len = r[1];
  const id = r.slice(2, 5);
  const full = r.length >= 5 && (isAim(id) || (id[0] === 0 && id[1] === 0 && id[2] === 0));
  const start = full ? 5 : 2;
  // The data field is 56 bytes in the full layout (5..60); never read the trailing flag bytes as data.
  const end = Math.min(start + len, full ? Math.min(r.length, 61) : r.length);
  const more = full && r.length >= 64 && (r[63] & 0x01) === 1;
  return { data: Uint8Array.from(r.slice(start, end)), more, symbology: full && isAim(id) ? String.fromCharCode(...id) : '' };
}

/** Bytes of a code -> text: UTF-8 when valid, else Latin-1; without trailing CR, LF and NUL. */
export function codeText(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x00)) end--;
  const b = bytes.subarray(0, end);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return Buffer.from(b).toString('latin1');
  }
}

export interface HidPosAssembler {
  /** One report at time `at` (ms); returns the code it completed, or null. */
  push(report: Uint8Array | readonly number[], at: number): string | null;
  /** Drops a code half received (the device went away). */
  reset(): void;
}

export function createHidPosAssembler(opts: { chainMs?: number } = {}): HidPosAssembler {
  const chainMs = opts.chainMs ?? 1000;
  let parts: Uint8Array[] = [];
  let lastAt = 0;
  return {
    push(report, at) {
      const part = parseHidPosReport(report);
      if (!part) return null;
      if (parts.length && at - lastAt > chainMs) parts = [];
      lastAt = at;
      parts.push(part.data);
      if (part.more) return null;
      const all = Buffer.concat(parts);
      parts = [];
      const code = codeText(all);
      return code === '' ? null : code;
    },
    reset() {
      parts = [];
    },
  };
}
