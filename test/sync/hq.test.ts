/**
 * Head office on the chain (docs/chain.md, "Head office", "A register that joins later", "Reports
 * across registers"), on a real PostgreSQL: head office publishes its store, two registers pull it and
 * sell a product it added, a customer it created earns points at a register; pulls are idempotent
 * and resume after a kill mid-pull; a register joining later is seeded with the chain's balances and
 * doubles nothing when it sends its journal, a replacement keeps its register id; `till hq report`
 * equals the sum of the registers' own `till report z`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { waitFor } from 'xstate';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';
import { cardBooks, freshDb, issueCard, query, spendSale } from './support.js';
import { main } from '../../src/cli.js';
import { initStore, openStore } from '../../src/store/open.js';
import { readConfig, writeConfig } from '../../src/store/config-file.js';
import { readStoreState } from '../../src/store/read-state.js';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { demoConfig } from '../../src/admin/demo-store.js';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import type { Product } from '../../src/domain/catalog.js';
import type { Customer, LoyaltyProgram, TierLadder } from '../../src/domain/loyalty/types.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { EventDraft } from '../../src/store/types.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const newDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `till-hq-${name}-`));
  dirs.push(d);
  return d;
};

async function till(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const tillProcess = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/till.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TILL_DATA: '', ...env }, timeout: 60_000 });

const PROGRAM: LoyaltyProgram = {
  id: 'cb', name: 'Cashback 1%', active: true, decimals: 0, step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'spend', name: 'Pay with points', kind: 'cashback', cost: 1, value: { amount: 100, points: 1 } }],
};
const LADDER: TierLadder = { basis: 'spend', demotion: false, tiers: [{ id: 'std', name: 'Standard', threshold: 0 }, { id: 'gold', name: 'Gold', threshold: 100000 }] };
const LAN: Customer = { id: 'c-lan', name: 'Lan Nguyen', phone: '+84901234567', tier: 'std', card: '2700000000014', blocked: false, created: '2026-12-01T08:00:00.000Z' };

const product = (sku: string, code: string, price: number, taxClass: string): Product => ({ sku, barcodes: [code], name: `Chain ${sku}`, price, category: 'chain', taxClass });

function configFor(register: string, url: string): TillConfig {
  const c = demoConfig();
  return { ...c, register: { id: register }, chain: { ...c.chain, url, timeoutMs: 2000 } };
}

/** Head office: a till data folder with its own catalog, program, ladder and customer. */
async function headOffice(url: string, extra: EventDraft[] = []) {
  const dir = newDir('HQ');
  const config = configFor('HQ', url);
  writeConfig(dir, config);
  const tax = Object.keys(config.tax.classes)[0];
  const store = await initStore(dir, { currency: config.currency, register: 'HQ' }, [
    { type: 'catalog.upserted', data: { products: [product('HQ-1', '901', 1000, tax)] } },
    { type: 'loyalty.program.upserted', data: { program: PROGRAM } },
    { type: 'loyalty.tiers.set', data: { ladder: LADDER } },
    { type: 'customer.created', data: { customer: LAN } },
    ...extra,
  ]);
  await store.close();
  return { dir, config, tax };
}

async function emptyRegister(id: string, url: string) {
  const dir = newDir(id);
  const config = configFor(id, url);
  writeConfig(dir, config);
  await (await initStore(dir, { currency: config.currency, register: id })).close();
  return dir;
}

/** The register as it sells (in process, mock devices), on its data folder. */
async function openRegister(dir: string): Promise<Register> {
  const config = readConfig(dir);
  const store = await openStore(dir, { register: config.register.id, operator: config.operators[0].id });
  return createRegister({ config, store, hardware: createMockHardware() });
}

