/**
 * Issue 8 defect 7: history falls short. `till customer show` and `till giftcard show` list every
 * movement (paged, newest first) with the balance after it, the operator and the sale reference, state
 * changes included, read from the journal; `--json` on every show and list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, PROGRAM_FILE, saleExt } from './loyalty-harness.js';
import { openStore } from '../../src/store/open.js';
import { giftCardSlice } from '../../src/store/projections/giftcards.js';
import { plainCopy } from '../../src/store/compact/record.js';
import { accountSeqs } from '../../src/store/projections/loyalty.js';
import { customerHistory } from '../../src/store/loyalty-history.js';
import { listSegments } from '../../src/store/segments.js';
import type { SaleLoyalty } from '../../src/domain/loyalty/types.js';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().init();
  expect(await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE))).toBe(0);
});
afterEach(() => h.cleanup());

const LAN = '2700000000014';

async function lan(): Promise<string> {
  expect(await h.run('customer', 'add', '--name', 'Lan', '--phone', '0912345678')).toBe(0);
  return Object.values((await h.slice()).customers)[0].id;
}

async function commit(id: string, events: { type: string; data: unknown }[]): Promise<void> {
  const store = await openStore(h.data, { register: 'R1', operator: 'op2', now: () => h.now });
  try {
    await store.commit({ id, events, operator: 'op2' });
  } finally {
    await store.close();
  }
}

/** A sale with a loyalty extension, as the checkout commits it, by cashier op2. */
async function sale(n: number, loyalty: SaleLoyalty): Promise<void> {
  const saleId = `sale-${n}`;
  await commit(saleId, [{ type: 'sale.committed', data: { sale: { saleId, receiptNo: `R1-${String(n).padStart(6, '0')}`, register: 'R1', total: loyalty.spend, extensions: { loyalty } } } }]);
}

async function json(...argv: string[]): Promise<any> {
  expect(await h.run(...argv, '--json')).toBe(0);
  expect(h.out).toHaveLength(1);
  return JSON.parse(h.out[0]);
}

type Row = { seq: number; kind: string; program: string | null; points: number | null; balanceAfter: number | null; operator: string; ref: string | null; reason: string | null; detail: string | null };

