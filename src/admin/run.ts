/**
 * The register's modes: `till start` (Ink UI), `till demo` (UI on a demo store with simulated
 * hardware, created on first run), `till headless` (JSON Lines on stdin/stdout).
 */
import { resolve } from 'node:path';
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { readConfig } from '../store/config-file.js';
import { openStore, storeExists } from '../store/open.js';
import { createRegister, type Register } from '../register.js';
import { createSimulatedHardware } from '../../hardware/index.js';
import type { Hardware, PrintQueue } from '../../hardware/types.js';
import { createNoDrawer, createSimulatedDrawer } from '../../hardware/index.js';
import { createRealPrinter } from '../../hardware/printer/real.js';
import { createUsbLink } from '../../hardware/printer/usb.js';
import { createNetworkLink, parseTcpAddress } from '../../hardware/printer/network.js';
import { createPrinterDrawer } from '../../hardware/drawer/printer-kick.js';
import { createGpioDrawer } from '../../hardware/drawer/gpio.js';
import type { GpioOptions } from '../../hardware/gpio/lines.js';
import { createStore } from './init.js';
import { scannerFor, type ScannerEnv } from './scanner-config.js';
import { copyMarker } from '../receipt-job.js';
import { openPrintQueue } from '../store/print-queue.js';
import { demoSeed, demoStoreConfig } from './demo-store.js';
import { localDate } from '../domain/giftcard/dates.js';
import { isLanguage, LANGUAGES, type Language } from '../i18n/languages.js';
import { registerProgramsStoreProblem } from '../domain/loyalty/register-programs.js';
import { loyaltyOf, programList } from '../store/projections/loyalty.js';
import type { Store } from '../store/types.js';
import type { TillStore } from '../store/till-store.js';
import { currency as currencyOf, toDecimalString } from '../domain/money.js';
import { quickKeyPages } from '../domain/quick-keys.js';

/** Where device drivers look for the operating system's files; tests and the doctor pass fakes. */
export interface DeviceEnv extends ScannerEnv {
  gpio?: GpioOptions;
  /** Where kept print jobs survive a restart (the store's print queue; none: kept in memory). */
  printQueue?: PrintQueue;
}

/** Picks the device implementations the configuration asks for (real drivers: docs/hardware.md). */
export function hardwareFor(config: TillConfig, dataDir: string, log: (line: string) => void = () => {}, env: DeviceEnv = {}): Hardware {
  const h = config.hardware;
  // Not opened here: the register starts it (openRegister), so a configuration error stops start-up first.
  const scanner = scannerFor(config, log, env);
  const keeper = { queue: env.printQueue, copy: copyMarker(config), log };
  const sensor = h.drawerSensor === 'auto' ? (h.drawerSensorPin >= 0 ? 'gpio' : 'none') : h.drawerSensor;
  const printerDrawer = h.drawer === 'printer' || (h.drawer === 'auto' && (h.printer === 'usb' || h.printer === 'network'));
  if (sensor === 'printer' && !printerDrawer)
    throw new TillError('CONFIG_INVALID', 'hardware.drawerSensor "printer" reads the drawer switch through the printer: it needs hardware.drawer "printer" and a usb or network printer.');
  if (sensor === 'gpio' && h.drawer !== 'gpio')
    throw new TillError('CONFIG_INVALID', 'hardware.drawerSensor "gpio" (hardware.drawerSensorPin) is read by the GPIO drawer: it needs hardware.drawer "gpio" (for a drawer on the printer use drawerSensor "printer").');
  if (sensor === 'gpio' && h.drawerSensorPin < 0) throw new TillError('CONFIG_INVALID', 'hardware.drawerSensor "gpio" needs hardware.drawerSensorPin (the BCM number of the sensor input).');
  // A GPIO drawer is opened here and claims its line at once (driven low); it never stops the register from starting.
  const gpioDrawer = () =>
    createGpioDrawer({
      pin: h.drawerPin,
      pulseMs: h.drawerPulseMs,
      sensorPin: sensor === 'gpio' ? h.drawerSensorPin : undefined,
      sensorOpen: h.drawerSensorOpen,
      openAlertSeconds: h.drawerOpenAlertSeconds,
      gpio: { chip: h.gpioChip, ...env.gpio },
      log,
    });
  if (h.printer === 'usb' || h.printer === 'network') {
    if (h.printer === 'network' && !parseTcpAddress(h.printerAddress))
      throw new TillError('CONFIG_INVALID', `hardware.printerAddress must be tcp://host:9100 for a network printer, got "${h.printerAddress}".`);
    const link = h.printer === 'usb' ? createUsbLink(h.printerDevice || '/dev/usb/lp0') : createNetworkLink(h.printerAddress);
    const printer = createRealPrinter({ link, timeoutMs: h.printerTimeoutMs, pollMs: h.printerPollMs, keeper });
    const drawer =
      h.drawer === 'none'
        ? createNoDrawer()
        : h.drawer === 'simulated'
          ? createSimulatedDrawer()
          : h.drawer === 'gpio'
            ? gpioDrawer()
            : createPrinterDrawer({
                printer,
                pulseMs: h.drawerPulseMs,
                pin: h.drawerKickPin,
                openLevel: sensor === 'printer' ? h.drawerSensorOpen === 1 : undefined,
                openAlertSeconds: h.drawerOpenAlertSeconds,
              });
    return { scanner, printer, drawer };
  }
  if (h.drawer === 'printer') throw new TillError('DRIVER_UNAVAILABLE', 'hardware.drawer "printer" needs a real printer (hardware.printer "usb" or "network").');
  const sim = createSimulatedHardware({ dataDir, printer: h.printer === 'none' ? 'none' : 'simulated', drawer: h.drawer === 'none' ? 'none' : 'simulated', keeper });
  return { ...sim, scanner, drawer: h.drawer === 'gpio' ? gpioDrawer() : sim.drawer };
}

