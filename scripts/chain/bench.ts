/**
 * Chain benchmark (docs/chain.md, "Figures") on a throwaway local PostgreSQL:
 *   1. the added latency of an online hold at the tender: p50/p99 of `till_hold_gift_card` on one
 *      connection over localhost (each for a new sale, as a register takes them), and the same at the
 *      register: a gift-card payment added to a sale (the checkout's holding state, the chain link's
 *      queue and timeout) against the same payment on a register without a chain;
 *   2. commits per second across 10 registers (10 stores in this process, each committing sales paid
 *      by gift cards through hold + journal commit, with its outbox replicating in the background);
 *   3. the time to drain 10,000 offline sales of one register after it reconnects (`Outbox.push`).
 *
 *   node --import tsx scripts/chain/bench.ts [--registers 10] [--seconds 10] [--offline 10000] [--only hold,registers,drain]
 *
 * Each figure is printed with the machine's load average (os.loadavg) before and after it: on a
 * shared machine a figure means little without it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPgServer } from '../../test/support/pg-server.js';
import { initStore } from '../../src/store/open.js';
import type { TillStore } from '../../src/store/till-store.js';
import { generateCode } from '../../src/domain/giftcard/code.js';
import { randomBytes } from 'node:crypto';
import { connectChain, setupSchema } from '../../src/sync/db.js';
import { holdGiftCard } from '../../src/sync/holds.js';
import { Outbox } from '../../src/sync/outbox.js';
import { createChainLink, type ChainLink } from '../../src/sync/chain-link.js';
import { createTestRegister, type TestRegister } from '../../test/support/register-fixture.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { waitFor } from 'xstate';

const { values } = parseArgs({
  options: { registers: { type: 'string', default: '10' }, seconds: { type: 'string', default: '10' }, offline: { type: 'string', default: '10000' }, only: { type: 'string', default: 'hold,registers,drain' } },
});
const ONLY = new Set(values.only!.split(','));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const REGISTERS = Number(values.registers);
const SECONDS = Number(values.seconds);
const OFFLINE = Number(values.offline);

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const dirs: string[] = [];

async function register(id: string, cards: number): Promise<{ store: TillStore; codes: string[]; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `till-bench-${id}-`));
  dirs.push(dir);
  const store = await initStore(dir, { currency: 'USD', register: id, storeId: `bench-${id}-${randomUUID()}` }, [], { idleCheckpointMs: 0 });
  const codes = Array.from({ length: cards }, () => generateCode(randomBytes(12)));
  await store.commit({ id: randomUUID(), events: codes.map((code) => ({ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue: 10_000_000, price: 10_000_000 } })) });
  return { store, codes, dir };
}

const sale = (register: string, saleId: string, code: string, n: number) => ({
  id: saleId,
  events: [{ type: 'sale.committed', data: { sale: { saleId, receiptNo: `${register}-${n}`, register, currency: 'USD', total: 100, extensions: { giftcards: { sold: [], redeemed: [{ code, amount: 100, tenderId: 't1' }] } } } } }],
});

const server = await startPgServer();
try {
  const url = server.url;
  const admin = new pg.Client(url);
  await admin.connect();
  await setupSchema(admin, url);
  await admin.end();

  // 1. Hold latency.
  if (ONLY.has('hold')) {
    console.log(`load average ${load()}`);
    const r = await register('H1', 1);
    const ob = new Outbox({ dataDir: r.dir, url, reg: { register: 'H1', journalId: r.store.state.meta.storeId, currency: 'USD' }, timeoutMs: 5000 });
    await ob.push();
    const c = await connectChain(url, { timeoutMs: 5000 });
    const ms: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = performance.now();
      const h = await holdGiftCard(c, { register: 'H1', saleId: randomUUID(), code: r.codes[0], amount: 1, seconds: 1 });
      ms.push(performance.now() - t);
      if (!h.ok) throw h.error;
    }
    console.log(`online hold at the tender: p50 ${pct(ms, 50).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms (1000 holds, one connection, localhost)`);
    await c.end();
    await ob.stop();
    await r.store.close();
  }

  // 1b. The same at the register: a gift-card payment added, with and without a chain.
  if (ONLY.has('hold')) {
    console.log(`load average ${load()}`);
    const code = generateCode(randomBytes(12));
    const seed = [{ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue: 10_000_000, price: 10_000_000 } }];
    const addPayment = async (t: TestRegister, n: number): Promise<number[]> => {
      const a = t.register.actor;
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        a.send({ type: 'cart.scan', code: '703' });
        a.send({ type: 'tender.start' });
        const t0 = performance.now();
        a.send({ type: 'tender.giftcard', code: `GC${code}`, amount: 100 });
        await waitFor(a, (s) => !s.matches({ open: 'holding' }));
        ms.push(performance.now() - t0);
        if (a.getSnapshot().context.tenders.length !== 1) throw new Error(`payment not added: ${JSON.stringify(a.getSnapshot().context.message)}`);
        a.send({ type: 'cart.void' }); // releases the hold
        // Not timed: the void's journal write and the release, so each payment is measured on its own.
        await t.register.settled();
        await link?.holdsIdle();
      }
      return ms;
    };
    let link: ChainLink | null = null;
    const chained = await createTestRegister({
      config: { chain: { ...DEFAULT_CONFIG.chain, url, timeoutMs: 1500 } },
      seed,
      chain: (store, config) => (link = createChainLink({ config, dataDir: store.dir, journalId: store.state.meta.storeId })),
    });
    await link!.outbox.push();
    const alone = await createTestRegister({ seed });
    await addPayment(chained, 20); // warm up (connection, JIT)
    await addPayment(alone, 20);
    const on = await addPayment(chained, 500);
    const off = await addPayment(alone, 500);
    console.log(
      `gift-card payment added at the register: on a chain p50 ${pct(on, 50).toFixed(2)} ms, p99 ${pct(on, 99).toFixed(2)} ms; alone p50 ${pct(off, 50).toFixed(2)} ms, p99 ${pct(off, 99).toFixed(2)} ms; added by the hold p50 ${(pct(on, 50) - pct(off, 50)).toFixed(2)} ms, p99 ${(pct(on, 99) - pct(off, 99)).toFixed(2)} ms (500 each, localhost)`,
    );
    await link!.holdsIdle();
    await chained.close();
    await alone.close();
  }

  // 2. Commits per second across N registers, hold + commit per sale, replication on.
  if (ONLY.has('registers')) {
    console.log(`load average ${load()}`);
    const regs = await Promise.all(Array.from({ length: REGISTERS }, (_, i) => register(`B${i + 1}`, 5)));
    const links = await Promise.all(
      regs.map(async (r, i) => {
        const ob = new Outbox({ dataDir: r.dir, url, reg: { register: `B${i + 1}`, journalId: r.store.state.meta.storeId, currency: 'USD' }, timeoutMs: 5000, pollMs: 200 });
        await ob.push();
        ob.start();
        return { ob, c: await connectChain(url, { timeoutMs: 5000 }) };
      }),
    );
    const end = performance.now() + SECONDS * 1000;
    const counts = await Promise.all(
      regs.map(async (r, i) => {
        let n = 0;
        while (performance.now() < end) {
          const saleId = randomUUID();
          const code = r.codes[n % r.codes.length];
          const h = await holdGiftCard(links[i].c, { register: `B${i + 1}`, saleId, code, amount: 100, seconds: 60 });
          if (!h.ok) throw h.error;
          await r.store.commit(sale(`B${i + 1}`, saleId, code, ++n));
          links[i].ob.kick();
        }
        return n;
      }),
    );
    const total = counts.reduce((a, b) => a + b, 0);
    const t0 = performance.now();
    await Promise.all(links.map((l) => l.ob.push()));
    console.log(`${REGISTERS} registers: ${(total / SECONDS).toFixed(0)} sales/s committed with an online hold each and replication on (${total} in ${SECONDS} s); the last ones replicated ${(performance.now() - t0).toFixed(0)} ms after selling stopped`);
    for (const l of links) {
      await l.ob.stop();
      await l.c.end();
    }
    for (const r of regs) await r.store.close();
  }

  // 3. Draining offline sales.
  if (ONLY.has('drain')) {
    const r = await register('D1', 20);
    for (let i = 0; i < OFFLINE; i += 500)
      await r.store.commitBatch(Array.from({ length: Math.min(500, OFFLINE - i) }, (_, j) => sale('D1', randomUUID(), r.codes[(i + j) % 20], i + j + 1)));
    const ob = new Outbox({ dataDir: r.dir, url, reg: { register: 'D1', journalId: r.store.state.meta.storeId, currency: 'USD' }, timeoutMs: 5000 });
    console.log(`load average ${load()}`);
    const t = performance.now();
    const res = await ob.push();
    const s = (performance.now() - t) / 1000;
    console.log(`drain after reconnect: ${res.sales} offline sales (${res.inserted} events) in ${s.toFixed(1)} s, ${(res.sales / s).toFixed(0)} sales/s`);
    await ob.stop();
    await r.store.close();
  }
  console.log(`load average ${load()}`);
} finally {
  await server.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
