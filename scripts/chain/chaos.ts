/**
 * The chain's chaos run (issue 15, docs/chain.md "Tests"): 10 registers — `till headless` processes,
 * each on its own data folder and journal — sell on a shared pool of 50 gift cards and 200
 * customers, each reaching one throwaway PostgreSQL through a TCP proxy of its own. A seeded
 * scheduler cuts, delays and resets their connections, SIGKILLs registers (each starts again on its
 * folder) and restarts the database once, halfway. Then every network is restored, the outboxes
 * drain, the registers shut down, and chaos-check.ts holds the ledger to what the issue promises.
 *
 *   npm run chaos:chain -- [--seed N] [--seconds 25] [--registers 10] [--quiet]
 *   TILL_CHAOS_SECONDS=600 npm run chaos:chain          (a soak; TILL_CHAOS_SEED fixes the seed)
 *
 * Exit 0 when every check held; 1 with the violations and the seed that found them otherwise.
 * The CI test (test/sync/chaos.e2e.test.ts) runs it with a fixed seed for about 25 s of chaos.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPgServer, type PgServer } from '../../test/support/pg-server.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { createStore } from '../../src/admin/init.js';
import { demoConfig, demoProducts, DEMO_PROGRAM } from '../../src/admin/demo-store.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { generateCode } from '../../src/domain/giftcard/code.js';
import { planIssue } from '../../src/domain/giftcard/operations.js';
import { cardNumberFor } from '../../src/domain/loyalty/card.js';
import { newCustomerId } from '../../src/domain/loyalty/customer.js';
import type { Customer } from '../../src/domain/loyalty/types.js';
import type { EventDraft } from '../../src/store/types.js';
import { streamTransactions } from '../../src/store/journal-stream.js';
import { setupSchema } from '../../src/sync/db.js';
import { rng, substream, type Rng } from './chaos-rng.js';
import { ChaosRegister, sleep, type RegisterStats } from './chaos-register.js';
import { checkChaos, type CheckReport } from './chaos-check.js';

export interface ChaosOptions {
  seed: number;
  /** Seconds of selling under chaos (setup, drain and checks come on top). */
  seconds: number;
  registers?: number;
  cards?: number;
  customers?: number;
  log?: (line: string) => void;
}

export interface ChaosResult extends CheckReport {
  seed: number;
  acked: number;
  stats: RegisterStats;
  chaos: Record<string, number>;
  timings: { setupMs: number; chaosMs: number; drainMs: number; checkMs: number };
  load: string;
}

/** chain.offline.maxPerCard of every register in the run (20.00 USD). */
const MAX_PER_CARD = 2000;

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

async function journalSeq(dir: string): Promise<number> {
  let seq = 0;
  for await (const tx of streamTransactions(dir)) seq = tx[tx.length - 1]?.seq ?? seq;
  return seq;
}

