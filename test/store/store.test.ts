import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initStore, openStore, storeExists, StoreError } from '../../src/store/index.js';
import { dataSize, fixedClock, product, readLines, readSnapshot, saleEvent, seg1, tmpDir, upsert } from './helpers.js';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close().catch(() => {});
});
const track = <T extends { close(): Promise<void> }>(s: T): T => (opened.push(s), s);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return (e as StoreError).code;
  }
  return 'resolved';
}

describe('store: commit and reopen', () => {
  it('creates a store with store.initialized and seed in one transaction', async () => {
    const dir = tmpDir();
    const s = track(await initStore(dir, { currency: 'VND', register: 'R1', storeId: 'shop-1' }, [upsert(product('A', '8934563138165', 25000))], { now: fixedClock() }));
    expect(s.state.meta).toMatchObject({ storeId: 'shop-1', currency: 'VND', seq: 2 });
    expect(s.catalog.byBarcode('8934563138165')?.sku).toBe('A');
    expect(s.catalog.bySku('A')?.price).toBe(25000);
    const lines = readLines(seg1(dir)).map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.tx, l.txIndex, l.txCount])).toEqual([
      ['store.initialized', 'init:shop-1', 1, 2],
      ['catalog.upserted', 'init:shop-1', 2, 2],
    ]);
    expect(lines[1].prev).toBe(lines[0].hash);
    expect(storeExists(dir)).toBe(true);
  });

  it('keeps commits across a reopen, with receipt numbering continuing', async () => {
    const dir = tmpDir();
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [upsert(product('A', '111'))]);
    await s.commit({ id: 'sale-1', events: [saleEvent('R1', 1)], operator: 'op1' });
    await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2)] });
    expect(s.nextReceiptSeq('R1')).toBe(3);
    await s.close();
    const t = track(await openStore(dir, { register: 'R1' }));
    expect(t.state.sales).toEqual({ count: 2, lastReceipt: { R1: 2 } });
    expect(t.nextReceiptSeq('R1')).toBe(3);
    expect(t.nextReceiptSeq('R2')).toBe(1);
    expect(t.recovery).toEqual({ tornBytes: 0, replayed: 0 });
    const ev = readLines(seg1(dir)).map((l) => JSON.parse(l));
    expect(ev[2]).toMatchObject({ seq: 3, tx: 'sale-1', operator: 'op1', register: 'R1' });
  });

  it('replays events committed after the last snapshot', async () => {
    const dir = tmpDir();
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { checkpointEvery: 1000 });
    for (let i = 1; i <= 5; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
    // Simulate a power cut: drop the lock and the handles without the closing checkpoint.
    fs.unlinkSync(path.join(dir, 'till.lock'));
    const t = track(await openStore(dir, { register: 'R1' }));
    expect(t.recovery.replayed).toBe(5);
    expect(t.state.sales.count).toBe(5);
  });

  it('is idempotent by transaction id, also after a restart', async () => {
    const dir = tmpDir();
    const s = await initStore(dir, { currency: 'USD', register: 'R1' });
    const first = await s.commit({ id: 'sale-x', events: [saleEvent('R1', 1)] });
    expect(first.duplicate).toBe(false);
    expect(await s.commit({ id: 'sale-x', events: [saleEvent('R1', 1)] })).toEqual({ duplicate: true, events: [] });
    await s.close();
    const t = track(await openStore(dir, { register: 'R1' }));
    expect(t.hasTx('sale-x')).toBe(true);
    expect(t.hasTx('sale-y')).toBe(false);
    expect(await t.commit({ id: 'sale-x', events: [saleEvent('R1', 1)] })).toEqual({ duplicate: true, events: [] });
    expect(t.state.sales.count).toBe(1);
    expect(readLines(seg1(dir))).toHaveLength(2);
  });

  it('commits a bulk transaction of 10,000 events with one write', async () => {
    const dir = tmpDir();
    const s = track(await initStore(dir, { currency: 'USD', register: 'R1' }));
    const events = Array.from({ length: 10_000 }, (_, i) => upsert(product(`P${i}`, `B${i}`)));
    const r = await s.commit({ id: 'import-1', events });
    expect(r.events).toHaveLength(10_000);
    expect(r.events[9999]).toMatchObject({ txIndex: 10_000, txCount: 10_000, seq: 10_001 });
    expect(s.catalog.byBarcode('B9999')?.sku).toBe('P9999');
  });

  it('commits a batch of transactions with one write, each framed on its own, skipping duplicates', async () => {
    const dir = tmpDir();
    const s = await initStore(dir, { currency: 'USD', register: 'R1' });
    await s.commit({ id: 'sale-1', events: [saleEvent('R1', 1)] });
    const r = await s.commitBatch([
      { id: 'sale-1', events: [saleEvent('R1', 1)] },
      { id: 'sale-2', events: [saleEvent('R1', 2), upsert(product('A', '111'))] },
      { id: 'sale-2', events: [saleEvent('R1', 2)] },
      { id: 'sale-3', events: [saleEvent('R1', 3)] },
    ]);
    expect(r.map((x) => x.duplicate)).toEqual([true, false, true, false]);
    expect(r[3].events[0]).toMatchObject({ seq: 5, txIndex: 1, txCount: 1, tx: 'sale-3' });
    await s.abandon();
    const t = track(await openStore(dir, { register: 'R1' }));
    expect(t.state.sales.count).toBe(3);
    expect(t.recovery.replayed).toBe(4);
  });

  it('rotates segments and reopens across them', async () => {
    const dir = tmpDir();
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { segmentBytes: 4096, checkpointEvery: 7 });
    for (let i = 1; i <= 40; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
    await s.close();
    const names = fs.readdirSync(path.join(dir, 'journal'));
    expect(names.length).toBeGreaterThan(2);
    for (const n of names.slice(1)) expect(JSON.parse(readLines(path.join(dir, 'journal', n))[0]).seq).toBe(Number(n.slice(0, -6)));
    // Finished segments are trimmed to their lines; only the last one keeps preallocated padding.
    for (const n of names.slice(0, -1)) expect(fs.statSync(path.join(dir, 'journal', n)).size).toBe(dataSize(path.join(dir, 'journal', n)));
    const t = track(await openStore(dir, { register: 'R1', segmentBytes: 4096 }));
    expect(t.state.sales.count).toBe(40);
    expect(t.state.meta.seq).toBe(41);
  });

  it('updates the barcode index on upsert and removal', async () => {
    const dir = tmpDir();
    const s = track(await initStore(dir, { currency: 'USD', register: 'R1' }, [upsert(product('A', '111'), product('B', '222'))]));
    await s.commit({ id: 'c1', events: [upsert({ ...product('A', '333'), name: 'Renamed' })] });
    expect(s.catalog.byBarcode('111')).toBeUndefined();
    expect(s.catalog.byBarcode('333')?.name).toBe('Renamed');
    await s.commit({ id: 'c2', events: [{ type: 'catalog.removed', data: { skus: ['B'] } }] });
    expect(s.catalog.byBarcode('222')).toBeUndefined();
    expect(s.catalog.bySku('B')).toBeUndefined();
    expect(s.catalog.byBarcode('__proto__')).toBeUndefined();
    expect(s.catalog.byBarcode('constructor')).toBeUndefined();
  });

  it('refuses bad commit requests without writing', async () => {
    const dir = tmpDir();
    const s = track(await initStore(dir, { currency: 'USD', register: 'R1' }));
    expect(await code(s.commit({ id: '', events: [saleEvent('R1', 1)] }))).toBe('BAD_EVENT');
    expect(await code(s.commit({ id: 'x', events: [] }))).toBe('BAD_EVENT');
    expect(await code(s.commit({ id: 'x', events: [{ type: 'x', data: { n: 1n } }] }))).toBe('BAD_EVENT');
    expect(readLines(seg1(dir))).toHaveLength(1);
  });
});

