/**
 * `npm run bench:start`: the cost of starting `till` (issue 12), measured side by side in one run so
 * the ratios hold on a loaded machine: `node -e 0`, then `till headless` until its first reply on an
 * empty store and `till giftcard list`, each from the production build and from the sources (tsx),
 * in interleaved rounds. Prints rows for docs/performance.md. BENCH_ROUNDS (default 7).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT } from './startup.js';
import { summarize } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TILL = path.join(ROOT, 'bin', 'till.js');
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'till-cold-'));
spawnSync(process.execPath, [TILL, 'init', '--data', data], { stdio: 'ignore' });
// The build must be there and fresh (npm run build), or the "build" rows would run the sources.
if (!fs.existsSync(path.join(ROOT, 'dist', 'till.js'))) spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build', 'build.mjs')], { stdio: 'ignore' });

/** CPU seconds (user + system) of a process from /proc, read before it exits. */
function cpuOf(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return NaN;
  }
}

interface Sample { ms: number; cpu: number; peakMb: number }

/** Starts `args`, writes `input`, and stops the clock at the first line on stdout (or at exit). */
function run(args: string[], env: Record<string, string>, input?: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = performance.now() - t0;
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
      const cpu = cpuOf(child.pid!);
      child.stdin.end();
      child.kill('SIGTERM');
      child.once('exit', () => resolve({ ms, cpu, peakMb }));
    };
    child.on('error', reject);
    if (input !== undefined) {
      child.stdin.write(input);
      child.stdout.once('data', finish);
    } else {
      child.stdout.resume();
      child.once('exit', () => {
        if (!done) resolve({ ms: performance.now() - t0, cpu: NaN, peakMb: NaN });
        done = true;
      });
    }
  });
}

const cases: [string, () => Promise<Sample>][] = [
  ['node -e 0', () => run(['-e', '0'], {})],
  ['till headless, empty store, build', () => run([TILL, 'headless', '--data', data], {}, '{"id":1,"cmd":"state"}\n')],
  ['till headless, empty store, sources (tsx)', () => run([TILL, 'headless', '--data', data], { TILL_SOURCES: '1' }, '{"id":1,"cmd":"state"}\n')],
  ['till giftcard list, empty store, build', () => run([TILL, 'giftcard', 'list', '--data', data], {})],
  ['till giftcard list, empty store, sources (tsx)', () => run([TILL, 'giftcard', 'list', '--data', data], { TILL_SOURCES: '1' })],
];
const samples = new Map<string, Sample[]>(cases.map(([n]) => [n, []]));
for (let r = 0; r < ROUNDS; r++) for (const [n, f] of cases) samples.get(n)!.push(await f());
const base = summarize(samples.get('node -e 0')!.map((s) => s.ms)).median;
console.log(`| start (${ROUNDS} interleaved rounds, median) | wall ms | x node -e 0 | CPU s | peak MB |`);
console.log('|---|---|---|---|---|');
for (const [n] of cases) {
  const s = samples.get(n)!;
  const med = (k: keyof Sample) => summarize(s.map((x) => x[k]).filter((x) => !Number.isNaN(x))).median;
  const cpu = med('cpu');
  const peak = med('peakMb');
  console.log(`| ${n} | ${med('ms').toFixed(0)} | ${(med('ms') / base).toFixed(2)}x | ${Number.isFinite(cpu) ? cpu.toFixed(2) : '-'} | ${Number.isFinite(peak) ? peak.toFixed(0) : '-'} |`);
}
fs.rmSync(data, { recursive: true, force: true });
