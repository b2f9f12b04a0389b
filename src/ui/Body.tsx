/** Picks the screen body from the machine state, or an overlay of the input state (help, customers, rewards). */
import React from 'react';
import type { MachineScreen } from './keys/table.js';
import type { InputState } from './input/state.js';
import type { CheckoutSnapshot, Fmt, HelpRow } from './selectors.js';
import type { LoyaltyAccount } from '../domain/loyalty/types.js';
import { maskCard } from '../domain/loyalty/card.js';
import { customerRows, rewardBalances, rewardRows, tierName } from './loyalty-view.js';
import type { DemoCard } from './demo-cards.js';
import { SaleScreen } from './screens/SaleScreen.js';
import { TenderScreen } from './screens/TenderScreen.js';
import { PaidScreen } from './screens/PaidScreen.js';
import { IdleScreen } from './screens/IdleScreen.js';
import { ReceiptScreen } from './screens/ReceiptScreen.js';
import { HelpOverlay } from './screens/HelpOverlay.js';
import { BalanceScreen } from './screens/BalanceScreen.js';
import { CustomerSearch } from './screens/CustomerSearch.js';
import { NewCustomerForm } from './screens/NewCustomerForm.js';
import { RewardsScreen } from './screens/RewardsScreen.js';
import { ApprovalScreen, SignInScreen } from './screens/SignInScreen.js';
import { ShiftScreen } from './screens/ShiftScreen.js';
import { ParkedScreen } from './screens/ParkedScreen.js';
import type { ParkedView } from '../park-service.js';
import { ProductSearch } from './screens/ProductSearch.js';
import { QuickKeysScreen } from './screens/QuickKeysScreen.js';
import type { Product } from '../domain/catalog.js';
import type { QuickKeyPage } from '../domain/quick-keys.js';
import { ReturnScreen } from './screens/ReturnScreen.js';
import { ReturnDoneScreen } from './screens/ReturnDoneScreen.js';
import type { ReturnContext } from '../../machines/return.types.js';
import type { ShiftView } from '../shift-service.js';
import { ReturnItemsScreen } from './screens/ReturnItemsScreen.js';
import { ExchangeScreen } from './screens/ExchangeScreen.js';
import type { ProductName } from './exchange-view.js';
import type { SessionScreen } from './keys/table.js';
import { approvalActionText, noticeText } from './selectors.js';

export interface BodyProps {
  snap: CheckoutSnapshot;
  screen: MachineScreen;
  input: InputState;
  fmt: Fmt;
  width: number;
  height: number;
  shop: string;
  receipt: readonly string[];
  help: HelpRow[];
  demoCodes: { code: string; name: string }[] | null;
  demoCards: DemoCard[] | null;
  /** Customer search results (customers overlay). */
  found: readonly LoyaltyAccount[];
  /** The sign-in screen covering the till, and whose PIN it asks for. */
  session?: { screen: SessionScreen; who: string | null; language?: string } | null;
  /** The open shift (shift overlay). */
  shift?: ShiftView | null;
  /** The parked sales waiting (parked overlay). */
  parked?: readonly ParkedView[];
  /** Product search results (products overlay). */
  products?: readonly Product[];
  /** The quick-key grid (quickKeys overlay). */
  quickKeys?: readonly QuickKeyPage[];
  /** The return machine's context (the return screens), and the name of who approved the last refund. */
  ret?: { ctx: ReturnContext; approver: string | null; productName?: ProductName } | null;
}

