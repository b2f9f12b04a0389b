/**
 * A printer link: how bytes reach a real printer and status bytes come back. One connection per job
 * or status poll, always with deadlines, so a printer that vanished or stalls costs at most the timeout
 * and never a retry in the background (a receipt must not come out minutes later, or twice).
 */

export type LinkErrorCode = 'PRINTER_OFFLINE' | 'PRINTER_ERROR' | 'PRINTER_PERMISSION';

/** A failure of the link, with the code the job result carries and a reason for logs and the doctor. */
export class LinkError extends Error {
  constructor(
    readonly code: LinkErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Connection {
  /** Writes every byte or rejects (LinkError) by the deadline. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** The next byte the printer sent, or undefined if none came within timeoutMs. */
  read(timeoutMs: number): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface PrinterLink {
  readonly kind: 'usb' | 'network' | 'serial';
  /** What it talks to: "/dev/usb/lp0", "tcp://192.168.1.50:9100". */
  readonly target: string;
  /** Opens a connection by the deadline or rejects with LinkError. */
  open(timeoutMs: number): Promise<Connection>;
}

/** errno -> what it means for a printer. */
export function linkErrorOf(e: unknown, target: string): LinkError {
  if (e instanceof LinkError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const msg = (e as Error)?.message ?? String(e);
  switch (code) {
    case 'ENOENT':
      return new LinkError('PRINTER_OFFLINE', `no printer at ${target} (unplugged or switched off)`);
    case 'ENODEV':
    case 'ENXIO':
    case 'EIO':
    case 'EPIPE':
    case 'ESHUTDOWN':
      return new LinkError('PRINTER_OFFLINE', `${target} went away (${code})`);
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case 'EAI_AGAIN':
    case 'ENOTFOUND':
      return new LinkError('PRINTER_OFFLINE', `${target} does not answer (${code})`);
    case 'EACCES':
    case 'EPERM':
      return new LinkError('PRINTER_PERMISSION', `no permission to open ${target}: add the user to the "lp" group (scripts/kiosk/install.sh does)`);
    default:
      return new LinkError('PRINTER_ERROR', `${target}: ${msg}`);
  }
}
