/**
 * A cashier's sale with the network printer (hardwareFor with hardware.printer "network" and the
 * drawer on the printer's port), against the TCP printer fake: the receipt bytes read back as what
 * they mean, the drawer kick with its timing bytes, and paper out during a sale.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from 'xstate';
import { initStore } from '../../src/store/open.js';
import { createRegister, type Register } from '../../src/register.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { hardwareFor } from '../../src/admin/run.js';
import type { RealPrinter } from '../../hardware/printer/real.js';
import { deviceView } from '../../src/ui/selectors.js';
import { startFakeTcpPrinter, type FakeTcpPrinter } from './fakes/tcp-printer.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function sale(fake: FakeTcpPrinter) {
  const dir = mkdtempSync(join(tmpdir(), 'till-net-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const base = demoConfig();
  const config = { ...base, hardware: { ...base.hardware, printer: 'network' as const, printerAddress: fake.address, drawer: 'auto' as const, printerPollMs: 600000, printerTimeoutMs: 1000 } };
  const store = await initStore(dir, { currency: config.currency, register: config.register.id }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }]);
  const hardware = hardwareFor(config, dir);
  const reg: Register = createRegister({ config, store, hardware });
  cleanup.push(async () => {
    await reg.stop();
    await hardware.printer.close();
    await hardware.drawer.close();
    await store.close();
  });
  reg.actor.send({ type: 'cart.scan', code: '703' });
  reg.actor.send({ type: 'tender.start' });
  reg.actor.send({ type: 'tender.exact' });
  await waitFor(reg.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
  await reg.settled();
  return { reg, store, printer: hardware.printer as RealPrinter, drawer: hardware.drawer };
}

const has = (buf: Buffer, bytes: number[]) => buf.indexOf(Buffer.from(bytes)) >= 0;

describe('a sale on the network printer', () => {
  it('prints the receipt (text, Code128 of the receipt number, cut) and kicks the drawer with its timing bytes', async () => {
    const fake = await startFakeTcpPrinter();
    cleanup.push(() => fake.close());
    const { reg, store, drawer } = await sale(fake);
    expect(reg.actor.getSnapshot().matches('committed')).toBe(true);
    expect(store.state.sales.count).toBe(1);
    expect(drawer.kind).toBe('printer');
    const jobs = await fake.settle(2);
    const receipt = jobs.find((j) => j.length > 10)!;
    const kick = jobs.find((j) => j[0] === 0x1b && j[1] === 0x70)!;
    expect([...kick]).toEqual([0x1b, 0x70, 0x00, 60, 120]);
    const text = receipt.toString('latin1');
    expect(text).toContain(demoConfig().store.name.split(' ')[0]); // double-size header wraps at half width
    // GS k 73 n {B data: Code128 set B of "R" + receipt number.
    const i = receipt.indexOf(Buffer.from([0x1d, 0x6b, 0x49]));
    expect(i).toBeGreaterThan(0);
    const n = receipt[i + 3];
    expect(receipt.subarray(i + 4, i + 4 + n).toString('latin1')).toBe('{BRR1-000001');
    expect(has(receipt, [0x1d, 0x56])).toBe(true); // GS V: cut
    expect(has(receipt, [0x1b, 0x70])).toBe(false); // the drawer is never inside a receipt
  });

  it('paper out during a sale: the sale is committed, the receipt waits, and prints once after paper is back', async () => {
    const fake = await startFakeTcpPrinter({ paperOut: true });
    cleanup.push(() => fake.close());
    const { reg, store, printer } = await sale(fake);
    expect(reg.actor.getSnapshot().matches('committed')).toBe(true);
    expect(store.state.sales.count).toBe(1);
    expect(printer.status()).toBe('paper-out');
    expect(printer.pending().map((j) => j.id)).toEqual(['receipt:R1-000001']);
    expect(printer.pending()).toHaveLength(1);
    expect(reg.printProblem()).toMatch(/paper/i);
    fake.state.paperOut = false;
    await printer.check();
    await printer.check();
    const receipts = (await fake.settle(1)).filter((j) => j.length > 10);
    expect(receipts).toHaveLength(1);
    expect(printer.pending()).toEqual([]);
    expect(reg.printProblem()).toBeNull();
  });

  it('the status bar says how many receipts wait', () => {
    expect(deviceView('printer', 'paper-out', true, 2)).toMatchObject({ state: 'paper out, 2 receipts waiting', tone: 'error' });
    expect(deviceView('printer', 'paper-low')).toMatchObject({ state: 'paper low', tone: 'info' });
  });
});
