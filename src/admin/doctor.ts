/**
 * `till doctor`: one command an installer runs on the kiosk (over SSH, with or without the register
 * running) to see whether every device works: HID and input devices, USB and network printers, GPIO
 * chips, the groups and device permissions the kiosk's user lacks - each line "ok / problem / what
 * to do" - and, when asked, a test page, a drawer pulse and a scan. It reads the configuration of the
 * data folder (or the defaults when there is none) and never opens or changes the store. Exit code 0
 * when every line is ok or info, 1 when a problem was found. Draws nothing: no Ink.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError } from '../domain/errors.js';
import { translator, type Translate } from '../i18n/index.js';
import { DEFAULT_CONFIG, type TillConfig } from '../domain/config.js';
import { configPath, readConfig } from '../store/config-file.js';
import { loadNodeHid, type DoctorEnv } from './doctor/env.js';
import { exitCode, formatFinding, info, ok, problem, summary, type Finding } from './doctor/report.js';
import { readGroups, whoIs } from './doctor/system.js';
import { hidFindings, inputFindings, usbPrinterFindings, userFindings } from './doctor/host.js';
import { gpioFindings } from './doctor/gpio.js';
import { drawerFindings, printerFindings } from './doctor/configured.js';
import { scannerFindings, waitForHidScan } from './doctor/hid-scan.js';
import { printTest, pulseDrawer, waitForScan, type ScanInput } from './doctor/actions.js';

const usage = `Usage: till doctor [--data DIR] [--user NAME] [--print-test] [--pulse-drawer] [--scan [--timeout S]]

Checks the kiosk's devices against the configuration in the data folder (the defaults when there is
none) and says for each: ok, problem, or info, and what to do. Works over SSH, with or without the
register running; never opens or changes the store. Exit code 1 when a problem was found.

  --user NAME     check the permissions of this user (the one till.service runs as; default: you)
  --print-test    print a test page: the shop's texts and languages, a Code128 and a QR
  --pulse-drawer  kick the drawer once and read its sensor
  --scan          wait for one scan and show it (keyboard mode: scan at the kiosk's console;
                  hid-pos / hid-keyboard: read through the register's own HID driver)
  --timeout S     how long --scan waits, seconds (default 20)
  --root DIR      look for /dev, /sys and /etc under DIR instead of / (tests, a mounted image)`;

export interface DoctorIo {
  env?: Partial<DoctorEnv>;
  stdin?: ScanInput;
}

function loadConfig(ctx: CommandContext, t: Translate): { config: TillConfig; finding: Finding } {
  const path = configPath(ctx.dataDir);
  if (!existsSync(path)) return { config: DEFAULT_CONFIG, finding: info('config', t('cli.doctor.config.none', { dir: ctx.dataDir }), t('cli.doctor.config.noneFix')) };
  try {
    return { config: readConfig(ctx.dataDir), finding: ok('config', path) };
  } catch (e) {
    const msg = e instanceof TillError ? e.message : String((e as Error)?.message ?? e);
    return { config: DEFAULT_CONFIG, finding: problem('config', t('cli.doctor.config.bad', { error: msg.split('\n').join(' ') }), t('cli.doctor.config.badFix')) };
  }
}

export async function runDoctor(argv: string[], ctx: CommandContext, io: DoctorIo = {}): Promise<number> {
  const { values } = parse(argv, {
    user: { type: 'string' },
    'print-test': { type: 'boolean' },
    'pulse-drawer': { type: 'boolean' },
    scan: { type: 'boolean' },
    timeout: { type: 'string' },
    root: { type: 'string' },
  }, false);
  if (values.help) return ctx.out(usage), 0;
  const t = translator(ctx.language ?? 'en');
  const timeout = values.timeout === undefined ? 20 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) throw new TillError('USAGE', t('cli.usage.doctorTimeout', { value: String(values.timeout) }));
  const root = values.root ?? io.env?.root ?? '/';
  const user = values.user ?? io.env?.user;
  const env: DoctorEnv = {
    root,
    path: io.env?.path ?? process.env.PATH ?? '',
    user,
    hid: io.env?.hid ?? loadNodeHid,
    // The session's groups say something only about the user running this, on this machine.
    sessionGids: io.env?.sessionGids ?? (root === '/' && !user && process.getgroups ? process.getgroups() : undefined),
    t,
  };
  const findings: Finding[] = [];
  const show = (fs: Finding[]) => {
    for (const f of fs) {
      findings.push(f);
      ctx.out(formatFinding(f, t));
    }
  };
  const who = whoIs(root, user);
  ctx.out(t(root === '/' ? 'cli.doctor.header' : 'cli.doctor.headerRoot', { host: hostname(), root, dir: ctx.dataDir }));
  const { config, finding } = loadConfig(ctx, t);
  show([finding]);
  const groups = readGroups(root);
  show(userFindings(who, groups, config, env));
  show(scannerFindings(config, t));
  show(await hidFindings(env, who, groups, config));
  show(inputFindings(env, who, groups, config));
  const usb = usbPrinterFindings(env, who, groups, config);
  show(await printerFindings(env, who, groups, config, usb.found));
  show(usb.findings);
  show(drawerFindings(config, t));
  show(await gpioFindings(env, who, groups, config));
  if (values['print-test']) show(await printTest(config, env, ctx.now(), ctx.out));
  if (values['pulse-drawer']) show(await pulseDrawer(config, env));
  if (values.scan)
    show(config.hardware.scanner === 'keyboard' ? await waitForScan(config, io.stdin ?? (process.stdin as ScanInput), timeout * 1000, ctx.out, t) : await waitForHidScan(config, env, timeout * 1000, ctx.out));
  ctx.out(summary(findings, t));
  return exitCode(findings);
}

export const doctorCommand: AdminCommand = {
  name: 'doctor',
  summary: 'check the kiosk: scanner, printer, drawer, GPIO, permissions (ok / problem / what to do)',
  usage,
  run: (argv, ctx) => runDoctor(argv, ctx),
};
