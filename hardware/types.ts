/**
 * One interface per device. Each has a real driver (later), a simulator (demo mode) and a mock with
 * test controls (tests). Which one runs is decided in src/cli.ts by injection — never by NODE_ENV.
 * Contract for all: methods never throw synchronously; failures are reported through status and
 * rejected promises, and a device that fails or vanishes never blocks or loses a sale.
 */

export type Unsubscribe = () => void;

// ---------------------------------------------------------------- scanner
export interface Scan {
  /** The complete code, without the terminating Enter/CR. */
  code: string;
  /** ms since epoch when the last character arrived. */
  at: number;
  /** Where it came from: "keyboard", "hid:0c2e:0b61", "mock"... */
  source: string;
}

/**
 * `keyboard`: the register reads no scanner itself; a scanner in keyboard mode types into it (also
 * what a HID scanner reports when node-hid cannot be loaded). `disconnected`: a HID scanner that is
 * not found, cannot be opened or was unplugged; it is looked for again until it is back.
 */
export type ScannerStatus = 'connected' | 'disconnected' | 'keyboard';

export interface Scanner {
  readonly kind: string;
  status(): ScannerStatus;
  /** Why the configured scanner is not read, in words an installer can act on; null when fine. */
  problem?(): string | null;
  /** What is read and how ("hid-pos 0c2e:0b61 ... at /dev/hidraw3 (hidraw)"), for logs and `till doctor`. */
  detail?(): string | null;
  onScan(listener: (scan: Scan) => void): Unsubscribe;
  onStatus(listener: (status: ScannerStatus) => void): Unsubscribe;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------- printer
/**
 * `paper-low` (paper near end) still prints: it is a warning. `cover-open`, `paper-out` and `offline`
 * refuse jobs at once (they are kept for when the printer is back).
 */
export type PrinterStatus = 'ready' | 'offline' | 'paper-out' | 'cover-open' | 'paper-low' | 'busy' | 'none';

export interface PrintJob {
  /** Stable id (e.g. "receipt:R1-000042"); a reprint reuses it. */
  id: string;
  /** ESC/POS bytes, complete (init ... cut). */
  bytes: Uint8Array;
  /** Plain-text rendering of the same receipt, for the simulator's file and the UI's "last receipt". */
  text: string;
}

export interface PrintResult {
  ok: boolean;
  /** Set when ok is false: "PRINTER_OFFLINE", "PAPER_OUT", "PRINTER_ERROR". */
  code?: string;
  message?: string;
  /** ok is false but the bytes may have reached the printer (a write that failed part-way): its reprint is marked COPY. */
  maybePrinted?: boolean;
}

/** A job kept for a reprint; `uncertain` when it may have printed already (its reprint says COPY). */
export interface KeptJob {
  job: PrintJob;
  uncertain: boolean;
}

/**
 * Where kept print jobs survive a restart (src/store/print-queue.ts: files in the data folder). Every
 * job is written before it is sent and removed once it printed, so after a crash a job still there
 * that was being sent has an unknown outcome and is reprinted marked COPY; one that waited is printed
 * as it was. Methods resolve when the change is on disk; a failure rejects (the printer logs it and
 * prints anyway: a receipt on paper matters more than its copy on disk).
 */
export interface PrintQueue {
  /** Jobs a previous run left, oldest first. */
  load(): KeptJob[];
  /** The job is about to be sent. */
  sending(job: PrintJob): Promise<void>;
  /** The job waits for a reprint (refused, or failed; uncertain when it may have printed). */
  kept(entry: KeptJob): Promise<void>;
  /** The job printed: it is removed. */
  printed(id: string): Promise<void>;
}

export interface Printer {
  readonly kind: string;
  status(): PrinterStatus;
  onStatus(listener: (status: PrinterStatus) => void): Unsubscribe;
  /**
   * Prints a job. Never rejects: resolves with ok=false on failure, and the job is kept in the
   * pending list for a reprint — never lost.
   */
  print(job: PrintJob): Promise<PrintResult>;
  /** Jobs that failed and wait for a reprint, oldest first. */
  pending(): PrintJob[];
  /** Retries every pending job in order; resolves with the results. */
  reprintPending(): Promise<PrintResult[]>;
  /** Hears the result of every job that reached the printer or was refused (durable queue, UI). */
  onResult?(listener: (job: PrintJob, result: PrintResult) => void): Unsubscribe;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- cash drawer
/**
 * `offline`: the drawer's line cannot be driven (GPIO missing, printer of a printer-driven drawer away).
 * `left-open`: the sensor has seen it open for longer than `hardware.drawerOpenAlertSeconds`.
 */
export type DrawerStatus = 'open' | 'closed' | 'left-open' | 'unknown' | 'offline' | 'none';

export interface Drawer {
  readonly kind: string;
  status(): DrawerStatus;
  onStatus(listener: (status: DrawerStatus) => void): Unsubscribe;
  /** Sends the kick pulse. Resolves ok=false (never rejects) if the drawer could not be driven. */
  open(): Promise<{ ok: boolean; code?: string; message?: string }>;
  /** ms since epoch when the sensor last saw the drawer open (null when closed or unknown). */
  openSince?(): number | null;
  /** Why the drawer is `offline` (or its sensor unreadable), in words an installer can act on; null when fine. */
  problem?(): string | null;
  /** What drives it ("sysfs (onoff), gpiochip512 [pinctrl-bcm2711] base 512; kick BCM17 = sysfs gpio529..."), for logs and `till doctor`. */
  detail?(): string | null;
  close(): Promise<void>;
}

export interface Hardware {
  scanner: Scanner;
  printer: Printer;
  drawer: Drawer;
}
