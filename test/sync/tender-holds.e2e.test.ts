/**
 * Holds at the tender, as processes: two `till headless` registers on one PostgreSQL add a payment
 * from one gift card, and a points reward of one customer, at the same instant — the database grants
 * one and the other is refused at the tender add with the chain's balance (nothing on its sale,
 * nothing written). The winner is then SIGKILLed between the hold and the commit: its hold keeps
 * the money until it lapses (chain.holdSeconds), then the other register may take it; the killed
 * register restarts with nothing to send twice, and the ledger's books add up.
 *
 * R2's data folder is a copy of R1's made before either ran (a register seeded with the same
 * customers and cards): both journals know the card and the points, the ledger counts them once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';
import { startTill, type Client } from '../support/headless-process.js';
import { createStore } from '../../src/admin/init.js';
import { demoConfig, demoExtras, demoGiftCards, demoMemberCards, demoProducts } from '../../src/admin/demo-store.js';
import { writeConfig } from '../../src/store/config-file.js';
import { localDate } from '../../src/domain/giftcard/dates.js';
import { cardBooks, freshDb, journal, query, until } from './support.js';


describe.runIf(pgAvailable())('holds at the tender between two register processes', () => {
  let server: PgServer;
  const dirs: string[] = [];
  const tills: Client[] = [];
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(async () => {
    for (const t of tills) await t.close().catch(() => {});
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('racing on one card and on one customer\'s points: one granted, one refused at the add; a register killed after its hold: the hold lapses, nothing doubled', async () => {
    const url = await freshDb(server);
    const base = demoConfig();
    const config = (id: string) => ({ ...base, register: { id }, chain: { ...base.chain, url, timeoutMs: 3000, holdSeconds: 5 } });
    const d1 = mkdtempSync(join(tmpdir(), 'till-holds-R1-'));
    const d2 = mkdtempSync(join(tmpdir(), 'till-holds-R2-'));
    dirs.push(d1, d2);
    await createStore(d1, config('R1'), [{ type: 'catalog.upserted', data: { products: demoProducts() } }, ...demoExtras(localDate(new Date()))]);
    cpSync(d1, d2, { recursive: true });
    writeConfig(d2, config('R2'));
    let r1 = startTill(d1);
    const r2 = startTill(d2);
    tills.push(r1, r2);
    let id = 0;
    const ask = (t: Client, req: Record<string, unknown>) => t.ask({ id: ++id, ...req });
    // Both registers have sent their journals (R2's copy of R1's events are there already: skipped).
    for (const t of [r1, r2]) await until('the journal sent', async () => (await ask(t, { cmd: 'state' })).state.chain?.salesToSend === 0 && (await ask(t, { cmd: 'state' })).state.chain.online);
    const card = `GC${demoGiftCards().active}`; // 37.50 left
    const lan = demoMemberCards()[0]; // 120 points

    // Points: each claims 70 points of Lan's 120 (7.00 off a 19.50 sale) at the same instant.
    for (const t of [r1, r2]) {
      expect(await ask(t, { cmd: 'scan', code: lan })).toMatchObject({ ok: true });
      for (let i = 0; i < 3; i++) expect(await ask(t, { cmd: 'scan', code: '206' })).toMatchObject({ ok: true });
    }
    const claims = await Promise.all([r1, r2].map((t) => ask(t, { cmd: 'reward_apply', program: 'coffee-club', reward: 'cashback', points: 70 })));
    const granted = claims.filter((c) => c.ok);
    const refused = claims.filter((c) => !c.ok);
    expect(granted).toHaveLength(1);
    expect(refused).toMatchObject([{ error: { code: 'POINTS_CHAIN_BALANCE' } }]);
    expect(refused[0].error.message).toContain('50 points');
    const pointsLoser = claims[0].ok ? r2 : r1;
    const pointsWinner = claims[0].ok ? r1 : r2;
    expect((await ask(pointsLoser, { cmd: 'state' })).state.discounts.filter((d: { source: string }) => d.source === 'reward')).toEqual([]);
    expect((await ask(pointsWinner, { cmd: 'state' })).state.discounts.filter((d: { source: string }) => d.source === 'reward')).toMatchObject([{ amount: 700 }]);
    expect(await query(url, "SELECT points::int FROM points_holds WHERE state = 'pending'")).toEqual([{ points: 70 }]);
    for (const t of [r1, r2]) expect(await ask(t, { cmd: 'void' })).toMatchObject({ ok: true });
    await until('the points hold released', async () => (await query(url, "SELECT 1 FROM points_holds WHERE state = 'pending'")).length === 0);

    // The card: each pays 30.00 of its 37.50 at the same instant.
    for (const t of [r1, r2]) for (let i = 0; i < 5; i++) expect(await ask(t, { cmd: 'scan', code: '206' })).toMatchObject({ ok: true }); // 32.50
    for (const t of [r1, r2]) expect(await ask(t, { cmd: 'pay' })).toMatchObject({ ok: true });
    const pays = await Promise.all([r1, r2].map((t) => ask(t, { cmd: 'giftcard_pay', code: card, amount: 3000 })));
    expect(pays.filter((p) => p.ok)).toMatchObject([{ state: { status: 'tender', tenders: [{ kind: 'giftcard', amount: 3000 }] } }]);
    expect(pays.filter((p) => !p.ok)).toMatchObject([{ error: { code: 'GIFT_CARD_CHAIN_BALANCE' } }]);
    expect(pays.find((p) => !p.ok).error.message).toContain('7.50 USD');
    const winnerIsR1 = pays[0].ok;
    const loser = winnerIsR1 ? r2 : r1;
    expect((await ask(loser, { cmd: 'state' })).state.tenders).toEqual([]);

    // The winner dies between its hold and its commit: the hold keeps the 30.00 until it lapses.
    const winner = winnerIsR1 ? r1 : r2;
    winner.child.kill('SIGKILL');
    await winner.close();
    expect(await ask(loser, { cmd: 'giftcard_pay', code: card, amount: 3000 })).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_CHAIN_BALANCE' } });
    await until('the hold to lapse', async () => (await query(url, "SELECT 1 FROM gift_card_holds WHERE state = 'pending' AND expires_at > now()")).length === 0, 15_000);
    expect(await ask(loser, { cmd: 'giftcard_pay', code: card, amount: 3000 })).toMatchObject({ ok: true, state: { tenders: [{ amount: 3000 }] } });
    expect(await ask(loser, { cmd: 'exact' })).toMatchObject({ ok: true, state: { status: 'committed' } });

    // The killed register comes back: nothing of its unfinished sale was written, nothing is sent twice.
    const winnerDir = winnerIsR1 ? d1 : d2;
    const again = startTill(winnerDir);
    tills.push(again);
    if (winnerIsR1) r1 = again;
    for (const t of [again, loser]) await until('everything sent', async () => (await ask(t, { cmd: 'state' })).state.chain?.salesToSend === 0);
    const j1 = await journal(d1);
    const j2 = await journal(d2);
    expect([...j1, ...j2].filter((e) => e.type === 'sale.committed')).toHaveLength(1);
    // R2's copied events are R1's: the ledger holds each event once.
    const distinct = new Set([...j1, ...j2].map((e) => e.id)).size;
    await until('every event in the database', async () => Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM events'))[0].n) === distinct);
    const code = demoGiftCards().active;
    expect((await cardBooks(url)).find((b) => b.code === code)).toEqual({ code, balance: 750, overspent: 0, moved: 750 });
    expect(await query(url, "SELECT state, amount::int FROM gift_card_holds WHERE state = 'posted'")).toEqual([{ state: 'posted', amount: 3000 }]);
  }, 120_000);
});