/** A sale of the scanned codes, paid exactly in cash, or by the gift card when one is given. */
async function sell(reg: Register, codes: string[], giftCard?: string) {
  for (const c of codes) reg.actor.send({ type: 'cart.scan', code: c });
  reg.actor.send({ type: 'tender.start' });
  if (giftCard) reg.actor.send({ type: 'cart.scan', code: `GC${giftCard}` });
  else reg.actor.send({ type: 'tender.exact' });
  await waitFor(reg.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
  await reg.settled();
  const s = reg.actor.getSnapshot();
  expect(s.value, JSON.stringify(s.context.message)).toBe('committed');
  reg.actor.send({ type: 'sale.next' });
}

async function closeRegister(reg: Register) {
  await reg.stop();
  await reg.store.close();
}

describe.runIf(pgAvailable())('head office on the chain', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(async () => {
    await server?.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('publish, then two registers pull: a product head office added sells on both, and its customer earns points at a register', async () => {
    const url = await freshDb(server);
    const hq = await headOffice(url);
    const pub = await till(['hq', 'publish', '--data', hq.dir]);
    expect(pub.code, pub.err).toBe(0);
    expect(pub.out).toMatch(/^Published version 1 to .*: 1 product\(s\), 1 customer\(s\), 1 program\(s\), 1 tier ladder, \d+ setting\(s\) changed; 0 removed\.$/);
    expect((await till(['hq', 'publish', '--data', hq.dir])).out).toBe('Nothing changed since version 1: nothing was published.');

    const r1 = await emptyRegister('R1', url);
    const r2 = await emptyRegister('R2', url);
    for (const dir of [r1, r2]) {
      const p = await till(['sync', 'pull', '--data', dir]);
      expect(p.code, p.err).toBe(0);
      expect(p.out).toContain("Pulled head office’s version 1:");
      const state = await readStoreState(dir);
      expect(state.catalog.products['HQ-1'].price).toBe(1000);
      expect(accountById(loyaltyOf(state), 'c-lan')?.name).toBe('Lan Nguyen');
      expect(loyaltyOf(state).programs.cb?.name).toBe('Cashback 1%');
    }

    // A register's folder cannot replace head office's catalog by mistake.
    const wrong = await till(['hq', 'publish', '--data', r1]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Another store publishes head office’s data'.replace('’', "'"));
    const reg1 = await openRegister(r1);
    reg1.actor.send({ type: 'cart.scan', code: LAN.card });
    expect(reg1.actor.getSnapshot().context.customer?.id).toBe('c-lan');
    await sell(reg1, ['901']);
    expect(accountById(loyaltyOf(reg1.store.state), 'c-lan')!.points.cb).toBe(10);
    await closeRegister(reg1);
    const reg2 = await openRegister(r2);
    await sell(reg2, ['901', '901']);
    expect(reg2.store.state.sales.count).toBe(1);
    await closeRegister(reg2);

    for (const dir of [r1, r2]) expect((await till(['sync', 'push', '--data', dir])).code).toBe(0);
    const sales = await query<{ register_id: string; n: string }>(url, "SELECT register_id, count(*) AS n FROM events WHERE type = 'sale.committed' GROUP BY 1 ORDER BY 1");
    expect(sales.map((s) => [s.register_id, Number(s.n)])).toEqual([['R1', 1], ['R2', 1]]);
    const points = await query<{ balance: string }>(url, "SELECT balance FROM points_accounts WHERE customer_id = 'c-lan' AND program_id = 'cb'");
    expect(Number(points[0].balance)).toBe(10);

    // Head office changes a price and adds a product: the running register picks it up by itself.
    const hqStore = await openStore(hq.dir, { register: 'HQ', operator: hq.config.operators[0].id });
    await hqStore.commit({ id: randomUUID(), events: [{ type: 'catalog.upserted', data: { products: [product('HQ-1', '901', 1200, hq.tax), product('HQ-2', '902', 500, hq.tax)] } }] });
    await hqStore.close();
    expect((await till(['hq', 'publish', '--data', hq.dir])).out).toMatch(/^Published version 2 .*: 2 product\(s\), 0 customer\(s\)/);
    const { startHqPuller } = await import('../../src/sync/hq-pull.js');
    const running = await openRegister(r1);
    const puller = startHqPuller({ url, timeoutMs: 2000, store: running.store, dataDir: r1, everyMs: 100 });
    await expect.poll(() => running.store.catalog.bySku('HQ-2')?.price, { timeout: 10_000 }).toBe(500);
    expect(running.store.catalog.bySku('HQ-1')?.price).toBe(1200);
    await puller.stop();
    await closeRegister(running);
  });

  it('a pull twice changes nothing; a pull killed mid-way resumes and applies every item once; removals and edits arrive', async () => {
    const url = await freshDb(server);
    const hq = await headOffice(url);
    const many = Array.from({ length: 2500 }, (_, i) => product(`P${String(i).padStart(5, '0')}`, `8${String(i).padStart(6, '0')}`, 100 + i, hq.tax));
    const hqStore = await openStore(hq.dir, { register: 'HQ', operator: hq.config.operators[0].id });
    await hqStore.commit({ id: randomUUID(), events: [{ type: 'catalog.upserted', data: { products: many } }] });
    await hqStore.close();
    expect((await till(['hq', 'publish', '--data', hq.dir])).code).toBe(0);
    const r1 = await emptyRegister('R1', url);

    // Killed right after its first page (1000 items) reached the journal, before it noted its place.
    const killed = tillProcess(['sync', 'pull', '--data', r1], { TILL_FAILPOINTS: 'hq-pulled=1' });
    expect(killed.signal).toBe('SIGKILL');
    const partial = await readStoreState(r1);
    expect(Object.keys(partial.catalog.products).length).toBeGreaterThan(0);
    expect(Object.keys(partial.catalog.products).length).toBeLessThan(2501);
    const resumed = tillProcess(['sync', 'pull', '--data', r1]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const full = await readStoreState(r1);
    expect(Object.keys(full.catalog.products).length).toBe(2501);
    expect(full.catalog.products.P02499.price).toBe(2599);
    const seq = full.meta.seq;

    const again = await till(['sync', 'pull', '--data', r1]);
    expect(again.out).toBe('Up to date with head office’s version 1: nothing to write.');
    rmSync(join(r1, 'hq-pull.json'));
    const fromScratch = await till(['sync', 'pull', '--data', r1]);
    expect(fromScratch.code, fromScratch.err).toBe(0);
    expect((await readStoreState(r1)).meta.seq).toBe(seq); // read again from the start: nothing written

    const edit = await openStore(hq.dir, { register: 'HQ', operator: hq.config.operators[0].id });
    await edit.commit({ id: randomUUID(), events: [{ type: 'catalog.removed', data: { skus: ['P00001'] } }, { type: 'catalog.upserted', data: { products: [{ ...many[2], price: 9999 }] } }] });
    await edit.close();
    expect((await till(['hq', 'publish', '--data', hq.dir])).out).toMatch(/1 product\(s\).*; 1 removed\.$/);
    expect((await till(['sync', 'pull', '--data', r1])).out).toBe('Pulled head office’s version 2: 2 item(s) read, 2 journal event(s) written.');
    const after = await readStoreState(r1);
    expect(after.catalog.products.P00001).toBeUndefined();
    expect(after.catalog.products.P00002.price).toBe(9999);
    expect(Object.keys(after.catalog.products).length).toBe(2500);

    // A setting this register cannot take (as from a newer head office) is left out, never written.
    await query(url, `INSERT INTO hq_items (kind, key, body, digest, version) VALUES ('config', 'tax', '"nonsense"', 'x', 3) ON CONFLICT (kind, key) DO UPDATE SET body = EXCLUDED.body, version = 3`);
    await query(url, 'UPDATE hq_head SET version = 3');
    const odd = await till(['sync', 'pull', '--data', r1]);
    expect(odd.code, odd.err).toBe(0);
    expect(odd.out).toContain('1 item(s) could not be read and were left out.');
    expect(readConfig(r1).tax).toEqual(hq.config.tax);
  });

  it('join seeds a register with the chain’s balances; its push doubles nothing; a replacement keeps its id and continues its receipts', async () => {
    const url = await freshDb(server);
    const hq = await headOffice(url);
    expect((await till(['hq', 'publish', '--data', hq.dir])).code).toBe(0);
    const r1 = await emptyRegister('R1', url);
    expect((await till(['sync', 'pull', '--data', r1])).code).toBe(0);
    const s1 = await openStore(r1, { register: 'R1', operator: '1' });
    const card = await issueCard(s1, 5000);
    await spendSale(s1, 'R1', [[card, 1200]]);
    await s1.commit({ id: randomUUID(), events: [{ type: 'points.earned', data: { customerId: 'c-lan', programId: 'cb', points: 42, day: '2026-12-03', reason: 'test' } }] });
    await s1.close();
    expect((await till(['sync', 'push', '--data', r1])).code).toBe(0);
    const booksBefore = await cardBooks(url);
    expect(booksBefore).toEqual([{ code: card, balance: 3800, overspent: 0, moved: 3800 }]);

    const r3 = newDir('R3');
    const joined = await till(['sync', 'join', '--register', 'R3', '--url', url, '--data', r3]);
    expect(joined.code, joined.err).toBe(0);
    expect(joined.out).toContain('Joined the chain as register R3 (ledger id R3), seeded at head office’s version 1: 1 product(s), 1 customer(s), 1 program(s), 1 gift card(s), 1 points balance(s).');
    const st = await readStoreState(r3);
    expect(findGiftCard(st, card)?.balance).toBe(3800);
    expect(accountById(loyaltyOf(st), 'c-lan')!.points.cb).toBe(42);
    expect(st.catalog.products['HQ-1']).toBeDefined();
    expect(readConfig(r3).register.id).toBe('R3');
    const verify = await till(['journal', 'verify', '--data', r3]);
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect((await till(['sync', 'push', '--data', r3])).code).toBe(0);
    expect(await cardBooks(url)).toEqual(booksBefore);
    expect(Number((await query<{ b: string }>(url, "SELECT balance AS b FROM points_accounts WHERE customer_id = 'c-lan'"))[0].b)).toBe(42);
    // A pull on the seeded register has nothing to do.
    expect((await till(['sync', 'pull', '--data', r3])).out).toBe('Up to date with head office’s version 1: nothing to write.');

    // R1 is replaced: without --replace the id is refused; with it the new journal is R1~2.
    const r1b = newDir('R1b');
    const refused = await till(['sync', 'join', '--register', 'R1', '--url', url, '--data', r1b]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--replace');
    const replaced = await till(['sync', 'join', '--register', 'R1', '--url', url, '--replace', '--data', r1b]);
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out).toContain('(ledger id R1~2)');
    expect(replaced.out).toMatch(/receipts continue after R1-\d{6}/);
    const lastReceipt = Number(/R1-(\d{6})/.exec(replaced.out)![1]);
    expect(lastReceipt).toBeGreaterThan(0);
    const reg = await openRegister(r1b);
    expect(reg.store.nextReceiptSeq!('R1')).toBe(lastReceipt + 1);
    await sell(reg, ['901'], card);
    await closeRegister(reg);
    expect((await till(['sync', 'push', '--data', r1b])).code).toBe(0);
    const books = await cardBooks(url);
    expect(books[0].balance).toBe(3800 - 1000); // the sale's 10.00 on the card: the seed moved nothing
    expect(books[0].moved).toBe(books[0].balance);
    const regs = await query<{ register_id: string }>(url, 'SELECT register_id FROM registers ORDER BY 1');
    expect(regs.map((r) => r.register_id)).toEqual(['R1', 'R1~2', 'R3']);
  });

  it('hq report equals the sum of each register’s own Z', async () => {
    const url = await freshDb(server);
    const hq = await headOffice(url);
    expect((await till(['hq', 'publish', '--data', hq.dir])).code).toBe(0);
    const totals: number[] = [];
    const taxes: number[] = [];
    for (const [id, n] of [['R1', 2], ['R2', 3]] as const) {
      const dir = await emptyRegister(id, url);
      expect((await till(['sync', 'pull', '--data', dir])).code).toBe(0);
      const reg = await openRegister(dir);
      for (let i = 0; i < n; i++) await sell(reg, ['901']);
      const z = await reg.shift.close(1000 * n);
      expect(z.ok).toBe(true);
      await closeRegister(reg);
      expect((await till(['sync', 'push', '--data', dir])).code).toBe(0);
      const own = await till(['report', 'z', '--json', '--data', dir]);
      const r = JSON.parse(own.out);
      totals.push(r.sales.total);
      taxes.push(r.sales.tax);
    }
    const rep = await till(['hq', 'report', '--json', '--data', hq.dir]);
    expect(rep.code, rep.err).toBe(0);
    const j = JSON.parse(rep.out);
    expect(j.lines.map((l: { register: string }) => l.register)).toEqual(['R1', 'R2']);
    expect(j.total.total).toBe(totals[0] + totals[1]);
    expect(j.total.tax).toBe(taxes[0] + taxes[1]);
    expect(j.total.sales).toBe(5);
    const csv = await till(['hq', 'report', '--csv', '--data', hq.dir]);
    const rows = csv.out.split('\n');
    expect(rows[0]).toMatch(/^register,z,closed_at,sales,/);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatch(/^total,,,5,5,/);
    const text = await till(['hq', 'report', '--data', hq.dir]);
    expect(text.out).toMatch(/^TOTAL\s+5\s+50\.00/m);
  });
});
