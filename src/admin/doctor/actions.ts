/**
 * What `till doctor` can do besides looking, each asked for by its option: print a test page
 * (--print-test), pulse the drawer and read its sensor (--pulse-drawer), wait for one scan (--scan).
 * They drive the devices the configuration names, through the register's own drivers, and never
 * touch the store.
 */
import type { Translate } from '../../i18n/index.js';
import type { Readable } from 'node:stream';
import { hostname } from 'node:os';
import type { TillConfig } from '../../domain/config.js';
import { layoutTestPage } from '../../domain/test-page.js';
import { renderText } from '../../domain/receipt-text.js';
import { renderEscPos } from '../../../hardware/printer/escpos.js';
import { createRealPrinter, type RealPrinter } from '../../../hardware/printer/real.js';
import { createUsbLink } from '../../../hardware/printer/usb.js';
import { createNetworkLink, parseTcpAddress } from '../../../hardware/printer/network.js';
import { createPrinterDrawer } from '../../../hardware/drawer/printer-kick.js';
import { createGpioDrawer } from '../../../hardware/drawer/gpio.js';
import type { Drawer } from '../../../hardware/types.js';
import type { DoctorEnv } from './env.js';
import { info, ok, problem, type Finding } from './report.js';
import { rooted } from './system.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function realPrinter(cfg: TillConfig, env: DoctorEnv): RealPrinter | null {
  const h = cfg.hardware;
  if (h.printer === 'usb') return createRealPrinter({ link: createUsbLink(rooted(env.root, h.printerDevice || '/dev/usb/lp0')), timeoutMs: h.printerTimeoutMs, pollMs: 0 });
  if (h.printer === 'network' && parseTcpAddress(h.printerAddress)) return createRealPrinter({ link: createNetworkLink(h.printerAddress), timeoutMs: h.printerTimeoutMs, pollMs: 0 });
  return null;
}

export async function printTest(cfg: TillConfig, env: DoctorEnv, now: Date, out: (line: string) => void): Promise<Finding[]> {
  const doc = layoutTestPage(cfg, { when: now.toISOString().slice(0, 16).replace('T', ' '), host: hostname() });
  const printer = realPrinter(cfg, env);
  if (!printer) {
    out(renderText(doc, cfg.receipt.width).replace(/\n+$/, ''));
    return [info('print test', env.t('cli.doctor.print.noPrinter', { printer: cfg.hardware.printer }))];
  }
  const charset = cfg.printer.charset !== 'auto' ? cfg.printer.charset : undefined;
  const bytes = renderEscPos(doc, { width: cfg.receipt.width, locale: cfg.locale, charset, codeTable: cfg.printer.codeTable });
  try {
    await printer.check();
    const r = await printer.print({ id: 'doctor:test-page', bytes, text: renderText(doc, cfg.receipt.width) });
    if (r.ok) return [ok('print test', env.t('cli.doctor.print.sent', { printer: printer.target, bytes: bytes.length }))];
    return [problem('print test', `${printer.target}: ${r.code}${printer.lastError() ? `: ${printer.lastError()}` : ''} (${printer.status()})`, env.t('cli.doctor.print.seePrinter'))];
  } finally {
    await printer.close();
  }
}

/** Waits up to `ms` for the sensor to say open; the drawer's own poll reads it. */
async function sensorAfterKick(read: () => Promise<void>, drawer: Drawer, ms: number): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await read();
    const s = drawer.status();
    if (s === 'open' || s === 'left-open') return 'open';
    await sleep(100);
  }
  return drawer.status();
}

export async function pulseDrawer(cfg: TillConfig, env: DoctorEnv): Promise<Finding[]> {
  const h = cfg.hardware;
  const sensor = h.drawerSensor === 'auto' ? (h.drawerSensorPin >= 0 ? 'gpio' : 'none') : h.drawerSensor;
  const printerKind = h.printer === 'usb' || h.printer === 'network';
  const kind = h.drawer === 'auto' ? (printerKind ? 'printer' : 'simulated') : h.drawer;
  const t = env.t;
  if (kind === 'none' || kind === 'simulated') return [info('pulse drawer', t('cli.doctor.pulse.noDrawer', { kind }))];
  if (kind === 'gpio') {
    const d = createGpioDrawer({ pin: h.drawerPin, pulseMs: h.drawerPulseMs, sensorPin: sensor === 'gpio' ? h.drawerSensorPin : undefined, sensorOpen: h.drawerSensorOpen, sensorPollMs: 60_000, gpio: { root: env.root, path: env.path, chip: h.gpioChip } });
    try {
      await d.ready();
      if (d.status() === 'offline') return [problem('pulse drawer', d.problem?.() ?? t('cli.doctor.pulse.noLine'), t('cli.doctor.pulse.seeGpio'))];
      return await kicked(d, () => d.poll(), sensor === 'gpio', d.detail?.() ?? '', t);
    } finally {
      await d.close();
    }
  }
  const printer = realPrinter(cfg, env);
  if (!printer) return [problem('pulse drawer', t('cli.doctor.drawer.needsPrinter'))];
  const d = createPrinterDrawer({ printer, pulseMs: h.drawerPulseMs, pin: h.drawerKickPin, openLevel: sensor === 'printer' ? h.drawerSensorOpen === 1 : undefined });
  try {
    await printer.check();
    return await kicked(d, () => printer.check().then(() => undefined), sensor === 'printer', d.detail?.() ?? '', t);
  } finally {
    await d.close();
    await printer.close();
  }
}

