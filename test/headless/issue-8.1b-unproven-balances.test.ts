/**
 * Issue 8, 1b and 9b through headless: a gift-card payment the journal cannot back is refused at
 * commit (the forged snapshot's balance was shown, the proof replaced it: GIFT_CARD_OVERDRAWN; the
 * journal is damaged: BALANCES_UNPROVEN), and the sale is not lost: the cashier takes that payment
 * off (`remove_payment` from `commit_failed`) and takes another.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/giftcard/index.js';
import { openStore } from '../../src/store/open.js';
import { sealLines } from '../../src/store/snapshot-lines.js';
import { cleanupStores, realStore, runLines as run } from './real-store.js';

afterEach(cleanupStores);

const CODE = generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 37 + 5) & 0xff));
const issued = { type: 'giftcard.issued', data: { code: CODE, state: 'active', currency: 'USD', faceValue: 1000, price: 1000 } };

async function closedStore(): Promise<string> {
  const s = await realStore([issued]);
  for (let i = 1; i <= 5; i++) await s.commit({ id: `sale-${i}`, events: [{ type: 'sale.committed', data: { sale: { saleId: `s${i}`, receiptNo: `R1-00000${i}`, register: 'R1', total: 100 } } }] });
  const dir = (s as unknown as { dir: string }).dir;
  await s.close();
  return dir;
}

const brief = (r: { ok: boolean; error?: { code: string }; state: { status: string; due: number; tenders: { kind: string; amount: number }[] } }) =>
  [r.ok, r.error?.code ?? '-', r.state.status, r.state.due, r.state.tenders.map((t) => `${t.kind}:${t.amount}`).join(',')].join(' ');

describe('issue 8.1b headless: a forged balance shown before the proof is never paid', () => {
  it('the commit is refused by the journal fold; the card payment comes off and the sale is paid otherwise', async () => {
    const dir = await closedStore();
    const file = path.join(dir, 'store.json');
    const body = fs.readFileSync(file, 'utf8').replace('"balance":1000,', '"balance":99999,').split('\n').filter((l) => l !== '' && !l.startsWith('["end",'));
    fs.writeFileSync(file, [...body, sealLines(body)].join('\n') + '\n');
    // No background proof: the first commit that lowers a balance runs it (the full-scale case, where
    // the payment arrives before the proof is done).
    const s = await openStore(dir, { register: 'R1', verifyHistory: false });
    const r = await run(s, [
      { id: 1, cmd: 'scan', code: '101', qty: 40 },
      { id: 2, cmd: 'state' },
      { id: 3, cmd: 'giftcard_pay', code: CODE, amount: 2000 },
      { id: 4, cmd: 'exact' },
      { id: 5, cmd: 'remove_payment', payment: 'T1' },
      { id: 6, cmd: 'giftcard_pay', code: CODE },
      { id: 7, cmd: 'exact' },
    ]);
    const lines = r.map(brief);
    expect(lines[2]).toMatch(/^true - tender \d+ giftcard:2000$/); // the forged balance, before the proof
    expect(lines[3]).toMatch(/^false GIFT_CARD_OVERDRAWN commit_failed 0 giftcard:2000,cash:/);
    expect(lines[4]).toMatch(/^true - tender \d+ cash:/);
    expect(r[5].state.tenders[1]).toMatchObject({ kind: 'giftcard', amount: 1000 });
    expect(r[6]).toMatchObject({ ok: true, state: { status: 'committed' } });
    expect(r[6].state.storeNotices.map((n: { code: string }) => n.code)).toContain('SNAPSHOT_DISCARDED');
    await s.close();
  });
});

describe('issue 8.9b headless: damaged older history', () => {
  it('a gift-card payment is refused with BALANCES_UNPROVEN; the sale is paid in cash instead', async () => {
    const dir = await closedStore();
    const seg = path.join(dir, 'journal', '00000001.jsonl');
    fs.writeFileSync(seg, fs.readFileSync(seg, 'utf8').replace('"receiptNo":"R1-000003"', '"receiptNo":"R1-000009"'));
    const s = await openStore(dir, { register: 'R1' });
    const r = await run(s, [
      { id: 1, cmd: 'scan', code: '101' },
      { id: 2, cmd: 'giftcard_pay', code: CODE, amount: 100 },
      { id: 3, cmd: 'card', reference: 'A1' },
      { id: 4, cmd: 'remove_payment', payment: 'T1' },
      { id: 5, cmd: 'exact' },
    ]);
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'BALANCES_UNPROVEN' }, state: { status: 'commit_failed' } });
    expect(r[3]).toMatchObject({ ok: true, state: { status: 'tender' } });
    expect(r[4]).toMatchObject({ ok: true, state: { status: 'committed' } });
    expect(r[4].state.storeNotices.map((n: { code: string }) => n.code)).toContain('STORE_DAMAGED');
    await s.close();
  });
});
