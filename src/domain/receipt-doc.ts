/**
 * A receipt as a list of blocks: what to print, not how. The plain-text renderer (receipt-text.ts)
 * and the ESC/POS renderer (hardware/printer/escpos.ts) both read this, so the saved text file and
 * the paper say the same thing. Widths are terminal columns (a CJK character is 2 columns).
 */
export type Align = 'left' | 'center' | 'right';
export type TextSize = 'normal' | 'double';

export type ReceiptBlock =
  | { type: 'text'; text: string; align?: Align; bold?: boolean; size?: TextSize }
  /** Left text and right amount on one line; the left text wraps, the amount stays whole on the last line. */
  | { type: 'columns'; left: string; right: string; bold?: boolean; size?: TextSize }
  | { type: 'separator'; char?: '-' | '=' | '*' | ' ' }
  /** Code128 (code set B: printable ASCII). Printed centered with the data as readable text below. */
  | { type: 'barcode'; symbology: 'code128'; data: string }
  /** QR code, printed centered. `size` is the module size in dots (1-8, default 4). */
  | { type: 'qr'; data: string; size?: number }
  | { type: 'feed'; lines: number }
  | { type: 'cut' };

export interface ReceiptDoc {
  width: 32 | 42 | 48;
  /** BCP 47 locale the receipt was laid out for; the ESC/POS renderer picks its code page from it. */
  locale: string;
  /** True when every text in the blocks is already ASCII (display.ascii). */
  ascii: boolean;
  blocks: ReceiptBlock[];
}

export const text = (t: string, opts: { align?: Align; bold?: boolean; size?: TextSize } = {}): ReceiptBlock => ({ type: 'text', text: t, ...opts });
export const columns = (left: string, right: string, opts: { bold?: boolean; size?: TextSize } = {}): ReceiptBlock => ({ type: 'columns', left, right, ...opts });
export const separator = (char: '-' | '=' | '*' | ' ' = '-'): ReceiptBlock => ({ type: 'separator', char });
export const barcode = (data: string): ReceiptBlock => ({ type: 'barcode', symbology: 'code128', data });
export const qr = (data: string, size?: number): ReceiptBlock => (size === undefined ? { type: 'qr', data } : { type: 'qr', data, size });
export const feed = (lines = 1): ReceiptBlock => ({ type: 'feed', lines });
export const cut = (): ReceiptBlock => ({ type: 'cut' });

/** Code128 code set B carries printable ASCII only; anything else cannot be a scannable barcode. */
export const isCode128B = (data: string): boolean => /^[\x20-\x7e]{1,80}$/.test(data);