async function kicked(d: Drawer, read: () => Promise<void>, withSensor: boolean, detail: string, t: Translate): Promise<Finding[]> {
  const before = d.status();
  const r = await d.open();
  if (!r.ok) return [problem('pulse drawer', `${r.code}: ${r.message}${d.problem?.() ? ` (${d.problem()})` : ''}`, t('cli.doctor.pulse.seeAbove'))];
  const sent = ok('pulse drawer', t('cli.doctor.pulse.sent', { detail }));
  if (!withSensor) return [sent];
  if (before === 'open' || before === 'left-open') return [sent, problem('drawer sensor', t('cli.doctor.sensor.openBefore'), t('cli.doctor.sensor.openBeforeFix'))];
  const after = await sensorAfterKick(read, d, 2000);
  if (after === 'open') return [sent, ok('drawer sensor', t('cli.doctor.sensor.works'))];
  return [sent, problem('drawer sensor', t('cli.doctor.sensor.stillSays', { status: after }), t('cli.doctor.sensor.stillSaysFix'))];
}

export interface ScanInput extends Readable {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
}

/**
 * Waits for one scan on stdin. On a terminal it reads raw keys and measures the gaps between them (a
 * keyboard-mode scanner types a few ms apart; the register takes a run with gaps under scanner.gapMs as a
 * scan); from a pipe it reads one line.
 */
export async function waitForScan(cfg: TillConfig, input: ScanInput, timeoutMs: number, out: (line: string) => void, t: Translate): Promise<Finding[]> {
  const over = process.env.SSH_CONNECTION && input.isTTY ? t('cli.doctor.scan.overSsh') : '';
  const secs = Number((timeoutMs / 1000).toFixed(1));
  out(t('cli.doctor.scan.now', { seconds: secs, over }));
  const raw = Boolean(input.isTTY && input.setRawMode);
  if (raw) input.setRawMode!(true);
  const keys: { ch: string; at: number }[] = [];
  const result = await new Promise<'done' | 'timeout' | 'abort'>((resolve) => {
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const onData = (chunk: Buffer | string) => {
      const at = Date.now();
      for (const ch of String(chunk)) {
        if (ch === '\x03') return finish('abort');
        if (ch === '\r' || ch === '\n' || ch === '\t') {
          if (keys.length) return finish('done');
          continue;
        }
        keys.push({ ch, at });
      }
    };
    const finish = (why: 'done' | 'timeout' | 'abort') => {
      clearTimeout(timer);
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
      resolve(why);
    };
    const onEnd = () => finish(keys.length ? 'done' : 'timeout');
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
  if (raw) input.setRawMode!(false);
  const code = keys.map((k) => k.ch).join('');
  if (result === 'abort') return [info('scan', t('cli.doctor.scan.stopped'))];
  if (result === 'timeout' || !code) return [problem('scan', t('cli.doctor.scan.none', { seconds: secs, over }), t('cli.doctor.scan.modeFix', { mode: 'USB keyboard' }))];
  const shown = JSON.stringify(code);
  if (!raw) return [ok('scan', t('cli.doctor.scan.readPipe', { code: shown, n: code.length }))];
  const gaps = keys.slice(1).map((k, i) => k.at - keys[i].at);
  const maxGap = gaps.length ? Math.max(...gaps) : 0;
  const s = cfg.scanner;
  const affixed = s.prefix !== '' && code.startsWith(s.prefix);
  if (affixed || (maxGap <= s.gapMs && code.length >= s.minLength)) return [ok('scan', t('cli.doctor.scan.readScan', { code: shown, n: code.length, gap: maxGap }))];
  if (code.length < s.minLength) return [problem('scan', t('cli.doctor.scan.short', { code: shown, min: s.minLength }), t('cli.doctor.scan.shortFix'))];
  return [problem('scan', t('cli.doctor.scan.slow', { code: shown, gap: maxGap, max: s.gapMs }), t('cli.doctor.scan.slowFix'))];
}
