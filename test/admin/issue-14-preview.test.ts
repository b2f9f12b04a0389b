/**
 * Issue 14, preview by date, through the CLI against a real store: `till loyalty expire --dry-run
 * --as-of DATE` and `till giftcard liability --as-of DATE`. Numbers from the seeds: the Russian
 * bonus page's bulk accrual to customers who bought for 1000 to 7000, and the Odoo gift-card page's
 * 1000 card of which 200 was spent.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, PROGRAM_FILE, saleExt } from './loyalty-harness.js';
import { openStore } from '../../src/store/open.js';
import { giftCardSlice } from '../../src/store/projections/giftcards.js';
import { liability } from '../../src/domain/giftcard/report.js';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().init();
  expect(await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE))).toBe(0);
});
afterEach(() => h.cleanup());

describe('till loyalty expire --dry-run --as-of', () => {
  it('previews the bulk bonus that lapses by a day, lists who, and changes nothing', async () => {
    for (let i = 0; i < 3; i++) expect(await h.run('customer', 'add', '--name', `Customer ${i}`, '--phone', `090000000${i}`)).toBe(0);
    const ids = Object.values((await h.slice()).customers).map((c) => c.id);
    const spends = [100000, 400000, 800000];
    for (let i = 0; i < 3; i++) await h.sale(i + 1, saleExt(ids[i], spends[i]));
    // 2025-03-10: 100 points to everyone who bought for 1000.00 to 7000.00 (two of the three); 30-day expiry.
    expect(await h.run('loyalty', 'accrue', '--points', '100', '--reason', 'Новый год', '--spend-min', '1000.00', '--spend-max', '7000.00')).toBe(0);
    h.now = new Date(2025, 2, 20, 12);
    expect(await h.run('loyalty', 'adjust', '2700000000021', '--points', '-30', '--reason', 'spent by phone')).toBe(0);
    const journal = fs.readdirSync(`${h.data}/journal`).map((f) => fs.readFileSync(`${h.data}/journal/${f}`, 'utf8')).join('');

    expect(await h.run('loyalty', 'expire', '--dry-run', '--as-of', '2025-04-08')).toBe(0);
    expect(h.out).toEqual(['Dry run: no points expire by 2025-04-08.']);
    expect(await h.run('loyalty', 'expire', '--dry-run', '--as-of', '2025-04-09')).toBe(0);
    expect(h.out).toEqual([
      'Dry run: by 2025-04-09, 2 balance(s) would lose 170 points of cb.',
      '  2700000000014  |  Customer 0  |  100 points of cb from 2025-04-09',
      '  2700000000021  |  Customer 1  |  70 points of cb from 2025-04-09',
      'Points spent before then go oldest first and will not expire. Nothing was changed.',
    ]);
    expect(await h.run('loyalty', 'expire', '--dry-run', '--as-of', '2025-12-31', '--sample', '1')).toBe(0);
    expect(h.out.slice(2, 3)).toEqual(['  … and 1 more (--sample N lists more)']);
    const after = fs.readdirSync(`${h.data}/journal`).map((f) => fs.readFileSync(`${h.data}/journal/${f}`, 'utf8')).join('');
    expect(after).toBe(journal);

    // On the day, the real run expires what the preview said.
    h.now = new Date(2025, 3, 9, 12);
    expect(await h.run('loyalty', 'expire')).toBe(0);
    expect(h.out).toEqual(['Expired 170 points of cb on 2 balance(s).']);
  });

  it('refuses --as-of without --dry-run, a past day and a bad date, writing nothing', async () => {
    expect(await h.run('loyalty', 'expire', '--as-of', '2025-04-09')).toBe(2);
    expect(h.err.join('\n')).toContain('--as-of previews what will expire by a date: add --dry-run');
    expect(await h.run('loyalty', 'expire', '--dry-run', '--as-of', '2025-03-09')).toBe(2);
    expect(h.err.join('\n')).toContain('--as-of looks ahead: give today (2025-03-10) or a later date');
    expect(await h.run('loyalty', 'expire', '--dry-run', '--as-of', '2025-02-30')).toBe(2);
    expect(h.err.join('\n')).toContain('--as-of must be a date as YYYY-MM-DD');
    expect(await h.run('loyalty', 'expire', '--help')).toBe(0);
    expect(h.out.join('\n')).toContain('--as-of DATE previews what can no longer be spent on DATE');
  });
});

describe('till giftcard liability --as-of', () => {
  it('shows the 800 left on a 1000 card as expiring by the day after its last day', async () => {
    h.now = new Date(2026, 2, 10, 12);
    const csv = `${h.dir}/cards.csv`;
    expect(await h.run('giftcard', 'create', '--value', '1000', '--expires', '2026-06-30', '--csv', csv)).toBe(0);
    const code = fs.readFileSync(csv, 'utf8').split('\n')[1].split(',')[0];
    const store = await openStore(h.data, { register: 'R1' });
    try {
      await store.commit({ id: 'sale-1', events: [{ type: 'sale.committed', data: { sale: { saleId: 'sale-1', receiptNo: 'R1-000001', register: 'R1', currency: 'USD', total: 20000, extensions: { giftcards: { sold: [], redeemed: [{ code, amount: 20000, tenderId: 't1' }] } } } } }] });
      expect(liability(Object.values(giftCardSlice(store.state).cards), { currency: 'USD', today: '2026-03-10', dayOf: (i) => i.slice(0, 10) }).outstanding).toBe(80000);
    } finally {
      await store.close();
    }
    expect(await h.run('giftcard', 'liability', '--as-of', '2026-06-30')).toBe(0);
    expect(h.out.join('\n')).toMatch(/Expiring on 0 active card\(s\)\s+0\.00\n\s+Still outstanding on 2026-06-30\s+800\.00/);
    expect(await h.run('giftcard', 'liability', '--as-of', '2026-07-01')).toBe(0);
    expect(h.out.slice(0, 9)).toEqual([
      'Gift-card liability (USD)',
      '  Outstanding on 1 active card(s)                   800.00',
      '  Frozen on blocked cards                             0.00',
      '  On cards past expiry, not yet expired               0.00',
      '  Pending stock cards (no value)                         0',
      '',
      "Expiring by 2026-07-01 (no longer spendable that day, at today's balances)",
      '  Expiring on 1 active card(s)                      800.00',
      '  Still outstanding on 2026-07-01                     0.00',
    ]);
    expect(await h.run('giftcard', 'liability', '--as-of', '2026-03-09')).toBe(2);
    expect(h.err.join('\n')).toContain('--as-of looks ahead: give today (2026-03-10) or a later date');
    expect(await h.run('giftcard', 'liability', '--as-of', 'soon')).toBe(2);
    expect(h.err.join('\n')).toContain('--as-of must be a date as YYYY-MM-DD');
  });
});
