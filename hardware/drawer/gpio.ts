/**
 * Cash drawer on a GPIO pin: the pin drives a transistor or relay that powers the drawer's 12/24 V
 * solenoid (never the solenoid itself). A kick is a pulse of `pulseMs` (default 120 ms: long enough
 * for every common solenoid to release the latch, short enough not to heat it). The lines come from
 * gpio/lines.ts (sysfs through onoff, or the character device through libgpiod), opened when the
 * drawer is created; a missing interface, library or permission makes the drawer `offline` with a
 * `problem()` that says what to do, and the register runs on. Where a sensor switch is wired to
 * another pin (`sensorPin`, with `sensorOpen` the level that means open) it is polled and the status
 * is open/closed; without one the status is `unknown` (the kick is sent, nobody knows if it opened).
 */
import type { Drawer } from '../types.js';
import type { Timers } from '../listeners.js';
import { createDrawerState } from './drawer-state.js';
import { openGpio, type GpioLines, type GpioOptions } from '../gpio/lines.js';
import { t } from '../../src/i18n/index.js';

export interface GpioDrawerOptions {
  /** BCM number (offset on the chip) of the kick line. */
  pin: number;
  pulseMs?: number;
  /** Sensor input, BCM; undefined or < 0 = no sensor. */
  sensorPin?: number;
  /** Sensor level when the drawer is open (default 1). */
  sensorOpen?: 0 | 1;
  /** Sensor poll interval, ms (default 250 on sysfs, 500 through libgpiod: each read is a process). */
  sensorPollMs?: number;
  /** A drawer the sensor sees open longer than this becomes `left-open` (0 = never). */
  openAlertSeconds?: number;
  gpio?: GpioOptions;
  now?: () => number;
  timers?: Timers;
  log?: (line: string) => void;
}

export interface GpioDrawer extends Drawer {
  /** Resolves when the lines are claimed or known to be unavailable. */
  ready(): Promise<void>;
  /** Reads the sensor now (tests, the doctor); no-op without one. */
  poll(): Promise<void>;
}

const message = (e: unknown) => (e as Error)?.message ?? String(e);

export function createGpioDrawer(opts: GpioDrawerOptions): GpioDrawer {
  const pulseMs = opts.pulseMs ?? 120;
  const sensor = opts.sensorPin !== undefined && opts.sensorPin >= 0 ? opts.sensorPin : undefined;
  const openLevel = opts.sensorOpen ?? 1;
  const log = opts.log ?? (() => {});
  const status = createDrawerState({ alertSeconds: opts.openAlertSeconds, now: opts.now, timers: opts.timers });
  let lines: GpioLines | null = null;
  let problem: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  let reading = false;
  let kicking: Promise<unknown> = Promise.resolve();

  const fail = (why: string, next: 'unknown' | 'offline') => {
    if (why !== problem) log(`drawer (gpio): ${why}`);
    problem = why;
    status.set(next);
  };

  async function poll(): Promise<void> {
    if (!lines || sensor === undefined || reading || closed) return;
    reading = true;
    try {
      const level = await lines.read(sensor);
      problem = null;
      status.sensed(level === openLevel);
    } catch (e) {
      fail(`drawer sensor: ${message(e)}`, 'unknown');
    } finally {
      reading = false;
    }
  }

  async function claim(): Promise<GpioLines | null> {
    if (lines) return lines;
    let opened: GpioLines | undefined;
    try {
      opened = await openGpio(opts.gpio);
      await opened.claimOutput(opts.pin);
      if (sensor !== undefined) await opened.claimInput(sensor);
    } catch (e) {
      await opened?.close();
      fail(message(e), 'offline');
      return null;
    }
    if (closed) {
      await opened.close();
      return null;
    }
    lines = opened;
    problem = null;
    if (sensor !== undefined) {
      await poll();
      timer = setInterval(() => void poll(), opts.sensorPollMs ?? (opened.backend === 'gpiod' ? 500 : 250));
      timer.unref?.();
    } else status.set('unknown');
    return lines;
  }

  const started = claim();

  async function kick(): Promise<{ ok: boolean; code?: string; message?: string }> {
    await started;
    // A line that could not be claimed at start (udev still setting permissions, gpiod installed since) is tried again.
    const l = lines ?? (closed ? null : await claim());
    if (!l) return { ok: false, code: 'DRAWER_OFFLINE', message: t('error.DRAWER_OFFLINE') };
    try {
      await l.pulse(opts.pin, pulseMs);
    } catch (e) {
      fail(message(e), 'offline');
      return { ok: false, code: 'DRAWER_ERROR', message: t('error.DRAWER_ERROR') };
    }
    if (sensor !== undefined) await poll();
    else if (status.get() === 'offline') (problem = null), status.set('unknown');
    return { ok: true };
  }

  return {
    kind: 'gpio',
    status: status.get,
    onStatus: status.on,
    openSince: status.openSince,
    problem: () => problem,
    detail: () => (lines ? `${lines.description}; kick ${lines.lineName(opts.pin)}, ${pulseMs} ms${sensor !== undefined ? `; sensor ${lines.lineName(sensor)}, open = ${openLevel}` : '; no sensor'}` : null),
    ready: () => started.then(() => undefined),
    poll,
    open() {
      // One kick at a time: a second press waits for the first pulse to end instead of overlapping it.
      const run = kicking.then(kick, kick);
      kicking = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      status.stop();
      await started;
      await kicking;
      await lines?.close();
      lines = null;
    },
  };
}
