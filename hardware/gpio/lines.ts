/**
 * The GPIO lines of the drawer, whichever way the kernel offers them: sysfs (`/sys/class/gpio`, line
 * number = chip base + pin, through onoff) where it exists, else the character device through
 * libgpiod's tools. `description` says which is in use (drawer status, `till doctor`).
 * Safety contract for outputs: claimed low, pulsed high for a bounded time only, and low again on
 * close and on process exit (sysfs writes 0 in an exit handler; libgpiod's pulse ends inside gpioset).
 */
import { join } from 'node:path';
import { checkOffset, pickChip, sysfsChips, type GpioChip } from './chips.js';
import { GpioError } from './errors.js';
import { gpiodChip, gpiodChips, gpiodTools } from './gpiod.js';
import { openFileLine, openOnoffLine, type GpioLine, type LineDirection } from './sysfs.js';

export interface GpioOptions {
  /** Filesystem root holding `sys/class/gpio` (default "/"; tests and the doctor pass a fake tree). */
  root?: string;
  /** PATH searched for libgpiod's tools (default: the process's PATH). */
  path?: string;
  /** `hardware.gpioChip`: a chip label, name or /dev path; "" = the Raspberry Pi SoC's. */
  chip?: string;
  /** How sysfs lines are driven: onoff on the real /sys (default there), file writes under another root. */
  sysfs?: 'onoff' | 'files';
}

export interface GpioLines {
  readonly backend: 'sysfs' | 'gpiod';
  /** Which interface and chip, for the drawer status and the doctor: "sysfs (onoff), gpiochip512 [pinctrl-bcm2711] base 512". */
  readonly description: string;
  readonly chip: GpioChip;
  /** A line as the installer finds it: "BCM17 = sysfs gpio529", "gpiochip0 line 17". */
  lineName(pin: number): string;
  /** Makes `pin` an output driven low (at start-up: a line left high by a crash goes low here). */
  claimOutput(pin: number): Promise<void>;
  /** High for `ms`, then low; low again even when the pulse fails half-way. */
  pulse(pin: number, ms: number): Promise<void>;
  claimInput(pin: number): Promise<void>;
  read(pin: number): Promise<0 | 1>;
  /** Outputs low, lines given back. Never rejects. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the GPIO interface the kernel offers; rejects with a GpioError that says what to do. */
export async function openGpio(opts: GpioOptions = {}): Promise<GpioLines> {
  const root = opts.root ?? '/';
  const sysfs = sysfsChips(root);
  if (sysfs) return openSysfs(root, sysfs, opts);
  return openGpiod(opts);
}

function chosen(chips: GpioChip[], wanted: string, where: string): GpioChip {
  const pick = pickChip(chips, wanted);
  if ('error' in pick) throw new GpioError('GPIO_UNAVAILABLE', `${where}: ${pick.error}`);
  return pick.chip;
}

function openSysfs(root: string, chips: GpioChip[], opts: GpioOptions): GpioLines {
  const chip = chosen(chips, opts.chip ?? '', 'sysfs GPIO');
  if (chip.base === undefined) throw new GpioError('GPIO_UNAVAILABLE', `sysfs GPIO: ${join(root, 'sys/class/gpio', chip.name, 'base')} is unreadable`);
  const base = chip.base;
  const mode = opts.sysfs ?? (root === '/' ? 'onoff' : 'files');
  const lines = new Map<number, { line: GpioLine; dir: LineDirection }>();
  const numberOf = (pin: number) => {
    const bad = checkOffset(chip, pin);
    if (bad) throw new GpioError('GPIO_UNAVAILABLE', bad);
    return base + pin;
  };
  // The last word on a line this process drove: low, whatever way the process ends (not SIGKILL:
  // then the next start-up's claim drives it low).
  const onExit = () => {
    for (const { line, dir } of lines.values()) if (dir === 'out') try { line.write(0); } catch { /* the tree is gone */ }
  };
  process.on('exit', onExit);
  const claim = async (pin: number, dir: LineDirection) => {
    const n = numberOf(pin);
    const had = lines.get(pin);
    if (had && had.dir === dir) return had.line;
    had?.line.release();
    const line = mode === 'onoff' ? await openOnoffLine(n, dir) : await openFileLine(root, n, dir);
    lines.set(pin, { line, dir });
    return line;
  };
  const get = (pin: number, dir: LineDirection) => lines.get(pin)?.line ?? null;
  return {
    backend: 'sysfs',
    description: `sysfs (${mode === 'onoff' ? 'onoff' : `files under ${root}`}), ${chip.name} [${chip.label}] base ${base}`,
    chip,
    lineName: (pin) => `BCM${pin} = sysfs gpio${base + pin}`,
    claimOutput: async (pin) => void (await claim(pin, 'out')),
    async pulse(pin, ms) {
      const line = get(pin, 'out') ?? (await claim(pin, 'out'));
      try {
        line.write(1);
        await sleep(ms);
      } finally {
        line.write(0);
      }
    },
    claimInput: async (pin) => void (await claim(pin, 'in')),
    async read(pin) {
      return (get(pin, 'in') ?? (await claim(pin, 'in'))).read();
    },
    async close() {
      process.off('exit', onExit);
      for (const { line } of lines.values()) line.release();
      lines.clear();
    },
  };
}

async function openGpiod(opts: GpioOptions): Promise<GpioLines> {
  const tools = await gpiodTools(opts.path ?? process.env.PATH ?? '');
  const chip = chosen(await gpiodChips(tools), opts.chip ?? '', 'GPIO character device');
  const lines = gpiodChip(tools, chip.name);
  const check = (pin: number) => {
    const bad = checkOffset(chip, pin);
    if (bad) throw new GpioError('GPIO_UNAVAILABLE', bad);
  };
  return {
    backend: 'gpiod',
    description: `character device (libgpiod ${tools.version}: ${tools.gpioset}), ${chip.name} [${chip.label}]`,
    chip,
    lineName: (pin) => `${chip.name} line ${pin}`,
    async claimOutput(pin) {
      check(pin);
      await lines.setLow(pin);
    },
    async pulse(pin, ms) {
      check(pin);
      await lines.pulse(pin, ms);
    },
    async claimInput(pin) {
      check(pin);
      await lines.read(pin);
    },
    async read(pin) {
      check(pin);
      return lines.read(pin);
    },
    // gpioset exits after each step: nothing is held between them.
    close: async () => {},
  };
}
