/**
 * The "done when", as processes: two `till headless` registers on one PostgreSQL, each
 * reaching it through a TCP proxy of its own (its network). A card sold on one is spent on the other
 * at once; one register's network is cut, both sell on the card, the network comes back, and the
 * database's balance is every sale's, each event once; both journals verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTill, type Client } from '../support/headless-process.js';
import { createStore } from '../../src/admin/init.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { cardBooks, freshDb, journal, query, until } from './support.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(pgAvailable())('two registers on one PostgreSQL', () => {
  let server: PgServer;
  const dirs: string[] = [];
  const proxies: TcpProxy[] = [];
  const tills: Client[] = [];
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(async () => {
    for (const t of tills) await t.close().catch(() => {});
    for (const p of proxies) await p.close();
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a card sold on R1 is spent on R2 at once; R2 cut off, both sell, reconnect: one balance, nothing doubled', async () => {
    const url = await freshDb(server);
    const port = Number(new URL(url).port);
    const open = async (id: string) => {
      const proxy = await startTcpProxy(port);
      proxies.push(proxy);
      const dir = mkdtempSync(join(tmpdir(), `till-two-${id}-`));
      dirs.push(dir);
      const u = new URL(url);
      u.port = String(proxy.port);
      await createStore(dir, { ...demoConfig(), register: { id }, chain: { ...demoConfig().chain, url: u.toString(), timeoutMs: 800 } }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }]);
      const till = startTill(dir);
      tills.push(till);
      return { dir, proxy, till };
    };
    const r1 = await open('R1');
    const r2 = await open('R2');
    let id = 0;
    const ask = (t: Client, req: Record<string, unknown>) => t.ask({ id: ++id, ...req });

    // R1 sells a 50.00 card.
    expect(await ask(r1.till, { cmd: 'giftcard_sell', amount: 5000 })).toMatchObject({ ok: true });
    expect(await ask(r1.till, { cmd: 'pay' })).toMatchObject({ ok: true });
    expect(await ask(r1.till, { cmd: 'exact' })).toMatchObject({ ok: true, state: { status: 'committed' } });
    const sold = (await journal(r1.dir)).find((e) => e.type === 'sale.committed')!;
    const code = (sold.data as any).sale.extensions.giftcards.sold[0].code as string;

    // R2 finds it as soon as R1 has sent it, and spends on it.
    // (Asked at most 4 times, 3 s apart: unrecognised codes count towards the gift-card guess limit.)
    await until('the card in the database', async () => (await query(url, 'SELECT 1 FROM gift_cards WHERE code = $1', [code])).length > 0);
    await until('R2 to see the card', async () => (await ask(r2.till, { cmd: 'giftcard_check', code: `GC${code}` })).ok || (await sleep(3000), false), 12_000);
    await ask(r2.till, { cmd: 'balance_close' });
    const spend = async (t: Client) => {
      expect(await ask(t, { cmd: 'scan', code: '101' })).toMatchObject({ ok: true });
      const paid = await ask(t, { cmd: 'giftcard_pay', code: `GC${code}` });
      expect(paid, JSON.stringify(paid.error ?? paid.state?.message)).toMatchObject({ ok: true, state: { status: 'committed' } });
      const total = paid.state.lastSale?.total ?? paid.state.total;
      await ask(t, { cmd: 'next' });
      return total as number;
    };
    const spent: number[] = [await spend(r2.till)];

    const r2Seq = (await journal(r2.dir)).at(-1)!.seq;
    await until('R2 to have sent its sale', async () => (await ask(r2.till, { cmd: 'state' })).state.chain.acked === r2Seq);
    // R2's network is cut: both sell on the card; R2 sells on what it last knew (offline rules).
    r2.proxy.cut();
    spent.push(await spend(r1.till));
    spent.push(await spend(r2.till));
    const offline = await ask(r2.till, { cmd: 'state' });
    expect(offline.state.chain).toMatchObject({ online: false, offlineSince: expect.any(String) });
    await until('R2 to count its unsent sale', async () => (await ask(r2.till, { cmd: 'state' })).state.chain.salesToSend === 1);

    // Back online: R2 sends what it sold, once.
    r2.proxy.restore();
    await until('R2 to be online with nothing to send', async () => {
      const s = (await ask(r2.till, { cmd: 'state' })).state.chain;
      return s.online && s.salesToSend === 0;
    }, 45_000);
    await until('R1 to have sent everything', async () => (await ask(r1.till, { cmd: 'state' })).state.chain.salesToSend === 0);

    const j1 = await journal(r1.dir);
    const j2 = await journal(r2.dir);
    await until('every event in the database', async () => Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM events'))[0].n) === j1.length + j2.length);
    const books = await cardBooks(url);
    expect(books).toEqual([{ code, balance: 5000 - spent.reduce((a, b) => a + b, 0), overspent: 0, moved: 5000 - spent.reduce((a, b) => a + b, 0) }]);
    expect(await query(url, 'SELECT count(DISTINCT id)::int AS d, count(*)::int AS n FROM events')).toEqual([{ d: j1.length + j2.length, n: j1.length + j2.length }]);
    expect(await query(url, "SELECT register_id, count(*)::int AS n FROM gift_card_movements WHERE kind = 'redeemed' GROUP BY 1 ORDER BY 1")).toEqual([
      { register_id: 'R1', n: 1 },
      { register_id: 'R2', n: 2 },
    ]);

    // An overspend that slips through offline: a card worth one espresso, spent on R1 while R2,
    // cut off, still sees it full and sells on it too. On reconnect the database records the
    // negative balance and R2's manager is told (a store notice), never silently.
    const price = demoProducts().find((p) => p.barcodes.includes('101'))!.price;
    expect(await ask(r1.till, { cmd: 'giftcard_sell', amount: price })).toMatchObject({ ok: true });
    await ask(r1.till, { cmd: 'pay' });
    expect(await ask(r1.till, { cmd: 'exact' })).toMatchObject({ ok: true, state: { status: 'committed' } });
    await ask(r1.till, { cmd: 'next' });
    const second = (await journal(r1.dir)).filter((e) => e.type === 'sale.committed').at(-1)!;
    const code2 = (second.data as any).sale.extensions.giftcards.sold[0].code as string;
    await until('the second card in the database', async () => (await query(url, 'SELECT 1 FROM gift_cards WHERE code = $1', [code2])).length > 0);
    await until('R2 to see the second card', async () => (await ask(r2.till, { cmd: 'giftcard_check', code: `GC${code2}` })).ok || (await sleep(3000), false), 12_000);
    await ask(r2.till, { cmd: 'balance_close' });
    r2.proxy.cut();
    for (const t of [r1.till, r2.till]) {
      expect(await ask(t, { cmd: 'scan', code: '101' })).toMatchObject({ ok: true });
      expect(await ask(t, { cmd: 'giftcard_pay', code: `GC${code2}` })).toMatchObject({ ok: true, state: { status: 'committed' } });
      await ask(t, { cmd: 'next' });
    }
    r2.proxy.restore();
    const notice = await until('the overspend notice on R2', async () => (await ask(r2.till, { cmd: 'state' })).state.storeNotices?.find((n: { code: string }) => n.code === 'CHAIN_OVERSPEND'), 45_000);
    expect(notice.message).toContain(`****${code2.slice(-4)}`);
    expect((await cardBooks(url)).find((c) => c.code === code2)).toEqual({ code: code2, balance: -price, overspent: price, moved: -price });
    expect(await query(url, 'SELECT kind, register_id, shortfall::int FROM chain_alerts')).toEqual([{ kind: 'giftcard.overspent', register_id: 'R2', shortfall: price }]);

    for (const t of tills.splice(0)) expect((await t.close()).code).toBe(0);
    for (const r of [r1, r2]) {
      const v = spawnSync(process.execPath, [join(ROOT, 'bin/till.js'), 'journal', 'verify', '--data', r.dir], { encoding: 'utf8', env: { ...process.env, TILL_DATA: '' } });
      expect(v.status, v.stdout + v.stderr).toBe(0);
    }
  }, 120_000);
});
