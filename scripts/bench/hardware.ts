/**
 * Device rows of the benchmark (issue 9), each measured side by side with its baseline in
 * alternating rounds, so both see the same machine load:
 *
 * - scan to cart through the HID path: a fake node-hid device (the tests' fake, at the boundary where
 *   node-hid is loaded) emits a HID-POS report, or the 28 boot keyboard reports of a 13-digit code and
 *   Enter; the driver decodes them, the register's scan hub routes the scan, the checkout actor prices
 *   the cart. Against the same scan handed to the scan hub directly (where a keyboard-wedge scan enters).
 * - receipt print time to the TCP printer fake: the real network printer (connect, DLE EOT 1/2/4,
 *   write, close) with kept jobs in memory and with the durable print queue (a fsync'd file written
 *   before, removed after), against a bare socket that connects, writes the same bytes and closes.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from 'xstate';
import { openStore, initStore } from '../../src/store/open.js';
import { readConfig } from '../../src/store/config-file.js';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { createHidScanner } from '../../hardware/scanner/hid.js';
import { createRealPrinter } from '../../hardware/printer/real.js';
import { createNetworkLink } from '../../hardware/printer/network.js';
import { openPrintQueue } from '../../src/store/print-queue.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import type { PrintJob } from '../../hardware/types.js';
import { createFakeHid, hidPosReports, usKeys } from '../../test/hardware/fakes/node-hid.js';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../../test/hardware/fakes/tcp-printer.js';
import { barcodeOf, PRODUCTS, rng } from './data.js';
import { summarize, type Summary } from './stats.js';

const POS = { vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 2, path: '/dev/hidraw3' };
const WEDGE = { vendorId: 0x05e0, productId: 0x1200, interface: 0, path: '1-1.2:1.0' };

export interface HidScanResult {
  pos: Summary;
  keyboard: Summary;
  hub: Summary;
  products: number;
}

/** n scans of each path, interleaved: HID-POS, hid-keyboard, scan hub, HID-POS, ... */
export async function hidScanBench(dataDir: string, n: number): Promise<HidScanResult> {
  const store = await openStore(dataDir, { register: 'B3', idleCheckpointMs: 0 });
  const config = readConfig(dataDir);
  const posHid = createFakeHid();
  posHid.plug(POS);
  const kbdHid = createFakeHid();
  kbdHid.plug(WEDGE);
  const pos = createHidScanner({ mode: 'hid-pos', load: posHid.load });
  const kbd = createHidScanner({ mode: 'hid-keyboard', vendorId: WEDGE.vendorId, load: kbdHid.load });
  const mock = createMockHardware();
  const reg = createRegister({ config, store, hardware: { ...mock, scanner: pos } });
  const offKbd = kbd.onScan((s) => reg.scans.deliver(s)); // what the register does with its own scanner
  await pos.start();
  await kbd.start();
  if (pos.status() !== 'connected' || kbd.status() !== 'connected') throw new Error('fake HID scanners did not connect');
  const random = rng(9);
  const total = 3 * n + 300;
  const codes = Array.from({ length: total }, () => barcodeOf(Math.floor(random() * PRODUCTS)));
  const posReports = codes.map((c) => hidPosReports(c));
  const kbdReports = codes.map((c) => usKeys(`${c}\n`));
  const out: number[][] = [[], [], []];
  const products = Object.keys(store.state.catalog.products).length;
  const lines = () => reg.actor.getSnapshot().context.priced.lines.length;
  const WARM = 300; // rounds not timed: JIT and caches settle first
  try {
    for (let i = 0; i < total; i++) {
      if (i % 21 === 0) reg.actor.send({ type: 'cart.void' });
      const way = i % 3;
      const before = reg.actor.getSnapshot().context.priced;
      const t = performance.now();
      if (way === 0) for (const r of posReports[i]) posHid.report(POS.path, r);
      else if (way === 1) for (const r of kbdReports[i]) kbdHid.report(WEDGE.path, r);
      else reg.scans.deliver({ code: codes[i], at: Date.now(), source: 'bench' });
      const after = reg.actor.getSnapshot().context.priced;
      if (i >= WARM) out[way].push(performance.now() - t);
      if (after === before || lines() < 1) throw new Error(`scan ${codes[i]} (${['hid-pos', 'hid-keyboard', 'hub'][way]}) did not reach the cart`);
    }
  } finally {
    offKbd();
    await pos.stop();
    await kbd.stop();
    await reg.stop();
    await store.close();
  }
  return { pos: summarize(out[0]), keyboard: summarize(out[1]), hub: summarize(out[2]), products };
}

