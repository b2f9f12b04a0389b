/**
 * Demo mode: the gift cards and loyalty cards of the store, for the idle screen to list next to the
 * product codes, so a newcomer can try a balance check, a stock card and a customer without reading
 * docs. Pure over the store's state; a real store is never shown this way (demo mode only).
 */
import type { StoreState } from '../store/types.js';
import { giftCardSlice } from '../store/projections/giftcards.js';
import { loyaltyOf, programList } from '../store/projections/loyalty.js';
import { formatUnits } from '../domain/loyalty/units.js';
import { tierName } from './loyalty-view.js';
import type { Fmt } from './selectors.js';

export interface DemoCard {
  code: string;
  label: string;
}

export function demoCards(state: StoreState, prefix: string, fmt: Fmt, max = 6): DemoCard[] {
  const out: DemoCard[] = [];
  for (const c of Object.values(giftCardSlice(state).cards).slice(0, 3)) {
    const label =
      c.state === 'pending'
        ? fmt.t('ui.idle.stockCard', { value: c.faceValue ? fmt.money(c.faceValue) : fmt.t('ui.idle.valueAtSale') })
        : fmt.t('ui.idle.giftCard', { balance: fmt.money(c.balance), state: fmt.t(`ui.giftcard.state.${c.state}`) });
    out.push({ code: prefix + c.code, label });
  }
  const slice = loyaltyOf(state);
  const program = programList(slice).find((p) => p.active);
  for (const a of Object.values(slice.customers).slice(0, Math.max(0, max - out.length))) {
    const points = program ? fmt.t('ui.points', { points: formatUnits(a.points[program.id] ?? 0, program.decimals) }) : '';
    const tier = tierName(slice.ladder, a.tier);
    out.push({ code: a.card, label: fmt.t('ui.idle.member', { name: fmt.text(a.name), about: [tier, points].filter(Boolean).join(fmt.t('ui.sep.list')) }) });
  }
  return out;
}
