/**
 * Gift-card slice: every card by canonical code, with its state, balance and full history (see
 * docs/gift-cards.md for the memory budget). Folds the `giftcard.*` events and the gift cards carried
 * by `sale.committed` in `sale.extensions.giftcards` (sold cards activate, gift-card tenders redeem).
 * The fold itself lives in the domain (src/domain/giftcard/ledger.ts) so the tests and the store
 * compute balances with the same code.
 */
import { applyGiftCardEvent, applySaleGiftCards, emptySlice } from '../../domain/giftcard/ledger.js';
import type { GiftCard, GiftCardSlice, SaleGiftCards } from '../../domain/giftcard/types.js';
import type { SaleRecord } from '../../domain/sale.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { SALE_COMMITTED, type SaleCommitted } from './sales.js';
import { hasOwn } from './own.js';

export const GIFT_CARDS_SLICE = 'giftcards';

export const giftCardsProjection: ProjectionModule<GiftCardSlice> = {
  name: GIFT_CARDS_SLICE,
  // 3: top-ups (sale extension `loaded`, `giftcard.loaded` with `renew`) reactivate and renew cards.
  version: 3,
  initial: emptySlice,
  apply(slice, ev: JournalEvent, state: StoreState) {
    const origin = { seq: ev.seq, at: ev.at, operator: ev.operator, register: ev.register, tx: ev.tx };
    if (ev.type === SALE_COMMITTED) {
      const sale = (ev.data as SaleCommitted | undefined)?.sale as Partial<SaleRecord> | undefined;
      const ext = sale?.extensions?.giftcards as SaleGiftCards | undefined;
      if (!ext || typeof ext !== 'object') return;
      applySaleGiftCards(slice, ext, { saleId: sale!.saleId, receiptNo: sale!.receiptNo, currency: typeof sale!.currency === 'string' && sale!.currency ? sale!.currency : state.meta.currency }, origin);
      return;
    }
    applyGiftCardEvent(slice, ev.type, ev.data, origin);
  },
};

/** The gift-card slice of a store state (empty when the module is not registered). */
export const giftCardSlice = (state: StoreState): GiftCardSlice => (state[GIFT_CARDS_SLICE] as GiftCardSlice | undefined) ?? emptySlice();

/** A card by canonical code, for the register and the back office. */
export function findGiftCard(state: StoreState, code: string): GiftCard | undefined {
  const cards = giftCardSlice(state).cards;
  return hasOwn(cards, code) ? cards[code] : undefined;
}
