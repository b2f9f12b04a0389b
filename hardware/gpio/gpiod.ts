/**
 * GPIO lines through the kernel's character device (`/dev/gpiochip<N>`), for kernels without sysfs
 * GPIO (Debian trixie's, the Pi 5's on newer images). libgpiod's tools (`apt install gpiod`) run as
 * child processes, so no native addon is needed. Both tool generations are handled:
 *   v2 (trixie, libgpiod 2.x): `gpioset -c CHIP -t 120ms,0 PIN=1` sets the line, toggles it back to 0
 *     after 120 ms and exits - the pulse ends inside gpioset, so a register killed mid-pulse never
 *     leaves the solenoid powered (the child is detached: a Ctrl-C or SIGHUP to the register's group
 *     does not cut it short);
 *   v1 (bookworm, libgpiod 1.6): `gpioset --mode=time --usec=N CHIP PIN=1`, then `gpioset CHIP PIN=0`.
 *     v1 has no toggle, so a kill between the two leaves the line high until the register starts
 *     again (it drives the line low at start-up). Use v2 or sysfs where that matters.
 * Chips come from `gpiodetect` ("gpiochip0 [pinctrl-bcm2711] (58 lines)").
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { GpioChip } from './chips.js';
import { GpioError } from './errors.js';

export interface GpiodTools {
  gpioset: string;
  gpioget: string;
  gpiodetect: string;
  /** libgpiod generation of the tools: 1 or 2. */
  major: 1 | 2;
  version: string;
}

/** The executable `name` on `pathEnv` (a PATH value), or null. */
export function findTool(name: string, pathEnv: string): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool with a deadline; never rejects (a tool that cannot start, or is killed at the deadline,
 * has code null and the reason in stderr). `detached`: its own process group, so a signal to the
 * register's group (Ctrl-C, SIGHUP) does not cut a pulse short.
 */
export function runTool(file: string, args: string[], timeoutMs: number, detached = false): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (code: number | null, why?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr || why || '' });
    };
    const child = spawn(file, args, { detached, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => finish(null, `${file}: ${e.message}`));
    child.on('close', (code, signal) => finish(code, signal ? `${file} ended by ${signal}` : undefined));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      finish(null, `${file} did not finish within ${timeoutMs} ms`);
    }, timeoutMs);
  });
}

/** libgpiod's tools on `pathEnv`, with their generation; a GpioError naming the package when missing. */
export async function gpiodTools(pathEnv: string): Promise<GpiodTools> {
  const found = { gpioset: findTool('gpioset', pathEnv), gpioget: findTool('gpioget', pathEnv), gpiodetect: findTool('gpiodetect', pathEnv) };
  const missing = Object.entries(found).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new GpioError('GPIO_DRIVER', `no sysfs GPIO in this kernel and libgpiod's ${missing.join(', ')} not found: apt install gpiod`);
  const v = await runTool(found.gpioset!, ['--version'], 3000);
  const m = /v(\d+)\.(\d+)(?:\.\d+)?/.exec(v.stdout + v.stderr);
  const major = m && m[1] === '1' ? 1 : 2;
  return { gpioset: found.gpioset!, gpioget: found.gpioget!, gpiodetect: found.gpiodetect!, major, version: m ? m[0] : 'unknown version' };
}

/** Parses `gpiodetect`: "gpiochip0 [pinctrl-bcm2711] (58 lines)" per chip. */
export function parseGpiodetect(text: string): GpioChip[] {
  const chips: GpioChip[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+\[([^\]]*)\]\s+\((\d+)\s+lines?\)/.exec(line.trim());
    if (m) chips.push({ name: m[1], label: m[2], ngpio: Number(m[3]) });
  }
  return chips;
}

/** The stderr of a failed tool, as an installer reads it. */
function toolError(r: RunResult, what: string): GpioError {
  const text = (r.stderr || r.stdout).trim().split('\n')[0] || `exit code ${r.code}`;
  if (/permission denied|EACCES|operation not permitted/i.test(text))
    return new GpioError('GPIO_PERMISSION', `${what}: ${text}; add the user to the "gpio" group (scripts/kiosk/install.sh does) and log in again`);
  if (/busy/i.test(text)) return new GpioError('GPIO_BUSY', `${what}: ${text}; another program or driver holds the line`);
  if (r.code === null) return new GpioError('GPIO_ERROR', `${what}: ${text} (did not finish in time)`);
  return new GpioError('GPIO_ERROR', `${what}: ${text}`);
}

export async function gpiodChips(tools: GpiodTools): Promise<GpioChip[]> {
  const r = await runTool(tools.gpiodetect, [], 3000);
  if (r.code !== 0) throw toolError(r, 'gpiodetect');
  return parseGpiodetect(r.stdout);
}

/** One chip's lines through the tools. */
export interface GpiodChip {
  setLow(pin: number): Promise<void>;
  /** High for `ms`, then low, in one bounded child (v2) or two (v1). */
  pulse(pin: number, ms: number): Promise<void>;
  read(pin: number): Promise<0 | 1>;
}

export function gpiodChip(tools: GpiodTools, chip: string): GpiodChip {
  const set = async (args: string[], ms: number, what: string) => {
    const r = await runTool(tools.gpioset, args, ms + 3000, true);
    if (r.code !== 0) throw toolError(r, what);
  };
  return {
    async setLow(pin) {
      await set(tools.major === 1 ? [chip, `${pin}=0`] : ['-c', chip, '-t0', `${pin}=0`], 0, `gpioset ${chip} ${pin}=0`);
    },
    async pulse(pin, ms) {
      if (tools.major === 2) return set(['-c', chip, '-t', `${ms}ms,0`, `${pin}=1`], ms, `gpioset ${chip} ${pin}`);
      const high = await set(['--mode=time', `--usec=${ms * 1000}`, chip, `${pin}=1`], ms, `gpioset ${chip} ${pin}=1`).catch((e: GpioError) => e);
      // Low again whatever the first step did; the first failure is the one worth telling.
      const low = await set([chip, `${pin}=0`], 0, `gpioset ${chip} ${pin}=0`).catch((e: GpioError) => e);
      if (high) throw high;
      if (low) throw low;
    },
    async read(pin) {
      const r = await runTool(tools.gpioget, tools.major === 1 ? [chip, String(pin)] : ['-c', chip, String(pin)], 3000);
      if (r.code !== 0) throw toolError(r, `gpioget ${chip} ${pin}`);
      // v1 prints 0/1; v2 prints "17"=active / "17"=inactive (or 0/1 with --numeric).
      const out = r.stdout.trim();
      if (/inactive/.test(out)) return 0;
      if (/active/.test(out)) return 1;
      if (/^1\b|=1\b/.test(out)) return 1;
      if (/^0\b|=0\b/.test(out)) return 0;
      throw new GpioError('GPIO_ERROR', `gpioget ${chip} ${pin}: unexpected answer "${out}"`);
    },
  };
}
