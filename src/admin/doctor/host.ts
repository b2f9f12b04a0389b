/**
 * The doctor's look at the machine itself: the user and the groups device access needs, HID devices
 * (node-hid, loaded here only), input devices (/dev/input/by-id) and USB printers (/dev/usb/lp*,
 * the installer's /dev/till-printer). Reads only.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { TillConfig } from '../../domain/config.js';
import { hidDriverOf, type DoctorEnv } from './env.js';
import { info, ok, problem, type Finding } from './report.js';
import { accessFinding, rooted, type SystemGroup, type Who } from './system.js';

const hex = (n: number) => n.toString(16).padStart(4, '0');

export function userFindings(who: Who, groups: SystemGroup[], cfg: TillConfig, env: DoctorEnv): Finding[] {
  const h = cfg.hardware;
  if (who.uid < 0) return [problem('user', `no user "${who.name}" in /etc/passwd`, 'create the kiosk user (scripts/kiosk/install.sh does) or pass --user NAME')];
  const names = who.gids.map((g) => groups.find((x) => x.gid === g)?.name ?? String(g));
  const out: Finding[] = [];
  if (who.uid === 0) out.push(info('user', `${who.name} (uid 0): root opens every device, so the checks below do not show what the kiosk's user may do`, 'run it as the kiosk user, or pass --user NAME (the user of till.service)'));
  else out.push(ok('user', `${who.name} (uid ${who.uid}), groups: ${names.join(' ') || 'none'}`));
  const needs: [string, string, boolean][] = [
    ['lp', 'USB receipt printer (/dev/usb/lp*)', h.printer === 'usb'],
    ['plugdev', 'HID scanner (hid-pos: hidraw; hid-keyboard: the USB device through libusb)', h.scanner !== 'keyboard'],
    ['input', 'input devices (/dev/input; till reads a hid-keyboard scanner through libusb, not here)', false],
    ['gpio', 'GPIO cash drawer', h.drawer === 'gpio'],
    ['dialout', 'serial (USB-CDC) scanners and printers', false],
  ];
  for (const [name, what, needed] of needs) {
    const topic = `group ${name}`;
    const g = groups.find((x) => x.name === name);
    const note = needed ? '' : ' (not used by this configuration)';
    if (who.uid === 0) continue;
    if (!g) {
      out.push((needed ? problem : info)(topic, `no group "${name}" on this system: ${what}${note}`, `sudo groupadd --system ${name} (scripts/kiosk/install.sh does)`));
      continue;
    }
    if (!who.gids.includes(g.gid)) {
      out.push((needed ? problem : info)(topic, `${who.name} is not in "${name}": ${what}${note}`, `sudo usermod -aG ${name} ${who.name}, then log in again`));
      continue;
    }
    if (env.sessionGids && !env.sessionGids.includes(g.gid)) {
      out.push((needed ? problem : info)(topic, `${who.name} is in "${name}" but this login session is not (added since logging in)`, 'log out and in again, or restart the till service'));
      continue;
    }
    out.push(ok(topic, `${who.name} is in "${name}": ${what}`));
  }
  return out;
}

function libusbMissing(msg: string): boolean {
  return /libusb|libudev|cannot open shared object/i.test(msg);
}

/**
 * The device file libusb opens for a libusb path ("1-1.2:1.0" = bus 1, ports 1.2, config 1,
 * interface 0): /dev/bus/usb/BBB/DDD, numbered from sysfs. Null when sysfs does not know it.
 */
export function usbDeviceFile(root: string, libusbPath: string): string | null {
  const m = /^(\d+-[\d.]+):\d+\.\d+$/.exec(libusbPath);
  if (!m) return null;
  try {
    const dir = rooted(root, `/sys/bus/usb/devices/${m[1]}`);
    const bus = Number(readFileSync(join(dir, 'busnum'), 'utf8').trim());
    const dev = Number(readFileSync(join(dir, 'devnum'), 'utf8').trim());
    if (!Number.isInteger(bus) || !Number.isInteger(dev)) return null;
    return `/dev/bus/usb/${String(bus).padStart(3, '0')}/${String(dev).padStart(3, '0')}`;
  } catch {
    return null;
  }
}

