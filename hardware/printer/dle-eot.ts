/**
 * ESC/POS real-time status (DLE EOT n, `10 04 n`): the printer answers one byte at once, even while
 * its buffer is full. Epson's layout, which Xprinter/Rongta/Citizen clones follow:
 *   every answer has bit 1 and bit 4 set, bit 0 and bit 7 clear (0x12 pattern) - anything else is
 *   not a status byte (a one-way printer, or noise);
 *   n=1 printer: bit 2 = drawer connector pin 3 high, bit 3 = offline;
 *   n=2 offline cause: bit 2 = cover open, bit 3 = paper fed by button, bit 5 = stopped for paper end,
 *   bit 6 = error;
 *   n=4 roll paper sensor: bits 2+3 = paper near end, bits 5+6 = paper end.
 * Pure: bytes in, meaning out.
 */
import type { PrinterStatus } from '../types.js';

export const DLE_EOT = (n: 1 | 2 | 4): Uint8Array => Uint8Array.from([0x10, 0x04, n]);

export const isStatusByte = (b: number | undefined): b is number => typeof b === 'number' && (b & 0x93) === 0x12;

export interface PrinterState {
  status: PrinterStatus;
  /** Drawer connector pin 3 level (true = high); what "open" means depends on the drawer's switch. */
  drawerPin?: boolean;
}

/** Maps the three answers to one status; an answer missing or not a status byte is `undefined`. */
export function decodeStatus(s1: number | undefined, s2: number | undefined, s4: number | undefined): PrinterState | null {
  if (!isStatusByte(s1)) return null;
  const drawerPin = (s1 & 0x04) !== 0;
  const paperEnd = isStatusByte(s4) && (s4 & 0x60) !== 0;
  const nearEnd = isStatusByte(s4) && (s4 & 0x0c) !== 0;
  const cover = isStatusByte(s2) && (s2 & 0x04) !== 0;
  const paperStop = isStatusByte(s2) && (s2 & 0x20) !== 0;
  if (cover) return { status: 'cover-open', drawerPin };
  if (paperEnd || paperStop) return { status: 'paper-out', drawerPin };
  if (s1 & 0x08) return { status: 'offline', drawerPin };
  if (isStatusByte(s2) && s2 & 0x40) return { status: 'offline', drawerPin };
  return { status: nearEnd ? 'paper-low' : 'ready', drawerPin };
}
