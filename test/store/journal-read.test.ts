import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initStore } from '../../src/store/index.js';
import { readEventsBySeq } from '../../src/store/journal-read.js';
import { customerHistory } from '../../src/store/loyalty-history.js';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { EV } from '../../src/domain/loyalty/events.js';
import { listSegments } from '../../src/store/segments.js';
import { fixedClock, product, readLines, saleEvent, tmpDir, upsert } from './helpers.js';

describe('reading events back by sequence number', () => {
  it('finds every event in every segment, long lines and zero padding included', async () => {
    const dir = tmpDir('jread');
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { segmentBytes: 8 * 1024, now: fixedClock() });
    for (let i = 1; i <= 60; i++) {
      // Every seventh transaction is one long line (a catalog import), bigger than a read window.
      const events = i % 7 === 0 ? [upsert(...Array.from({ length: 60 }, (_, k) => product(`P${i}-${k}`, `${i}${k}`.padStart(13, '0'))))] : [saleEvent('R1', i), saleEvent('R2', i)];
      await s.commit({ id: `t${i}`, events });
    }
    const last = s.state.meta.seq;
    await s.close();
    expect(listSegments(path.join(dir, 'journal')).length).toBeGreaterThan(3);
    const all = listSegments(path.join(dir, 'journal')).flatMap((seg) => readLines(seg.file).map((l) => JSON.parse(l)));
    const seqs = Array.from({ length: last }, (_, i) => i + 1);
    const got = readEventsBySeq(dir, [...seqs].reverse());
    expect(got.size).toBe(last);
    for (const ev of all) expect(got.get(ev.seq)).toEqual(ev);
    expect([...readEventsBySeq(dir, [0, last + 1, last + 1000]).keys()]).toEqual([]);
  });

  it('leaves out an event whose line was altered instead of showing it', async () => {
    const dir = tmpDir('jread');
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [], { now: fixedClock() });
    for (let i = 1; i <= 5; i++) await s.commit({ id: `t${i}`, events: [saleEvent('R1', i)] });
    await s.close();
    const file = path.join(dir, 'journal', '00000001.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('R1-000003', 'R1-000009'));
    // Sale 3 is event 4 (event 1 is store.initialized).
    expect([...readEventsBySeq(dir, [3, 4, 5]).keys()].sort()).toEqual([3, 5]);
  });
});

describe('a loyalty card history read from the journal', () => {
  it('shows every event of the customer, with the balance after each movement and the sales behind them', async () => {
    const dir = tmpDir('jread');
    const c = { id: 'c1', name: 'Lan', phone: '0901234567', tier: null, card: '2700000000014', blocked: false, created: '2025-01-01T00:00:00.000Z' };
    const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [{ type: EV.customerCreated, data: { customer: c } }], { segmentBytes: 4096, now: fixedClock() });
    for (let i = 1; i <= 14; i++) {
      await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
      await s.commit({ id: `pts-${i}`, events: [{ type: EV.pointsEarned, data: { customerId: 'c1', programId: 'cb', points: i, day: '2025-01-02', ref: `R1-${i}` } }] });
    }
    await s.commit({ id: 'adj', events: [{ type: EV.pointsAdjusted, data: { customerId: 'c1', programId: 'cb', points: -5, day: '2025-01-03', reason: 'typo' } }] });
    const a = accountById(loyaltyOf(s.state), 'c1')!;
    expect(a.points.cb).toBe(105 - 5);
    expect(listSegments(path.join(dir, 'journal')).length).toBeGreaterThan(2);
    const { rows, unread } = customerHistory(dir, a);
    expect(unread).toEqual([]);
    expect(rows.map((r) => [r.kind, r.programId, r.delta, r.balance, r.ref || r.reason])).toEqual([
      ['created', null, 0, null, ''],
      ...Array.from({ length: 14 }, (_, k) => ['earn', 'cb', k + 1, ((k + 1) * (k + 2)) / 2, `R1-${k + 1}`]),
      ['adjust', 'cb', -5, 100, 'typo'],
    ]);
    expect(rows.every((r, i) => i === 0 || r.seq > rows[i - 1].seq)).toBe(true);
    await s.close();
  });
});
