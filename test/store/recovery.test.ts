import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import type { TillStore } from '../../src/store/till-store.js';
import { dataSize, readLines, saleEvent, seg1, tmpDir, upsert, product, unpad } from './helpers.js';

const opened: TillStore[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close().catch(() => {});
});
const open = async (dir: string) => {
  const s = await openStore(dir, { register: 'R1' });
  opened.push(s);
  return s;
};

/** A store with 1 init line + 3 sales (one of them 3 events), closed cleanly, snapshot at seq 1. */
async function fixture(): Promise<string> {
  const dir = tmpDir('recovery');
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' });
  await s.close();
  const t = await openStore(dir, { register: 'R1', checkpointEvery: 1_000 });
  // Snapshot stays at seq 1: the journal tail is what recovery replays.
  await t.commit({ id: 'sale-1', events: [saleEvent('R1', 1)] });
  await t.commit({ id: 'sale-2', events: [saleEvent('R1', 2), upsert(product('A', '111')), saleEvent('R1', 3)] });
  await t.commit({ id: 'sale-3', events: [saleEvent('R1', 4)] });
  fs.unlinkSync(path.join(dir, 'till.lock')); // "power cut": no closing snapshot
  unpad(seg1(dir));
  return dir;
}

const lineOffsets = (file: string) => {
  const text = fs.readFileSync(file, 'utf8');
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return { text, starts };
};

async function refusal(dir: string): Promise<Error & { code: string; params: Record<string, unknown> }> {
  const e = await openStore(dir, { register: 'R1' }).catch((x) => x);
  expect(e?.code).toBe('STORE_CORRUPT');
  return e;
}

describe('recovery: torn tail', () => {
  it('cuts a transaction torn in the middle of its write and reports it', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const { starts } = lineOffsets(file);
    // Keep sale-2's first event and half of its second: the write of sale-3 never happened either.
    const cut = starts[3] + 40;
    fs.truncateSync(file, cut);
    const s = await open(dir);
    expect(s.recovery.tornBytes).toBe(cut - starts[2]);
    expect(s.recovery.tornFile).toBe(file);
    expect(s.state.sales.count).toBe(1);
    expect(s.hasTx('sale-2')).toBe(false);
    expect(fs.statSync(file).size).toBe(starts[2]);
    // The register goes on from there: the retried sale chains onto the cut journal.
    await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2)] });
    await s.close();
    const t = await open(dir);
    expect(t.recovery.tornBytes).toBe(0);
    expect(t.state.sales.count).toBe(2);
  });

  it('cuts complete lines of a transaction whose last line never arrived', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const { starts } = lineOffsets(file);
    fs.truncateSync(file, starts[4]); // sale-2 has 2 of its 3 lines, each complete with newline
    const s = await open(dir);
    expect(s.recovery.tornBytes).toBe(starts[4] - starts[2]);
    expect(s.state.sales.count).toBe(1);
    expect(s.state.catalog.products).toEqual({});
  });

  it('reads zero padding after the last line as free space, and appends over it', async () => {
    const dir = await fixture();
    const end = dataSize(seg1(dir));
    fs.appendFileSync(seg1(dir), Buffer.alloc(4096));
    const s = await open(dir);
    expect(s.recovery.tornBytes).toBe(0);
    expect(s.state.sales.count).toBe(4);
    await s.commit({ id: 'sale-4', events: [saleEvent('R1', 5)] });
    expect(fs.statSync(seg1(dir)).size).toBe(end + 4096); // written into the padding, the file did not grow
    await s.close();
    const t = await open(dir);
    expect(t.state.sales.count).toBe(5);
  });

  it('cuts a partial transaction followed by zero padding', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const { starts } = lineOffsets(file);
    const keep = fs.readFileSync(file).subarray(0, starts[3] + 25);
    fs.writeFileSync(file, Buffer.concat([keep, Buffer.alloc(8192)]));
    const s = await open(dir);
    expect(s.recovery.tornBytes).toBe(starts[3] + 25 - starts[2]);
    expect(s.state.sales.count).toBe(1);
    expect(fs.statSync(file).size).toBe(starts[2]);
  });
});

