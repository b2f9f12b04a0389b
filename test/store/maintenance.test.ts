import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { backupStore, rebuildSnapshot, restoreBackup, verifyStore } from '../../src/store/maintenance.js';
import { editSnapshot, product, saleEvent, seg1, tmpDir, unpad, upsert } from './helpers.js';

/** Closed store: snapshot at seq 4 (after 3 sales), then 2 more sales only in the journal. */
async function fixture(): Promise<string> {
  const dir = tmpDir('maint');
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [upsert(product('A', '111'))], { checkpointEvery: 1000 });
  for (let i = 1; i <= 3; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
  await s.checkpoint();
  for (let i = 4; i <= 5; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
  await s.abandon();
  unpad(seg1(dir));
  return dir;
}

const snapPath = (dir: string) => path.join(dir, 'store.json');

describe('verifyStore', () => {
  it('passes a healthy store and reports what it checked', async () => {
    const dir = await fixture();
    const v = await verifyStore(dir);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, segments: 1, events: 7, transactions: 6, lastSeq: 7 });
    expect(v.snapshot).toMatchObject({ seq: 5, status: 'ok' });
    expect(v.state.sales.count).toBe(5);
  });

  it('names the file and line of a damaged journal line', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('R1-000002', 'R1-000007'));
    const v = await verifyStore(dir);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatchObject({ file, line: 4 });
    expect(v.problems[0].message).toContain('altered');
  });

  it('finds a snapshot slice that is not the fold of the journal, and rebuild repairs it', async () => {
    const dir = await fixture();
    editSnapshot(dir, (d) => (d.state.sales.count = 99));
    const v = await verifyStore(dir);
    expect(v.ok).toBe(false);
    expect(v.snapshot.status).toBe('mismatch');
    expect(v.problems[0].message).toMatch(/slice "sales" differs .* at sales\.count: snapshot has 99, the journal folds to 3/);
    expect(v.problems[0].message).toContain('till store rebuild');
    const r = await rebuildSnapshot(dir);
    expect(r).toMatchObject({ seq: 7, events: 7 });
    expect((await verifyStore(dir)).ok).toBe(true);
    const s = await openStore(dir, { register: 'R1' });
    expect(s.state.sales.count).toBe(5);
    await s.close();
  });

  it('finds a snapshot ahead of the journal', async () => {
    const dir = await fixture();
    editSnapshot(dir, (d) => (d.state.meta.seq = 40));
    const v = await verifyStore(dir);
    expect(v.snapshot.status).toBe('ahead');
    expect(v.problems.map((p) => p.message).join()).toMatch(/reflects event 40 but the journal ends at event 7/);
  });

  it('reports an unreadable snapshot and still verifies the journal', async () => {
    const dir = await fixture();
    fs.writeFileSync(snapPath(dir), '{');
    const v = await verifyStore(dir);
    expect(v.snapshot.status).toBe('unreadable');
    expect(v.lastSeq).toBe(7);
    expect(v.problems).toHaveLength(1);
    await rebuildSnapshot(dir);
    expect((await verifyStore(dir)).ok).toBe(true);
  });

  it('reports an incomplete tail without calling it damage', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    fs.appendFileSync(file, '{"seq":8,"id":"x');
    const v = await verifyStore(dir);
    expect(v.ok).toBe(true);
    expect(v.tail).toMatchObject({ file, line: 8, bytes: 16 });
  });

  it('refuses to rebuild while a register holds the store', async () => {
    const dir = await fixture();
    const s = await openStore(dir, { register: 'R1' });
    await expect(rebuildSnapshot(dir)).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await s.close();
  });
});

describe('backup and restore', () => {
  it('round-trips a store, with a manifest, files fsynced and modes kept', async () => {
    const dir = await fixture();
    fs.writeFileSync(path.join(dir, 'till.config.json'), '{"currency":"USD"}');
    const dest = path.join(tmpDir('bk'), 'backup-1');
    const m = await backupStore(dir, dest);
    expect(m).toMatchObject({ format: 'till-backup/1', storeId: 'shop', seq: 7 });
    expect(m.files.map((f) => f.path).sort()).toEqual(['journal/00000001.jsonl', 'store.json', 'till.config.json']);
    const target = path.join(tmpDir('restore'), 'data');
    await restoreBackup(dest, target);
    expect(fs.statSync(target).mode & 0o777).toBe(0o700);
    expect(fs.statSync(seg1(target)).mode & 0o777).toBe(0o600);
    const a = await openStore(dir, { register: 'R1' });
    const b = await openStore(target, { register: 'R1' });
    expect(b.state).toEqual(a.state);
    expect(b.hasTx('sale-5')).toBe(true);
    await a.close();
    await b.close();
    await expect(restoreBackup(dest, target)).rejects.toMatchObject({ code: 'STORE_EXISTS' });
  });

  it('copies a running store consistently, cutting a commit in flight', async () => {
    const dir = await fixture();
    const s = await openStore(dir, { register: 'R1' });
    fs.appendFileSync(seg1(dir), '{"seq":8,"half');
    const dest = path.join(tmpDir('bk'), 'hot');
    const m = await backupStore(dir, dest);
    expect(m.seq).toBe(7);
    expect((await verifyStore(dest)).tail).toBeUndefined();
    await s.abandon();
  });

  it('refuses a damaged backup, a non-empty destination and a missing manifest', async () => {
    const dir = await fixture();
    const dest = path.join(tmpDir('bk'), 'b');
    await backupStore(dir, dest);
    await expect(backupStore(dir, dest)).rejects.toMatchObject({ code: 'STORE_EXISTS' });
    fs.appendFileSync(path.join(dest, 'journal', '00000001.jsonl'), 'x');
    const target = path.join(tmpDir('restore'), 'data');
    await expect(restoreBackup(dest, target)).rejects.toThrow(/journal\/00000001.jsonl differs from the manifest/);
    expect(fs.existsSync(path.join(target, 'journal'))).toBe(false);
    fs.unlinkSync(path.join(dest, 'manifest.json'));
    await expect(restoreBackup(dest, target)).rejects.toThrow(/manifest.json is missing/);
  });
});