/** The shared pools: 50 cards (issued in R1's journal; the others find them in the chain) and 200 customers (in every journal). */
function pools(r: Rng, cards: number, customers: number, today: string) {
  const codes = Array.from({ length: cards }, () => generateCode(r.bytes(12)));
  const people: Customer[] = Array.from({ length: customers }, (_, i) => ({
    id: newCustomerId(r.bytes(7)),
    name: `Customer ${i + 1}`,
    phone: `+1 555 ${String(2000 + i).padStart(4, '0')}`,
    tier: null,
    card: cardNumberFor(DEFAULT_CONFIG.codes.loyaltyPrefix, i + 1),
    blocked: false,
    created: `${today}T08:00:00.000Z`,
  }));
  const cardEvents: EventDraft[] = codes.flatMap((code) => {
    const p = planIssue(undefined, { code, currency: 'USD', faceValue: r.between(10, 60) * 100, pending: false, today });
    if (!p.ok) throw new Error(`chaos: issuing a card: ${p.error.code}`);
    return p.value;
  });
  return { codes, people, cardEvents };
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const log = o.log ?? (() => {});
  const N = o.registers ?? 10;
  const t0 = performance.now();
  const today = new Date().toISOString().slice(0, 10);
  const seedRng = rng(substream(o.seed, 99));
  const { codes, people, cardEvents } = pools(seedRng, o.cards ?? 50, o.customers ?? 200, today);
  const products = demoProducts().map((p) => p.barcodes[1]);
  const root = mkdtempSync(join(tmpdir(), 'till-chaos-'));
  const chaos: Record<string, number> = { cuts: 0, delays: 0, resets: 0, kills: 0, dbRestarts: 0 };
  let server: PgServer | null = null;
  const proxies: TcpProxy[] = [];
  const regs: ChaosRegister[] = [];
  try {
    server = await startPgServer();
    const admin = new pg.Client(server.url);
    await admin.connect();
    await setupSchema(admin, server.url);
    await admin.end();

    const made = await Promise.all(
      Array.from({ length: N }, async (_, k) => {
        const i = k + 1;
        const id = `R${i}`;
        const proxy = await startTcpProxy(server!.port);
        const dir = join(root, id);
        const url = new URL(server!.url);
        url.port = String(proxy.port);
        const base = demoConfig();
        const config: TillConfig = {
          ...base,
          register: { id },
          chain: { ...base.chain, url: url.toString(), timeoutMs: 800, holdSeconds: 60, offline: { giftCards: 'limited', maxPerCard: '20.00', maxPerRegister: '60.00', points: 'limited', maxPoints: '' } },
        };
        const seedEvents: EventDraft[] = [
          { type: 'catalog.upserted', data: { products: demoProducts() } },
          { type: 'loyalty.program.upserted', data: { program: DEMO_PROGRAM } },
          ...people.map((customer, n) => ({ type: 'customer.created', data: { customer, cardSerial: n + 1 } })),
          ...(i === 1 ? cardEvents : []),
        ];
        await createStore(dir, config, seedEvents);
        return { proxy, reg: new ChaosRegister(id, dir, proxy, rng(substream(o.seed, i)), { cards: codes, customers: people.map((p) => p.id), products }, log) };
      }),
    );
    for (const m of made) {
      proxies.push(m.proxy);
      regs.push(m.reg);
    }
    // The others find the pool's cards (issued in R1's journal) in the chain once R1 has sent them.
    for (const r of regs) r.start();
    await Promise.all(regs.map((r) => r.toIdle()));
    const url = server.url;
    if (!(await until('R1 to send the gift cards', async () => Number((await query(url, 'SELECT count(*) AS n FROM gift_cards'))[0].n) === codes.length, 60_000)))
      throw new Error('R1 did not send the gift cards within 60 s');
    await sleep(2500); // one pull of the chain's cards (every 2 s) on each register
    const setupMs = performance.now() - t0;
    log(`setup ${(setupMs / 1000).toFixed(1)} s (load ${load()}); selling under chaos for ${o.seconds} s`);

    // Chaos.
    const t1 = performance.now();
    for (const r of regs) r.run();
    const sched = rng(substream(o.seed, 0));
    const end = Date.now() + o.seconds * 1000;
    const restartAt = Date.now() + (o.seconds * 1000) / 2;
    let restarted = false;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    };
    let lastKill = 0;
    while (Date.now() < end) {
      await sleep(sched.between(200, 1200));
      if (!restarted && Date.now() >= restartAt) {
        restarted = true;
        chaos.dbRestarts++;
        log(`database restart (load ${load()})`);
        await server.halt();
        await sleep(sched.between(500, 2500));
        await server.start();
        continue;
      }
      const reg = sched.pick(regs);
      const what = sched.next();
      if (what < 0.3) {
        chaos.cuts++;
        reg.proxy.cut();
        later(sched.between(500, 5000), () => reg.proxy.restore());
      } else if (what < 0.55) {
        chaos.delays++;
        reg.proxy.delayMs = sched.between(20, 900);
        later(sched.between(1000, 5000), () => (reg.proxy.delayMs = 0));
      } else if (what < 0.8) {
        if (reg.proxy.dropOne(sched.next())) chaos.resets++;
      } else if (Date.now() - lastKill > 1500) {
        if (reg.kill()) {
          chaos.kills++;
          lastKill = Date.now();
        }
      }
    }
    for (const t of timers) clearTimeout(t);
    for (const p of proxies) {
      p.restore();
      p.delayMs = 0;
    }
    await Promise.all(regs.map((r) => r.stop()));
    const chaosMs = performance.now() - t1;
    log(`selling stopped (load ${load()}); waiting for the outboxes to drain`);

    // Drain: the database's position of every register reaches its journal's end.
    const t2 = performance.now();
    // Drained = the database holds each journal to its end, each register counts nothing to send,
    // and every overspend alert was told on its register.
    const drained = await until(
      'every outbox to drain',
      async () => {
        const pos = new Map((await query(url, 'SELECT register_id, last_seq FROM registers')).map((r) => [r.register_id as string, Number(r.last_seq)]));
        for (const r of regs) if (pos.get(r.id) !== (await journalSeq(r.dir))) return false;
        for (const r of regs) if ((await r.chainState()).salesToSend !== 0) return false;
        return Number((await query(url, 'SELECT count(*) AS n FROM chain_alerts WHERE seen_at IS NULL'))[0].n) === 0;
      },
      90_000,
    );
    const drainMs = performance.now() - t2;
    const stats: RegisterStats = { sales: 0, withGiftCard: 0, withCustomer: 0, withPoints: 0, refusals: {}, kills: 0, starts: 0 };
    const exits: string[] = drained ? [] : ['the outboxes did not drain within 90 s of the network coming back'];
    for (const r of regs) {
      const { code, stderr } = await r.close();
      if (code !== 0) exits.push(`${r.id} exited ${code} at shutdown: ${stderr.slice(-500)}`);
      for (const k of ['sales', 'withGiftCard', 'withCustomer', 'withPoints', 'kills', 'starts'] as const) stats[k] += r.stats[k];
      for (const [k, n] of Object.entries(r.stats.refusals)) stats.refusals[k] = (stats.refusals[k] ?? 0) + n;
    }
    const t3 = performance.now();
    const acked = regs.flatMap((r) => r.acked);
    const report = await checkChaos({ url, registers: regs.map((r) => ({ id: r.id, dir: r.dir })), acked, maxPerCard: MAX_PER_CARD });
    report.violations.unshift(...exits, ...regs.flatMap((r) => r.defects));
    return { ...report, seed: o.seed, acked: acked.length, stats, chaos, timings: { setupMs, chaosMs, drainMs, checkMs: performance.now() - t3 }, load: load() };
  } finally {
    for (const r of regs) {
      r.kill();
      await r.close().catch(() => {});
    }
    for (const p of proxies) await p.close();
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Asks until `fn` holds (true) or `ms` pass (false). */
async function until(_what: string, fn: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await fn()) return true;
    } catch {
      // the database or a register not answering yet: ask again
    }
    if (Date.now() > end) return false;
    await sleep(250);
  }
}

