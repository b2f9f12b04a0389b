/**
 * The register's terminal UI: a client of the checkout actor. The screen is chosen from the actor's
 * snapshot; keys become checkout events; nothing here computes money. Layout: status bar, the
 * screen's body, message line, entry line, one line of key hints — exactly rows - 1 lines high.
 */
import React, { useMemo } from 'react';
import { Box } from 'ink';
import type { Register } from '../register.js';
import { receiptText } from '../receipt-job.js';
import { deviceView, demoCodes, entryLine, FRAME_ROWS, helpRows, hintLine, makeFmt, messageLine, screenOf, uiHeight, uiWidth } from './selectors.js';
import { useSnapshot } from './hooks/use-snapshot.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useClock } from './hooks/use-clock.js';
import { useDevices } from './hooks/use-devices.js';
import { useRegisterKeys } from './hooks/use-register-keys.js';
import { StatusBar } from './components/StatusBar.js';
import { MessageLine } from './components/MessageLine.js';
import { EntryLine } from './components/EntryLine.js';
import { HintBar } from './components/HintBar.js';
import { Body } from './Body.js';

export interface AppProps {
  register: Register;
  /** Demo mode: the idle screen lists a few product codes to type. */
  demo?: boolean;
}

export function App({ register, demo = false }: AppProps) {
  const { config } = register;
  const snap = useSnapshot(register.actor);
  const screen = screenOf(snap);
  const size = useTerminalSize();
  const width = uiWidth(size.columns);
  const height = uiHeight(size.rows);
  const bodyRows = height - FRAME_ROWS;
  const fmt = useMemo(() => makeFmt(config), [config]);
  const clock = useClock(fmt.locale, fmt.ascii);
  const devices = useDevices(register, `${clock}|${JSON.stringify(snap.value)}`);
  const lastSale = snap.context.lastSale;
  const receipt = useMemo(() => (lastSale ? receiptText(lastSale, config).replace(/\n+$/, '').split('\n') : []), [lastSale, config]);
  const help = useMemo(() => helpRows(screen, fmt.ascii).map((h) => ({ keys: h.keys, label: fmt.text(h.label), screens: fmt.text(h.screens) })), [screen, fmt]);
  const codes = useMemo(() => (demo ? demoCodes(register.store.state.catalog.products) : null), [demo, register.store]);
  const { input, interactive } = useRegisterKeys(register, screen, { bodyRows, receiptLines: receipt.length, helpLines: help.length });

  const deviceViews = [
    deviceView('scanner', devices.scanner),
    deviceView('printer', devices.printer, devices.printProblem !== null),
    deviceView('drawer', devices.drawer),
  ].map((d) => ({ ...d, label: fmt.text(d.label), state: fmt.text(d.state) }));
  const message = messageLine(input, snap, devices.printProblem);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StatusBar
        shop={fmt.text(config.store.name)}
        register={config.register.id}
        operator={fmt.text(register.operator.name)}
        clock={clock}
        devices={deviceViews}
        width={width}
        ascii={fmt.ascii}
      />
      <Body
        snap={snap}
        screen={screen}
        input={input}
        fmt={fmt}
        width={width}
        height={bodyRows}
        shop={config.store.name}
        receipt={receipt}
        help={help}
        demoCodes={codes}
      />
      <MessageLine message={message && { ...message, text: fmt.text(message.text) }} />
      <EntryLine entry={entryLine(screen, input, snap, fmt)} interactive={interactive} readOnlyText={fmt.t('ui.readOnly')} />
      <HintBar text={interactive ? fmt.text(hintLine(screen, width, input)) : ''} />
    </Box>
  );
}
