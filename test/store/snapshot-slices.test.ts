/**
 * Issue 12: a snapshot is written in slices between commits. A consistent cut (compact tables and
 * transaction ids as frozen views, the rest copied), then the file encoded a slice at a time; commits
 * made meanwhile land in the journal after the cut. These tests run with a slice of 0 ms (a yield
 * after every piece), so what they assert is the order of things, never a duration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { nodeFsOps, type FsOps } from '../../src/store/fs-ops.js';
import type { TillStore } from '../../src/store/till-store.js';
import { verifyStore } from '../../src/store/verify.js';
import { compactRecord, plainCopy, tableOf } from '../../src/store/compact/record.js';
import { appendOnly, setAt } from '../../src/store/projections/append-only.js';
import { cutSnapshot, snapshotPieces } from '../../src/store/snapshot-cut.js';
import { encodeSnapshot, SNAPSHOT_FORMAT, type SnapshotDoc } from '../../src/store/snapshot-lines.js';
import { TxSet } from '../../src/store/tx-set.js';
import type { StoreState } from '../../src/store/types.js';
import { product, readSnapshot, saleEvent, tmpDir, upsert } from './helpers.js';

const opened: TillStore[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close().catch(() => {});
});

const CUSTOMERS = 1500;
const customer = (i: number) => ({ id: `C${i}`, name: `Customer ${i}`, phone: `+849${String(1_000_000 + i)}`, tier: null, card: `2${String(i).padStart(11, '0')}`, blocked: false, created: '2025-01-01T00:00:00.000Z' });
const earn = (i: number, points: number) => ({ type: 'points.earned', data: { customerId: `C${i}`, programId: 'points', points, day: '2025-01-02', ref: `x${i}` } });

/** A store with enough rows for a snapshot of many pieces: products, customers with points, sales. */
async function fixture(): Promise<string> {
  const dir = tmpDir('slices');
  const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { idleCheckpointMs: 0 });
  await s.commit({ id: 'catalog', events: [upsert(...Array.from({ length: 400 }, (_, i) => product(`P${i}`, `29${String(i).padStart(11, '0')}`, 100 + i)))] });
  await s.commitBatch(Array.from({ length: CUSTOMERS }, (_, i) => ({ id: `cust-${i}`, events: [{ type: 'customer.created', data: { customer: customer(i) } }] })));
  // Points for most of them: every account's row is written, and the last 1,024 stay live (decoded).
  await s.commitBatch(Array.from({ length: CUSTOMERS }, (_, i) => ({ id: `earn-${i}`, events: [earn(i, 10 + i)] })));
  await s.commitBatch(Array.from({ length: 300 }, (_, i) => ({ id: `sale-${i}`, events: [saleEvent('R1', i + 1)] })));
  await s.close();
  return dir;
}

type Log = string[];

/** File operations that note every write of the snapshot and every fsync (both through the thread pool) in `log`. */
const recording = (log: Log, failAt = -1, failSyncAt = -1): Partial<FsOps> => {
  let n = 0;
  let syncs = 0;
  return {
    writeBulk: (fd, buf, off, len, pos) => {
      log.push('snapshot write');
      if (++n === failAt) return Promise.reject(Object.assign(new Error('EIO: simulated'), { code: 'EIO' }));
      return nodeFsOps.writeBulk(fd, buf, off, len, pos);
    },
    fsync: (fd) => {
      log.push('sync');
      // Counted from the snapshot's first write (the store's own start-up syncs come before).
      if (n > 0 && ++syncs === failSyncAt) return Promise.reject(Object.assign(new Error('EIO: simulated'), { code: 'EIO' }));
      return nodeFsOps.fsync(fd);
    },
  };
};

const turn = () => new Promise<void>((r) => setImmediate(r));

