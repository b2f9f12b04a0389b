/**
 * `npm run bench:proof`: the cost of proving the snapshot's balances from the journal at start
 * (docs/storage.md, "Proof of the snapshot"; src/store/balance-proof.ts), on the .bench stores.
 *  - in-process: store open (snapshot + tail), then the proof in the background: how long it takes,
 *    the longest the event loop was held by it (what a sale can wait behind it), cash commits during
 *    and after it, and the resident memory it adds;
 *  - from outside: `till headless` start to first reply on an empty store and on the full store, this
 *    tree against another checkout (BENCH_BEFORE=DIR, its build), in interleaved rounds.
 * BENCH_ROUNDS (default 5), BENCH_EVENTS (full store size, default 1,000,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { openStore } from '../../src/store/index.js';
import { generateStore } from './generate.js';
import { CUSTOMERS, saleTx, rng } from './data.js';
import { ROOT } from './startup.js';
import { summarize } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FULL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BEFORE = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : null;
const log = (l: string) => console.log(l);
const dir = path.join(ROOT, '.bench');
const full = await generateStore(path.join(dir, 'full'), FULL, CUSTOMERS, log);
const rssMb = () => process.memoryUsage().rss / 1e6;

// ---- in-process: open, then the proof beside commits (BENCH_ONLY_START=1 skips it)
if (!process.env.BENCH_ONLY_START) {
  // The commits below go into a copy, so the bench store stays as generated.
  const work = fs.mkdtempSync(path.join(dir, 'proof-'));
  spawnSync('cp', ['-r', `${full.dir}/.`, work]);
  const rss0 = rssMb();
  let t = performance.now();
  const store = await openStore(work, { register: 'R1', operator: 'op1', idleCheckpointMs: 0, checkpointEvery: 10_000_000, proofDelayMs: 0 });
  const openMs = performance.now() - t;
  const rssOpen = rssMb();
  t = performance.now();
  let maxLag = 0;
  let peak = rssOpen;
  let last = performance.now();
  const lag = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - last - 5);
    last = now;
    peak = Math.max(peak, rssMb());
  }, 5);
  const random = rng(7);
  const during: number[] = [];
  let n = 0;
  let proofMs = 0;
  const proof = store.proof!.then((r) => ((proofMs = performance.now() - t), r));
  let done = false;
  void proof.then(() => (done = true));
  while (!done) {
    const tx = saleTx(10_000_000 + ++n, random);
    const c0 = performance.now();
    await store.commit({ id: `${tx.id}-proof`, events: tx.events });
    during.push(performance.now() - c0);
    await new Promise((r) => setTimeout(r, 200));
  }
  clearInterval(lag);
  const result = await proof;
  const after: number[] = [];
  for (let i = 0; i < 50; i++) {
    const tx = saleTx(20_000_000 + i, random);
    const c0 = performance.now();
    await store.commit({ id: `${tx.id}-after`, events: tx.events });
    after.push(performance.now() - c0);
  }
  await store.abandon();
  fs.rmSync(work, { recursive: true, force: true });
  const d = summarize(during);
  const a = summarize(after);
  console.log(`| store open in-process (snapshot + tail), ${full.events} events | ${openMs.toFixed(0)} ms |`);
  console.log(`| proof of the balances (fresh fold of the whole journal, in the background) | ${(proofMs / 1000).toFixed(1)} s, ${result.status} |`);
  console.log(`| longest event-loop hold during the proof | ${maxLag.toFixed(1)} ms |`);
  console.log(`| cash sale commit during the proof (${d.n}) / after it (${a.n}), median | ${d.median.toFixed(2)} ms / ${a.median.toFixed(2)} ms (p99 ${d.p99.toFixed(1)} / ${a.p99.toFixed(1)}) |`);
  console.log(`| resident memory: before open / open / peak during the proof | ${rss0.toFixed(0)} / ${rssOpen.toFixed(0)} / ${peak.toFixed(0)} MB |`);
}

// ---- from outside: headless start to first reply, this tree against BENCH_BEFORE
function firstReply(bin: string, data: string): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, 'headless', '--data', data], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.write('{"id":1,"cmd":"state"}\n');
    child.once('exit', (c) => reject(new Error(`${bin} exited ${c} before answering`)));
    createInterface({ input: child.stdout }).once('line', () => {
      const ms = performance.now() - t0;
      const peakMb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
      child.removeAllListeners('exit');
      child.stdin.end();
      child.kill('SIGKILL');
      child.once('exit', () => resolve({ ms, peakMb }));
    });
  });
}

const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'till-proof-empty-'));
const trees = [['after (this tree)', ROOT], ...(BEFORE ? [['before', BEFORE]] : [])] as const;
for (const [, tree] of trees) spawnSync(process.execPath, [path.join(tree, 'scripts', 'build', 'build.mjs')], { stdio: 'ignore', cwd: tree });
spawnSync(process.execPath, [path.join(ROOT, 'bin', 'till.js'), 'init', '--data', empty], { stdio: 'ignore' });
const samples = new Map<string, number[]>();
for (let r = 0; r < ROUNDS; r++)
  for (const [scale, data] of [['empty', empty], ['full', full.dir]] as const)
    for (const [name, tree] of r % 2 ? [...trees].reverse() : trees) {
      const s = await firstReply(path.join(tree, 'bin', 'till.js'), data);
      const key = `${scale}|${name}`;
      samples.set(key, [...(samples.get(key) ?? []), s.ms]);
    }
for (const scale of ['empty', 'full']) {
  const row = trees.map(([name]) => `${name} ${summarize(samples.get(`${scale}|${name}`)!).median.toFixed(0)} ms`);
  const ratio = BEFORE ? ` | after/before ${(summarize(samples.get(`${scale}|after (this tree)`)!).median / summarize(samples.get(`${scale}|before`)!).median).toFixed(2)}x` : '';
  console.log(`| headless start to first reply, ${scale} store (${ROUNDS} interleaved rounds, medians) | ${row.join(', ')}${ratio} |`);
}
fs.rmSync(empty, { recursive: true, force: true });
