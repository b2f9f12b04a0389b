/** Picks the screen body from the machine state (and the help overlay from the input state). */
import React from 'react';
import type { Screen } from './keys/table.js';
import type { InputState } from './input/state.js';
import type { CheckoutSnapshot, Fmt, HelpRow } from './selectors.js';
import { SaleScreen } from './screens/SaleScreen.js';
import { TenderScreen } from './screens/TenderScreen.js';
import { PaidScreen } from './screens/PaidScreen.js';
import { IdleScreen } from './screens/IdleScreen.js';
import { ReceiptScreen } from './screens/ReceiptScreen.js';
import { HelpOverlay } from './screens/HelpOverlay.js';
import { BalanceScreen } from './screens/BalanceScreen.js';

export interface BodyProps {
  snap: CheckoutSnapshot;
  screen: Screen;
  input: InputState;
  fmt: Fmt;
  width: number;
  height: number;
  shop: string;
  receipt: readonly string[];
  help: HelpRow[];
  demoCodes: { code: string; name: string }[] | null;
}

export function Body({ snap, screen, input, fmt, width, height, shop, receipt, help, demoCodes }: BodyProps) {
  if (input.help) return <HelpOverlay rows={help} top={input.help.top} width={width} height={height} ascii={fmt.ascii} />;
  switch (screen) {
    case 'idle':
      return <IdleScreen shop={shop} fmt={fmt} width={width} height={height} demoCodes={demoCodes} />;
    case 'tender':
      return <TenderScreen snap={snap} input={input} fmt={fmt} width={width} height={height} />;
    case 'committed':
      return <PaidScreen snap={snap} fmt={fmt} width={width} height={height} />;
    case 'receipt':
      return <ReceiptScreen receiptNo={snap.context.lastSale?.receiptNo ?? ''} lines={receipt} top={input.receiptTop} width={width} height={height} ascii={fmt.ascii} />;
    case 'balance':
      return <BalanceScreen view={snap.context.balance} fmt={fmt} width={width} height={height} />;
    case 'sale':
    case 'cardAmount':
    case 'committing':
    case 'commitFailed':
      return <SaleScreen snap={snap} screen={screen} input={input} fmt={fmt} width={width} height={height} />;
  }
}