describe('issue 8 defect 7: customer show lists the whole history from the journal', () => {
  it('every movement and change of state, newest first, with the balance after each, the operator and the sale reference', async () => {
    const id = await lan();
    const spendEarn: SaleLoyalty = {
      ...saleExt(id, 30000, 0, '2025-03-02'),
      programs: [{ programId: 'cb', name: 'Cashback 1%', earned: 3, spent: 20, balanceBefore: 42, balanceAfter: 25, expiringSoon: 0, rewards: [] }],
    };
    await sale(1, saleExt(id, 120000, 12));
    expect(await h.run('loyalty', 'adjust', LAN, '--points', '+30', '--reason', 'phone order 42')).toBe(0);
    await sale(2, spendEarn);
    expect(await h.run('customer', 'block', LAN, '--reason', 'card lost')).toBe(0);
    expect(await h.run('customer', 'unblock', LAN, '--reason', 'found it')).toBe(0);
    expect(await h.run('customer', 'regrade', LAN, '--tier', 'silver', '--reason', 'VIP')).toBe(0);
    expect(await h.run('loyalty', 'accrue', '--points', '7', '--reason', 'New year')).toBe(0);
    await commit('refund-1', [{ type: 'points.refunded', data: { customerId: id, saleId: 'sale-1', day: '2025-03-10', spend: 120000, programs: [{ programId: 'cb', returned: 0, clawedBack: 5, unrecovered: 0 }] } }]);
    await commit('tiers-1', [{ type: 'customer.regraded', data: { customerId: id, from: 'silver', to: 'std', reason: 'review: demoted', auto: true } }]);
    h.now = new Date(2025, 3, 20, 9, 0, 0);
    expect(await h.run('loyalty', 'expire')).toBe(0);
    expect(await h.run('customer', 'edit', LAN, '--email', 'lan@example.vn')).toBe(0);

    const doc = await json('customer', 'show', LAN);
    const rows: Row[] = doc.history.rows;
    expect(rows.map((r) => [r.kind, r.points, r.balanceAfter])).toEqual([
      ['edited', null, null],
      ['expire', -27, 0],
      ['regraded', null, null],
      ['refund', -5, 27],
      ['accrue', 7, 32],
      ['regraded', null, null],
      ['unblocked', null, null],
      ['blocked', null, null],
      ['earn', 3, 25],
      ['spend', -20, 22],
      ['adjust', 30, 42],
      ['earn', 12, 12],
      ['created', null, null],
    ]);
    const byKind = (k: string) => rows.filter((r) => r.kind === k);
    expect(byKind('earn').map((r) => r.ref)).toEqual(['R1-000002', 'R1-000001']);
    expect(byKind('spend')[0]).toMatchObject({ ref: 'R1-000002', operator: 'op2' });
    expect(byKind('adjust')[0]).toMatchObject({ reason: 'phone order 42', operator: 'op1' });
    expect(byKind('refund')[0]).toMatchObject({ ref: 'sale-1', operator: 'op2' });
    expect(byKind('accrue')[0].reason).toBe('New year');
    expect(byKind('blocked')[0].reason).toBe('card lost');
    expect(byKind('regraded').map((r) => [r.detail, r.reason])).toEqual([['tier silver -> std', 'review: demoted'], ['tier std -> silver', 'VIP']]);
    expect(rows[0].detail).toBe('email -> lan@example.vn');
    expect(rows.every((r, i) => i === 0 || r.seq <= rows[i - 1].seq)).toBe(true);
    // The newest balance is the projection's: the fold of the journal equals the account.
    const account = (await h.slice()).customers[id];
    expect(rows.find((r) => r.program === 'cb')!.balanceAfter).toBe(account.points.cb);
    expect(doc.ledgerAgrees).toBe(true);
    expect(doc.history).toMatchObject({ order: 'newest-first', page: 1, perPage: 20, pages: 1, total: 13 });
    expect([doc.spend, doc.purchases]).toEqual([{ amount: 30000, currency: 'USD' }, 2]); // 1,500.00 less the refunded 1,200.00
    expect(doc.programs).toEqual([{ id: 'cb', name: 'Cashback 1%', decimals: 0, points: 0, ledgerPoints: 0, mainPoints: 0, additionalPoints: 0, additionalExpiresOn: null, expiringWithin30Days: 0 }]);

    expect(await h.run('customer', 'show', LAN)).toBe(0);
    const text = h.out.join('\n');
    expect(text).toMatch(/history \(newest first\):/);
    expect(text).toMatch(/expired +-27 +cb +0 +op1/);
    expect(text).toMatch(/spent +-20 +cb +22 +op2 +R1-000002/);
    expect(text).toMatch(/regraded +op1 +"VIP" +tier std -> silver/);
    expect(h.out.at(-1)).toBe('  page 1 of 1 (rows 1-13 of 13, newest first)');
  });

  it('shows more than 10 movements, a page at a time, with a footer saying which page', async () => {
    await lan();
    for (let i = 1; i <= 25; i++) expect(await h.run('loyalty', 'adjust', LAN, '--points', '+1', '--reason', `visit ${i}`)).toBe(0);
    expect(await h.run('customer', 'show', LAN, '--per-page', '10', '--page', '2')).toBe(0);
    expect(h.out.at(-1)).toBe('  page 2 of 3 (rows 11-20 of 26, newest first); next: --page 3');
    expect(h.out.filter((l) => /adjusted/.test(l))).toHaveLength(10);
    expect(h.out.find((l) => /adjusted/.test(l))).toMatch(/adjusted +\+1 +cb +15 +op1 +"visit 15"/);
    const pages = [];
    for (let p = 1; p <= 3; p++) pages.push(...(await json('customer', 'show', LAN, '--per-page', '10', '--page', String(p))).history.rows);
    expect(pages.map((r: Row) => r.balanceAfter)).toEqual([...Array.from({ length: 25 }, (_, k) => 25 - k), null]);
    expect(await h.run('customer', 'show', LAN, '--page', '4', '--per-page', '10')).toBe(2);
    expect(h.err.join('\n')).toContain('--page 4: there are 3 pages of 10');
    expect(await h.run('customer', 'show', LAN, '--per-page', '0')).toBe(2);
    expect(h.err.join('\n')).toContain('--per-page must be a whole number from 1 to 100000');
  });

  it('reads only the customer\'s own events from the journal, and says so when one of them is damaged', async () => {
    const id = await lan();
    expect(await h.run('customer', 'add', '--name', 'Other', '--phone', '0987654321')).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect(await h.run('loyalty', 'adjust', LAN, '--points', '+5', '--reason', `lan ${i}`)).toBe(0);
      expect(await h.run('loyalty', 'adjust', '0987654321', '--points', '+5', '--reason', `other ${i}`)).toBe(0);
    }
    const account = (await h.slice()).customers[id];
    expect(accountSeqs(account)).toHaveLength(4);
    const file = listSegments(path.join(h.data, 'journal'))[0].file;
    const original = fs.readFileSync(file, 'utf8');
    // Damage to another customer's event is never read: the history is whole.
    fs.writeFileSync(file, original.replace('"reason":"other 1"', '"reason":"other X"'));
    expect(customerHistory(h.data, account)).toMatchObject({ unread: [] });
    expect(customerHistory(h.data, account).rows.map((r) => r.balance)).toEqual([null, 5, 10, 15]);
    // Damage to one of hers is named, and the fold no longer meets the balance.
    fs.writeFileSync(file, original.replace('"reason":"lan 1"', '"reason":"lan X"'));
    const hist = customerHistory(h.data, account);
    expect(hist.unread).toHaveLength(1);
    expect(hist.rows.map((r) => r.balance)).toEqual([null, 5, 10]);
  });
});