describe('store: checkpoints', () => {
  it('snapshots a due checkpoint at the next pause in commits, or at once when far behind', async () => {
    const dir = tmpDir();
    const s = track(await initStore(dir, { currency: 'USD', register: 'R1' }, [], { checkpointEvery: 2, idleCheckpointMs: 0 }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const snapSeq = () => readSnapshot(dir).state.meta.seq;
      for (let i = 1; i <= 3; i++) await s.commit({ id: `s${i}`, events: [saleEvent('R1', i)] });
      expect(s.pendingCheckpoint).toBe(3); // due, but a sale may be under way: wait for a pause
      vi.advanceTimersByTime(500);
      await vi.waitFor(() => expect(s.pendingCheckpoint).toBe(0));
      expect(snapSeq()).toBe(4);
      await s.commit({ id: 'bulk', events: Array.from({ length: 20 }, (_, i) => saleEvent('R1', 10 + i)) });
      await vi.waitFor(() => expect(s.pendingCheckpoint).toBe(0)); // 10x overdue: no waiting for a pause
      expect(snapSeq()).toBe(24);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('store: creation, modes and lock', () => {
  it('says how to create a missing store and refuses to create over an existing one', async () => {
    const dir = tmpDir();
    const err = await openStore(path.join(dir, 'nothing'), { register: 'R1' }).catch((e) => e);
    expect(err.code).toBe('STORE_MISSING');
    expect(err.message).toContain('till init');
    track(await initStore(dir, { currency: 'USD', register: 'R1' }));
    expect(await code(initStore(dir, { currency: 'USD', register: 'R1' }))).toBe('STORE_EXISTS');
  });

  it('creates files 0600 inside 0700 folders', async () => {
    const dir = path.join(tmpDir(), 'data');
    const s = await initStore(dir, { currency: 'USD', register: 'R1' });
    await s.commit({ id: 'a', events: [saleEvent('R1', 1)] });
    await s.close();
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'journal'))).toBe(0o700);
    expect(mode(seg1(dir))).toBe(0o600);
    expect(mode(path.join(dir, 'store.json'))).toBe(0o600);
  });

  it('refuses a second open while the first holds the lock, and releases it on close', async () => {
    const dir = tmpDir();
    const s = await initStore(dir, { currency: 'USD', register: 'R1' });
    const err = await openStore(dir, { register: 'R1' }).catch((e) => e);
    expect(err.code).toBe('STORE_LOCKED');
    expect(err.message).toContain(String(process.pid));
    await s.close();
    track(await openStore(dir, { register: 'R1' }));
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = tmpDir();
    await (await initStore(dir, { currency: 'USD', register: 'R1' })).close();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, 'till.lock'), `${dead}\n`);
    const s = track(await openStore(dir, { register: 'R1' }));
    expect(fs.readFileSync(path.join(dir, 'till.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
    expect(s.state.meta.seq).toBe(1);
  });
});
