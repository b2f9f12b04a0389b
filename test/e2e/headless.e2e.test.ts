/**
 * End to end: `till headless` as a child process on a real store in a temp folder. Sells three demo
 * products with cash + card, and checks what is on disk: the journal's sale.committed line (read the
 * moment the "committed" reply arrives, while the process still runs) and the simulated printer's
 * receipt files (ESC/POS bytes and text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStore } from '../../src/admin/init.js';
import { startTill } from '../support/headless-process.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ESC = 0x1b;
const GS = 0x1d;

async function journalEvents(dataDir: string): Promise<any[]> {
  const dir = join(dataDir, 'journal');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  // The open segment is preallocated: zero bytes after its last line are free space (docs/storage.md).
  const texts = await Promise.all(files.map(async (f) => (await readFile(join(dir, f), 'utf8')).replace(/\0+$/, '')));
  const lines = texts.join('').split('\n').filter(Boolean);
  return lines.map((l) => JSON.parse(l));
}

const indexOfBytes = (hay: Buffer, needle: number[] | string) => hay.indexOf(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : Buffer.from(needle));

describe('till headless (child process)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'till-e2e-'));
    await createStore(dataDir, demoConfig(), [{ type: 'catalog.upserted', data: { products: demoProducts() } }]);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sells three products with cash + card; the journal and the receipt files are on disk', async () => {
    const till = startTill(dataDir);
    try {
      // Demo catalog: 101 Espresso 2.50, 201 Croissant 2.80, 301 Still water 1.20.
      expect(await till.ask({ id: 1, cmd: 'scan', code: '101' })).toMatchObject({ id: 1, ok: true, state: { status: 'sale' } });
      expect(await till.ask({ id: 2, cmd: 'scan', code: '201' })).toMatchObject({ ok: true });
      expect(await till.ask({ id: 3, cmd: 'scan', code: '301' })).toMatchObject({ ok: true });
      const withQty = await till.ask({ id: 4, cmd: 'qty', line: 'L1', qty: 2 });
      // 2 x 2.50 + 2.80 + 1.20 = 9.00
      expect(withQty.state).toMatchObject({ total: 900, tax: 69, lines: [{ sku: 'SKU-101', qty: 2 }, { sku: 'SKU-201' }, { sku: 'SKU-301' }] });
      // A malformed line is answered and changes nothing.
      expect(await till.ask('{"cmd": oops')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' }, state: { total: 900 } });
      expect(await till.ask({ id: 5, cmd: 'pay' })).toMatchObject({ ok: true, state: { status: 'tender', due: 900 } });
      expect(await till.ask({ id: 6, cmd: 'card', amount: 901, reference: 'X' })).toMatchObject({ ok: false, error: { code: 'TENDER_EXCEEDS_DUE' } });
      expect(await till.ask({ id: 7, cmd: 'cash', amount: 500 })).toMatchObject({ ok: true, state: { due: 400 } });
      const paid = await till.ask({ id: 8, cmd: 'card', reference: 'AUTH-123456' });
      expect(paid).toMatchObject({
        id: 8,
        ok: true,
        state: {
          status: 'committed',
          total: 900,
          due: 0,
          tenders: [{ kind: 'cash', amount: 500 }, { kind: 'card', amount: 400, reference: 'AUTH-123456' }],
          lastSale: { receiptNo: 'R1-000001', total: 900, change: 0 },
        },
      });

      // "committed" means durable: the journal already holds the sale while till is still running.
      const sales = (await journalEvents(dataDir)).filter((e) => e.type === 'sale.committed');
      expect(sales).toHaveLength(1);
      const sale = sales[0].data.sale;
      expect(sales[0].tx).toBe(paid.state.saleId);
      expect(sale).toMatchObject({ saleId: paid.state.saleId, receiptNo: 'R1-000001', currency: 'USD', total: 900, tax: 69, change: 0 });
      expect(sale.tenders).toEqual([
        expect.objectContaining({ kind: 'cash', amount: 500, given: 500, change: 0 }),
        expect.objectContaining({ kind: 'card', amount: 400, reference: 'AUTH-123456' }),
      ]);
      expect(sale.lines.map((l: any) => [l.sku, l.qty, l.amount])).toEqual([
        ['SKU-101', 2, 500],
        ['SKU-201', 1, 280],
        ['SKU-301', 1, 120],
      ]);

      const receipt = await till.ask({ id: 9, cmd: 'receipt' });
      expect(receipt).toMatchObject({ ok: true, receipt: { receiptNo: 'R1-000001' } });
      expect(await till.ask({ id: 10, cmd: 'next' })).toMatchObject({ ok: true, state: { status: 'idle', lines: [], lastSale: { receiptNo: 'R1-000001' } } });
    } finally {
      const { code, stderr } = await till.close();
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }

    // The simulated printer saved the ESC/POS bytes and the text of the receipt.
    const bin = await readFile(join(dataDir, 'receipts', 'R1-000001.bin'));
    const txt = await readFile(join(dataDir, 'receipts', 'R1-000001.txt'), 'utf8');
    expect([...bin.subarray(0, 2)]).toEqual([ESC, 0x40]); // ESC @: initialize
    expect(indexOfBytes(bin, '9.00')).toBeGreaterThan(0); // the total
    expect(indexOfBytes(bin, 'AUTH-123456')).toBeGreaterThan(0);
    const cut = indexOfBytes(bin, [GS, 0x56]); // GS V: cut
    expect(cut).toBeGreaterThan(indexOfBytes(bin, '9.00'));
    for (const text of ['Espresso', 'Croissant', 'Still water 0.5 l', '$9.00', 'Cash', '$5.00', 'Card', '$4.00', 'R1-000001', 'Demo Cafe & Corner Shop']) expect(txt).toContain(text);
    expect(txt).toMatch(/TOTAL\s+\$9\.00/);

    // The drawer kick after a cash sale is journaled too (audit), after the sale.
    const types = (await journalEvents(dataDir)).map((e) => e.type);
    expect(types.indexOf('drawer.opened')).toBeGreaterThan(types.indexOf('sale.committed'));
  });

  it('a second run on the same store continues the receipt numbers', async () => {
    const till = startTill(dataDir);
    try {
      await till.ask({ cmd: 'scan', code: '101' });
      await till.ask({ cmd: 'pay' });
      expect(await till.ask({ cmd: 'exact' })).toMatchObject({ ok: true, state: { status: 'committed', lastSale: { receiptNo: 'R1-000002', total: 250 } } });
    } finally {
      expect((await till.close()).code).toBe(0);
    }
    expect((await journalEvents(dataDir)).filter((e) => e.type === 'sale.committed')).toHaveLength(2);
  });
});
