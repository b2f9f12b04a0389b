/**
 * USB printer link: the usblp device file (/dev/usb/lp0, or the installer's /dev/till-printer).
 * Opened non-blocking and never created: a missing device is `offline`, not a new file. Writes retry
 * EAGAIN (printer buffer full, paper out on a one-way printer) until the deadline, so no thread of
 * the process is ever stuck in a blocked write.
 */
import fs from 'node:fs';
import { LinkError, linkErrorOf, type Connection, type PrinterLink } from './link.js';

// O_APPEND: a character device ignores it; a file standing in for one (tests, a spool file) is not overwritten.
const { O_RDWR, O_WRONLY, O_NONBLOCK, O_NOCTTY, O_APPEND } = fs.constants;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createUsbLink(path: string): PrinterLink {
  return {
    kind: 'usb',
    target: path,
    async open() {
      let fd: number;
      try {
        fd = await openFd(path, O_RDWR);
      } catch (e) {
        // A one-way printer (or a file standing in for one) may refuse reads: write-only then.
        if ((e as NodeJS.ErrnoException).code !== 'EACCES' && (e as NodeJS.ErrnoException).code !== 'EINVAL') throw linkErrorOf(e, path);
        try {
          fd = await openFd(path, O_WRONLY);
        } catch (e2) {
          throw linkErrorOf(e2, path);
        }
      }
      return connection(fd, path);
    },
  };
}

function openFd(path: string, mode: number): Promise<number> {
  return new Promise((resolve, reject) => fs.open(path, mode | O_NONBLOCK | O_NOCTTY | O_APPEND, (e, fd) => (e ? reject(e) : resolve(fd))));
}

function connection(fd: number, path: string): Connection {
  let closed = false;
  return {
    async write(bytes, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let off = 0;
      while (off < bytes.length) {
        try {
          off += await new Promise<number>((resolve, reject) => fs.write(fd, bytes, off, bytes.length - off, null, (e, n) => (e ? reject(e) : resolve(n))));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw linkErrorOf(e, path);
          if (Date.now() >= deadline) throw new LinkError('PRINTER_OFFLINE', `${path} does not take data (paper out or offline; write timeout ${timeoutMs} ms)`);
          await sleep(20);
        }
      }
    },
    async read(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const buf = Buffer.alloc(1);
      for (;;) {
        try {
          const n = await new Promise<number>((resolve, reject) => fs.read(fd, buf, 0, 1, null, (e, k) => (e ? reject(e) : resolve(k))));
          if (n === 1) return buf[0];
        } catch {
          // EAGAIN (nothing yet) or a device that cannot be read (one-way): wait for the deadline.
        }
        if (Date.now() >= deadline) return undefined;
        await sleep(20);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((r) => fs.close(fd, () => r()));
    },
  };
}
