/** The real printer driver against a TCP printer on 127.0.0.1: bytes, status, kept jobs, refused connections. */
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createRealPrinter, type RealPrinter } from '../../hardware/printer/real.js';
import { createNetworkLink, parseTcpAddress } from '../../hardware/printer/network.js';
import { decodeStatus } from '../../hardware/printer/dle-eot.js';
import { createPrinterDrawer } from '../../hardware/drawer/printer-kick.js';
import { startFakeTcpPrinter, type FakeTcpPrinter } from './fakes/tcp-printer.js';

const job = (id: string, text = id) => ({ id, bytes: Uint8Array.from([0x1b, 0x40, ...Buffer.from(text), 0x0a]), text });
let fake: FakeTcpPrinter | undefined;
let printer: RealPrinter | undefined;
afterEach(async () => {
  await printer?.close();
  await fake?.close().catch(() => undefined);
  printer = fake = undefined;
});

const make = (address: string, timeoutMs = 1000) => (printer = createRealPrinter({ link: createNetworkLink(address), timeoutMs, answerMs: 200, pollMs: 0 }));

describe('DLE EOT decoding', () => {
  it('maps Epson status bytes', () => {
    expect(decodeStatus(0x12, 0x12, 0x12)?.status).toBe('ready');
    expect(decodeStatus(0x12, 0x12, 0x1e)?.status).toBe('paper-low');
    expect(decodeStatus(0x1a, 0x32, 0x7e)?.status).toBe('paper-out');
    expect(decodeStatus(0x1a, 0x16, 0x12)?.status).toBe('cover-open');
    expect(decodeStatus(0x1a, 0x12, 0x12)?.status).toBe('offline');
    expect(decodeStatus(0x16, 0x12, 0x12)?.drawerPin).toBe(true);
    expect(decodeStatus(0x41, undefined, undefined)).toBeNull();
    expect(decodeStatus(undefined, undefined, undefined)).toBeNull();
  });
  it('parses addresses', () => {
    expect(parseTcpAddress('tcp://10.0.0.5:9100')).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(parseTcpAddress('printer.local')).toEqual({ host: 'printer.local', port: 9100 });
    expect(parseTcpAddress('tcp://x:99999')).toBeNull();
  });
});

describe('network printer', () => {
  it('prints the exact bytes, one job per connection, in order', async () => {
    fake = await startFakeTcpPrinter();
    const p = make(fake.address);
    const r = await Promise.all([p.print(job('a')), p.print(job('b'))]);
    expect(r.map((x) => x.ok)).toEqual([true, true]);
    expect((await fake.settle(2)).map((b) => b.subarray(2).toString().trim())).toEqual(['a', 'b']);
    expect(p.status()).toBe('ready');
  });

  it('paper out: the job is refused and kept, prints once when paper is back', async () => {
    fake = await startFakeTcpPrinter({ paperOut: true });
    const p = make(fake.address);
    const r = await p.print(job('r1'));
    expect(r).toMatchObject({ ok: false, code: 'PAPER_OUT' });
    expect(p.status()).toBe('paper-out');
    expect(p.pending().map((j) => j.id)).toEqual(['r1']);
    expect(fake.jobs).toHaveLength(0);
    await p.check();
    expect(fake.jobs).toHaveLength(0);
    fake.state.paperOut = false;
    expect(await p.check()).toBe('ready');
    expect(p.pending()).toEqual([]);
    await p.check();
    expect((await fake.settle(2)).map((b) => b.subarray(2).toString().trim())).toEqual(['r1']);
  });

  it('cover open and offline are statuses; paper near end still prints', async () => {
    fake = await startFakeTcpPrinter({ coverOpen: true });
    const p = make(fake.address);
    expect(await p.print(job('x'))).toMatchObject({ ok: false, code: 'COVER_OPEN' });
    fake.state.coverOpen = false;
    fake.state.offline = true;
    expect(await p.check()).toBe('offline');
    fake.state.offline = false;
    fake.state.paperLow = true;
    expect(await p.check()).toBe('paper-low');
    expect(await fake.settle(1)).toHaveLength(1); // the kept job "x" printed once the printer could
    expect(await p.print(job('y'))).toEqual({ ok: true });
    expect(p.status()).toBe('paper-low');
  });

  it('connection refused -> offline, the job waits and prints when the printer is back', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const p = make(`tcp://127.0.0.1:${port}`);
    expect(await p.print(job('q'))).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(p.status()).toBe('offline');
    expect(p.lastError()).toMatch(/ECONNREFUSED/);
    expect(await p.print(job('q2'))).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(p.pending().map((j) => j.id)).toEqual(['q', 'q2']);
  });

  it('a one-way printer (never answers) prints from write results; a slow answer is no answer', async () => {
    fake = await startFakeTcpPrinter({ silent: true });
    const p = make(fake.address);
    expect(await p.print(job('s'))).toEqual({ ok: true });
    fake.state.silent = false;
    fake.state.slowMs = 1500;
    expect(await p.print(job('t'))).toEqual({ ok: true });
    expect(await fake.settle(2)).toHaveLength(2);
  });

  it('a printer-driven drawer sends ESC p m t1 t2 with timing bytes as its own job and reads the sensor bit', async () => {
    fake = await startFakeTcpPrinter({ drawerHigh: true });
    const p = make(fake.address);
    const d = createPrinterDrawer({ printer: p, pulseMs: 120, openLevel: true });
    expect(await d.open()).toEqual({ ok: true });
    expect([...(await fake.settle(1))[0]]).toEqual([0x1b, 0x70, 0x00, 60, 120]);
    expect(d.status()).toBe('open');
    fake.state.drawerHigh = false;
    await p.check();
    expect(d.status()).toBe('closed');
  });
});
