/**
 * One GPIO line through the kernel's sysfs interface (`/sys/class/gpio`), where the line number is the
 * chip's base plus the offset (chips.ts). On the real `/sys` the line is driven by onoff, loaded only
 * when a GPIO drawer is configured (its `epoll` addon is native and may be missing). onoff's root is
 * fixed at `/sys/class/gpio/` and it epolls the value file, so under any other root (tests, `till
 * doctor --root`) the same steps onoff takes - export, direction, value, unexport - are done as plain
 * file writes; a fake tree stands in for the kernel there.
 * An output is claimed with direction `low` (it starts low in the same write that makes it an output)
 * and value 0, so a line a killed run left high goes low at start-up.
 */
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sysfsGpioDir } from './chips.js';
import { GpioError, gpioErrorOf } from './errors.js';

export interface GpioLine {
  /** Sets an output; throws GpioError. */
  write(value: 0 | 1): void;
  /** Reads the level; throws GpioError. */
  read(): 0 | 1;
  /** Gives the line back: an output low, unexported if this process exported it. Never throws. */
  release(): void;
}

export type LineDirection = 'out' | 'in';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The kernel creates `gpio<N>/` on export; udev then gives the `gpio` group its files, which takes a moment. */
async function waitUsable(path: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
      return true;
    } catch {
      if (Date.now() >= until) return false;
      await sleep(20);
    }
  }
}

/** The file-write line under `root` (what onoff does on the real tree). */
export async function openFileLine(root: string, n: number, dir: LineDirection, exportWaitMs = 1000): Promise<GpioLine> {
  const base = sysfsGpioDir(root);
  const line = join(base, `gpio${n}`);
  const what = `sysfs GPIO ${n}`;
  // A line exported before us (the register, while `till doctor --pulse-drawer` runs) is left exported.
  const ours = !existsSync(line);
  try {
    if (ours) writeFileSync(join(base, 'export'), String(n));
    if (!(await waitUsable(join(line, 'value'), exportWaitMs)))
      throw new GpioError('GPIO_UNAVAILABLE', `${what}: ${line}/value did not appear after export (is ${n} a line of this chip?)`);
    writeFileSync(join(line, 'direction'), dir === 'out' ? 'low' : 'in');
    // "low" already drives it low; said again for a line that was an output before (a crashed run's).
    if (dir === 'out') writeFileSync(join(line, 'value'), '0');
  } catch (e) {
    throw gpioErrorOf(e, what);
  }
  return {
    write(value) {
      try {
        writeFileSync(join(line, 'value'), String(value));
      } catch (e) {
        throw gpioErrorOf(e, what);
      }
    },
    read() {
      try {
        return readFileSync(join(line, 'value'), 'utf8').trim() === '1' ? 1 : 0;
      } catch (e) {
        throw gpioErrorOf(e, what);
      }
    },
    release() {
      try {
        if (dir === 'out') writeFileSync(join(line, 'value'), '0');
        if (ours) writeFileSync(join(base, 'unexport'), String(n));
      } catch {
        // Already gone (unexported by someone else, or the tree vanished): nothing left to give back.
      }
    },
  };
}

type OnoffModule = typeof import('onoff');
let onoff: Promise<OnoffModule> | null = null;

/** onoff, imported on first use only (a register without a GPIO drawer never loads its native addon). */
export function loadOnoff(): Promise<OnoffModule> {
  onoff ??= import('onoff').catch((e: Error) => {
    onoff = null;
    throw new GpioError('GPIO_DRIVER', `onoff could not be loaded (${e.message.split('\n')[0]}): reinstall with \`npm ci\` allowing epoll's install script (it compiles with node-gyp: apt install build-essential python3)`);
  });
  return onoff;
}

/** The onoff line on the real `/sys/class/gpio`. */
export async function openOnoffLine(n: number, dir: LineDirection): Promise<GpioLine> {
  const { Gpio } = await loadOnoff();
  const what = `sysfs GPIO ${n}`;
  const ours = !existsSync(`/sys/class/gpio/gpio${n}`);
  let gpio: InstanceType<OnoffModule['Gpio']>;
  try {
    gpio = new Gpio(n, dir === 'out' ? 'low' : 'in');
    if (dir === 'out') gpio.writeSync(0);
  } catch (e) {
    throw gpioErrorOf(e, what);
  }
  return {
    write(value) {
      try {
        gpio.writeSync(value);
      } catch (e) {
        throw gpioErrorOf(e, what);
      }
    },
    read() {
      try {
        return gpio.readSync();
      } catch (e) {
        throw gpioErrorOf(e, what);
      }
    },
    release() {
      try {
        if (dir === 'out') gpio.writeSync(0);
        if (ours) gpio.unexport();
      } catch {
        // Already unexported.
      }
    },
  };
}
