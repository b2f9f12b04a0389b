/**
 * Parked-sales slice: the sales put aside and not finished yet, by park id (src/domain/park.ts).
 *
 * - `sale.parked` adds one (`state: "parked"`); a sale parked again after a recall replaces its older
 *   entry (same sale id).
 * - `sale.recalled` marks it `recalled` and counts the recall; it stays here until the sale is
 *   finished, so a register that dies between recall and payment lists it again after the restart.
 * - A finish removes it: the sale committed (`sale.committed` with its sale id), voided
 *   (`sale.voided`), or the park discarded (`sale.park.discarded`). The journal keeps every step.
 *
 * Only unfinished parks are kept, so the slice stays as small as the counter's waiting customers.
 */
import { PARK_DISCARDED, SALE_PARKED, SALE_RECALLED, type ParkDiscardedData, type ParkedSale, type SaleParkedData, type SaleRecalledData } from '../../domain/park.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { getOwn, hasOwn, setOwn } from './own.js';
import { SALE_COMMITTED, type SaleCommitted } from './sales.js';

export const PARKED_SLICE = 'parked';
const SALE_VOIDED = 'sale.voided';

export interface ParkedEntry extends ParkedSale {
  state: 'parked' | 'recalled';
  /** How many times it was recalled (the next recall is attempt recalls + 1). */
  recalls: number;
  recalled?: { at: string; register: string; operator: string };
}

export interface ParkedSlice {
  open: Record<string, ParkedEntry>;
  /** Sale id -> park id of the open entries. */
  bySale: Record<string, string>;
  /** Last park number given ("#3"). */
  last: number;
}

function drop(slice: ParkedSlice, parkId: string): void {
  const e = getOwn(slice.open, parkId);
  if (!e) return;
  delete slice.open[parkId];
  if (getOwn(slice.bySale, e.saleId) === parkId) delete slice.bySale[e.saleId];
}

const dropSale = (slice: ParkedSlice, saleId: unknown): void => {
  if (typeof saleId !== 'string') return;
  const parkId = getOwn(slice.bySale, saleId);
  if (parkId) drop(slice, parkId);
};

export const parkedProjection: ProjectionModule<ParkedSlice> = {
  name: PARKED_SLICE,
  version: 1,
  initial: () => ({ open: {}, bySale: {}, last: 0 }),
  apply(slice, ev: JournalEvent) {
    switch (ev.type) {
      case SALE_PARKED: {
        const p = (ev.data as SaleParkedData | null)?.parked;
        if (!p || typeof p.parkId !== 'string' || typeof p.saleId !== 'string' || !p.cart || !Array.isArray(p.cart.lines)) return;
        dropSale(slice, p.saleId);
        setOwn(slice.open, p.parkId, { ...p, state: 'parked', recalls: 0 });
        setOwn(slice.bySale, p.saleId, p.parkId);
        if (Number.isSafeInteger(p.no) && p.no > slice.last) slice.last = p.no;
        return;
      }
      case SALE_RECALLED: {
        const d = ev.data as SaleRecalledData | null;
        const e = d && typeof d.parkId === 'string' ? getOwn(slice.open, d.parkId) : undefined;
        if (!e) return;
        e.state = 'recalled';
        e.recalls = Math.max(e.recalls + 1, Number.isSafeInteger(d!.attempt) ? d!.attempt : 0);
        e.recalled = { at: ev.at, register: ev.register, operator: ev.operator };
        return;
      }
      case PARK_DISCARDED: {
        const d = ev.data as ParkDiscardedData | null;
        if (d && typeof d.parkId === 'string') drop(slice, d.parkId);
        return;
      }
      case SALE_COMMITTED:
        return dropSale(slice, (ev.data as SaleCommitted | null)?.sale?.saleId);
      case SALE_VOIDED:
        return dropSale(slice, (ev.data as { saleId?: unknown } | null)?.saleId);
    }
  },
};

// ---- queries (read-only) ----

export const parkedOf = (state: StoreState): ParkedSlice => (state[PARKED_SLICE] as ParkedSlice | undefined) ?? parkedProjection.initial();

/** Unfinished parks, oldest first. */
export const parkedList = (state: StoreState): ParkedEntry[] => Object.values(parkedOf(state).open).sort((a, b) => a.no - b.no);

export const parkedEntry = (state: StoreState, parkId: string): ParkedEntry | undefined => getOwn(parkedOf(state).open, parkId);

/** The open park of a sale id (parked, or recalled and not finished). */
export function parkOfSale(state: StoreState, saleId: string): ParkedEntry | undefined {
  const s = parkedOf(state);
  const id = hasOwn(s.bySale, saleId) ? s.bySale[saleId] : undefined;
  return id ? getOwn(s.open, id) : undefined;
}
