import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockPrinter } from '../../hardware/printer/mock.js';
import { createSimulatedPrinter, jobFileName } from '../../hardware/printer/simulated.js';
import { createNoPrinter } from '../../hardware/printer/none.js';
import type { PrintJob, PrinterStatus } from '../../hardware/types.js';

const job = (n: number): PrintJob => ({ id: `receipt:R1-00000${n}`, bytes: new Uint8Array([0x1b, 0x40, 0x30 + n]), text: `receipt ${n}\n` });

describe('mock printer', () => {
  it('prints and records jobs, going busy and back to ready', async () => {
    const p = createMockPrinter();
    const seen: PrinterStatus[] = [];
    p.onStatus((s) => seen.push(s));
    expect(await p.print(job(1))).toEqual({ ok: true });
    expect(p.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001']);
    expect(seen).toEqual(['busy', 'ready']);
    expect(p.pending()).toEqual([]);
  });

  it('shows busy while a job is held', async () => {
    const p = createMockPrinter();
    p.hold();
    const done = p.print(job(1));
    await Promise.resolve();
    await Promise.resolve();
    expect(p.status()).toBe('busy');
    p.release();
    expect((await done).ok).toBe(true);
    expect(p.status()).toBe('ready');
  });

  it('keeps a failed job, stays out of paper, and reprints it once paper is back', async () => {
    const p = createMockPrinter();
    p.fail('paper-out');
    const res = await p.print(job(1));
    expect(res).toMatchObject({ ok: false, code: 'PAPER_OUT' });
    expect(res.message).toMatch(/paper/i);
    expect(p.status()).toBe('paper-out');
    expect(p.pending().map((j) => j.id)).toEqual(['receipt:R1-000001']);

    // While out of paper, new jobs are refused without reaching the printer, and kept too.
    expect(await p.print(job(2))).toMatchObject({ ok: false, code: 'PAPER_OUT' });
    expect(p.attempts).toHaveLength(1);
    expect(p.pending().map((j) => j.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002']);

    p.setStatus('ready');
    expect(await p.reprintPending()).toEqual([{ ok: true }, { ok: true }]);
    expect(p.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002']);
    expect(p.pending()).toEqual([]);
  });

  it('offline: fails with PRINTER_OFFLINE and reports the status', async () => {
    const p = createMockPrinter();
    const seen: PrinterStatus[] = [];
    p.onStatus((s) => seen.push(s));
    p.fail('offline');
    expect(await p.print(job(1))).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(seen).toEqual(['busy', 'offline']);
  });

  it('a one-off error keeps the job once (by id) and leaves the printer ready', async () => {
    const p = createMockPrinter();
    p.fail('error');
    p.fail('error');
    expect(await p.print(job(1))).toMatchObject({ ok: false, code: 'PRINTER_ERROR' });
    expect(await p.print(job(1))).toMatchObject({ ok: false, code: 'PRINTER_ERROR' });
    expect(p.status()).toBe('ready');
    expect(p.pending()).toHaveLength(1);
    // A later successful print of the same receipt clears it.
    expect(await p.print(job(1))).toEqual({ ok: true });
    expect(p.pending()).toEqual([]);
  });

  it('a partly failing reprint keeps what failed, in order', async () => {
    const p = createMockPrinter();
    p.setStatus('offline');
    await p.print(job(1));
    await p.print(job(2));
    await p.print(job(3));
    p.setStatus('ready');
    p.fail('error');
    const results = await p.reprintPending();
    expect(results.map((r) => r.ok)).toEqual([false, true, true]);
    expect(p.pending().map((j) => j.id)).toEqual(['receipt:R1-000001']);
  });

  it('prints concurrent jobs one at a time, in order', async () => {
    const p = createMockPrinter();
    await Promise.all([p.print(job(1)), p.print(job(2)), p.print(job(3))]);
    expect(p.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002', 'receipt:R1-000003']);
  });

  it('never throws on garbage', async () => {
    const p = createMockPrinter();
    expect(await p.print(null as unknown as PrintJob)).toMatchObject({ ok: false, code: 'PRINTER_ERROR' });
    expect(p.pending()).toEqual([]);
  });
});

describe('simulated printer', () => {
  let dir: string;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('writes <receiptNo>.bin with the bytes and .txt with the text', async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-sim-'));
    const p = createSimulatedPrinter({ dataDir: dir });
    expect(p.status()).toBe('ready');
    expect(await p.print(job(7))).toEqual({ ok: true });
    expect([...readFileSync(join(dir, 'receipts', 'R1-000007.bin'))]).toEqual([0x1b, 0x40, 0x37]);
    expect(readFileSync(join(dir, 'receipts', 'R1-000007.txt'), 'utf8')).toBe('receipt 7\n');
    expect(p.lastPrinted()?.id).toBe('receipt:R1-000007');
  });

  it('goes offline / out of paper on demand, keeps jobs and reprints them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-sim-'));
    const p = createSimulatedPrinter({ dataDir: dir });
    p.setStatus('paper-out');
    expect(await p.print(job(1))).toMatchObject({ ok: false, code: 'PAPER_OUT' });
    expect(existsSync(join(dir, 'receipts', 'R1-000001.bin'))).toBe(false);
    p.setStatus('offline');
    expect(await p.print(job(2))).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    expect(p.pending()).toHaveLength(2);
    p.setStatus('ready');
    expect(await p.reprintPending()).toEqual([{ ok: true }, { ok: true }]);
    expect(existsSync(join(dir, 'receipts', 'R1-000001.txt'))).toBe(true);
    expect(existsSync(join(dir, 'receipts', 'R1-000002.txt'))).toBe(true);
    expect(p.pending()).toEqual([]);
  });

  it('a file it cannot write fails the job (kept) without throwing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-sim-'));
    writeFileSync(join(dir, 'receipts'), 'a file where the folder should be');
    const p = createSimulatedPrinter({ dataDir: dir });
    expect(await p.print(job(1))).toMatchObject({ ok: false, code: 'PRINTER_ERROR' });
    expect(p.pending()).toHaveLength(1);
    expect(p.status()).toBe('ready');
  });

  it('makes job ids safe file names', () => {
    expect(jobFileName('receipt:R1-000042')).toBe('R1-000042');
    expect(jobFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(jobFileName('giftcard:GC 1/2')).toBe('giftcard_GC_1_2');
  });
});

describe('no printer', () => {
  it('reports none and resolves PRINTER_NONE without keeping the job', async () => {
    const p = createNoPrinter();
    expect(p.status()).toBe('none');
    expect(await p.print(job(1))).toMatchObject({ ok: false, code: 'PRINTER_NONE' });
    expect(p.pending()).toEqual([]);
    expect(await p.reprintPending()).toEqual([]);
    await p.close();
  });
});