export async function hidFindings(env: DoctorEnv, who: Who, groups: SystemGroup[], cfg: TillConfig): Promise<Finding[]> {
  const h = cfg.hardware;
  const hidMode = h.scanner !== 'keyboard';
  const libusb = hidDriverOf(h.scanner) === 'libusb';
  let devices;
  try {
    devices = (await env.hid(hidDriverOf(h.scanner))).devices();
  } catch (e) {
    const msg = ((e as Error)?.message ?? String(e)).split('\n')[0];
    if (libusbMissing(msg)) return [problem('hid', `node-hid cannot list HID devices: ${msg}`, 'sudo apt install libusb-1.0-0 libudev1 (scripts/kiosk/install.sh does)')];
    return [problem('hid', `node-hid could not be loaded: ${msg}`, 'reinstall with npm ci (node-hid ships its Linux prebuilds inside the package)')];
  }
  if (!devices.length) return [problem('hid', 'no HID devices found (no USB scanner, keyboard or other HID device is plugged in)', 'plug the scanner in; `lsusb` should list it')];
  const out: Finding[] = [];
  const wanted = h.scannerVendorId ? `${h.scannerVendorId.toLowerCase()}:${(h.scannerProductId || '').toLowerCase()}` : '';
  let matched = false;
  for (const d of devices) {
    const id = `${hex(d.vendorId)}:${hex(d.productId)}`;
    const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || 'unnamed';
    const pos = d.usagePage === 0x8c;
    const kind = pos ? 'HID-POS scanner (usage page 0x8c)' : d.usagePage === 1 && d.usage === 6 ? 'keyboard' : d.usagePage !== undefined ? `usage page 0x${d.usagePage.toString(16)}` : 'HID';
    const named = (wanted !== '' && id.startsWith(wanted.replace(/:$/, ''))) || (h.scannerDevice !== '' && d.path === h.scannerDevice);
    if (named) matched = true;
    const base = `${id} ${name}: ${kind}`;
    if (!d.path) {
      out.push(info('hid', base));
      continue;
    }
    // Through libusb the path names a USB interface; the file opened is the USB device's.
    const file = libusb ? usbDeviceFile(env.root, d.path) : d.path;
    if (!file) {
      out.push(info('hid', `${base}, ${d.path}`));
      continue;
    }
    const path = file.startsWith('/') ? rooted(env.root, file) : file;
    const shown = libusb ? `${d.path} (${file})` : d.path;
    const a = accessFinding(path, who, groups);
    const mine = named || (!libusb && pos);
    if (a.ok) out.push(ok('hid', `${base}, ${shown}`));
    else out.push((hidMode && mine ? problem : info)('hid', `${base}, ${libusb ? `${d.path}: ` : ''}${a.text.replace(path, file)}`, a.fix));
  }
  if (hidMode && h.scannerDevice && !devices.some((d) => d.path === h.scannerDevice))
    out.push(problem('hid', `no HID device at ${h.scannerDevice} (hardware.scannerDevice)`, `plug the scanner in, or set hardware.scannerDevice to one of the ${libusb ? 'libusb paths' : 'paths'} above`));
  if (hidMode && wanted && !matched) out.push(problem('hid', `no HID device ${wanted} (hardware.scannerVendorId/ProductId)`, 'plug the scanner in, or fix the ids (the list above has what is connected)'));
  return out;
}

export function inputFindings(env: DoctorEnv, who: Who, groups: SystemGroup[], cfg: TillConfig): Finding[] {
  const dir = rooted(env.root, '/dev/input/by-id');
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // no input devices at all
  }
  const keyboards = names.filter((n) => n.endsWith('-event-kbd'));
  if (!names.length) return [problem('input', 'no input devices in /dev/input/by-id (no keyboard, no keyboard-mode scanner)', 'plug the scanner in; in keyboard mode it shows up here as ...-event-kbd')];
  const direct = cfg.hardware.scanner === 'hid-keyboard';
  const out: Finding[] = [];
  for (const n of names) {
    let target = '';
    try {
      target = realpathSync(join(dir, n));
    } catch {
      out.push(info('input', `${n}: dangling link`));
      continue;
    }
    const shown = env.root === '/' ? target : target.slice(realpathSync(env.root).length);
    const kbd = n.endsWith('-event-kbd') ? ' (keyboard: a keyboard-mode scanner types through it)' : '';
    const a = accessFinding(target, who, groups);
    if (a.ok || !direct) out.push((kbd ? ok : info)('input', `${n} -> ${shown}${kbd}`));
    else out.push(problem('input', `${n} -> ${shown}${kbd}: ${who.name} cannot read it (needed for hid-keyboard)`, a.fix));
  }
  if (!keyboards.length && cfg.hardware.scanner === 'keyboard') out.push(problem('input', 'no keyboard-like device (…-event-kbd): a keyboard-mode scanner would show as one', 'plug the scanner in and set it to USB keyboard mode'));
  return out;
}

/** USB printer device files found, each with whether the user can open it. */
export function usbPrinterFindings(env: DoctorEnv, who: Who, groups: SystemGroup[], cfg: TillConfig): { findings: Finding[]; found: string[] } {
  const found: string[] = [];
  try {
    for (const n of readdirSync(rooted(env.root, '/dev/usb')).sort()) if (/^lp\d+$/.test(n)) found.push(`/dev/usb/${n}`);
  } catch {
    // no usblp devices
  }
  try {
    realpathSync(rooted(env.root, '/dev/till-printer'));
    found.push('/dev/till-printer');
  } catch {
    // no udev symlink
  }
  const usb = cfg.hardware.printer === 'usb';
  if (!found.length) return { found, findings: [(usb ? problem : info)('usb printer', 'no USB printer (/dev/usb/lp*, /dev/till-printer)', usb ? 'plug the printer in and switch it on; `lsmod | grep usblp` should list the usblp driver' : undefined)] };
  const findings = found.map((p) => {
    const a = accessFinding(rooted(env.root, p), who, groups);
    const text = a.text.replace(rooted(env.root, p), p);
    return a.ok ? ok('usb printer', text) : (usb ? problem : info)('usb printer', text, a.fix);
  });
  return { found, findings };
}

