/**
 * The one entry for every scan, whatever read it: a keyboard-wedge scan the UI told apart from
 * typing (src/ui/keys/wedge.ts) and a scan from a device driver (HID, hardware/scanner/*) both come
 * here as a complete `Scan`. Who decides what the scan means is the current router:
 *
 * - by default (headless, no UI) the checkout machine: `cart.scan`, routed by its states;
 * - while the terminal UI runs, the UI's routing table (src/ui/input/scan-route.ts), which also knows
 *   its overlays and prompts (customer search, rewards, help, confirmations).
 *
 * Drivers never call the machine themselves: they emit through `Scanner.onScan`, the register
 * forwards to `deliver`. A router that throws loses nothing else: the scan is reported to `log`.
 */
import type { Scan } from '../hardware/types.js';

export type ScanRouter = (scan: Scan) => void;

export interface ScanHub {
  /** Hands a complete scan to the current router. */
  deliver(scan: Scan): void;
  /** Installs a router (the UI while mounted); returns the function that puts the previous one back. */
  route(router: ScanRouter): () => void;
}

export function createScanHub(fallback: ScanRouter, log: (line: string) => void = () => {}): ScanHub {
  const stack: ScanRouter[] = [fallback];
  return {
    deliver(scan) {
      const code = typeof scan?.code === 'string' ? scan.code : String(scan?.code ?? '');
      try {
        stack[stack.length - 1]({ code, at: scan?.at ?? Date.now(), source: scan?.source ?? 'unknown' });
      } catch (e) {
        log(`scan from ${scan?.source ?? 'unknown'}: ${(e as Error).message}`);
      }
    },
    route(router) {
      stack.push(router);
      return () => {
        const i = stack.lastIndexOf(router);
        if (i > 0) stack.splice(i, 1);
      };
    },
  };
}
