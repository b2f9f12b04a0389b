/**
 * The durable print queue's files (src/store/print-queue.ts): 0600 in a 0700 folder, atomic writes,
 * states after a restart, order kept across rewrites, a damaged file left alone, a failing disk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPrintQueue, queueFileName, PRINT_QUEUE_DIR } from '../../src/store/print-queue.js';
import { withFs } from '../../src/store/fs-ops.js';
import type { PrintJob } from '../../hardware/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'till-pq-'));
  dirs.push(d);
  return d;
};
const job = (id: string, text = `receipt ${id}\nGIFT 7Q4K-...-whole code`): PrintJob => ({ id, text, bytes: Uint8Array.from([0x1b, 0x40, ...Buffer.from(text), 0x1d, 0x56, 0x00]) });

describe('print queue files', () => {
  it('a job is a 0600 file in a 0700 folder from before it is sent until it printed', async () => {
    const dir = dataDir();
    const q = openPrintQueue(dir);
    await q.sending(job('receipt:R1-000001'));
    const folder = join(dir, PRINT_QUEUE_DIR);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const file = join(folder, queueFileName('receipt:R1-000001'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ v: 1, id: 'receipt:R1-000001', state: 'sending' });
    await q.printed('receipt:R1-000001');
    expect(readdirSync(folder)).toEqual([]);
    await q.printed('receipt:R1-000001'); // twice is harmless
  });

  it('after a restart: a waiting job as it was, a job caught while sending (or failed part-way) as uncertain; oldest first', async () => {
    const dir = dataDir();
    let t = 1000;
    const q = openPrintQueue(dir, { now: () => t++ });
    await q.kept({ job: job('receipt:R1-000001'), uncertain: false });
    await q.sending(job('receipt:R1-000002'));
    await q.kept({ job: job('z:R1-3'), uncertain: true });
    // The first one is tried again and refused again: it keeps its place in line.
    await q.sending(job('receipt:R1-000001'));
    await q.kept({ job: job('receipt:R1-000001'), uncertain: false });
    const loaded = openPrintQueue(dir).load();
    expect(loaded.map((e) => [e.job.id, e.uncertain])).toEqual([
      ['receipt:R1-000001', false],
      ['receipt:R1-000002', true],
      ['z:R1-3', true],
    ]);
    expect(loaded[0].job).toEqual(job('receipt:R1-000001'));
    // New jobs after the restart go behind the loaded ones.
    const q2 = openPrintQueue(dir, { now: () => 5 });
    q2.load();
    await q2.kept({ job: job('receipt:R1-000004'), uncertain: false });
    expect(openPrintQueue(dir).load().map((e) => e.job.id)).toEqual(['receipt:R1-000001', 'receipt:R1-000002', 'z:R1-3', 'receipt:R1-000004']);
  });

  it('distinct ids never share a file, even when they read the same', () => {
    expect(queueFileName('x:a/b')).not.toBe(queueFileName('x:a_b'));
    expect(queueFileName('receipt:R1-000042')).toMatch(/^R1-000042-[0-9a-f]{10}\.job$/);
    expect(queueFileName('../../etc/passwd')).not.toContain('/');
  });

  it('a damaged job file is left in place and named in the log; a temp file of a change that never landed is removed', async () => {
    const dir = dataDir();
    const q = openPrintQueue(dir);
    await q.kept({ job: job('receipt:R1-000001'), uncertain: false });
    const folder = join(dir, PRINT_QUEUE_DIR);
    writeFileSync(join(folder, 'R1-000009-0000000000.job'), '{"v":1,"id":');
    writeFileSync(join(folder, `${queueFileName('receipt:R1-000001')}.tmp-123-1`), 'half');
    const log: string[] = [];
    const loaded = openPrintQueue(dir, { log: (l) => log.push(l) }).load();
    expect(loaded.map((e) => e.job.id)).toEqual(['receipt:R1-000001']);
    expect(log).toEqual([`print queue: ${join(folder, 'R1-000009-0000000000.job')} cannot be read as a print job; left in place, not printed`]);
    expect(readdirSync(folder).sort()).toEqual([queueFileName('receipt:R1-000001'), 'R1-000009-0000000000.job'].sort());
  });

  it('a disk that fails the write rejects and leaves the previous file whole, no temp file behind', async () => {
    const dir = dataDir();
    await openPrintQueue(dir).kept({ job: job('receipt:R1-000001'), uncertain: false });
    const full = openPrintQueue(dir, { ops: withFs({ fsync: async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) }) });
    full.load();
    await expect(full.sending(job('receipt:R1-000001'))).rejects.toThrow(/ENOSPC/);
    const folder = join(dir, PRINT_QUEUE_DIR);
    expect(readdirSync(folder)).toEqual([queueFileName('receipt:R1-000001')]);
    expect(openPrintQueue(dir).load().map((e) => [e.job.id, e.uncertain])).toEqual([['receipt:R1-000001', false]]);
  });

  it('no folder yet: nothing to load, and nothing is created by looking', () => {
    const dir = dataDir();
    expect(openPrintQueue(dir).load()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
