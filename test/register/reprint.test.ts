/**
 * Reprinting any receipt by number from the journal, marked COPY (issue 11): through the headless
 * handler over a register on a real store with a mock printer, so the printed jobs are checked.
 * A "restart" is a second register on the same store: its checkout knows no last sale.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { createHeadlessHandler } from '../../src/headless/driver.js';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';

let t: TestRegister;
afterEach(async () => t?.close());

const run = async (h: (line: string) => Promise<any>, cmds: Record<string, unknown>[]) => {
  const out = [];
  for (const c of cmds) out.push(await h(JSON.stringify(c)));
  return out;
};

describe('reprint by number', () => {
  test('after a restart: by bare number, whole number or receipt barcode; sales and returns; marked COPY with its own job id', async () => {
    t = await createTestRegister();
    const first = createHeadlessHandler(t.register);
    await run(first, [
      { cmd: 'scan', code: '101' },
      { cmd: 'pay' },
      { cmd: 'exact' },
      { cmd: 'return_open', receipt: 'R1-000001' },
      { cmd: 'return_all' },
      { cmd: 'return_commit' },
    ]);
    await t.register.settled();
    expect(t.hardware.printer.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002']);

    const hardware = createMockHardware();
    const again = createRegister({ config: t.config, store: t.store, hardware });
    try {
      const h = createHeadlessHandler(again);
      const prefix = t.config.codes.receiptPrefix;
      const r = await run(h, [
        { cmd: 'reprint', receipt: '1' },
        { cmd: 'reprint', receipt: `${prefix}R1-000001` },
        { cmd: 'reprint', receipt: 'R1-000002' },
        { cmd: 'reprint' },
        { cmd: 'reprint', receipt: '77' },
        { cmd: 'reprint', receipt: 7 },
      ]);
      expect(r[0]).toMatchObject({ ok: true, receipt: { receiptNo: 'R1-000001', kind: 'sale' }, printed: { ok: true } });
      expect(r[0].receipt.text).toContain('Espresso');
      expect(r[1]).toMatchObject({ ok: true, receipt: { receiptNo: 'R1-000001' } });
      expect(r[2]).toMatchObject({ ok: true, receipt: { receiptNo: 'R1-000002', kind: 'return' } });
      // No number: the register's last receipt (here the return's), from the journal.
      expect(r[3]).toMatchObject({ ok: true, receipt: { receiptNo: 'R1-000002', kind: 'return' } });
      expect(r[4]).toMatchObject({ ok: false, error: { code: 'RECEIPT_UNKNOWN', message: expect.stringContaining('Receipt 77 was not issued by this store or register') } });
      expect(r[5]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      await again.settled();
      const jobs = hardware.printer.jobs;
      expect(jobs.map((j) => j.id)).toEqual(['copy:R1-000001', 'copy:R1-000001', 'copy:R1-000002', 'copy:R1-000002']);
      for (const j of jobs) {
        expect(j.text.split('\n')[0].trim()).toBe('*** COPY ***');
        expect(Buffer.from(j.bytes).includes(Buffer.from('*** COPY ***'))).toBe(true);
      }
      // The copy is the original below its banner.
      expect(jobs[0].text.slice(jobs[0].text.indexOf('\n') + 1)).toBe(t.hardware.printer.jobs[0].text);
    } finally {
      await again.stop();
    }
  });

  test('with no receipt yet: NO_LAST_RECEIPT; F9 of the paid screen prints the sale as a COPY too', async () => {
    t = await createTestRegister();
    const h = createHeadlessHandler(t.register);
    const r = await run(h, [{ cmd: 'reprint' }, { cmd: 'scan', code: '101' }, { cmd: 'pay' }, { cmd: 'exact' }]);
    expect(r[0]).toMatchObject({ ok: false, error: { code: 'NO_LAST_RECEIPT' } });
    t.register.actor.send({ type: 'receipt.reprint' });
    await t.register.settled();
    expect(t.hardware.printer.jobs.map((j) => [j.id, j.text.split('\n')[0].trim()])).toEqual([
      ['receipt:R1-000001', expect.not.stringContaining('COPY')],
      ['copy:R1-000001', '*** COPY ***'],
    ]);
  });
});