/** Commits a sale and points for an account that is live (recently used), each in a turn of its own. */
async function commitsDuring(s: TillStore, log: Log, busy: () => boolean, from: number): Promise<number> {
  let k = 0;
  while (busy() && k < 200) {
    await turn();
    // The accounts made live first: written back at the start of the snapshot's preparation, changed
    // again before its cut, so the cut must take their live values, not their rows.
    const i = k % 50;
    await s.commit({ id: `late-${from + k}`, events: [saleEvent('R1', 1000 + from + k), earn(i, 1)] });
    // A receipt number below the end of the receipt index: its gap filled in place, the one change
    // an append-only list takes (projections/append-only.ts), while the cut still reads the old 0.
    if (k % 3 === 1) await s.commit({ id: `gap-${from + k}`, events: [saleEvent('R1', 600 + from + k)] });
    if (k % 7 === 0) await s.commit({ id: `price-${from + k}`, events: [upsert(product(`P${k % 400}`, `29${String(k % 400).padStart(11, '0')}`, 5000 + k))] });
    // Points for more accounts than stay live: the ones pushed out are encoded back into their rows
    // (rewritten in place when they are not longer), while the snapshot still reads those rows.
    if (k === 2) await s.commitBatch(Array.from({ length: 1100 }, (_, j) => ({ id: `many-${from}-${j}`, events: [earn(CUSTOMERS - 1 - j, 1)] })));
    log.push('commit');
    k++;
  }
  return k;
}

