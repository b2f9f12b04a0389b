/**
 * The register's terminal UI: a client of the checkout actor. The screen is chosen from the actor's
 * snapshot; keys become checkout events; nothing here computes money. Layout: status bar, the
 * screen's body, message line, entry line, one line of key hints — exactly rows - 1 lines high. A
 * message too long for one line takes two, and the body gives up its last row for it.
 */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import type { Register } from '../register.js';
import { machineMessageText, deviceView, demoCodes, drawerMessageText, scannerMessageText, entryLine, FRAME_ROWS, helpRows, hintItems, makeFmt, messageLine, searchRows, tillScreen, uiHeight, uiWidth } from './selectors.js';
import { returnEntry } from './return-view.js';
import { productOf } from '../domain/returns/no-receipt.js';
import { configOperatorName } from '../report-job.js';
import { uiScreen } from './input/state.js';
import { rewardsHot } from './loyalty-view.js';
import { demoCards } from './demo-cards.js';
import { useSnapshot } from './hooks/use-snapshot.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useClock } from './hooks/use-clock.js';
import { useDevices } from './hooks/use-devices.js';
import { useChainStatus } from './hooks/use-chain-status.js';
import { chainView } from './chain-view.js';
import { useRegisterKeys } from './hooks/use-register-keys.js';
import { sessionScreenOf } from './hooks/use-session.js';
import { sessionStatus } from '../../machines/session.machine.js';
import { pendingQuestion } from '../../machines/checkout.confirm.js';
import { setLanguage } from '../i18n/index.js';
import { StatusBar } from './components/StatusBar.js';
import { MessageLine, messageRows } from './components/MessageLine.js';
import { EntryLine } from './components/EntryLine.js';
import { HintBar } from './components/HintBar.js';
import { Body } from './Body.js';

export interface AppProps {
  register: Register;
  /** Demo mode: the idle screen lists a few product codes to type. */
  demo?: boolean;
  /** Clock of the key timings that tell a scanner from typing (tests inject one). */
  clock?: () => number;
}

/** Rows of the help overlay on a screen: the page arithmetic of its scrolling needs the count. */
const helpRowCount = (screen: Parameters<typeof helpRows>[0]): number => helpRows(screen, false).length;

