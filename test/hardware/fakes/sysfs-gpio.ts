/**
 * Fakes of the operating system's GPIO interfaces, for the GPIO drawer and `till doctor`:
 *  - a sysfs tree under a temporary root (`sys/class/gpio/{export,unexport,gpiochip<base>/...}`) with
 *    a tiny "kernel" that creates `gpio<N>/` when N is written to `export` and removes it on
 *    `unexport`, and records every level the value files take (polled every 2 ms);
 *  - a root without `/sys/class/gpio` (Debian trixie kernels);
 *  - libgpiod's tools as shell scripts in a bin folder (put it on PATH): each call's arguments go to a
 *    log, `gpiodetect` prints the chips given, `gpioget` prints the level from a file the test sets,
 *    and a `fail` text makes `gpioset` print it to stderr and exit 1.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeChip {
  base: number;
  label: string;
  ngpio: number;
}

export interface FakeSysfs {
  root: string;
  dir: string;
  /** Current level of sysfs line N ('' when not exported). */
  value(n: number): string;
  direction(n: number): string;
  exported(): number[];
  /** Levels line N took, in order, as the kernel saw them (repeats folded). */
  history(n: number): string[];
  /** Pre-export line N with a level, as a crashed run would have left it. */
  preexport(n: number, direction: string, value: string): void;
  /** Sets an input's level (the drawer sensor switch). */
  setInput(n: number, value: 0 | 1): void;
  stop(): void;
}

export const PI4_CHIPS: FakeChip[] = [
  { base: 512, label: 'pinctrl-bcm2711', ngpio: 58 },
  { base: 570, label: 'raspberrypi-exp-gpio', ngpio: 8 },
];