describe('snapshot written in slices between commits', () => {
  it('a frozen view of a compact table reads its rows as they were while they are rewritten, deleted and added', () => {
    const rec = compactRecord<{ n: number; s: string }>({ live: 4 });
    for (let i = 0; i < 200; i++) rec[`k${i}`] = { n: i, s: 'x'.repeat(i % 7) };
    const t = tableOf(rec)!;
    const header = t.dumpHeader(); // writes the live objects back: the rows are the table's state
    const copies = (it: Iterable<Buffer>) => Buffer.concat([...it].map((b) => Buffer.from(b)));
    const before = copies(t.dumpChunks());
    const view = t.frozenDump((v) => structuredClone(v));
    for (const _ of view.prepare());
    // Rows of the same length (rewritten in place without a view), longer ones, deletes, growth.
    for (let i = 0; i < 200; i++) rec[`k${i}`] = { n: i + 1, s: 'x'.repeat(i % 7) };
    for (let i = 0; i < 50; i++) rec[`k${i}`] = { n: i, s: 'longer'.repeat(5) };
    for (let i = 100; i < 150; i++) delete rec[`k${i}`];
    for (let i = 0; i < 3000; i++) rec[`n${i}`] = { n: i, s: 'yy' };
    expect(copies(view.chunks()).equals(before)).toBe(true);
    expect(view.header()).toEqual(header);
    view.release();
    expect(rec.k1).toEqual({ n: 1, s: 'longer'.repeat(5) });
    expect(rec.k160).toEqual({ n: 161, s: 'x'.repeat(160 % 7) });
  });

  it('a frozen view of a compact table keeps its rows through a renumbering and a rewrite of the buffer', () => {
    const rec = compactRecord<{ n: number }>({ live: 2 });
    for (let i = 0; i < 64; i++) rec[`k${i}`] = { n: i };
    const t = tableOf(rec)!;
    t.dumpHeader();
    const copies = (it: Iterable<Buffer>) => Buffer.concat([...it].map((b) => Buffer.from(b)));
    const before = copies(t.dumpChunks());
    const view = t.frozenDump((v) => structuredClone(v));
    for (const _ of view.prepare());
    // Most rows deleted, then rows added until the numbering is full: the table renumbers its rows
    // (offsets moved in place), and grows its buffer (offsets rewritten) as they come.
    for (let i = 0; i < 60; i++) delete rec[`k${i}`];
    rec.k62 = { n: 1e9 };
    for (let i = 0; i < 500; i++) rec[`m${i}`] = { n: i };
    expect(copies(view.chunks()).equals(before)).toBe(true);
    view.release();
    expect(Object.keys(rec).length).toBe(504);
    expect(rec.k62).toEqual({ n: 1e9 });
  });

  it('an append-only list is cut by its length, not copied: later pushes and in-place changes do not reach the file', () => {
    const state = (receipts: Record<string, number[]>) =>
      ({ meta: { storeId: 's', currency: 'USD', createdAt: '', seq: 1, hash: 'h' }, returns: { receipts, sales: {} } }) as unknown as StoreState;
    const docOf = (st: StoreState): SnapshotDoc => ({ format: SNAPSHOT_FORMAT, pos: null, projections: {}, txs: new TxSet(), writtenAt: 'w', state: st });
    const text = (doc: SnapshotDoc) => {
      const lines: string[] = [];
      encodeSnapshot(doc, (l) => lines.push(l));
      return lines.join('\n') + '\n';
    };
    // Few registers (the list in the slice line) and many (the record as entry lines, 64 keys and more).
    for (const registers of [1, 70]) {
      const receipts: Record<string, number[]> = {};
      for (let r = 0; r < registers; r++) receipts[`R${r}`] = appendOnly(Array.from({ length: 5000 }, (_, i) => (i % 9 === 0 ? 0 : i + 1)));
      const expected = text(docOf(state(JSON.parse(JSON.stringify(receipts)))));
      const doc = docOf(state(receipts));
      const cut = cutSnapshot(doc);
      const second = cutSnapshot(doc);
      for (const list of Object.values(receipts)) {
        for (let i = 0; i < 100; i++) list.push(-i);
        setAt(list, 9, 77);
        setAt(list, 9, 78);
        setAt(list, 5002, 79);
      }
      expect([...snapshotPieces(cut)].join('')).toBe(expected);
      // A view taken later sees the changes made before it, and only those.
      const third = cutSnapshot(doc);
      setAt(receipts.R0, 18, 5);
      const after = JSON.parse(JSON.stringify(receipts));
      after.R0[18] = 0;
      expect([...snapshotPieces(third)].join('')).toBe(text(docOf(state(after))));
      second.release();
      expect(receipts.R0[9]).toBe(78);
      expect(receipts.R0[18]).toBe(5);
      expect(receipts.R0.length).toBe(5100);
    }
  });

  it('commits made while a snapshot is written are not held behind it: they land between its pieces', async () => {
    const dir = await fixture();
    const log: Log = [];
    const s = await openStore(dir, { register: 'R1', idleCheckpointMs: 0, snapshotSliceMs: 0, fs: recording(log) });
    opened.push(s);
    await s.commit({ id: 'first', events: [saleEvent('R1', 900)] });
    let done = false;
    const writing = s.checkpoint().then(() => {
      done = true;
      log.push('snapshot done');
    });
    const commits = await commitsDuring(s, log, () => !done, 0);
    await writing;
    // Commits resolved while the snapshot was still being written, with its pieces before and after them.
    const firstCommit = log.indexOf('commit');
    expect(commits).toBeGreaterThan(3);
    expect(firstCommit).toBeGreaterThan(-1);
    expect(log.indexOf('snapshot write')).toBeLessThan(log.lastIndexOf('commit'));
    expect(log.lastIndexOf('snapshot write')).toBeGreaterThan(firstCommit);
    expect(log.indexOf('commit')).toBeLessThan(log.indexOf('snapshot done'));
  });

  it('the snapshot is the state at its cut: the commits made while it was written are in the journal after it', async () => {
    const dir = await fixture();
    const log: Log = [];
    const s = await openStore(dir, { register: 'R1', idleCheckpointMs: 0, snapshotSliceMs: 0, fs: recording(log) });
    opened.push(s);
    const before = s.state.meta.seq;
    // Points for 300 accounts before the snapshot starts: live, their rows stale until written back
    // (in several steps of the preparation, commits between them).
    await s.commitBatch(Array.from({ length: 300 }, (_, k) => ({ id: `warm-${k}`, events: [earn(k, 2)] })));
    let done = false;
    const writing = s.checkpoint().then(() => void (done = true));
    const commits = await commitsDuring(s, log, () => !done, 100);
    await writing;
    const snap = readSnapshot(dir);
    const cut = snap.state.meta.seq;
    expect(commits).toBeGreaterThan(3);
    expect(cut).toBeGreaterThan(before);
    expect(cut).toBeLessThan(s.state.meta.seq);
    // Every slice and the transaction-id table equal the fold of the journal up to the cut.
    expect((await verifyStore(dir)).problems).toEqual([]);
    expect(snap.txs.size).toBeLessThan(s.state.meta.seq);
    // And a start from it replays the commits after the cut into the same state as the live one.
    const live = plainCopy(s.state);
    await s.abandon();
    opened.length = 0;
    const again = await openStore(dir, { register: 'R1', idleCheckpointMs: 0 });
    opened.push(again);
    expect(again.recovery.replayed).toBe(live.meta.seq - cut);
    expect(plainCopy(again.state)).toEqual(live);
  });

  it('a snapshot that fails half-way leaves the old one valid and the commits made meanwhile in the journal', async () => {
    const dir = await fixture();
    const old = fs.readFileSync(path.join(dir, 'store.json'));
    const log: Log = [];
    const s = await openStore(dir, { register: 'R1', idleCheckpointMs: 0, snapshotSliceMs: 0, fs: recording(log, 6) });
    opened.push(s);
    await s.commit({ id: 'first', events: [saleEvent('R1', 900)] });
    let done = false;
    const writing = s.checkpoint().then(
      () => void (done = true),
      (e) => {
        done = true;
        return e;
      },
    );
    await commitsDuring(s, log, () => !done, 0);
    const err = await writing;
    expect((err as { code?: string })?.code).toBe('IO_ERROR');
    expect(fs.readFileSync(path.join(dir, 'store.json')).equals(old)).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    expect((await verifyStore(dir)).problems).toEqual([]);
    const live = plainCopy(s.state);
    await s.abandon();
    opened.length = 0;
    const again = await openStore(dir, { register: 'R1', idleCheckpointMs: 0 });
    opened.push(again);
    expect(plainCopy(again.state)).toEqual(live);
  });

  it('the temp file is synced while it is written, so the last sync before the rename is short; a failed sync leaves the old snapshot', async () => {
    const dir = await fixture();
    const size = fs.statSync(path.join(dir, 'store.json')).size;
    const log: Log = [];
    const s = await openStore(dir, { register: 'R1', idleCheckpointMs: 0, snapshotSliceMs: 0, snapshotSyncBytes: 16 * 1024, fs: recording(log) });
    opened.push(s);
    await s.commit({ id: 'first', events: [saleEvent('R1', 900)] });
    await s.checkpoint();
    const writes = log.filter((l) => l === 'snapshot write').length;
    const syncs = log.filter((l) => l === 'sync').length;
    // A sync once 16 KiB were written since the last (a write is up to 1 MB), more writes after it;
    // then the last sync before the rename and the folder's after it.
    expect(size).toBeGreaterThan(64 * 1024);
    expect(writes).toBeGreaterThan(4);
    expect(syncs).toBeGreaterThan(3);
    expect(log.indexOf('sync')).toBeLessThan(log.lastIndexOf('snapshot write'));
    expect((await verifyStore(dir)).problems).toEqual([]);
    await s.close();
    opened.length = 0;

    const old = fs.readFileSync(path.join(dir, 'store.json'));
    const log2: Log = [];
    const f = await openStore(dir, { register: 'R1', idleCheckpointMs: 0, snapshotSliceMs: 0, snapshotSyncBytes: 16 * 1024, fs: recording(log2, -1, 2) });
    opened.push(f);
    await f.commit({ id: 'second', events: [saleEvent('R1', 901)] });
    const err = await f.checkpoint().catch((e) => e);
    expect((err as { code?: string })?.code).toBe('IO_ERROR');
    expect(log2.lastIndexOf('snapshot write')).toBeGreaterThan(log2.indexOf('sync'));
    expect(fs.readFileSync(path.join(dir, 'store.json')).equals(old)).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    const live = plainCopy(f.state);
    await f.abandon();
    opened.length = 0;
    const again = await openStore(dir, { register: 'R1', idleCheckpointMs: 0 });
    opened.push(again);
    expect(plainCopy(again.state)).toEqual(live);
  });
});