describe('recovery: damage stops start-up with file, line and command', () => {
  it('refuses a bad line in the middle', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const { text, starts } = lineOffsets(file);
    const at = starts[2] + 30;
    fs.writeFileSync(file, text.slice(0, at) + 'X' + text.slice(at + 1));
    const e = await refusal(dir);
    expect(e.message).toContain(`${file} line 3`);
    expect(e.message).toContain('till journal verify');
    expect(e.params).toMatchObject({ file, line: 3 });
  });

  it('refuses a broken hash chain (a line removed)', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const lines = readLines(file);
    lines.splice(1, 1);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const e = await refusal(dir);
    expect(e.message).toMatch(/line 2: expected event 2 but found event 3/);
  });

  it('refuses a line rewritten with a valid self-hash but a wrong prev', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const lines = readLines(file);
    const { encodeLine } = await import('../../src/store/line.js');
    const ev = JSON.parse(lines[4]);
    const forged = encodeLine({ ...ev, dataJson: JSON.stringify({ sale: { receiptNo: 'R1-999999', register: 'R1' } }), prev: '0'.repeat(64) });
    lines[4] = forged.line;
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const e = await refusal(dir);
    expect(e.message).toMatch(/line 5: the hash chain is broken/);
  });

  it('refuses a line altered in place (hash mismatch)', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('R1-000001', 'R1-000009'));
    const e = await refusal(dir);
    expect(e.message).toMatch(/line 2: the line was altered/);
  });

  it('refuses an incomplete transaction followed by another one', async () => {
    const dir = await fixture();
    const file = seg1(dir);
    const lines = readLines(file);
    lines.splice(3, 1); // drop the middle line of sale-2's three
    fs.writeFileSync(file, lines.join('\n') + '\n');
    await refusal(dir);
  });

  it('refuses a snapshot that does not parse, naming the rebuild command', async () => {
    const dir = await fixture();
    fs.writeFileSync(path.join(dir, 'store.json'), '{"format":"till-snap');
    const e = await refusal(dir);
    expect(e.message).toContain(path.join(dir, 'store.json'));
    expect(e.message).toContain('till store rebuild');
  });

  it('refuses a snapshot ahead of its journal', async () => {
    const dir = await fixture();
    const s = await open(dir);
    await s.close(); // snapshot now at seq 6
    const file = seg1(dir);
    const { starts } = lineOffsets(file);
    fs.truncateSync(file, starts[5]); // journal lost its last sale (restored from an older copy)
    const e = await refusal(dir);
    expect(e.message).toMatch(/snapshot is ahead of or does not match the journal: it reflects event 6/);
    expect(e.message).toContain('till store rebuild');
  });

  it('refuses a missing segment', async () => {
    const dir = tmpDir('recovery');
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { segmentBytes: 4096, checkpointEvery: 1_000_000 });
    for (let i = 1; i <= 30; i++) await s.commit({ id: `s${i}`, events: [saleEvent('R1', i)] });
    fs.unlinkSync(path.join(dir, 'till.lock'));
    const names = fs.readdirSync(path.join(dir, 'journal')).sort();
    expect(names.length).toBeGreaterThan(2);
    fs.unlinkSync(path.join(dir, 'journal', names[1]));
    const e = await refusal(dir);
    expect(e.message).toMatch(/segment journal\/\d{8}\.jsonl .* is missing/);
  });

  it('never resets to empty: a missing snapshot replays the whole journal', async () => {
    const dir = await fixture();
    fs.unlinkSync(path.join(dir, 'store.json'));
    const s = await open(dir);
    expect(s.recovery.fullReplay).toBe('missing');
    expect(s.state.sales.count).toBe(4);
    expect(s.state.meta.storeId).toBe('shop');
    expect(fs.existsSync(path.join(dir, 'store.json'))).toBe(true);
  });
});