describe('issue 8 defect 7: giftcard show lists every movement of a card, paged, code masked', () => {
  it('issue, load, redemption in a sale, adjust, block, unblock: newest first with the balance after each', async () => {
    const csv = path.join(h.dir, 'cards.csv');
    expect(await h.run('giftcard', 'create', '--value', '50.00', '--csv', csv)).toBe(0);
    const code = fs.readFileSync(csv, 'utf8').split('\n')[1].split(',')[0];
    expect(await h.run('giftcard', 'load', code, '--amount', '10.00')).toBe(0);
    await commit('sale-gc', [{ type: 'sale.committed', data: { sale: { saleId: 'sale-gc', receiptNo: 'R1-000007', register: 'R1', currency: 'USD', total: 2500, extensions: { giftcards: { sold: [], redeemed: [{ code, amount: 2500, tenderId: 'T1' }] } } } } }]);
    expect(await h.run('giftcard', 'adjust', code, '--amount', '-0.50', '--reason', 'keyed twice')).toBe(0);
    expect(await h.run('giftcard', 'block', code, '--reason', 'reported stolen')).toBe(0);
    expect(await h.run('giftcard', 'unblock', code, '--reason', 'found')).toBe(0);

    expect(await h.run('giftcard', 'show', code, '--per-page', '4')).toBe(0);
    const text = h.out.join('\n');
    expect(text).toMatch(/History \(newest first\):\n.*\n.*unblocked +0\.00 +34\.50 +op1 +"found"\n.*blocked +0\.00 +34\.50 +op1 +"reported stolen"\n.*adjusted +-0\.50 +34\.50 +op1 +"keyed twice"\n.*redeemed +-25\.00 +35\.00 +op2 +R1-000007\n/);
    expect(h.out.at(-1)).toBe('page 1 of 2 (movements 1-4 of 6, newest first); next: --page 2');

    const doc = await json('giftcard', 'show', `GC${code}`, '--per-page', '4', '--page', '2');
    expect(doc.card).toMatchObject({ code: `****${code.slice(-4)}`, state: 'active', balance: { amount: 3450, currency: 'USD' }, faceValue: { amount: 5000, currency: 'USD' } });
    expect(doc.history).toMatchObject({ order: 'newest-first', page: 2, perPage: 4, pages: 2, total: 6 });
    expect(doc.history.rows.map((r: any) => [r.kind, r.amount.amount, r.balanceAfter.amount])).toEqual([['loaded', 1000, 6000], ['issued', 5000, 5000]]);
    const first = await json('giftcard', 'show', code);
    const card = giftCardSlice((await openStore(h.data, { register: 'R1' }).then(async (s) => { const st = plainCopy(s.state); await s.close(); return st; }))).cards[code];
    expect(first.history.rows[0].balanceAfter).toEqual({ amount: card.balance, currency: 'USD' });

    // The whole code never appears, in text or JSON, not even for the redemption.
    for (const argv of [['giftcard', 'show', code], ['giftcard', 'show', code, '--json'], ['giftcard', 'list'], ['giftcard', 'list', '--json']]) {
      expect(await h.run(...argv)).toBe(0);
      expect(h.out.join('\n')).not.toContain(code);
      expect(h.out.join('\n')).toContain(code.slice(-4));
    }
  });
});

