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
  const t = env.t;
  if (who.uid < 0) return [problem('user', t('cli.doctor.user.none', { user: who.name }), t('cli.doctor.user.noneFix'))];
  const names = who.gids.map((g) => groups.find((x) => x.gid === g)?.name ?? String(g));
  const out: Finding[] = [];
  if (who.uid === 0) out.push(info('user', t('cli.doctor.user.root', { user: who.name }), t('cli.doctor.user.rootFix')));
  else out.push(ok('user', t('cli.doctor.user.ok', { user: who.name, uid: who.uid, groups: names.join(' ') || t('cli.doctor.user.noGroups') })));
  const needs: [string, string, boolean][] = [
    ['lp', t('cli.doctor.group.lp'), h.printer === 'usb'],
    ['plugdev', t('cli.doctor.group.plugdev'), h.scanner !== 'keyboard'],
    ['input', t('cli.doctor.group.input'), false],
    ['gpio', t('cli.doctor.group.gpio'), h.drawer === 'gpio'],
    ['dialout', t('cli.doctor.group.dialout'), false],
  ];
  for (const [name, what, needed] of needs) {
    const topic = `group ${name}`;
    const g = groups.find((x) => x.name === name);
    const p = { group: name, user: who.name, what, note: needed ? '' : t('cli.doctor.group.unused') };
    if (who.uid === 0) continue;
    if (!g) {
      out.push((needed ? problem : info)(topic, t('cli.doctor.group.missing', p), t('cli.doctor.group.missingFix', p)));
      continue;
    }
    if (!who.gids.includes(g.gid)) {
      out.push((needed ? problem : info)(topic, t('cli.doctor.group.notIn', p), t('cli.doctor.group.notInFix', p)));
      continue;
    }
    if (env.sessionGids && !env.sessionGids.includes(g.gid)) {
      out.push((needed ? problem : info)(topic, t('cli.doctor.group.session', p), t('cli.doctor.group.sessionFix')));
      continue;
    }
    out.push(ok(topic, t('cli.doctor.group.in', p)));
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
  const t = env.t;
  const hidMode = h.scanner !== 'keyboard';
  const libusb = hidDriverOf(h.scanner) === 'libusb';
  let devices;
  try {
    devices = (await env.hid(hidDriverOf(h.scanner))).devices();
  } catch (e) {
    const msg = ((e as Error)?.message ?? String(e)).split('\n')[0];
    if (libusbMissing(msg)) return [problem('hid', t('cli.doctor.hid.noList', { error: msg }), t('cli.doctor.hid.noListFix'))];
    return [problem('hid', t('cli.doctor.hid.noLoad', { error: msg }), t('cli.doctor.hid.noLoadFix'))];
  }
  if (!devices.length) return [problem('hid', t('cli.doctor.hid.none'), t('cli.doctor.hid.noneFix'))];
  const out: Finding[] = [];
  const wanted = h.scannerVendorId ? `${h.scannerVendorId.toLowerCase()}:${(h.scannerProductId || '').toLowerCase()}` : '';
  let matched = false;
  for (const d of devices) {
    const id = `${hex(d.vendorId)}:${hex(d.productId)}`;
    const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || t('cli.doctor.hid.unnamed');
    const pos = d.usagePage === 0x8c;
    const kind = pos ? t('cli.doctor.hid.pos') : d.usagePage === 1 && d.usage === 6 ? t('cli.doctor.hid.keyboard') : d.usagePage !== undefined ? t('cli.doctor.hid.usagePage', { page: `0x${d.usagePage.toString(16)}` }) : 'HID';
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
    const a = accessFinding(path, who, groups, t);
    const mine = named || (!libusb && pos);
    if (a.ok) out.push(ok('hid', `${base}, ${shown}`));
    else out.push((hidMode && mine ? problem : info)('hid', `${base}, ${libusb ? `${d.path}: ` : ''}${a.text.replace(path, file)}`, a.fix));
  }
  if (hidMode && h.scannerDevice && !devices.some((d) => d.path === h.scannerDevice))
    out.push(problem('hid', t('cli.doctor.hid.noDevice', { device: h.scannerDevice }), t(libusb ? 'cli.doctor.hid.noDeviceFixLibusb' : 'cli.doctor.hid.noDeviceFix')));
  if (hidMode && wanted && !matched) out.push(problem('hid', t('cli.doctor.hid.noIds', { ids: wanted }), t('cli.doctor.hid.noIdsFix')));
  return out;
}

export function inputFindings(env: DoctorEnv, who: Who, groups: SystemGroup[], cfg: TillConfig): Finding[] {
  const t = env.t;
  const dir = rooted(env.root, '/dev/input/by-id');
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // no input devices at all
  }
  const keyboards = names.filter((n) => n.endsWith('-event-kbd'));
  if (!names.length) return [problem('input', t('cli.doctor.input.none'), t('cli.doctor.input.noneFix'))];
  const direct = cfg.hardware.scanner === 'hid-keyboard';
  const out: Finding[] = [];
  for (const n of names) {
    let target = '';
    try {
      target = realpathSync(join(dir, n));
    } catch {
      out.push(info('input', t('cli.doctor.input.dangling', { name: n })));
      continue;
    }
    const shown = env.root === '/' ? target : target.slice(realpathSync(env.root).length);
    const kbd = n.endsWith('-event-kbd') ? t('cli.doctor.input.kbd') : '';
    const a = accessFinding(target, who, groups, t);
    if (a.ok || !direct) out.push((kbd ? ok : info)('input', `${n} -> ${shown}${kbd}`));
    else out.push(problem('input', t('cli.doctor.input.cannotRead', { link: `${n} -> ${shown}${kbd}`, user: who.name }), a.fix));
  }
  if (!keyboards.length && cfg.hardware.scanner === 'keyboard') out.push(problem('input', t('cli.doctor.input.noKeyboard'), t('cli.doctor.input.noKeyboardFix')));
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
  const t = env.t;
  if (!found.length) return { found, findings: [(usb ? problem : info)('usb printer', t('cli.doctor.usb.none'), usb ? t('cli.doctor.usb.noneFix') : undefined)] };
  const findings = found.map((p) => {
    const a = accessFinding(rooted(env.root, p), who, groups, t);
    const text = a.text.replace(rooted(env.root, p), p);
    return a.ok ? ok('usb printer', text) : (usb ? problem : info)('usb printer', text, a.fix);
  });
  return { found, findings };
}

