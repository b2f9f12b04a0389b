/**
 * ReceiptDoc -> ESC/POS bytes, built with node-thermal-printer in buffer-only mode (no interface: the
 * bytes go to a Printer transport, see hardware/types.ts). Known traps of the library, handled here:
 * - cut() ends with ESC @, which resets the code page: it is re-selected if anything follows a cut;
 * - getText() mangles non-ASCII: only getBuffer() is used, and tests assert on bytes;
 * - openCashDrawer() omits the pulse timing bytes: the drawer is never kicked from here (a receipt
 *   does not open the drawer); `drawerKick()` gives the full ESC p m t1 t2 for a printer-driven drawer;
 * - printQR() counts characters, not bytes: non-ASCII QR data is framed here with its byte length.
 * Lines are laid out here (same functions as the text rendering) so double-size text wraps at half width.
 */
import ntp from 'node-thermal-printer';
import type { ReceiptBlock, ReceiptDoc } from '../../src/domain/receipt-doc.js';
import { isCode128B } from '../../src/domain/receipt-doc.js';
import { columnLines, fit, wrap } from '../../src/domain/receipt-text.js';
import { CHARSETS, CHINESE_MODE_OFF, charsetFor, encodeText, printable, type EscPosCharset } from './escpos-charset.js';

const { ThermalPrinter, PrinterTypes } = ntp;

export interface EscPosOptions {
  width: 32 | 42 | 48;
  /** Picks the code page when `charset` is not given. */
  locale?: string;
  /** Code page; default from the locale (ru -> pc866, vi -> wpc1258, zh -> gb18030, else wpc1252). */
  charset?: EscPosCharset;
  /** ESC t number of the charset on this printer when it is not Epson's (-1/undefined = Epson's). */
  codeTable?: number;
  /** Print dots per line: 384 on 58 mm paper, 576 on 80 mm. Default: 384 for width 32, else 576. */
  dots?: number;
}

export { charsetFor, type EscPosCharset };

/** ESC p m t1 t2: pulse on pin 2 (m=0) or 5 (m=1), on for t1*2 ms, off for t2*2 ms (defaults 120/240 ms). */
export function drawerKick(pin: 2 | 5 = 2, onMs = 120, offMs = 240): Uint8Array {
  const t = (ms: number) => Math.max(1, Math.min(255, Math.round(ms / 2)));
  return Uint8Array.from([0x1b, 0x70, pin === 5 ? 1 : 0, t(onMs), t(offMs)]);
}

/** Code128 module width (GS w, 2-6) so the symbol plus quiet zones fits the paper; 0 if it cannot. */
export function code128ModuleWidth(data: string, dots: number): number {
  // start + data + check (11 modules each) + stop (13) + 10-module quiet zone each side.
  const modules = (data.length + 2) * 11 + 13 + 20;
  const w = Math.min(3, Math.floor(dots / modules));
  return w >= 2 ? w : 0;
}

type Builder = InstanceType<typeof ThermalPrinter>;

function qrBytes(data: string, size: number): Buffer {
  const bytes = Buffer.from(data, 'utf8');
  const n = bytes.length + 3;
  return Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]),
    Buffer.from([0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30]),
    bytes,
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

export function renderEscPos(doc: ReceiptDoc, opts: EscPosOptions): Uint8Array {
  const width = opts.width ?? doc.width;
  const dots = opts.dots ?? (width === 32 ? 384 : 576);
  const sample = doc.blocks.map((b) => (b.type === 'text' ? b.text : b.type === 'columns' ? b.left + b.right : '')).join('');
  const charset: EscPosCharset = opts.charset ?? (doc.ascii ? 'ascii' : charsetFor(opts.locale ?? doc.locale, sample));
  const p: Builder = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width });
  const raw = (bytes: number[] | Buffer) => p.add(Buffer.from(bytes));
  const selectCharset = () => {
    if (charset !== 'gb18030') raw(CHINESE_MODE_OFF);
    const sel = CHARSETS[charset].select;
    raw(sel[0] === 0x1b && opts.codeTable !== undefined && opts.codeTable >= 0 ? [0x1b, 0x74, opts.codeTable] : sel);
  };
  const line = (s: string) => {
    raw(encodeText(s.trimEnd(), charset));
    p.newLine();
  };
  const styled = (b: { bold?: boolean; size?: string }, draw: (cols: number) => void) => {
    const double = b.size === 'double';
    if (b.bold) p.bold(true);
    if (double) p.setTextQuadArea();
    draw(double ? Math.floor(width / 2) : width);
    if (double) p.setTextNormal();
    if (b.bold) p.bold(false);
  };

  raw([0x1b, 0x40]);
  selectCharset();
  let afterCut = false;
  for (const b of doc.blocks) {
    if (afterCut && b.type !== 'cut') {
      selectCharset();
      afterCut = false;
    }
    renderBlock(b);
  }
  return new Uint8Array(p.getBuffer() ?? Buffer.alloc(0));

  function renderBlock(b: ReceiptBlock): void {
    switch (b.type) {
      case 'text':
        return styled(b, (cols) => wrap(printable(b.text, charset), cols).forEach((l) => line(fit(l, cols, b.align ?? 'left'))));
      case 'columns':
        return styled(b, (cols) => columnLines(printable(b.left, charset), printable(b.right, charset), cols).forEach(line));
      case 'separator':
        return line((b.char ?? '-').repeat(width));
      case 'barcode': {
        const w = isCode128B(b.data) ? code128ModuleWidth(b.data, dots) : 0;
        if (!w) return line(fit(printable(b.data, charset), width, 'center'));
        p.alignCenter();
        // HRI below (hriPos 2), font A: the number stays readable if the barcode does not scan. The
        // library's typings name other settings than its EPSON code reads (hriPos, hriFont, numeric width).
        p.code128(b.data, { hriPos: 2, hriFont: 0, width: w, height: 80 } as unknown as Parameters<Builder['code128']>[1]);
        p.newLine();
        p.alignLeft();
        return;
      }
      case 'qr': {
        const size = Math.max(1, Math.min(8, Math.round(b.size ?? 4)));
        p.alignCenter();
        if (/^[\x20-\x7e]*$/.test(b.data)) p.printQR(b.data, { cellSize: size, correction: 'M', model: 2 });
        else raw(qrBytes(b.data, size));
        p.newLine();
        p.alignLeft();
        return;
      }
      case 'feed':
        for (let i = 0; i < Math.max(0, Math.min(b.lines, 10)); i++) p.newLine();
        return;
      case 'cut':
        p.cut({ verticalTabAmount: 0 });
        afterCut = true;
        return;
    }
  }
}
