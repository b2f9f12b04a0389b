/**
 * Issue 8, defect 9: damage in history the snapshot already covers is found in the background
 * without slowing start-up (the proof of the balances reads the whole journal, balance-proof.ts),
 * shown as a sticky notice, blocks no sale; `journal verify` says so
 * without claiming the store cannot start; `till backup` leaves no half-made folder; and
 * `till store repair` keeps every intact event and lists what it could not keep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { backupStore, rebuildSnapshot, repairStore, verifyStore } from '../../src/store/maintenance.js';
import type { TillStore } from '../../src/store/till-store.js';
import { fixedClock, readLines, saleEvent, seg1, tmpDir } from './helpers.js';

const open: TillStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

async function store(sales = 20): Promise<string> {
  const dir = tmpDir('history');
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [], { now: fixedClock() });
  for (let i = 1; i <= sales; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
  await s.close();
  return dir;
}

/** Changes one byte inside the data of sale `n` (line n+1): the JSON still parses, the hash does not match. */
function damageSale(dir: string, n: number): void {
  const file = seg1(dir);
  const buf = fs.readFileSync(file);
  const needle = Buffer.from(`"receiptNo":"R1-${String(n).padStart(6, '0')}"`);
  const at = buf.indexOf(needle);
  expect(at).toBeGreaterThan(0);
  buf[at + needle.length - 2] = '9'.charCodeAt(0);
  fs.writeFileSync(file, buf);
}

describe('issue 8.9 damaged older history', () => {
  it('start-up does not read covered history; the background check finds the damage and blocks nothing', async () => {
    const dir = await store();
    damageSale(dir, 5);
    const s = await openStore(dir, { register: 'R1', proofDelayMs: 0 });
    open.push(s);
    expect(s.recovery).toEqual({ tornBytes: 0, replayed: 0 });
    const r = await s.proof!;
    expect(r.status).toBe('damaged');
    const n = s.notices.find((x) => x.code === 'STORE_DAMAGED')!;
    expect(n.sticky).toBe(true);
    expect(n.message).toMatch(/^Journal damaged in older history \(journal\/00000001\.jsonl line 6: the line was altered.*Sales continue; gift-card and points payments are refused/);
    expect(n.message).toContain('till store repair');
    expect(fs.readFileSync(path.join(dir, 'till.log'), 'utf8')).toMatch(/ERROR STORE_DAMAGED/);
    // Selling goes on.
    await s.commit({ id: 'sale-21', events: [saleEvent('R1', 21)] });
    await s.close();

    const v = await verifyStore(dir);
    expect(v.ok).toBe(false);
    const p = v.problems[0];
    expect(p.line).toBe(6);
    expect(p.message).not.toMatch(/cannot start/);
    expect(p.message).toMatch(/the journal is damaged: the line was altered.*till store repair/);
    // The scan stopped at the damage: the snapshot is not blamed for what it was not compared with.
    expect(v.snapshot.status).toBe('unchecked');
    expect(v.problems).toHaveLength(1);
  });

  it('till backup of a damaged store leaves no half-made folder (new or empty)', async () => {
    const dir = await store(5);
    damageSale(dir, 2);
    const dest = path.join(tmpDir('backup'), 'b1');
    await expect(backupStore(dir, dest)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(fs.existsSync(dest)).toBe(false);
    const empty = tmpDir('backup-empty');
    await expect(backupStore(dir, empty)).rejects.toThrow(`till store repair --data ${dir}`);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('till store repair keeps every intact event, sets the damage aside and says what it could not keep', async () => {
    const dir = await store();
    damageSale(dir, 5);
    const before = readLines(seg1(dir)).length;
    const damagedBytes = fs.readFileSync(seg1(dir));
    const rep = await repairStore(dir);
    expect(rep.clean).toBe(false);
    expect(rep.kept).toBe(before - 1);
    expect(rep.lost).toEqual([expect.objectContaining({ file: 'journal/00000001.jsonl', line: 6, tx: 'sale-5', seq: 6 })]);
    expect(rep.droppedTx).toEqual(['sale-5']);
    expect(rep.setAside.map((p) => path.basename(p))).toEqual([expect.stringMatching(/^journal\.damaged-/), expect.stringMatching(/^store\.json\.damaged-/)]);
    // The damaged bytes are kept aside, untouched.
    expect(fs.readFileSync(path.join(rep.setAside[0], '00000001.jsonl')).equals(damagedBytes)).toBe(true);
    await rebuildSnapshot(dir);
    const v = await verifyStore(dir);
    expect(v.ok).toBe(true);
    expect(v.lastSeq).toBe(before); // the intact events plus the repair record
    const s = await openStore(dir, { register: 'R1', proofDelayMs: 0 });
    open.push(s);
    expect(s.state.sales.count).toBe(19);
    expect(s.hasTx('sale-4') && s.hasTx('sale-6') && !s.hasTx('sale-5')).toBe(true);
    expect((await s.proof!).status).toBe('proven');
    await s.commit({ id: 'sale-21', events: [saleEvent('R1', 21)] });
    // A second repair has nothing to do.
    await s.close();
    expect((await repairStore(dir)).clean).toBe(true);
  });
});
