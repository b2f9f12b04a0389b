/**
 * The crash test (issue 3): run sales through `till headless`, SIGKILL it at random moments and
 * from failpoints inside the store (half-written transaction, synced-but-unacknowledged commit, half
 * a snapshot, snapshot renamed but folder not synced), restart, and check after every kill:
 *  - start-up needs no manual repair (the restarted register answers);
 *  - the journal verifies (chain, framing) and the snapshot equals the fold of the journal;
 * and at the end:
 *  - every acknowledged sale is in the journal exactly once, with its receipt number;
 *  - no sale is in the journal twice, no receipt number repeats, no transaction is half-present;
 *  - the opened store's sales count equals the sales in the journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { ean13 } from '../../src/domain/catalog.js';
import type { Product } from '../../src/domain/catalog.js';
import { writeConfig } from '../../src/store/config-file.js';
import { initStore, openStore } from '../../src/store/open.js';
import { listSegments } from '../../src/store/segments.js';
import { verifyStore } from '../../src/store/verify.js';
import type { JournalEvent } from '../../src/store/types.js';
import { ChildGone, startHeadless, type Child } from './child.js';

export const FAILPOINTS = 'append-torn=0.04,append-synced=0.04,snapshot-temp=0.15,snapshot-renamed=0.15';

export interface CrashOptions {
  dataDir: string;
  kills: number;
  /** Parallel registers, each on its own data folder (default 2). */
  lanes?: number;
  /** Longest wait before an outside SIGKILL, ms after the register answered (default 400). */
  maxDelayMs?: number;
  seed?: number;
  failpoints?: string;
  log?: (line: string) => void;
}

export interface CrashTally {
  kills: number;
  killedFromOutside: number;
  killedByFailpoint: number;
  restarts: number;
  salesAcknowledged: number;
  salesCommittedUnacknowledged: number;
  salesInJournal: number;
  tornTailsSeen: number;
  segments: number;
  failures: string[];
}

export const PRODUCTS: Product[] = Array.from({ length: 12 }, (_, i) => ({
  sku: `SKU${i + 1}`,
  barcodes: [ean13(`20000000${String(i + 1).padStart(4, '0')}`)],
  name: `Crash item ${i + 1}`,
  price: 100 + 37 * i,
  category: 'test',
  taxClass: 'standard',
}));

