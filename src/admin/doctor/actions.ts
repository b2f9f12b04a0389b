/**
 * What `till doctor` can do besides looking, each asked for by its option: print a test page
 * (--print-test), pulse the drawer and read its sensor (--pulse-drawer), wait for one scan (--scan).
 * They drive the devices the configuration names, through the register's own drivers, and never
 * touch the store.
 */
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
    return [info('print test', `hardware.printer "${cfg.hardware.printer}": no real printer to print on; the page is shown above as text`)];
  }
  const charset = cfg.printer.charset !== 'auto' ? cfg.printer.charset : undefined;
  const bytes = renderEscPos(doc, { width: cfg.receipt.width, locale: cfg.locale, charset, codeTable: cfg.printer.codeTable });
  try {
    await printer.check();
    const r = await printer.print({ id: 'doctor:test-page', bytes, text: renderText(doc, cfg.receipt.width) });
    if (r.ok) return [ok('print test', `test page sent to ${printer.target} (${bytes.length} bytes): every line should read right, and the scanner should read the Code128 and the QR`)];
    return [problem('print test', `${printer.target}: ${r.code}${printer.lastError() ? `: ${printer.lastError()}` : ''} (${printer.status()})`, 'see the printer line above')];
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
  if (kind === 'none' || kind === 'simulated') return [info('pulse drawer', `hardware.drawer is ${kind}: there is no drawer to pulse`)];
  if (kind === 'gpio') {
    const d = createGpioDrawer({ pin: h.drawerPin, pulseMs: h.drawerPulseMs, sensorPin: sensor === 'gpio' ? h.drawerSensorPin : undefined, sensorOpen: h.drawerSensorOpen, sensorPollMs: 60_000, gpio: { root: env.root, path: env.path, chip: h.gpioChip } });
    try {
      await d.ready();
      if (d.status() === 'offline') return [problem('pulse drawer', d.problem?.() ?? 'the GPIO line cannot be driven', 'see the gpio lines above')];
      return await kicked(d, () => d.poll(), sensor === 'gpio', d.detail?.() ?? '');
    } finally {
      await d.close();
    }
  }
  const printer = realPrinter(cfg, env);
  if (!printer) return [problem('pulse drawer', 'hardware.drawer "printer" needs a usb or network printer')];
  const d = createPrinterDrawer({ printer, pulseMs: h.drawerPulseMs, pin: h.drawerKickPin, openLevel: sensor === 'printer' ? h.drawerSensorOpen === 1 : undefined });
  try {
    await printer.check();
    return await kicked(d, () => printer.check().then(() => undefined), sensor === 'printer', d.detail?.() ?? '');
  } finally {
    await d.close();
    await printer.close();
  }
}

async function kicked(d: Drawer, read: () => Promise<void>, withSensor: boolean, detail: string): Promise<Finding[]> {
  const before = d.status();
  const r = await d.open();
  if (!r.ok) return [problem('pulse drawer', `${r.code}: ${r.message}${d.problem?.() ? ` (${d.problem()})` : ''}`, 'see the lines above')];
  const sent = ok('pulse drawer', `pulse sent (${detail}): did the drawer open? If not, check the wiring and the drawer's power`);
  if (!withSensor) return [sent];
  if (before === 'open' || before === 'left-open') return [sent, problem('drawer sensor', 'the sensor said open before the kick', 'shut the drawer and try again; if it still says open, flip hardware.drawerSensorOpen')];
  const after = await sensorAfterKick(read, d, 2000);
  if (after === 'open') return [sent, ok('drawer sensor', 'closed before the kick, open after it: the sensor works (shut the drawer now)')];
  return [sent, problem('drawer sensor', `the sensor still says ${after} 2 s after the kick`, 'if the drawer did open, flip hardware.drawerSensorOpen or check the sensor wire')];
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
export async function waitForScan(cfg: TillConfig, input: ScanInput, timeoutMs: number, out: (line: string) => void): Promise<Finding[]> {
  const over = process.env.SSH_CONNECTION && input.isTTY ? ' (over SSH: a keyboard-mode scanner types into the kiosk\'s own console, not into this session - run this at the kiosk)' : '';
  const secs = Number((timeoutMs / 1000).toFixed(1));
  out(`Scan a barcode now (waiting ${secs} s)${over}...`);
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
  if (result === 'abort') return [info('scan', 'stopped (Ctrl-C)')];
  if (result === 'timeout' || !code) return [problem('scan', `no scan within ${secs} s${over}`, 'check the scanner is in USB keyboard mode and ends each code with Enter (its manual has the setting barcodes)')];
  const shown = JSON.stringify(code);
  if (!raw) return [ok('scan', `read ${shown} (${code.length} characters; key timing not measured: not a terminal)`)];
  const gaps = keys.slice(1).map((k, i) => k.at - keys[i].at);
  const maxGap = gaps.length ? Math.max(...gaps) : 0;
  const s = cfg.scanner;
  const affixed = s.prefix !== '' && code.startsWith(s.prefix);
  if (affixed || (maxGap <= s.gapMs && code.length >= s.minLength)) return [ok('scan', `read ${shown} (${code.length} characters, longest gap ${maxGap} ms): the register takes it as a scan`)];
  if (code.length < s.minLength) return [problem('scan', `read ${shown}: shorter than scanner.minLength ${s.minLength}, the register takes it as typing`, 'lower scanner.minLength if codes this short are real')];
  return [problem('scan', `read ${shown} with gaps up to ${maxGap} ms (> scanner.gapMs ${s.gapMs} ms): the register takes it as typing`, 'raise scanner.gapMs, or program a prefix into the scanner and set scanner.prefix')];
}