/**
 * `--lang` of start and demo: the screen's language for this run. The receipt keeps the shop's
 * (`receipt.language`, else the configuration's `language`), as it would for an operator of that language.
 */
export function withScreenLanguage(config: TillConfig, lang: string | undefined): TillConfig {
  if (!lang || lang === config.language) return config;
  return { ...config, language: lang, receipt: { ...config.receipt, language: config.receipt.language || config.language } };
}

/** The value of --lang, checked: one of the register's languages. */
export function langOption(v: unknown): Language | undefined {
  if (v === undefined) return undefined;
  if (!isLanguage(v)) throw new TillError('USAGE', `--lang is one of ${LANGUAGES.join(', ')}, got "${String(v)}"`);
  return v;
}

export async function openRegister(dataDir: string, log?: (line: string) => void, opts: { language?: string } = {}): Promise<Register> {
  if (!storeExists(dataDir))
    throw new TillError('STORE_MISSING', `There is no store in ${dataDir}. Create one with: till init --config FILE --data ${dataDir} (or try the demo: npm start).`);
  const config = withScreenLanguage(readConfig(dataDir), opts.language);
  const store = await openStore(dataDir, {
    register: config.register.id,
    operator: config.operators[0].id,
    checkpointEvery: config.storage.checkpointEvery,
    segmentBytes: config.storage.segmentBytes,
  });
  if (store.state.meta.currency !== config.currency) {
    await store.close();
    throw new TillError('CONFIG_CURRENCY', `The store keeps its books in ${store.state.meta.currency} but the configuration says ${config.currency}. Fix "currency" in the configuration.`, { store: store.state.meta.currency, config: config.currency });
  }
  const programsProblem = registerProgramsStoreProblem(config.loyalty.programs, programList(loyaltyOf(store.state)));
  if (programsProblem) {
    await store.close();
    throw new TillError('CONFIG_INVALID', programsProblem);
  }
  const quick = quickKeyPages(config, store.catalog);
  if (!quick.ok) {
    await store.close();
    throw quick.error;
  }
  const say = log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Under the store's lock: one register prints this data folder's queue.
  const hardware = hardwareFor(config, dataDir, say, { printQueue: openPrintQueue(dataDir, { log: say }) });
  // The chain (docs/chain.md) is loaded only when configured: a register on its own never loads pg.
  const chain = config.chain.url ? await openChain(config, dataDir, store, say) : undefined;
  const reg = createRegister({ config, store, hardware, log, chain });
  // A HID scanner looks for its device in the background; start() never rejects (a problem is a status).
  void hardware.scanner.start();
  // Receipts a previous run left waiting print now, each once (a real printer that is not ready keeps them).
  if (hardware.printer.pending().length) void hardware.printer.reprintPending();
  return reg;
}