/** A real receipt of the demo store (items, tax, tenders, Code128 of its number, cut), as the register prints it. */
async function demoReceipt(dir: string): Promise<PrintJob> {
  fs.rmSync(dir, { recursive: true, force: true });
  const config = demoConfig();
  const store = await initStore(dir, { currency: config.currency, register: config.register.id }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }], { idleCheckpointMs: 0 });
  const hw = createMockHardware();
  const reg = createRegister({ config, store, hardware: hw });
  for (const code of ['101', '102', '703', '304']) reg.actor.send({ type: 'cart.scan', code });
  reg.actor.send({ type: 'tender.start' });
  reg.actor.send({ type: 'tender.exact' });
  await waitFor(reg.actor, (s) => s.matches('committed'));
  await reg.settled();
  await reg.stop();
  await store.close();
  const job = hw.printer.jobs[0];
  if (!job) throw new Error('the demo sale printed no receipt');
  return job;
}

/** The transport alone, closed as the network link closes it (end, then destroy once flushed). */
function rawSend(fake: FakeTcpPrinter, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect(fake.port, '127.0.0.1', () => {
      s.setNoDelay(true);
      s.write(bytes);
      s.end(() => {
        s.destroy();
        resolve();
      });
    });
    s.on('error', reject);
  });
}

export interface PrintResultBench {
  raw: Summary;
  memory: Summary;
  durable: Summary;
  bytes: number;
}

/** n receipts each way, interleaved: bare socket, printer (in memory), printer with the durable queue. */
export async function printBench(workDir: string, n: number): Promise<PrintResultBench> {
  const job = await demoReceipt(path.join(workDir, 'receipt-store'));
  const queueDir = path.join(workDir, 'print-queue-data');
  fs.rmSync(queueDir, { recursive: true, force: true });
  fs.mkdirSync(queueDir, { recursive: true });
  const fake = await startFakeTcpPrinter();
  const memory = createRealPrinter({ link: createNetworkLink(fake.address), pollMs: 0 });
  const durable = createRealPrinter({ link: createNetworkLink(fake.address), pollMs: 0, keeper: { queue: openPrintQueue(queueDir) } });
  const out: number[][] = [[], [], []];
  try {
    for (let i = -15; i < 3 * n; i++) {
      const way = ((i % 3) + 3) % 3;
      const t = performance.now();
      if (way === 0) await rawSend(fake, job.bytes);
      else {
        const r = await (way === 1 ? memory : durable).print({ ...job, id: `receipt:B-${i}` });
        if (!r.ok) throw new Error(`print failed: ${r.code} ${r.message ?? ''}`);
      }
      if (i >= 0) out[way].push(performance.now() - t);
    }
    if (durable.pending().length || fs.readdirSync(path.join(queueDir, 'print-queue')).length) throw new Error('the durable queue kept a printed job');
  } finally {
    await memory.close();
    await durable.close();
    await fake.close();
  }
  return { raw: summarize(out[0]), memory: summarize(out[1]), durable: summarize(out[2]), bytes: job.bytes.length };
}

type Row = [string, string, string, string];

export function hardwareRows(scan: HidScanResult, print: PrintResultBench, ms: (x: number) => string): Row[] {
  const s = (x: Summary) => `median ${ms(x.median)} ms, p99 ${ms(x.p99)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x (medians)`;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    [`scan -> cart, HID-POS report via fake node-hid device, ${scan.products.toLocaleString('en')} products`, s(scan.pos), '< 1 ms p99', verdict(scan.pos.p99 < 1)],
    ['scan -> cart, hid-keyboard: 28 boot reports (13 digits + Enter) decoded', s(scan.keyboard), '< 1 ms p99', verdict(scan.keyboard.p99 < 1)],
    ['scan -> cart, same scan into the scan hub (keyboard-wedge entry)', s(scan.hub), '', ''],
    ['HID-POS path / scan hub (alternating rounds)', ratio(scan.pos.median, scan.hub.median), '', ''],
    ['hid-keyboard path / scan hub (alternating rounds)', ratio(scan.keyboard.median, scan.hub.median), '', ''],
    [`receipt to TCP printer fake, bare socket (${print.bytes} bytes: connect, write, close)`, s(print.raw), '', ''],
    ['receipt print, network printer (DLE EOT 1/2/4 + write), kept in memory', s(print.memory), '', ''],
    ['receipt print, network printer + durable print queue (fsync before, unlink after)', s(print.durable), '', ''],
    ['network printer / bare socket (alternating rounds)', ratio(print.memory.median, print.raw.median), '', ''],
    ['durable queue / in memory (alternating rounds)', ratio(print.durable.median, print.memory.median), '', ''],
  ];
}
