/**
 * GPIO as the doctor sees it: the chips sysfs lists (with their base, the number the kernel adds to a
 * pin since 6.6), the character devices /dev/gpiochip*, libgpiod's tools, and - for a GPIO drawer -
 * which interface the register will use, which line that is, and whether the user may drive it.
 * Reads only: nothing is exported or claimed (`--pulse-drawer` does that).
 */
import { readdirSync } from 'node:fs';
import type { TillConfig } from '../../domain/config.js';
import { checkOffset, pickChip, sysfsChips, type GpioChip } from '../../../hardware/gpio/chips.js';
import { gpiodChips, gpiodTools, type GpiodTools } from '../../../hardware/gpio/gpiod.js';
import type { DoctorEnv } from './env.js';
import { info, ok, problem, type Finding } from './report.js';
import { accessFinding, rooted, type SystemGroup, type Who } from './system.js';

const chipText = (c: GpioChip) => `${c.name} [${c.label}]${c.base !== undefined ? ` base ${c.base}` : ''}${c.ngpio !== undefined ? `, ${c.ngpio} lines` : ''}`;

export async function gpioFindings(env: DoctorEnv, who: Who, groups: SystemGroup[], cfg: TillConfig): Promise<Finding[]> {
  const h = cfg.hardware;
  const t = env.t;
  const used = h.drawer === 'gpio';
  const out: Finding[] = [];
  const sysfs = sysfsChips(env.root);
  for (const c of sysfs ?? []) out.push(info('gpio', `sysfs: ${chipText(c)}`));
  let devChips: string[] = [];
  try {
    devChips = readdirSync(rooted(env.root, '/dev')).filter((n) => /^gpiochip\d+$/.test(n)).sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)));
  } catch {
    // no /dev
  }
  let tools: GpiodTools | null = null;
  let toolsError = '';
  try {
    tools = await gpiodTools(env.path);
  } catch (e) {
    toolsError = (e as Error).message;
  }
  let cdevChips: GpioChip[] = [];
  if (tools) {
    try {
      cdevChips = await gpiodChips(tools);
      for (const c of cdevChips) out.push(info('gpio', t('cli.doctor.gpio.cdevDetected', { chip: chipText(c) })));
    } catch (e) {
      out.push(info('gpio', t('cli.doctor.gpio.detectFailed', { error: (e as Error).message })));
    }
  } else
    for (const n of devChips) {
      const a = accessFinding(rooted(env.root, `/dev/${n}`), who, groups, t);
      out.push(info('gpio', t(a.ok ? 'cli.doctor.gpio.cdev' : 'cli.doctor.gpio.cdevNoAccess', { device: `/dev/${n}`, user: who.name })));
    }
  if (!sysfs && !devChips.length && !cdevChips.length) {
    out.push((used ? problem : info)('gpio', t('cli.doctor.gpio.none'), used ? t('cli.doctor.gpio.noneFix') : undefined));
    return out;
  }
  if (!used) return out;

  // The drawer's line, as the register will drive it (hardware/gpio/lines.ts: sysfs first).
  const pins: [string, number][] = [['kick', h.drawerPin]];
  if (h.drawerSensorPin >= 0 && h.drawerSensor !== 'none' && h.drawerSensor !== 'printer') pins.push(['sensor', h.drawerSensorPin]);
  if (sysfs) {
    const pick = pickChip(sysfs, h.gpioChip);
    if ('error' in pick) return [...out, problem('gpio drawer', pick.error)];
    const c = pick.chip;
    for (const [what, pin] of pins) {
      const bad = checkOffset(c, pin);
      if (bad) out.push(problem('gpio drawer', `${t(`cli.doctor.gpio.${what}`)}: ${bad}`, t('cli.doctor.gpio.badPinFixBcm')));
      else out.push(ok('gpio drawer', t('cli.doctor.gpio.sysfsLine', { what: t(`cli.doctor.gpio.${what}`), pin, line: (c.base ?? 0) + pin, chip: `${c.name} [${c.label}]` })));
    }
    const a = accessFinding(rooted(env.root, '/sys/class/gpio/export'), who, groups, t, 'w');
    out.push(a.ok ? ok('gpio drawer', a.text.replace(rooted(env.root, '/'), '/')) : problem('gpio drawer', a.text.replace(rooted(env.root, '/'), '/'), a.fix));
    return out;
  }
  if (!tools) return [...out, problem('gpio drawer', toolsError, t('cli.doctor.gpio.installGpiod'))];
  const pick = pickChip(cdevChips, h.gpioChip);
  if ('error' in pick) return [...out, problem('gpio drawer', pick.error)];
  const c = pick.chip;
  for (const [what, pin] of pins) {
    const bad = checkOffset(c, pin);
    if (bad) out.push(problem('gpio drawer', `${t(`cli.doctor.gpio.${what}`)}: ${bad}`, t('cli.doctor.gpio.badPinFix')));
    else out.push(ok('gpio drawer', t('cli.doctor.gpio.cdevLine', { what: t(`cli.doctor.gpio.${what}`), pin, chip: c.name, label: c.label, version: tools.version, tool: tools.gpioset })));
  }
  const dev = rooted(env.root, `/dev/${c.name}`);
  const a = accessFinding(dev, who, groups, t);
  const shown = a.text.replace(dev, `/dev/${c.name}`);
  out.push(a.ok ? ok('gpio drawer', shown) : problem('gpio drawer', shown, a.fix));
  return out;
}
