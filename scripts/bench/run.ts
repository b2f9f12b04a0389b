/**
 * `npm run bench`: issue 3's scale and speed benchmark, one table (with the device rows of issue 9,
 * also alone as `npm run bench:hardware`). Data is generated once into
 * .bench/ (about 1 GB at full scale; delete the folder to regenerate). Run on an idle machine:
 * fsync latency and start-up time depend on what else the disk and CPUs are doing.
 *   BENCH_EVENTS=200000 npm run bench   a smaller "full" store for a quick look
 *   BENCH_COMMITS=1000                  commits timed per configuration
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/open.js';
import { SNAPSHOT_FORMAT } from '../../src/store/snapshot-lines.js';
import { barcodeOf, cardOf, CUSTOMERS, PRODUCTS, rng, saleTx } from './data.js';
import { generateStore } from './generate.js';
import { bareAppend, naiveLowdb, sqliteCommit } from './baselines.js';
import { medianOf, registerInUse, ROOT, startEmptyInk, startRegister } from './startup.js';
import { scanActor, scanDomain } from './scan.js';
import { ms, timeEach, type Summary } from './stats.js';
import { shiftReportBench, shiftRows } from './shift.js';
import { hardwareRows, hidScanBench, printBench } from './hardware.js';
import { searchBench, searchRows } from './search.js';

const FULL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 1000);
const dir = path.join(ROOT, '.bench');
const log = (l: string) => process.stderr.write(`${l}\n`);
fs.mkdirSync(dir, { recursive: true });

async function storeCommits(dataDir: string, n: number): Promise<{ s: Summary; openMs: number }> {
  const t = performance.now();
  const store = await openStore(dataDir, { register: 'B1', operator: 'op1', idleCheckpointMs: 0 });
  const openMs = performance.now() - t;
  const random = rng(Date.now() % 1e9);
  const txs = Array.from({ length: n + 20 }, (_, i) => saleTx(500_000_000 + Math.floor(random() * 1e8) + i, random, 'B1'));
  for (let i = 0; i < 20; i++) await store.commit(txs[n + i]); // warm-up
  const s = await timeEach(n, (i) => store.commit(txs[i]));
  await store.close();
  return { s, openMs };
}

log(`till benchmark: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, data in ${dir}`);
log('generating stores (reused when present)...');
const small = await generateStore(path.join(dir, 'small'), 1000, 400, log);
const full = await generateStore(path.join(dir, 'full'), FULL, CUSTOMERS, log);
log(`  small ${small.reused ? 'reused' : `built in ${small.seconds.toFixed(0)} s`}, full ${full.reused ? 'reused' : `built in ${full.seconds.toFixed(0)} s`}`);
// A snapshot written by an earlier version (or projection) is rebuilt from the journal by the first
// start; do that here, so that the start-up measured below is an ordinary one.
// A snapshot of the previous file format (read, but slower to read) is rewritten in the current one.
for (const g of [small, full]) {
  const s = await openStore(g.dir, { register: 'B0', idleCheckpointMs: 0 });
  if (s.recovery.fullReplay) log(`  ${path.basename(g.dir)}: snapshot rebuilt from ${s.recovery.replayed} journal events (${s.recovery.fullReplay})`);
  else if (!fs.readFileSync(path.join(g.dir, 'store.json'), 'latin1').slice(0, 64).includes(`"${SNAPSHOT_FORMAT}"`)) {
    await s.checkpoint();
    log(`  ${path.basename(g.dir)}: snapshot rewritten as ${SNAPSHOT_FORMAT}`);
  }
  await s.close();
}

log('start-up (3 runs each)...');
const ink = await medianOf(3, startEmptyInk, (x) => x);
const start = await medianOf(3, () => startRegister(full.dir), (x) => x.ms);
log(`commits (${COMMITS} each)...`);
const bare = await bareAppend(dir, COMMITS);
const c1k = await storeCommits(small.dir, COMMITS);
const c1m = await storeCommits(full.dir, COMMITS);
log('SQLite baseline...');
const historySales = Math.max(0, Math.floor((FULL - CUSTOMERS - 100) / 2));
const sqlite = await sqliteCommit(dir, historySales, COMMITS);
log('naive lowdb baseline...');
const low100k = await naiveLowdb(dir, 100_000, 20);
const low1m = await naiveLowdb(dir, 1_000_000, 5);

// After the timed commits: the snapshots and sales of these runs leave writeback that would disturb fsync timings.
const IN_USE_SALES = 1000;
// This machine's V8 sizes its heap for its own memory. Node gives V8 the machine's memory
// (ResourceConstraints::ConfigureDefaults): on 64 bits the old generation may reach a quarter of it
// times two and each semi-space 1/128 of that (1/256 at 256 MB or less), and the old generation grows
// by a smaller factor between collections when that limit is small. These flags give a register the
// heap V8 would size on a 1 GB Raspberry Pi 3 and on a 512 MB Pi Zero 2 W (both 64-bit).
const HEAPS: [string, string[]][] = [
  ['this machine', []],
  ['V8 heap as on 1 GB (Pi 3)', ['--max-old-space-size=512', '--max-semi-space-size=4']],
  ['V8 heap as on 512 MB (Pi Zero 2 W)', ['--max-old-space-size=256', '--max-semi-space-size=1']],
];
const inUse = [];
for (const [label, flags] of HEAPS) {
  log(`register in use, ${label} (customer lookups, ${IN_USE_SALES} sales, a snapshot)...`);
  inUse.push({ label, ...(await registerInUse(full.dir, cardOf(4242), Array.from({ length: 100 }, (_, i) => barcodeOf((i * 997) % PRODUCTS)), IN_USE_SALES, flags)) });
}

log('X/Z reports over a shift of 5,000 sales (issue 10)...');
const [shiftSmall, shiftFull] = await shiftReportBench(small.dir, full.dir, log);

log('scan to priced cart...');
const store = await openStore(full.dir, { register: 'B2', idleCheckpointMs: 0 });
const scanD = scanDomain(store, full.dir, 20_000);
let scanA: Summary | string;
try {
  scanA = scanActor(store, full.dir, 20_000);
} catch (e) {
  scanA = `checkout actor failed: ${(e as Error).message}`;
}
const products = Object.keys(store.state.catalog.products).length;
await store.close();

log('devices: scan -> cart through the HID path, receipt print to the TCP printer fake (issue 9)...');
const hwScan = await hidScanBench(small.dir, 5000);
const hwPrint = await printBench(path.join(dir, 'hardware'), 300);

log('product search keystrokes at 100,000 products (issue 11)...');
const search = searchBench();

const sq = typeof sqlite === 'string' ? null : sqlite;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const rows: [string, string, string, string][] = [
  ['sale commit, 1,000 events of history', `median ${ms(c1k.s.median)} ms, p99 ${ms(c1k.s.p99)} ms`, '', ''],
  [`sale commit, ${FULL.toLocaleString('en')} events of history`, `median ${ms(c1m.s.median)} ms, p99 ${ms(c1m.s.p99)} ms`, '', ''],
  ['bare append + fdatasync (same bytes)', `median ${ms(bare.median)} ms, p99 ${ms(bare.p99)} ms`, '', ''],
  ['SQLite WAL synchronous=FULL (same sale)', sq ? `median ${ms(sq.median)} ms, p99 ${ms(sq.p99)} ms` : String(sqlite), '', ''],
  ['naive lowdb, whole store per sale, 100k records', `median ${ms(low100k.median)} ms`, '', ''],
  ['naive lowdb, whole store per sale, 1M records', `median ${ms(low1m.median)} ms`, '', ''],
  ['commit at full history / bare append', ratio(c1m.s.median, bare.median), '<= 1.5x', verdict(c1m.s.median <= 1.5 * bare.median)],
  ['commit at full history / SQLite', sq ? ratio(c1m.s.median, sq.median) : 'n/a', '<= 1.0x', sq ? verdict(c1m.s.median <= sq.median) : 'n/a'],
  ['commit at full / at 1,000 events (median)', ratio(c1m.s.median, c1k.s.median), '<= 1.3x', verdict(c1m.s.median <= 1.3 * c1k.s.median)],
  ['naive lowdb 1M / store commit at full history', ratio(low1m.median, c1m.s.median), '', ''],
  ['start-up to a ready register (headless), full scale', `${ms(start.ms)} ms`, '', ''],
  ['empty Ink app start (same loader)', `${ms(ink)} ms`, '', ''],
  ['start-up / empty Ink app', ratio(start.ms, ink), '<= 2x', verdict(start.ms <= 2 * ink)],
  ['store open in-process (snapshot + tail), full scale', `${ms(c1m.openMs)} ms`, '', ''],
  ['resident memory of the ready register, full scale', `${start.rssMb.toFixed(0)} MB (peak ${start.peakMb.toFixed(0)} MB)`, '< 250 MB', verdict(start.peakMb < 250)],
  ...inUse.map((u): [string, string, string, string] => [
    `... in use (lookups, ${IN_USE_SALES.toLocaleString('en')} sales, a snapshot), ${u.label}`,
    `${u.rssMb.toFixed(0)} MB (peak ${u.peakMb.toFixed(0)}; ready ${u.readyMb.toFixed(0)} in ${ms(u.readyMs)} ms, ${u.searchMb.toFixed(0)} after lookups)${u.snapshotWritten ? '' : ' [no snapshot]'}`,
    '< 250 MB',
    verdict(u.peakMb < 250),
  ]),
  [`scan -> priced cart, checkout actor, ${products.toLocaleString('en')} products`, typeof scanA === 'string' ? scanA : `median ${ms(scanA.median)} ms, p99 ${ms(scanA.p99)} ms`, '< 1 ms p99', typeof scanA === 'string' ? 'n/a' : verdict(scanA.p99 < 1)],
  ...shiftRows(shiftSmall, shiftFull, ms),
  ['scan -> priced cart, lookup + addProduct + priceCart', `median ${ms(scanD.median)} ms, p99 ${ms(scanD.p99)} ms`, '< 1 ms p99', verdict(scanD.p99 < 1)],
  ...hardwareRows(hwScan, hwPrint, ms),
  ...searchRows(search, ms),
];
const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'result', 'target', 'verdict'][i].length));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
console.log(line(['measure', 'result', 'target', 'verdict']));
console.log(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${COMMITS} commits per configuration (2 journal events each: sale.committed + points.earned); snapshot every 1,000 events in the background, as configured by default. Max commit at full history: ${ms(c1m.s.max)} ms.`);
