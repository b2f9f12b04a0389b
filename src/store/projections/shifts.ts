/**
 * Shifts slice: the open shift of each register with its running totals, every closed shift with its
 * final totals (what its Z prints, for ever), the Z counter per register, and the store's gift-card
 * liability kept running. Registered after the gift-card and loyalty slices: the liability is read
 * from the movements the gift-card fold has just recorded, and point values from the programs.
 * The fold itself is the domain's (src/domain/shift/fold.ts). See docs/shift.md.
 */
import { applyLiability, applyShiftEvent, emptyShiftSlice, type CardMovement } from '../../domain/shift/fold.js';
import type { ShiftSlice } from '../../domain/shift/types.js';
import type { GiftCardSlice } from '../../domain/giftcard/types.js';
import type { LoyaltySlice } from './loyalty.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { SALE_COMMITTED } from './sales.js';
import { getOwn } from './own.js';

export const SHIFTS_SLICE = 'shifts';

/** Card codes an event moves: its own `code`, or the cards a sale sold, topped up and redeemed. */
function codesOf(ev: JournalEvent): string[] {
  const d = ev.data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return [];
  if (ev.type.startsWith('giftcard.')) return typeof d.code === 'string' ? [d.code] : [];
  if (ev.type !== SALE_COMMITTED) return [];
  const gc = ((d.sale as Record<string, unknown> | undefined)?.extensions as Record<string, unknown> | undefined)?.giftcards as
    | { sold?: unknown; loaded?: unknown; redeemed?: unknown }
    | undefined;
  if (!gc) return [];
  const out = new Set<string>();
  for (const part of [gc.sold, gc.loaded, gc.redeemed]) if (Array.isArray(part)) for (const c of part) if (c && typeof c.code === 'string') out.add(c.code);
  return [...out];
}

/** The history entries this event added to each card it touched (they carry this event's seq). */
function cardMovements(state: StoreState, ev: JournalEvent): CardMovement[] {
  const cards = (state.giftcards as GiftCardSlice | undefined)?.cards;
  if (!cards) return [];
  const out: CardMovement[] = [];
  for (const code of codesOf(ev)) {
    const card = getOwn(cards, code);
    if (!card) continue;
    const mine: CardMovement[] = [];
    for (let i = card.history.length - 1; i >= 0 && card.history[i].seq === ev.seq; i--) {
      const h = card.history[i];
      mine.unshift({ kind: h.kind, amount: h.amount, balance: h.balance, stateAfter: card.state });
    }
    out.push(...mine);
  }
  return out;
}

export const shiftsProjection: ProjectionModule<ShiftSlice> = {
  name: SHIFTS_SLICE,
  // 2: returns (return.committed) folded into `returns` and `cash.refunds`.
  // 3: top-ups in sales (`giftcards.loaded`) counted as gift-card value sold and in the liability.
  version: 3,
  initial: emptyShiftSlice,
  apply(slice, ev: JournalEvent, state: StoreState) {
    const moves = cardMovements(state, ev);
    if (moves.length) applyLiability(slice.liability, moves);
    applyShiftEvent(slice, ev, lookupsOf(state));
  },
};

/** What the shift fold looks up in the rest of the state: made once per state, not per event. */
const lookups = new WeakMap<StoreState, Parameters<typeof applyShiftEvent>[2]>();

function lookupsOf(state: StoreState): Parameters<typeof applyShiftEvent>[2] {
  let l = lookups.get(state);
  if (!l) {
    l = {
      program: (id) => {
        const programs = (state.loyalty as LoyaltySlice | undefined)?.programs;
        return programs ? getOwn(programs, id) : undefined;
      },
    };
    lookups.set(state, l);
  }
  return l;
}

/** The shifts slice of a store state (empty when the module is not registered, e.g. a test double). */
export const shiftSlice = (state: StoreState): ShiftSlice => (state[SHIFTS_SLICE] as ShiftSlice | undefined) ?? emptyShiftSlice();