export function App({ register, demo = false, clock: keyClock }: AppProps) {
  const { config } = register;
  const snap = useSnapshot(register.actor);
  const ret = useSnapshot(register.returns.actor);
  const screen = tillScreen(snap, ret);
  const sess = useSnapshot(register.session.actor);
  const sessionScreen = sessionScreenOf(sessionStatus(sess.value));
  // The screen speaks the signed-in operator's language (or the one picked with the language key):
  // set before anything below translates, since every view reads the current language through `t`.
  const language = register.screenLanguage();
  setLanguage(language);
  const size = useTerminalSize();
  const width = uiWidth(size.columns);
  const height = uiHeight(size.rows);
  const bodyRows = height - FRAME_ROWS;
  const fmt = useMemo(() => makeFmt(config), [config]);
  const clock = useClock(fmt.locale, fmt.ascii);
  const devices = useDevices(register, `${clock}|${JSON.stringify(snap.value)}`);
  const chainStatus = useChainStatus(register);
  const chainShown = chainView(chainStatus, fmt.locale, fmt.ascii);
  const chain = chainShown && { ...chainShown, full: fmt.text(chainShown.full), short: fmt.text(chainShown.short) };
  const lastSale = snap.context.lastSale;
  const receipt = useMemo(() => (lastSale ? register.receiptText(lastSale).replace(/\n+$/, '').split('\n') : []), [lastSale, register]);
  const { input, interactive } = useRegisterKeys(register, screen, { bodyRows, columns: width, receiptLines: receipt.length, helpLines: helpRowCount(screen) }, keyClock, sessionScreen);
  const keyScreen = uiScreen(screen, input, sessionScreen);
  const help = useMemo(() => helpRows(keyScreen, fmt.ascii).map((h) => ({ keys: h.keys, label: fmt.text(h.label), screens: fmt.text(h.screens) })), [keyScreen, fmt, language]);
  const codes = useMemo(() => (demo ? demoCodes(register.store.state.catalog.products) : null), [demo, register.store]);
  // Re-read after each sale: a card sold or spent in the demo shows its new balance.
  const cards = useMemo(() => (demo ? demoCards(register.store.state, config.codes.giftCardPrefix, fmt) : null), [demo, register.store, config, fmt, snap.context.lastSale, language]);
  const query = input.overlay?.kind === 'customers' ? input.overlay.query : null;
  const found = useMemo(() => (query === null ? [] : register.customers.search(query, searchRows(bodyRows))), [register, query, bodyRows]);
  const productQuery = input.overlay?.kind === 'products' ? input.overlay.query : null;
  const products = useMemo(() => (productQuery === null ? [] : register.products.search(productQuery, searchRows(bodyRows))), [register, productQuery, bodyRows]);
  const question = pendingQuestion(snap) !== null && !sessionScreen && !input.help;
  const hints = interactive ? hintItems(keyScreen, width, input, { customer: snap.context.customer !== null, rewardsHot: rewardsHot(snap.context), question, shown: fmt.text }) : [];

  const deviceViews = [
    deviceView('scanner', devices.scanner),
    deviceView('printer', devices.printer, devices.printProblem !== null, devices.waiting),
    deviceView('drawer', devices.drawer),
  ].map((d) => ({ ...d, label: fmt.text(d.label), state: fmt.text(d.state) }));
  // On the sign-in screens the session's refusals (wrong PIN, pause) are the message.
  const sm = sess.context.message;
  const message =
    sessionScreen && !input.notice && sm && sm.level === 'error'
      ? { text: machineMessageText(sm), tone: 'error' as const }
      : messageLine(input, snap, devices.printProblem ?? devices.storeNotice ?? drawerMessageText(devices.drawer, devices.drawerProblem) ?? scannerMessageText(devices.scannerProblem), fmt);
  const shown = message && { ...message, text: fmt.text(message.text) };
  const messageLines = messageRows(shown, width, fmt.ascii);
  // Paging (PgUp/PgDn) still counts the full body: a two-line message is a moment, not a layout.
  const bodyHeight = bodyRows - (messageLines.length - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StatusBar
        shop={fmt.text(config.store.name)}
        register={config.register.id}
        operator={sessionScreen === 'signIn' || sessionScreen === 'pin' ? fmt.t('ui.signIn.nobody') : fmt.text(register.operator.name)}
        clock={clock}
        devices={deviceViews}
        chain={chain}
        width={width}
        ascii={fmt.ascii}
      />
      <Body
        snap={snap}
        screen={screen}
        input={input}
        fmt={fmt}
        width={width}
        height={bodyHeight}
        shop={config.store.name}
        receipt={receipt}
        help={help}
        demoCodes={codes}
        demoCards={cards}
        found={found}
        session={sessionScreen ? { screen: sessionScreen, who: sess.context.who?.name ?? null, language } : null}
        shift={input.overlay?.kind === 'shift' ? register.shift.current() : null}
        parked={input.overlay?.kind === 'parked' ? register.parked.list() : undefined}
        products={products}
        quickKeys={register.quickKeys}
        ret={
          screen === 'return' || screen === 'returnItems' || screen === 'returnDone'
            ? { ctx: ret.context, approver: ret.context.last?.approvedBy ? (configOperatorName(config, register.store.state)(ret.context.last.approvedBy) ?? null) : null, productName: (code) => productOf(register.store.catalog, code) }
            : null
        }
      />
      <MessageLine message={shown} lines={messageLines} />
      <EntryLine entry={returnEntry(keyScreen, input, ret, fmt) ?? entryLine(keyScreen, input, snap, fmt)} interactive={interactive} readOnlyText={fmt.t('ui.readOnly')} />
      <HintBar items={hints} text={fmt.text} />
    </Box>
  );
}
