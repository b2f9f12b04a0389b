/**
 * The simulated scanner is the keyboard: a USB scanner in keyboard mode types the code and Enter, and
 * so does the cashier. The UI's entry line turns Enter into a scan itself, so this device reports
 * "keyboard" and never emits on its own.
 */
import type { Scanner, ScannerStatus } from '../types.js';

export function createKeyboardScanner(): Scanner {
  return {
    kind: 'keyboard',
    status: (): ScannerStatus => 'keyboard',
    onScan: () => () => {},
    onStatus: () => () => {},
    start: async () => {},
    stop: async () => {},
  };
}
