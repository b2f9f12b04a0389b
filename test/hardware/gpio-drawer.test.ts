/**
 * The GPIO drawer against fakes of the operating system: a sysfs tree with base 0 (kernels before
 * 6.6) and base 512 (Pi 4, Raspberry Pi OS, 6.6+), a kernel without /sys/class/gpio, and libgpiod's
 * tools (v2 and v1) as scripts on PATH that record their arguments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createGpioDrawer, type GpioDrawer } from '../../hardware/drawer/gpio.js';
import { openGpio } from '../../hardware/gpio/lines.js';
import { loadOnoff } from '../../hardware/gpio/sysfs.js';
import { fakeGpiod, fakeSysfs, PI4_CHIPS, rootWithoutSysfs } from './fakes/sysfs-gpio.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const track = <T extends { stop(): void }>(x: T): T => (cleanups.push(() => x.stop()), x);
const drawer = (d: GpioDrawer) => (cleanups.push(() => d.close()), d);

const until = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('GPIO drawer on sysfs', () => {
  it('base 512 (kernel 6.6+): BCM17 is gpio529, claimed low, pulsed high for the pulse length, low after', async () => {
    const fs = track(fakeSysfs(PI4_CHIPS));
    const d = drawer(createGpioDrawer({ pin: 17, pulseMs: 150, gpio: { root: fs.root } }));
    await d.ready();
    expect(fs.exported()).toEqual([529]);
    expect(fs.direction(529)).toBe('low');
    expect(fs.value(529)).toBe('0');
    expect(d.status()).toBe('unknown'); // no sensor wired
    expect(d.problem?.()).toBeNull();
    expect(d.detail?.()).toContain('gpiochip512 [pinctrl-bcm2711] base 512');
    expect(d.detail?.()).toContain('BCM17 = sysfs gpio529, 150 ms');

    const t0 = Date.now();
    const kick = d.open();
    await until(() => fs.value(529) === '1');
    expect(await kick).toEqual({ ok: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(fs.value(529)).toBe('0');
    await until(() => fs.history(529).join('') === '010');

    await d.close();
    await until(() => fs.exported().length === 0); // unexported on close
  });

  it('base 0 (older kernels): BCM17 is gpio17', async () => {
    const fs = track(fakeSysfs([{ base: 0, label: 'pinctrl-bcm2835', ngpio: 54 }]));
    const d = drawer(createGpioDrawer({ pin: 17, pulseMs: 20, gpio: { root: fs.root } }));
    await d.ready();
    expect(fs.exported()).toEqual([17]);
    expect(await d.open()).toEqual({ ok: true });
    expect(fs.value(17)).toBe('0');
  });

  it('the chip is chosen by label, or by hardware.gpioChip; a wrong name says which chips exist', async () => {
    const fs = track(fakeSysfs([{ base: 504, label: 'raspberrypi-exp-gpio', ngpio: 8 }, ...PI4_CHIPS.slice(0, 1)]));
    const soc = await openGpio({ root: fs.root });
    expect(soc.chip).toMatchObject({ name: 'gpiochip512', base: 512 });
    await soc.close();
    const exp = await openGpio({ root: fs.root, chip: 'raspberrypi-exp-gpio' });
    expect(exp.lineName(3)).toBe('BCM3 = sysfs gpio507');
    await exp.close();
    const d = drawer(createGpioDrawer({ pin: 17, gpio: { root: fs.root, chip: 'nope' } }));
    await d.ready();
    expect(d.status()).toBe('offline');
    expect(d.problem?.()).toMatch(/no GPIO chip "nope" \(chips: gpiochip504 \[raspberrypi-exp-gpio\], gpiochip512 \[pinctrl-bcm2711\]\); fix hardware.gpioChip/);
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_OFFLINE' });
  });

  it('a pin the chip does not have is refused with a reason', async () => {
    const fs = track(fakeSysfs(PI4_CHIPS));
    const d = drawer(createGpioDrawer({ pin: 60, gpio: { root: fs.root } }));
    await d.ready();
    expect(d.status()).toBe('offline');
    expect(d.problem?.()).toContain('has 58 lines; pin 60 is not one of them');
    expect(fs.exported()).toEqual([]);
  });

  it('a line a killed run left high is driven low at start-up', async () => {
    const fs = track(fakeSysfs(PI4_CHIPS));
    fs.preexport(529, 'out', '1');
    const d = drawer(createGpioDrawer({ pin: 17, gpio: { root: fs.root } }));
    await d.ready();
    expect(fs.value(529)).toBe('0');
    expect(d.status()).toBe('unknown');
  });

  it('a process that exits in the middle of a pulse leaves the line low (exit handler)', async () => {
    const fs = track(fakeSysfs(PI4_CHIPS));
    const script = `
      const { createGpioDrawer } = await import(${JSON.stringify(join(ROOT, 'hardware/drawer/gpio.ts'))});
      const d = createGpioDrawer({ pin: 17, pulseMs: 5000, gpio: { root: ${JSON.stringify(fs.root)} } });
      await d.ready();
      d.open();
      setTimeout(() => { console.log('high'); process.exit(3); }, 100);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    const code = await new Promise((r) => child.on('close', r));
    expect(err).toBe('');
    expect(code).toBe(3);
    expect(out.trim()).toBe('high');
    expect(fs.value(529)).toBe('0');
    expect(fs.history(529)).toContain('1'); // it was high before the exit
  });

  it('the sensor input reads open/closed by the configured level, and openSince marks when it opened', async () => {
    const fs = track(fakeSysfs(PI4_CHIPS));
    let now = 1000;
    const d = drawer(createGpioDrawer({ pin: 17, pulseMs: 10, sensorPin: 27, sensorOpen: 0, sensorPollMs: 10_000, now: () => now, gpio: { root: fs.root } }));
    await d.ready();
    expect(fs.direction(539)).toBe('in');
    expect(d.status()).toBe('open'); // level 0 = open for this switch; the fresh line reads 0
    expect(d.openSince?.()).toBe(1000);
    fs.setInput(539, 1);
    await d.poll();
    expect([d.status(), d.openSince?.()]).toEqual(['closed', null]);
    now = 5000;
    fs.setInput(539, 0);
    expect(await d.open()).toEqual({ ok: true });
    expect([d.status(), d.openSince?.()]).toEqual(['open', 5000]);
  });
});

describe('GPIO drawer without /sys/class/gpio (character device through libgpiod)', () => {
  it('no gpioset on PATH: offline, says to install gpiod, the kick fails without throwing', async () => {
    const r = track(rootWithoutSysfs());
    const d = drawer(createGpioDrawer({ pin: 17, gpio: { root: r.root, path: '/nonexistent' } }));
    await d.ready();
    expect(d.status()).toBe('offline');
    expect(d.problem?.()).toBe("no sysfs GPIO in this kernel and libgpiod's gpioset, gpioget, gpiodetect not found: apt install gpiod");
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_OFFLINE', message: 'The cash drawer did not respond.' });
  });

  it('libgpiod v2: the Pi 5 chip by label, low at start, one bounded gpioset per kick (-t 120ms,0)', async () => {
    const r = track(rootWithoutSysfs());
    const g = track(fakeGpiod({ major: 2 }));
    const d = drawer(createGpioDrawer({ pin: 17, gpio: { root: r.root, path: g.bin } }));
    await d.ready();
    expect(d.status()).toBe('unknown');
    expect(d.detail?.()).toMatch(/^character device \(libgpiod v2\.1\.3: .*gpioset\), gpiochip0 \[pinctrl-rp1\]; kick gpiochip0 line 17, 120 ms; no sensor$/);
    expect(await d.open()).toEqual({ ok: true });
    expect(g.calls()).toEqual([['gpiodetect'], ['gpioset', '-c', 'gpiochip0', '-t0', '17=0'], ['gpioset', '-c', 'gpiochip0', '-t', '120ms,0', '17=1']]);
  });

  it('libgpiod v1: timed set, then set low', async () => {
    const r = track(rootWithoutSysfs());
    const g = track(fakeGpiod({ major: 1, chips: ['gpiochip0 [pinctrl-bcm2711] (58 lines)', 'gpiochip1 [raspberrypi-exp-gpio] (8 lines)'] }));
    const d = drawer(createGpioDrawer({ pin: 17, pulseMs: 80, gpio: { root: r.root, path: g.bin } }));
    await d.ready();
    expect(await d.open()).toEqual({ ok: true });
    expect(g.calls().slice(1)).toEqual([
      ['gpioset', 'gpiochip0', '17=0'],
      ['gpioset', '--mode=time', '--usec=80000', 'gpiochip0', '17=1'],
      ['gpioset', 'gpiochip0', '17=0'],
    ]);
  });

  it('a refused line (permission) makes it offline with the group to add; it recovers on the next kick', async () => {
    const r = track(rootWithoutSysfs());
    const g = track(fakeGpiod());
    g.fail('gpioset: unable to request lines on chip /dev/gpiochip0: Permission denied');
    const d = drawer(createGpioDrawer({ pin: 17, gpio: { root: r.root, path: g.bin } }));
    await d.ready();
    expect(d.status()).toBe('offline');
    expect(d.problem?.()).toContain('Permission denied; add the user to the "gpio" group');
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_OFFLINE' });
    g.fail(null);
    expect(await d.open()).toEqual({ ok: true });
    expect(d.status()).toBe('unknown');
    expect(d.problem?.()).toBeNull();
  });

  it('the sensor through gpioget (v2 prints "27"=active)', async () => {
    const r = track(rootWithoutSysfs());
    const g = track(fakeGpiod());
    g.setLevel(27, 1);
    const d = drawer(createGpioDrawer({ pin: 17, sensorPin: 27, sensorOpen: 1, sensorPollMs: 10_000, gpio: { root: r.root, path: g.bin } }));
    await d.ready();
    expect(d.status()).toBe('open');
    g.setLevel(27, 0);
    await d.poll();
    expect(d.status()).toBe('closed');
    expect(g.calls().filter((c) => c[0] === 'gpioget').at(-1)).toEqual(['gpioget', '-c', 'gpiochip0', '27']);
  });
});

it('onoff loads on demand (its epoll addon is built here)', async () => {
  const { Gpio } = await loadOnoff();
  expect(typeof Gpio).toBe('function');
});