/** One line per figure, for the command line and the test's output. */
export function summary(r: ChaosResult): string {
  const s = r.stats;
  const refusals = Object.entries(s.refusals)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `seed ${r.seed}: ${r.acked} sales acknowledged (${s.withGiftCard} with a gift card, ${s.withCustomer} with a customer, ${s.withPoints} paid partly with points); ${r.figures.events} journal events, each in PostgreSQL once`,
    `chaos: ${r.chaos.cuts} network cuts, ${r.chaos.delays} delays, ${r.chaos.resets} connection resets, ${r.chaos.kills} SIGKILLs (${s.starts} register starts), ${r.chaos.dbRestarts} database restart(s)`,
    `ledger: ${r.figures.overspentCards} card(s) and ${r.figures.overspentPoints} points account(s) overspent offline, ${r.figures.alerts} alert(s) (${r.figures.alertsOnHeldSales} raised by a sale that held the card online); ${r.figures.offlineRedemptions} card(s) paid without a hold`,
    `refusals: ${refusals || 'none'}`,
    `time: setup ${(r.timings.setupMs / 1000).toFixed(1)} s, chaos ${(r.timings.chaosMs / 1000).toFixed(1)} s, drain ${(r.timings.drainMs / 1000).toFixed(1)} s, checks ${(r.timings.checkMs / 1000).toFixed(1)} s; load average ${r.load}`,
    r.violations.length ? `VIOLATIONS (seed ${r.seed}):\n  ${r.violations.join('\n  ')}` : 'every check held',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, seconds: { type: 'string' }, registers: { type: 'string' }, quiet: { type: 'boolean' } } });
  const seed = Number(values.seed ?? process.env.TILL_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const seconds = Number(values.seconds ?? process.env.TILL_CHAOS_SECONDS ?? 25);
  console.log(`chaos: seed ${seed}, ${seconds} s (replay: TILL_CHAOS_SEED=${seed} npm run chaos:chain)`);
  const started = Date.now();
  runChaos({ seed, seconds, registers: values.registers ? Number(values.registers) : undefined, log: values.quiet ? undefined : (l) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${l}`) })
    .then((r) => {
      console.log(summary(r));
      process.exitCode = r.violations.length ? 1 : 0;
    })
    .catch((e) => {
      console.error(`chaos run failed (seed ${seed}): ${(e as Error).stack ?? e}`);
      process.exitCode = 1;
    });
}
