/**
 * Start-up to a ready register, measured from outside: spawn `till headless` on a store and time
 * until it answers its first request (store opened: snapshot loaded, journal tail replayed, checkout
 * actor running); then read its resident memory from /proc. The reference is an empty Ink app
 * started through the same TypeScript loader. `registerInUse` goes on from there the way a shift
 * does: customer lookups (the search index is built on the first), sales, and the snapshot they make
 * due, and reads the memory again (the peak covers all of it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { summarize } from './stats.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

function procKb(pid: number, key: string): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

export interface StartSample {
  ms: number;
  rssMb: number;
  peakMb: number;
}

export function startRegister(dataDir: string): Promise<StartSample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'till.js'), 'headless', '--data', dataDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdin.write('{"id":1,"cmd":"state"}\n');
    const early = (code: number | null) => reject(new Error(`till headless exited (${code}) before answering: ${err.slice(-500)}`));
    child.once('exit', early);
    createInterface({ input: child.stdout }).once('line', () => {
      const ms = performance.now() - t0;
      child.off('exit', early);
      // Settle a moment so lazily finished work (a start-up snapshot) shows in the peak too.
      setTimeout(() => {
        const sample = { ms, rssMb: procKb(child.pid!, 'VmRSS') / 1024, peakMb: procKb(child.pid!, 'VmHWM') / 1024 };
        child.stdin.end();
        child.kill('SIGTERM');
        child.once('exit', () => resolve(sample));
      }, 300);
    });
  });
}

export interface InUseSample {
  readyMs: number;
  readyMb: number;
  searchMb: number;
  rssMb: number;
  peakMb: number;
  sales: number;
  snapshotWritten: boolean;
  /** ms from start until the register went idle after the sales (the background proof of issue 8 done). */
  idleMs: number;
  /** RSS samples every 250 ms: [ms since start, MB] (the timeline behind the peak). */
  trace: [number, number][];
}

/** CPU ticks (user + system) the process has used so far. */
function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name: state is the 3rd field, utime and stime the 14th and 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return NaN;
  }
}

/**
 * Ready register, then a customer lookup by card and by name, `sales` cash sales, and the snapshot they
 * make due. `nodeFlags` size V8's heap as Node would on a smaller machine (see docs/performance.md).
 */
export function registerInUse(dataDir: string, cardNumber: string, barcodes: string[], sales: number, nodeFlags: string[] = [], root = ROOT, cgroup?: string): Promise<InUseSample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // `root`: the code tree to run (a checkout of an earlier version for "before"); `cgroup`: a cpu
    // cgroup the register runs in (a CPU quota), joined by the shell before it execs node.
    const argv = [...nodeFlags, path.join(root, 'bin', 'till.js'), 'headless', '--data', dataDir];
    const child = cgroup
      ? spawn('sh', ['-c', `echo $$ > '${cgroup}/cgroup.procs' && exec "$0" "$@"`, process.execPath, ...argv], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(process.execPath, argv, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const early = (code: number | null) => reject(new Error(`till headless exited (${code}): ${err.slice(-500)}`));
    child.once('exit', early);
    const waiting: ((r: { ok: boolean; error?: { message: string } }) => void)[] = [];
    createInterface({ input: child.stdout }).on('line', (l) => waiting.shift()?.(JSON.parse(l)));
    const send = (req: Record<string, unknown>) =>
      new Promise<{ ok: boolean; error?: { message: string } }>((res) => {
        waiting.push(res);
        child.stdin.write(`${JSON.stringify(req)}\n`);
      });
    const rss = () => procKb(child.pid!, 'VmRSS') / 1024;
    const trace: [number, number][] = [];
    const sampler = setInterval(() => trace.push([Math.round(performance.now() - t0), Math.round(rss())]), 250);
    const snapshot = path.join(dataDir, 'store.json');
    const mtime = () => fs.statSync(snapshot, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    (async () => {
      await send({ cmd: 'state' });
      const readyMs = performance.now() - t0;
      const readyMb = rss();
      for (const query of [cardNumber, 'customer 4242']) {
        const r = await send({ cmd: 'customer_search', query });
        if (!r.ok) throw new Error(`customer_search failed: ${r.error?.message}`);
      }
      const searchMb = rss();
      const before = mtime();
      for (let i = 0; i < sales; i++) {
        const code = barcodes[i % barcodes.length];
        const replies = await Promise.all([send({ cmd: 'scan', code }), send({ cmd: 'pay' }), send({ cmd: 'exact' })]);
        const bad = replies.find((r) => !r.ok);
        if (bad) throw new Error(`sale ${i + 1} failed: ${bad.error?.message}`);
      }
      // A due snapshot is written at the first pause of 0.5 s in commits.
      const until = performance.now() + 30_000;
      while (mtime() === before && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
      const snapshotWritten = mtime() !== before;
      // In use includes the background proof of the balances (issue 8: a fold of the whole journal
      // after a start from a snapshot): wait until the register is idle (under 3 CPU ticks in a second).
      const idleBy = performance.now() + 600_000;
      for (let last = cpuTicks(child.pid!); performance.now() < idleBy; ) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = cpuTicks(child.pid!);
        if (now - last < 3) break;
        last = now;
      }
      const idleMs = performance.now() - t0;
      clearInterval(sampler);
      const sample = { readyMs, readyMb, searchMb, rssMb: rss(), peakMb: procKb(child.pid!, 'VmHWM') / 1024, sales, snapshotWritten, idleMs, trace };
      child.off('exit', early);
      child.stdin.end();
      child.kill('SIGTERM');
      child.once('exit', () => resolve(sample));
    })().catch((e) => {
      clearInterval(sampler);
      child.off('exit', early);
      child.kill('SIGKILL');
      reject(e);
    });
  });
}

export function startEmptyInk(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'empty-ink.tsx')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`empty Ink app exited ${code}`))));
  });
}

export async function medianOf<T>(runs: number, f: () => Promise<T>, key: (t: T) => number): Promise<T> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await f());
  const m = summarize(out.map(key)).median;
  return out.find((t) => key(t) === m)!;
}
