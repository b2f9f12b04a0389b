/** The USB printer link against files standing in for /dev/usb/lp0: bytes written, a write error, a vanished device. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRealPrinter, type RealPrinter } from '../../hardware/printer/real.js';
import { createUsbLink } from '../../hardware/printer/usb.js';

const job = (id: string) => ({ id, bytes: Uint8Array.from([0x1b, 0x40, ...Buffer.from(id), 0x0a]), text: id });
let printer: RealPrinter | undefined;
const dir = mkdtempSync(join(tmpdir(), 'till-lp-'));
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});
const make = (path: string) => (printer = createRealPrinter({ link: createUsbLink(path), timeoutMs: 500, answerMs: 50, pollMs: 0 }));

describe('USB printer (device file)', () => {
  it('writes the job bytes to the device, as a one-way printer', async () => {
    const dev = join(dir, 'lp0');
    writeFileSync(dev, '');
    const p = make(dev);
    expect(await p.print(job('one'))).toEqual({ ok: true });
    expect(readFileSync(dev).subarray(-5).toString()).toBe('\u001b@one\n'.slice(-5));
    expect(p.status()).toBe('ready');
  });

  it('a missing device is offline and is never created; the job waits and prints once it is back', async () => {
    const dev = join(dir, 'lp-missing');
    const p = make(dev);
    expect(await p.print(job('kept'))).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(existsSync(dev)).toBe(false);
    expect(p.status()).toBe('offline');
    expect(p.lastError()).toMatch(/no printer at/);
    writeFileSync(dev, '');
    expect(await p.check()).toBe('ready');
    expect(p.pending()).toEqual([]);
    await p.check();
    expect(readFileSync(dev).toString().split('kept').length - 1).toBe(1);
  });

  it('a device that vanishes between jobs goes offline', async () => {
    const dev = join(dir, 'lp-gone');
    writeFileSync(dev, '');
    const p = make(dev);
    expect((await p.print(job('a'))).ok).toBe(true);
    rmSync(dev);
    expect(await p.print(job('b'))).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(p.pending().map((j) => j.id)).toEqual(['b']);
  });

  it('a write error (/dev/full: ENOSPC) fails the job and keeps it', async () => {
    if (!existsSync('/dev/full')) return;
    const p = make('/dev/full');
    const r = await p.print(job('full'));
    expect(r).toMatchObject({ ok: false, code: 'PRINTER_ERROR' });
    expect(p.pending().map((j) => j.id)).toEqual(['full']);
  });
});