export function Body({ snap, screen, input, fmt, width, height, shop, receipt, help, demoCodes, demoCards, found, session, shift, parked, products, quickKeys, ret }: BodyProps) {
  if (input.help) return <HelpOverlay rows={help} top={input.help.top} width={width} height={height} ascii={fmt.ascii} />;
  const ctx = snap.context;
  if (session) {
    const waiting = session.screen === 'locked' && ctx.cart.lines.length > 0 ? { lines: ctx.cart.lines.length, total: fmt.money(ctx.priced.total) } : null;
    return <SignInScreen screen={session.screen} shop={shop} who={session.who} waiting={waiting} language={session.language} fmt={fmt} width={width} height={height} />;
  }
  if (input.overlay?.kind === 'shift') return <ShiftScreen overlay={input.overlay} shift={shift ?? null} fmt={fmt} width={width} height={height} />;
  // The refund's approval keeps the return in view: the manager sees what they approve.
  const approving = input.overlay?.kind === 'approval';
  const refusal = input.notice?.level === 'error' ? fmt.text(noticeText(input.notice)) : null;
  const productName: ProductName = ret?.productName ?? (() => undefined);
  // The exchange's side (Tab), over a return with or without a receipt; the approval keeps it in view.
  if ((screen === 'return' || screen === 'returnItems') && ret?.ctx.open && input.exchange && (!input.overlay || approving))
    return <ExchangeScreen ctx={ret.ctx} row={input.exchange.row} approving={approving} refusal={refusal} productName={productName} fmt={fmt} width={width} height={height} />;
  if (screen === 'returnItems' && ret?.ctx.open && (!input.overlay || approving))
    return <ReturnItemsScreen ctx={ret.ctx} row={input.returnRow} approving={approving} refusal={refusal} productName={productName} fmt={fmt} width={width} height={height} />;
  if (screen === 'return' && ret && ret.ctx.open) return <ReturnScreen ctx={ret.ctx} row={input.returnRow} approving={input.overlay?.kind === 'approval'} refusal={input.notice?.level === 'error' ? fmt.text(noticeText(input.notice)) : null} fmt={fmt} width={width} height={height} />;
  if (input.overlay?.kind === 'approval') return <ApprovalScreen action={approvalActionText(input.overlay.action, input.overlay.label)} fmt={fmt} width={width} height={height} />;
  const o = input.overlay;
  if (o?.kind === 'copy')
    return <ReceiptScreen receiptNo={o.receiptNo} title={fmt.t(o.of === 'return' ? 'ui.copy.titleReturn' : 'ui.copy.title', { receiptNo: o.receiptNo })} lines={o.lines} top={o.top} width={width} height={height} ascii={fmt.ascii} />;
  if (o?.kind === 'parked') return <ParkedScreen rows={parked ?? []} sel={o.sel} fmt={fmt} width={width} height={height} />;
  if (o?.kind === 'customers') {
    const c = ctx.customer;
    const attached = c ? { name: fmt.text(c.name), card: maskCard(c.card) } : null;
    return <CustomerSearch query={o.query} rows={customerRows(found, ctx, fmt)} sel={o.sel} attached={attached} fmt={fmt} width={width} height={height} />;
  }
  if (o?.kind === 'products') return <ProductSearch query={o.query} products={products ?? []} sel={o.sel} fmt={fmt} width={width} height={height} />;
  if (o?.kind === 'quickKeys') {
    const total = ctx.cart.lines.length > 0 ? fmt.money(ctx.priced.total) : null;
    return <QuickKeysScreen pages={quickKeys ?? []} page={o.page} total={total} fmt={fmt} width={width} height={height} />;
  }
  if (o?.kind === 'newCustomer') {
    const ladder = ctx.deps.loyalty?.ladder() ?? null;
    return <NewCustomerForm form={o.form} tierName={(id) => tierName(ladder, id)} fmt={fmt} width={width} height={height} />;
  }
  if (o?.kind === 'rewards') {
    const title = fmt.t('ui.rewards.title', { name: fmt.text(ctx.customer?.name ?? ''), balances: rewardBalances(ctx, fmt) });
    return <RewardsScreen title={title} rows={rewardRows(ctx, fmt)} sel={o.sel} fmt={fmt} width={width} height={height} />;
  }
  switch (screen) {
    case 'idle':
      return <IdleScreen shop={shop} fmt={fmt} width={width} height={height} demoCodes={demoCodes} demoCards={demoCards} />;
    case 'tender':
      return <TenderScreen snap={snap} input={input} fmt={fmt} width={width} height={height} />;
    case 'committed':
      return <PaidScreen snap={snap} fmt={fmt} width={width} height={height} />;
    case 'receipt':
      return <ReceiptScreen receiptNo={ctx.lastSale?.receiptNo ?? ''} lines={receipt} top={input.receiptTop} width={width} height={height} ascii={fmt.ascii} />;
    case 'balance':
      return <BalanceScreen view={ctx.balance} fmt={fmt} width={width} height={height} />;
    case 'returnDone':
      return <ReturnDoneScreen last={ret?.ctx.last ?? null} exchange={ret?.ctx.lastExchange ?? null} approver={ret?.approver ?? null} fmt={fmt} width={width} height={height} />;
    case 'return':
    case 'returnItems':
    case 'sale':
    case 'cardAmount':
    case 'priceEntry':
    case 'committing':
    case 'commitFailed':
      return <SaleScreen snap={snap} screen={screen} input={input} fmt={fmt} width={width} height={height} />;
  }
}