describe('issue 8 defect 7: --json on every show and list', () => {
  it('customer find, giftcard list and loyalty program list answer one JSON document with the same page fields', async () => {
    const id = await lan();
    expect(await h.run('loyalty', 'adjust', LAN, '--points', '+9', '--reason', 'x')).toBe(0);
    const found = await json('customer', 'find', 'lan');
    expect(found).toEqual({ query: 'lan', page: 1, perPage: 20, pages: 1, total: 1, customers: [{ id, name: 'Lan', card: LAN, phone: '0912345678', email: null, tier: 'std', blocked: false, programs: [{ id: 'cb', decimals: 0, points: 9 }] }] });
    expect(await h.run('giftcard', 'create', '--value', '20', '--count', '3', '--customer', LAN, '--csv', path.join(h.dir, 'c.csv'))).toBe(0);
    const list = await json('giftcard', 'list', '--per-page', '2');
    expect(list).toMatchObject({ page: 1, perPage: 2, pages: 2, total: 3 });
    expect(list.cards[0]).toEqual({ code: expect.stringMatching(/^\*{4}\w{4}$/), state: 'active', balance: { amount: 2000, currency: 'USD' }, expiresOn: '2026-03-10', customerId: id });
    const programs = await json('loyalty', 'program', 'list');
    expect(programs.currency).toBe('USD');
    expect(programs.programs[0]).toMatchObject({ id: 'cb', decimals: 0, rules: [{ id: 'base', perAmount: { points: 1, per: 10000 } }] });
    expect(programs.tiers.tiers.map((t: { threshold: number }) => t.threshold)).toEqual([0, 100000]);
  });
});

describe('issue 8 defect 7: from outside, through bin/till.js', () => {
  it('till customer show ... | head -3 ends quietly, text and --json', async () => {
    const till = path.resolve('bin/till.js');
    await lan();
    for (let i = 0; i < 30; i++) expect(await h.run('loyalty', 'adjust', LAN, '--points', '+1', '--reason', `r${i}`)).toBe(0);
    for (const extra of ['', '--json', '--per-page 100']) {
      const r = spawnSync('sh', ['-c', `node "${till}" customer show ${LAN} ${extra} --data "${h.data}" | head -3; echo "rc=$?"`], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')).toHaveLength(5);
    }
  }, 120_000);
});