/** The register's link to the chain database, replicating in the background from now on. */
async function openChain(config: TillConfig, dataDir: string, store: Store, say: (line: string) => void) {
  const { createChainLink } = await import('../sync/chain-link.js');
  const board = (store as Partial<TillStore>).board;
  const money = (m: number) => toDecimalString(m, currencyOf(config.currency));
  const { ledgerIdentity } = await import('../sync/identity.js');
  const link = createChainLink({
    config,
    dataDir,
    journalId: store.state.meta.storeId,
    ledgerId: ledgerIdentity(dataDir, config.register.id).register,
    log: say,
    pointDecimals: (id) => programList(loyaltyOf(store.state)).find((p) => p.id === id)?.decimals ?? 0,
    // Points balances and customers other registers moved, and the saved view for a restart offline.
    store,
    // An overspend that slipped through offline is never silent: the manager sees it on the register.
    onAlerts: (alerts) => {
      for (const a of alerts) {
        const card = a.kind === 'giftcard.overspent';
        const what = card ? `Gift card ****${a.subject.slice(-4)} was overspent by ${money(a.shortfall)} while offline (balance now ${money(a.balanceAfter)})` : `Points ${a.subject} were overspent by ${a.shortfall} while offline (balance now ${a.balanceAfter})`;
        const text: { key: string; params: Record<string, string | number> } = card
          ? { key: 'notice.CHAIN_OVERSPEND_CARD', params: { card: `****${a.subject.slice(-4)}`, shortfall: money(a.shortfall), balance: money(a.balanceAfter) } }
          : { key: 'notice.CHAIN_OVERSPEND_POINTS', params: { subject: a.subject, shortfall: a.shortfall, balance: a.balanceAfter } };
        if (board) board.raise('CHAIN_OVERSPEND', 'warning', `${what}. Manager: settle it with the customer; the chain database keeps the record.`, false, text);
        else say(`chain CHAIN_OVERSPEND ${what}`);
      }
    },
  });
  link.outbox.start();
  // The last chain view saved (DATA/chain-view.json): the register starts knowing what it last pulled.
  await link.ready();
  // Head office's catalog, customers, programs and settings, pulled as journal events (hq-pull.ts).
  const { startHqPuller } = await import('../sync/hq-pull.js');
  const puller = startHqPuller({ url: config.chain.url, timeoutMs: config.chain.timeoutMs, store, dataDir, log: say });
  const stop = link.stop.bind(link);
  link.stop = async () => {
    await puller.stop();
    await stop();
  };
  return link;
}

async function shutdown(reg: Register): Promise<void> {
  await reg.stop();
  await Promise.allSettled([reg.hardware.printer.close(), reg.hardware.drawer.close(), reg.hardware.scanner.stop()]);
  await reg.store.close();
}

type UiModule = typeof import('../ui/start.js');

/**
 * Starts loading the terminal UI (Ink, React, yoga and the screens) while the store opens: the two
 * are the start-up's two long parts, and the module files are read while the store's work runs.
 * Nothing of the UI runs before the store is open and checked; if opening fails, the loaded module
 * is simply never used (its rejection, if any, is kept for runUi and not reported twice).
 */
function loadUi(): Promise<UiModule> {
  // Ink 6.8 draws only the final frame when it believes it runs under CI: any CI or
  // CONTINUOUS_INTEGRATION variable, read once when Ink loads, and it has no render option to say
  // otherwise. An interactive register on a terminal is never a CI run, so those variables are
  // taken out of this process before Ink loads (never set: chalk reads ANY `CI`, even CI=false, as
  // "no colour"). Colour itself is decided by src/ui/color.ts (NO_COLOR honoured).
  if (process.stdout.isTTY) for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[k];
  const ui = import('../ui/start.js');
  ui.catch(() => {});
  return ui;
}