export function fakeSysfs(chips: FakeChip[]): FakeSysfs {
  const root = mkdtempSync(join(tmpdir(), 'till-sysfs-'));
  const dir = join(root, 'sys', 'class', 'gpio');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'export'), '');
  writeFileSync(join(dir, 'unexport'), '');
  for (const c of chips) {
    const d = join(dir, `gpiochip${c.base}`);
    mkdirSync(d);
    writeFileSync(join(d, 'base'), `${c.base}\n`);
    writeFileSync(join(d, 'label'), `${c.label}\n`);
    writeFileSync(join(d, 'ngpio'), `${c.ngpio}\n`);
  }
  const histories = new Map<number, string[]>();
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').trim() : '');
  const makeLine = (n: number, direction: string, value: string) => {
    mkdirSync(join(dir, `gpio${n}`), { recursive: true });
    writeFileSync(join(dir, `gpio${n}`, 'direction'), `${direction}\n`);
    writeFileSync(join(dir, `gpio${n}`, 'value'), `${value}\n`);
    writeFileSync(join(dir, `gpio${n}`, 'active_low'), '0\n');
  };
  const tick = () => {
    // Levels first: a line set low and unexported since the last tick keeps its last level in the history.
    for (const n of exported()) {
      const v = read(join(dir, `gpio${n}`, 'value'));
      const h = histories.get(n) ?? [];
      if (h[h.length - 1] !== v) h.push(v);
      histories.set(n, h);
    }
    const ex = read(join(dir, 'export'));
    if (ex) {
      writeFileSync(join(dir, 'export'), '');
      if (!existsSync(join(dir, `gpio${ex}`))) makeLine(Number(ex), 'in', '0');
    }
    const un = read(join(dir, 'unexport'));
    if (un) {
      writeFileSync(join(dir, 'unexport'), '');
      rmSync(join(dir, `gpio${un}`), { recursive: true, force: true });
    }
  };
  const exported = () =>
    existsSync(dir)
      ? readdirSync(dir)
          .map((f) => /^gpio(\d+)$/.exec(f))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => Number(m[1]))
      : [];
  const timer = setInterval(tick, 2);
  return {
    root,
    dir,
    value: (n) => read(join(dir, `gpio${n}`, 'value')),
    direction: (n) => read(join(dir, `gpio${n}`, 'direction')),
    exported,
    history: (n) => histories.get(n) ?? [],
    preexport: (n, direction, value) => makeLine(n, direction, value),
    setInput: (n, value) => writeFileSync(join(dir, `gpio${n}`, 'value'), `${value}\n`),
    stop() {
      clearInterval(timer);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A root with no `/sys/class/gpio` at all (kernels built without CONFIG_GPIO_SYSFS). */
export function rootWithoutSysfs(): { root: string; stop(): void } {
  const root = mkdtempSync(join(tmpdir(), 'till-nosysfs-'));
  mkdirSync(join(root, 'sys', 'class'), { recursive: true });
  return { root, stop: () => rmSync(root, { recursive: true, force: true }) };
}

export interface FakeGpiod {
  /** Put first on PATH. */
  bin: string;
  /** Arguments of every call, one array per call, in order: ['gpioset', '-c', 'gpiochip0', ...]. */
  calls(): string[][];
  /** Level gpioget reports for a line. */
  setLevel(line: number, value: 0 | 1): void;
  /** Makes every gpioset fail with this text on stderr (null = succeed). */
  fail(text: string | null): void;
  stop(): void;
}

export function fakeGpiod(opts: { major?: 1 | 2; chips?: string[] } = {}): FakeGpiod {
  const bin = mkdtempSync(join(tmpdir(), 'till-gpiod-'));
  const log = join(bin, 'calls.log');
  const major = opts.major ?? 2;
  const chips = opts.chips ?? ['gpiochip0 [pinctrl-rp1] (54 lines)', 'gpiochip10 [gpio-brcmstb@107d508500] (32 lines)'];
  writeFileSync(log, '');
  writeFileSync(join(bin, 'chips.txt'), `${chips.join('\n')}\n`);
  const version = major === 1 ? 'v1.6.3' : 'v2.1.3';
  // Each argument on its own line, a blank line after each call.
  const record = `{ printf '%s\\n' "$(basename "$0")"; for a in "$@"; do printf '%s\\n' "$a"; done; printf '\\n'; } >> '${log}'`;
  const script = (body: string) => `#!/bin/sh\n${record}\nif [ "$1" = "--version" ]; then echo "$(basename "$0") (libgpiod) ${version}"; exit 0; fi\n${body}\n`;
  const tool = (name: string, body: string) => {
    writeFileSync(join(bin, name), script(body));
    chmodSync(join(bin, name), 0o755);
  };
  tool('gpiodetect', `cat '${join(bin, 'chips.txt')}'`);
  tool('gpioset', `if [ -f '${join(bin, 'fail.txt')}' ]; then cat '${join(bin, 'fail.txt')}' >&2; exit 1; fi\nexit 0`);
  // The line is the last argument; its level is in level-<line>.txt (default 0).
  const levels = join(bin, 'level-');
  const getBody =
    major === 1
      ? `for a in "$@"; do line="$a"; done\ncat '${levels}'"$line".txt 2>/dev/null || echo 0`
      : `for a in "$@"; do line="$a"; done\nif [ "$(cat '${levels}'"$line".txt 2>/dev/null)" = 1 ]; then echo "\\"$line\\"=active"; else echo "\\"$line\\"=inactive"; fi`;
  tool('gpioget', getBody);
  return {
    bin,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n\n')
        .filter((c) => c.trim())
        .map((c) => c.replace(/^\n+/, '').split('\n'))
        .filter((c) => c[1] !== '--version'),
    setLevel: (line, value) => writeFileSync(`${levels}${line}.txt`, `${value}\n`),
    fail: (text) => (text === null ? rmSync(join(bin, 'fail.txt'), { force: true }) : writeFileSync(join(bin, 'fail.txt'), `${text}\n`)),
    stop: () => rmSync(bin, { recursive: true, force: true }),
  };
}
