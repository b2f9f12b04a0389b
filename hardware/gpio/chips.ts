/**
 * GPIO chips and which one carries the drawer lines. Since kernel 6.6 the sysfs number of a line is
 * its chip's `base` plus the offset (512 on a Pi 4 with Raspberry Pi OS, 571 or others elsewhere), so
 * the base is always read from `/sys/class/gpio/gpiochip<N>/{base,label,ngpio}` and never assumed.
 * The character device (libgpiod) addresses a line by chip name and offset; there the chip list comes
 * from `gpiodetect` (gpiod.ts). Both lists meet here, where the SoC's chip is chosen.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GpioChip {
  /** "gpiochip512" (sysfs) or "gpiochip0" (character device). */
  name: string;
  label: string;
  /** sysfs only: the number of the chip's first line. */
  base?: number;
  /** Number of lines. */
  ngpio?: number;
}

/**
 * The SoC's own GPIO controller on a Raspberry Pi: bcm2835 (Pi 1-3, Zero), bcm2711 (Pi 4, 400, CM4),
 * rp1 (Pi 5, CM5; the header pins are on the RP1 south bridge, not on bcm2712). The expander
 * (`raspberrypi-exp-gpio`) and the bcm2712's own `gpio-brcmstb@...` chips are not the header.
 */
export const SOC_LABELS = ['pinctrl-rp1', 'pinctrl-bcm2711', 'pinctrl-bcm2835', 'pinctrl-bcm2712'];

export const sysfsGpioDir = (root: string): string => join(root, 'sys', 'class', 'gpio');

const readTrim = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** The chips sysfs lists, sorted by base; null when `/sys/class/gpio` does not exist (no sysfs GPIO in the kernel). */
export function sysfsChips(root: string): GpioChip[] | null {
  const dir = sysfsGpioDir(root);
  if (!existsSync(dir)) return null;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^gpiochip\d+$/.test(n));
  } catch {
    return null;
  }
  const chips: GpioChip[] = [];
  for (const name of names) {
    const base = Number(readTrim(join(dir, name, 'base')));
    const ngpio = Number(readTrim(join(dir, name, 'ngpio')));
    chips.push({ name, label: readTrim(join(dir, name, 'label')) ?? '', base: Number.isInteger(base) ? base : undefined, ngpio: Number.isInteger(ngpio) ? ngpio : undefined });
  }
  return chips.sort((a, b) => (a.base ?? 0) - (b.base ?? 0));
}

/**
 * The chip the configuration names (`hardware.gpioChip`: its label, its name, or a /dev path), or the
 * SoC's when it names none. Resolves to an error text an installer can act on.
 */
export function pickChip(chips: GpioChip[], wanted: string): { chip: GpioChip } | { error: string } {
  const listed = chips.length ? chips.map((c) => `${c.name} [${c.label}]`).join(', ') : 'none';
  if (wanted) {
    const name = wanted.replace(/^\/dev\//, '');
    const chip = chips.find((c) => c.label === wanted || c.name === name);
    return chip ? { chip } : { error: `no GPIO chip "${wanted}" (chips: ${listed}); fix hardware.gpioChip` };
  }
  for (const label of SOC_LABELS) {
    const chip = chips.find((c) => c.label === label);
    if (chip) return { chip };
  }
  if (chips.length === 1) return { chip: chips[0] };
  return { error: `no Raspberry Pi GPIO chip found (chips: ${listed}); set hardware.gpioChip to the label of the chip the drawer is wired to` };
}

/** A line's offset must exist on its chip (when the chip says how many it has). */
export function checkOffset(chip: GpioChip, pin: number): string | null {
  if (!Number.isInteger(pin) || pin < 0) return `GPIO pin ${pin} is not a line number`;
  if (chip.ngpio !== undefined && pin >= chip.ngpio) return `${chip.name} [${chip.label}] has ${chip.ngpio} lines; pin ${pin} is not one of them`;
  return null;
}