/** A data folder with a configuration (frequent snapshots, small segments) and a catalog. */
export async function prepareStore(dataDir: string): Promise<void> {
  const config: TillConfig = { ...DEFAULT_CONFIG, storage: { checkpointEvery: 3, segmentBytes: 16 * 1024 } };
  writeConfig(dataDir, config);
  const store = await initStore(dataDir, { currency: config.currency, register: config.register.id, operator: config.operators[0].id }, [
    { type: 'catalog.upserted', data: { products: PRODUCTS } },
  ]);
  await store.close();
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Lane {
  dir: string;
  acked: Map<string, string>; // saleId -> receiptNo
  tally: CrashTally;
}

/** Sells until the child dies. Returns when it has. */
async function sellUntilKilled(child: Child, lane: Lane, random: () => number): Promise<void> {
  for (;;) {
    const items = 1 + Math.floor(random() * 3);
    let saleId: string | null = null;
    for (let i = 0; i < items; i++) {
      const p = PRODUCTS[Math.floor(random() * PRODUCTS.length)];
      const r = await child.send({ cmd: 'scan', code: p.barcodes[0] });
      if (!r.ok) throw new Error(`scan refused: ${r.error?.code} ${r.error?.message}`);
      saleId = r.state.saleId;
    }
    await child.send({ cmd: 'pay' });
    const r = random() < 0.7 ? await child.send({ cmd: 'exact' }) : await child.send({ cmd: 'card', amount: (await child.send({ cmd: 'state' })).state.due, reference: `T${Math.floor(random() * 1e6)}` });
    if (r.ok && r.state.lastSale && r.state.lastSale.saleId === saleId) lane.acked.set(saleId!, r.state.lastSale.receiptNo);
    else if (!r.ok) throw new Error(`tender refused: ${r.error?.code} ${r.error?.message}`);
    await child.send({ cmd: 'next' });
  }
}

async function oneLife(lane: Lane, random: () => number, opts: CrashOptions): Promise<void> {
  const t = lane.tally;
  const child = startHeadless(lane.dir, { TILL_FAILPOINTS: opts.failpoints ?? FAILPOINTS });
  let ready = false;
  try {
    const first = await Promise.race([
      child.send({ cmd: 'state' }),
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no answer within 20 s')), 20_000).unref()),
    ]);
    ready = true;
    if (first.state.status !== 'idle') t.failures.push(`${lane.dir}: restarted register is "${first.state.status}", not idle`);
  } catch (e) {
    const gone = await Promise.race([child.exited, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    // A failpoint may fire during start-up itself (a snapshot right after a replay): that is a kill too.
    if (gone?.signal === 'SIGKILL') {
      t.kills++;
      t.killedByFailpoint++;
      return;
    }
    child.proc.kill('SIGKILL');
    t.failures.push(`${lane.dir}: the register did not start without repair: ${(e as Error).message}\n${child.stderr()}`);
    return;
  }
  t.restarts++;
  let outside = false;
  const timer = setTimeout(() => {
    outside = true;
    child.proc.kill('SIGKILL');
  }, Math.floor(random() * (opts.maxDelayMs ?? 400)));
  try {
    await sellUntilKilled(child, lane, random);
  } catch (e) {
    if (!(e instanceof ChildGone)) {
      t.failures.push(`${lane.dir}: ${(e as Error).message}`);
      child.proc.kill('SIGKILL');
    }
  }
  clearTimeout(timer);
  const end = await child.exited;
  if (end.signal !== 'SIGKILL') {
    if (ready) t.failures.push(`${lane.dir}: the register ended by itself (${end.signal ?? end.code}): ${child.stderr()}`);
    return;
  }
  t.kills++;
  if (outside) t.killedFromOutside++;
  else t.killedByFailpoint++;
}

function journalEvents(dir: string): JournalEvent[] {
  const out: JournalEvent[] = [];
  for (const seg of listSegments(path.join(dir, 'journal'))) {
    for (const line of fs.readFileSync(seg.file, 'utf8').split('\n')) {
      try {
        if (line) out.push(JSON.parse(line));
      } catch {
        /* torn tail: checked by verifyStore */
      }
    }
  }
  return out;
}

async function checkAfterKill(lane: Lane): Promise<void> {
  const v = await verifyStore(lane.dir);
  if (v.tail) lane.tally.tornTailsSeen++;
  for (const p of v.problems) lane.tally.failures.push(`after kill ${lane.tally.kills}: ${p.file}${p.line ? ` line ${p.line}` : ''}: ${p.message}`);
}

async function finalCheck(lane: Lane): Promise<void> {
  const t = lane.tally;
  const store = await openStore(lane.dir, { register: 'R1', idleCheckpointMs: 0 });
  const v = await verifyStore(lane.dir).catch((e) => ({ ok: false, problems: [{ file: lane.dir, message: String(e) }] }));
  for (const p of v.problems) t.failures.push(`final verify: ${p.file}: ${p.message}`);
  const sales = journalEvents(lane.dir).filter((e) => e.type === 'sale.committed');
  const byId = new Map<string, number>();
  const receipts = new Set<string>();
  for (const e of sales) {
    const sale = (e.data as { sale: { saleId: string; receiptNo: string } }).sale;
    byId.set(sale.saleId, (byId.get(sale.saleId) ?? 0) + 1);
    if (receipts.has(sale.receiptNo)) t.failures.push(`receipt number ${sale.receiptNo} was issued twice`);
    receipts.add(sale.receiptNo);
  }
  for (const [id, n] of byId) if (n !== 1) t.failures.push(`sale ${id} is in the journal ${n} times`);
  for (const [id, receiptNo] of lane.acked) {
    if (!byId.has(id)) t.failures.push(`acknowledged sale ${id} (${receiptNo}) is missing from the journal`);
  }
  for (const id of byId.keys()) if (!lane.acked.has(id)) t.salesCommittedUnacknowledged++;
  if (store.state.sales.count !== sales.length) t.failures.push(`store says ${store.state.sales.count} sales, the journal holds ${sales.length}`);
  t.salesAcknowledged += lane.acked.size;
  t.salesInJournal += sales.length;
  t.segments += listSegments(path.join(lane.dir, 'journal')).length;
  await store.close();
}

const emptyTally = (): CrashTally => ({
  kills: 0,
  killedFromOutside: 0,
  killedByFailpoint: 0,
  restarts: 0,
  salesAcknowledged: 0,
  salesCommittedUnacknowledged: 0,
  salesInJournal: 0,
  tornTailsSeen: 0,
  segments: 0,
  failures: [],
});

export async function runCrashTest(opts: CrashOptions): Promise<CrashTally> {
  const lanesN = Math.max(1, opts.lanes ?? 2);
  const lanes: Lane[] = [];
  for (let i = 0; i < lanesN; i++) {
    const dir = path.join(opts.dataDir, `lane-${i + 1}`);
    await prepareStore(dir);
    lanes.push({ dir, acked: new Map(), tally: emptyTally() });
  }
  const seed = opts.seed ?? Date.now();
  opts.log?.(`crash test: ${opts.kills} kills over ${lanesN} register(s), seed ${seed}, data in ${opts.dataDir}`);
  let done = 0;
  await Promise.all(
    lanes.map(async (lane, i) => {
      const random = rng(seed + i);
      const quota = Math.ceil(opts.kills / lanesN);
      while (lane.tally.kills < quota && lane.tally.failures.length === 0) {
        const before = lane.tally.kills;
        await oneLife(lane, random, opts);
        if (lane.tally.kills > before) {
          await checkAfterKill(lane);
          if (++done % 50 === 0) opts.log?.(`  ${done} kills`);
        }
      }
    }),
  );
  const total = emptyTally();
  for (const lane of lanes) {
    if (lane.tally.failures.length === 0) await finalCheck(lane).catch((e) => lane.tally.failures.push(`final open failed: ${(e as Error).message}`));
    for (const k of Object.keys(total) as (keyof CrashTally)[]) {
      if (k === 'failures') total.failures.push(...lane.tally.failures);
      else (total[k] as number) += lane.tally[k] as number;
    }
  }
  return total;
}

export function formatTally(t: CrashTally): string {
  return [
    `kills                       ${t.kills} (outside SIGKILL ${t.killedFromOutside}, failpoints ${t.killedByFailpoint})`,
    `restarts without repair     ${t.restarts}`,
    `torn tails found and cut    ${t.tornTailsSeen}`,
    `sales acknowledged          ${t.salesAcknowledged}`,
    `sales in the journal        ${t.salesInJournal} (committed but killed before the reply: ${t.salesCommittedUnacknowledged})`,
    `journal segments            ${t.segments}`,
    `failures                    ${t.failures.length}`,
    ...t.failures.slice(0, 20).map((f) => `  - ${f}`),
  ].join('\n');
}
