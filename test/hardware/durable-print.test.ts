/**
 * Receipts waiting for the printer survive a restart of the register and print once after it, against
 * the TCP printer fake: the register as `till start` opens it (openRegister: the store's print queue,
 * the network printer), paper out during a sale, a restart, paper back. And a crash between the
 * printer taking a receipt and its removal from the queue (a child process killed at that moment by
 * the `print-sent` failpoint): the receipt comes out again marked COPY, never as a second original.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from 'xstate';
import { openRegister } from '../../src/admin/run.js';
import { createStore } from '../../src/admin/init.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { openPrintQueue, PRINT_QUEUE_DIR } from '../../src/store/print-queue.js';
import { createRealPrinter, type RealPrinter } from '../../hardware/printer/real.js';
import { createNetworkLink } from '../../hardware/printer/network.js';
import { copyJob } from '../../hardware/printer/job-keeper.js';
import type { Register } from '../../src/register.js';
import type { SimulatedPrinter } from '../../hardware/printer/simulated.js';
import { startFakeTcpPrinter, type FakeTcpPrinter } from './fakes/tcp-printer.js';

const ROOT = resolve(import.meta.dirname, '../..');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function kiosk(fake: FakeTcpPrinter): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'till-durable-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const base = demoConfig();
  const config = { ...base, hardware: { ...base.hardware, printer: 'network' as const, printerAddress: fake.address, drawer: 'none' as const, printerPollMs: 600000, printerTimeoutMs: 1000 } };
  await createStore(dir, config, [{ type: 'catalog.upserted', data: { products: demoProducts() } }]);
  return dir;
}

async function start(dir: string): Promise<Register> {
  const reg = await openRegister(dir, () => {});
  await reg.hardware.printer.reprintPending(); // what openRegister started: wait for it
  return reg;
}

async function shutdown(reg: Register): Promise<void> {
  await reg.stop();
  await reg.hardware.printer.close();
  await reg.store.close();
}

async function sell(reg: Register, code: string): Promise<void> {
  reg.actor.send({ type: 'cart.scan', code });
  reg.actor.send({ type: 'tender.start' });
  reg.actor.send({ type: 'tender.exact' });
  await waitFor(reg.actor, (s) => s.matches('committed'));
  await reg.settled();
  reg.actor.send({ type: 'sale.next' });
}

const receipts = (fake: FakeTcpPrinter) => fake.jobs.filter((j) => j.length > 10);
const queueFiles = (dir: string) => readdirSync(join(dir, PRINT_QUEUE_DIR));

describe('durable print queue', () => {
  it('paper out: the receipts wait on disk through a restart and print once, in order, after paper is back', async () => {
    const fake = await startFakeTcpPrinter({ paperOut: true });
    cleanup.push(() => fake.close());
    const dir = await kiosk(fake);
    const first = await start(dir);
    await sell(first, '101');
    await sell(first, '102');
    expect(first.store.state.sales.count).toBe(2);
    expect(first.hardware.printer.pending().map((j) => j.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002']);
    expect(queueFiles(dir)).toHaveLength(2);
    await shutdown(first);

    // Restarted, still out of paper: both wait again, nothing reached the paper.
    const second = await start(dir);
    expect(second.hardware.printer.pending().map((j) => j.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002']);
    expect(receipts(fake)).toEqual([]);
    fake.state.paperOut = false;
    await (second.hardware.printer as RealPrinter).check(); // the status poll: paper is back
    await fake.settle(2);
    const printed = receipts(fake);
    expect(printed).toHaveLength(2);
    expect(printed[0].toString('latin1')).toContain('RR1-000001');
    expect(printed[1].toString('latin1')).toContain('RR1-000002');
    expect(printed.some((b) => b.toString('latin1').includes('COPY'))).toBe(false); // they never printed: originals
    expect(second.hardware.printer.pending()).toEqual([]);
    expect(queueFiles(dir)).toEqual([]);
    await shutdown(second);

    // A third start prints nothing again.
    const third = await start(dir);
    await (third.hardware.printer as RealPrinter).check();
    expect(receipts(fake)).toHaveLength(2);
    await shutdown(third);
  });

  it('the simulated printer too: a receipt refused before a restart is written at the next start, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'till-durable-sim-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    await createStore(dir, demoConfig(), [{ type: 'catalog.upserted', data: { products: demoProducts() } }]);
    const first = await start(dir);
    (first.hardware.printer as SimulatedPrinter).setStatus('paper-out');
    await sell(first, '101');
    expect(first.hardware.printer.pending()).toHaveLength(1);
    await shutdown(first);
    expect(existsSync(join(dir, 'receipts', 'R1-000001.txt'))).toBe(false);
    const second = await start(dir);
    expect(readFileSync(join(dir, 'receipts', 'R1-000001.txt'), 'utf8')).toContain('R1-000001');
    expect(second.hardware.printer.pending()).toEqual([]);
    expect(queueFiles(dir)).toEqual([]);
    await shutdown(second);
  });

  it('a crash after the printer took the receipt, before it left the queue: reprinted once, marked COPY', async () => {
    const fake = await startFakeTcpPrinter();
    cleanup.push(() => fake.close());
    const dir = mkdtempSync(join(tmpdir(), 'till-crashprint-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const bytes = [0x1b, 0x40, ...Buffer.from('RECEIPT R1-000007 GIFT 7Q4K'), 0x1d, 0x56, 0x00];
    const script = `
      const { openPrintQueue } = await import(${JSON.stringify(join(ROOT, 'src/store/print-queue.ts'))});
      const { createRealPrinter } = await import(${JSON.stringify(join(ROOT, 'hardware/printer/real.ts'))});
      const { createNetworkLink } = await import(${JSON.stringify(join(ROOT, 'hardware/printer/network.ts'))});
      const p = createRealPrinter({ link: createNetworkLink(${JSON.stringify(fake.address)}), pollMs: 0, keeper: { queue: openPrintQueue(${JSON.stringify(dir)}) } });
      await p.print({ id: 'receipt:R1-000007', text: 'RECEIPT R1-000007', bytes: Uint8Array.from(${JSON.stringify(bytes)}) });
      console.log('not reached');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TILL_FAILPOINTS: 'print-sent=1' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    const signal = await new Promise((r) => child.on('close', (_code, sig) => r(sig)));
    expect(signal).toBe('SIGKILL');
    expect(out).toBe('');
    await fake.settle(1);
    expect(receipts(fake).map((b) => [...b])).toEqual([bytes]); // it did print
    const [file] = queueFiles(dir);
    expect(JSON.parse(readFileSync(join(dir, PRINT_QUEUE_DIR, file), 'utf8')).state).toBe('sending');

    // The next run cannot know whether it printed: it prints it again, as a COPY, once.
    const p = createRealPrinter({ link: createNetworkLink(fake.address), pollMs: 0, keeper: { queue: openPrintQueue(dir) } });
    cleanup.push(() => p.close());
    expect(p.pending().map((j) => j.id)).toEqual(['receipt:R1-000007']);
    await Promise.all([p.reprintPending(), p.check()]); // the register's start and a status poll at once: still once
    await fake.settle(2);
    expect(receipts(fake)).toHaveLength(2);
    const again = receipts(fake)[1];
    expect([...again]).toEqual([...copyJob({ id: 'x', text: '', bytes: Uint8Array.from(bytes) }).bytes]);
    expect(again.toString('latin1')).toMatch(/\*\*\* COPY \*\*\*[\s\S]*RECEIPT R1-000007/);
    expect(queueFiles(dir)).toEqual([]);
    expect(openPrintQueue(dir).load()).toEqual([]);
  });

  it('a write that fails part-way keeps the job as uncertain: its reprint says COPY', async () => {
    const fake = await startFakeTcpPrinter();
    cleanup.push(() => fake.close());
    const dir = mkdtempSync(join(tmpdir(), 'till-partial-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    let calls = 0;
    const link = createNetworkLink(fake.address);
    // The network link's connection breaks while the receipt's bytes are written (not while asking DLE EOT).
    const breaking = {
      ...link,
      async open(ms: number) {
        const c = await link.open(ms);
        return {
          ...c,
          write: async (b: Uint8Array, t: number) => {
            if (b.length > 3 && calls++ === 0) {
              await c.write(b.subarray(0, 5), t);
              throw Object.assign(new Error('write ECONNRESET'), { code: 'PRINTER_OFFLINE' });
            }
            return c.write(b, t);
          },
          read: c.read.bind(c),
          close: c.close.bind(c),
        };
      },
    };
    const p = createRealPrinter({ link: breaking, pollMs: 0, keeper: { queue: openPrintQueue(dir) } });
    cleanup.push(() => p.close());
    const job = { id: 'receipt:R1-000003', text: 'R3', bytes: Uint8Array.from([0x1b, 0x40, ...Buffer.from('RECEIPT R1-000003'), 0x0a]) };
    const r = await p.print(job);
    expect(r).toMatchObject({ ok: false, maybePrinted: true });
    expect(openPrintQueue(dir).load().map((e) => [e.job.id, e.uncertain])).toEqual([['receipt:R1-000003', true]]);
    await p.check();
    await fake.settle(2);
    expect(receipts(fake).at(-1)!.toString('latin1')).toMatch(/^\x1b@\x1ba\x01\x1bE\x01\*\*\* COPY \*\*\*/);
    expect(p.pending()).toEqual([]);
  });
});
