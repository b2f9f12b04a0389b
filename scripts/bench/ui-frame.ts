/**
 * The terminal UI from outside, through a pty (util-linux `script`, 80x24, TERM=xterm-256color):
 * time from spawning `till start` (or `till demo`) to its first complete frame (Ink ends each frame
 * with ESC[?2026l), and the bytes it writes for each key press on the sale screen. Issue 12.
 *   node --import tsx scripts/bench/ui-frame.ts DATA [demo] [keys]
 * Prints one JSON line. BENCH_NODE_FLAGS adds node flags; BENCH_CGROUP=/sys/fs/cgroup/cpu/NAME runs
 * the register inside that cpu cgroup (a CPU quota: see docs/performance.md, "as on a Pi 3").
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT } from './startup.js';

export interface FrameSample {
  firstFrameMs: number;
  /** CPU time (user + system, all threads) the register had used when its first frame arrived: on a
   * shared machine this moves far less with the load than the wall time does. Null when unreadable. */
  firstFrameCpuMs: number | null;
  firstFrameBytes: number;
  keys: { key: string; bytes: number }[];
}

const FRAME_END = '\x1b[?2026l';

/** utime + stime of the register: the process `script` runs (its only child, exec'd by the shell). */
function cpuMsOfChild(scriptPid: number | undefined): number | null {
  try {
    const kids = fs.readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
    const f = fs.readFileSync(`/proc/${kids[0]}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100 on Linux)
  } catch {
    return null;
  }
}

export function uiFrame(dataDir: string, demo = false, keys = '', nodeFlags: string[] = [], cgroup?: string, root = ROOT): Promise<FrameSample> {
  const till = [process.execPath, ...nodeFlags, path.join(root, 'bin', 'till.js'), demo ? 'demo' : 'start', '--data', dataDir].map((a) => `'${a}'`).join(' ');
  // The shell joins the cgroup before exec: the register and every thread it starts run under its quota.
  const join = cgroup ? `echo $$ > '${cgroup}/cgroup.procs' && ` : '';
  const cmd = `${join}stty rows 24 cols 80 && exec ${till}`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: root, env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '80', LINES: '24' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let bytes = 0;
    let first = null as { ms: number; bytes: number; cpu: number | null } | null;
    const firstFrame = () => first;
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (d: string) => {
      out += d;
      bytes += d.length;
      if (!first && out.includes(FRAME_END)) first = { ms: performance.now() - t0, bytes: out.indexOf(FRAME_END) + FRAME_END.length, cpu: cpuMsOfChild(child.pid) };
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(new Error(`${why}: ${err.slice(-300)} ${JSON.stringify(out.slice(-300))}`));
    };
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    (async () => {
      const until = performance.now() + 120_000;
      while (!firstFrame() && performance.now() < until) await wait(10);
      const f = firstFrame();
      if (!f) return fail('no frame within 120 s');
      await wait(1500);
      const perKey: { key: string; bytes: number }[] = [];
      for (const k of keys) {
        const before = bytes;
        child.stdin.write(k === 'E' ? '\r' : k);
        await wait(400);
        perKey.push({ key: k === 'E' ? 'Enter' : k, bytes: bytes - before });
      }
      // Resolve only when the register has exited: the next round opens the same store, and a
      // register still closing holds its lock (the next start would refuse with STORE_LOCKED).
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(hard);
      // `script` can exit before the register it ran (the pty's hangup reaches it after): wait
      // until the register's pid in the store's lock is gone, at most 10 s.
      const lockPid = () => {
        try {
          return Number(fs.readFileSync(path.join(dataDir, 'till.lock'), 'utf8').split('\n')[0]);
        } catch {
          return 0;
        }
      };
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (const end = performance.now() + 10_000; performance.now() < end; await wait(50)) {
        const pid = lockPid();
        if (!pid || !alive(pid)) break;
      }
      resolve({ firstFrameMs: f.ms, firstFrameCpuMs: f.cpu, firstFrameBytes: f.bytes, keys: perKey });
    })().catch((e) => fail(String(e)));
  });
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  const [dir, mode, keys] = process.argv.slice(2);
  if (!dir) throw new Error('usage: ui-frame.ts DATA [demo|start] [keys, E = Enter]');
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  console.log(JSON.stringify(await uiFrame(dir, mode === 'demo', keys ?? '', flags, process.env.BENCH_CGROUP)));
}