async function runUi(ui: Promise<UiModule>, reg: Register, demo: boolean): Promise<number> {
  let startUi: UiModule['startUi'];
  try {
    ({ startUi } = await ui);
  } catch (e) {
    await shutdown(reg);
    throw e;
  }
  // systemd stops the kiosk with SIGTERM; a closed terminal sends SIGHUP. Both close the UI and the
  // store cleanly (snapshot written, lock released). A sale in progress is not committed: it was
  // never acknowledged, and the journal holds every one that was.
  // The listener stays until shutdown is done: Ink's signal-exit re-raises the signal once when it
  // believes nobody else listens, and a one-shot listener would let that second signal kill us.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    await startUi(reg, { demo, signal: stop.signal });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await shutdown(reg);
  }
  return 0;
}

const startUsage = `Usage: till start [--data DIR] [--lang en|vi|zh|ru]

Opens the register in the terminal on the store in the data folder (see README for keys).
--lang: the screen's language for this run (receipts keep the shop's).`;

export const startCommand: AdminCommand = {
  name: 'start',
  summary: 'open the register (terminal UI)',
  usage: startUsage,
  async run(argv, ctx) {
    const { values } = parse(argv, { lang: { type: 'string' } }, false);
    if (values.help) return ctx.out(startUsage), 0;
    const language = langOption(values.lang);
    const ui = loadUi();
    return runUi(ui, await openRegister(ctx.dataDir, undefined, { language }), false);
  },
};

export const DEMO_DIR = 'demo-data';

const demoUsage = `Usage: till demo [--data DIR] [--lang en|vi|zh|ru]

Opens the register with simulated scanner, printer and drawer on a demo store. The demo store is
created on first run in ./${DEMO_DIR} (./${DEMO_DIR}-vi, -zh, -ru with --lang; or --data DIR).
Receipts are written to DIR/receipts/. --lang vi|zh|ru: a Vietnamese, Chinese or Russian shop
(its products, prices in VND, CNY or RUB, its loyalty program); on a demo store that already exists
in another language, the screen speaks --lang and the receipts the shop's language.`;

export async function ensureDemoStore(dataDir: string, ctx: Pick<CommandContext, 'out'>, lang = 'en'): Promise<boolean> {
  if (storeExists(dataDir)) return false;
  // Loyalty program, customers and gift cards too, so every feature can be tried (README lists the codes).
  await createStore(dataDir, demoStoreConfig(lang), demoSeed(localDate(new Date()), lang));
  ctx.out(`Created the demo store in ${dataDir}.`);
  return true;
}

export const demoCommand: AdminCommand = {
  name: 'demo',
  summary: 'open the register on a demo store with simulated hardware',
  usage: demoUsage,
  async run(argv, ctx) {
    const { values } = parse(argv, { lang: { type: 'string' } }, false);
    if (values.help) return ctx.out(demoUsage), 0;
    const lang = langOption(values.lang);
    const ui = loadUi();
    await ensureDemoStore(ctx.dataDir, ctx, lang);
    return runUi(ui, await openRegister(ctx.dataDir, undefined, { language: lang }), true);
  },
};

const headlessUsage = `Usage: till headless [--data DIR]

Drives the register with JSON Lines: one command per line on stdin, one reply per line on stdout.
The protocol is documented in docs/headless.md.`;

export const headlessCommand: AdminCommand = {
  name: 'headless',
  summary: 'drive the register with JSON Lines on stdin/stdout',
  usage: headlessUsage,
  async run(argv, ctx) {
    const { values } = parse(argv, {}, false);
    if (values.help) return ctx.out(headlessUsage), 0;
    const reg = await openRegister(ctx.dataDir, (line) => ctx.err(line));
    const { runHeadless } = await import('../headless/driver.js');
    try {
      await runHeadless(reg, { input: process.stdin, output: process.stdout });
    } finally {
      await shutdown(reg);
    }
    return 0;
  },
};

/** The demo's data folder unless --data/TILL_DATA says otherwise: one per language (the currency differs). */
export const demoDataDir = (explicit: string | undefined, lang?: string): string =>
  resolve(explicit ?? (lang && lang !== 'en' && isLanguage(lang) ? `${DEMO_DIR}-${lang}` : DEMO_DIR));

/** --lang X or --lang=X among a command's arguments (the demo's folder depends on it). */
export function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') return argv[i + 1];
    if (argv[i].startsWith('--lang=')) return argv[i].slice(7);
  }
  return undefined;
}
