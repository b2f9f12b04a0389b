/** Streaming the journal forward: every whole transaction in order across segments, none torn, segments before a range skipped. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore } from '../../src/store/open.js';
import { streamTransactions } from '../../src/store/journal-stream.js';
import { listSegments } from '../../src/store/segments.js';
import { dataSize, saleEvent, tmpDir } from './helpers.js';
import { encodeLine } from '../../src/store/line.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function collect(dir: string, skipBefore?: string) {
  const txs: { tx: string; seqs: number[] }[] = [];
  for await (const tx of streamTransactions(dir, { skipBefore })) txs.push({ tx: tx[0].tx, seqs: tx.map((e) => e.seq) });
  return txs;
}

describe('streamTransactions', () => {
  it('hands out every whole transaction across segments, and nothing of a torn tail', async () => {
    const dir = tmpDir('stream');
    dirs.push(dir);
    let day = 0;
    const store = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { segmentBytes: 4096, idleCheckpointMs: 0 });
    for (let i = 1; i <= 60; i++) {
      if (i % 20 === 1) day++;
      await store.commit({ id: `t${i}`, at: `2025-03-0${day}T10:00:00.000Z`, events: i % 3 ? [saleEvent('R1', i)] : [saleEvent('R1', i), { type: 'sale.voided', data: { saleId: null, total: 1, lines: 1, tenders: 0 } }] });
    }
    await store.close();
    const segs = listSegments(path.join(dir, 'journal'));
    expect(segs.length).toBeGreaterThan(3);
    const all = await collect(dir);
    expect(all.map((t) => t.tx)).toEqual([all[0].tx, ...Array.from({ length: 60 }, (_, i) => `t${i + 1}`)]);
    expect(all.flatMap((t) => t.seqs)).toEqual(Array.from({ length: all.flatMap((t) => t.seqs).length }, (_, i) => i + 1));
    expect(all.find((t) => t.tx === 't3')!.seqs).toHaveLength(2);

    // Segments that end before the range are not read at all; the rest still come whole and in order.
    const later = await collect(dir, '2025-03-03T00:00:00.000Z');
    expect(later.length).toBeLessThan(all.length);
    expect(later.map((t) => t.tx)).toContain('t41');
    expect(all.slice(all.length - later.length)).toEqual(later);

    // Half of a two-event transaction at the tail (a power cut mid-append): not a transaction.
    const last = segs[segs.length - 1].file;
    const lines = fs.readFileSync(last, 'utf8').replace(/\0+$/, '').split('\n').filter(Boolean);
    const line = JSON.parse(lines[lines.length - 1]);
    const torn = encodeLine({ seq: line.seq + 1, id: 'x', type: 'sale.committed', at: line.at, register: 'R1', operator: '', tx: 'torn', txIndex: 1, txCount: 2, dataJson: '{}', prev: line.hash }).line;
    const fd = fs.openSync(last, 'r+');
    fs.writeSync(fd, `${torn}\n`, dataSize(last)); // over the preallocated zeros, as the writer does
    fs.closeSync(fd);
    expect((await collect(dir)).map((t) => t.tx)).toEqual(all.map((t) => t.tx));
    // ...and a line cut in the middle is not one either.
    const fd2 = fs.openSync(last, 'r+');
    fs.writeSync(fd2, torn.slice(0, 40), dataSize(last));
    fs.closeSync(fd2);
    expect((await collect(dir)).map((t) => t.tx)).toEqual(all.map((t) => t.tx));
  });
});
