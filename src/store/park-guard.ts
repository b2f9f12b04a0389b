/**
 * The append-time check of parked sales, run inside the store's serialised commit like the balance
 * guard: whoever appends (till, headless, a second screen), a park is recalled at most once per
 * attempt, a discarded or finished park is never recalled, and a sale still parked is never
 * committed. Throws PARKED_SALE_GONE or SALE_IS_PARKED; nothing is written then.
 */
import { PARK_DISCARDED, SALE_RECALLED, type ParkDiscardedData, type SaleRecalledData } from '../domain/park.js';
import { StoreError } from './errors.js';
import { parkedEntry, parkOfSale } from './projections/parked.js';
import { SALE_COMMITTED, type SaleCommitted } from './projections/sales.js';
import type { JournalEvent, StoreState } from './types.js';

export function checkParked(state: StoreState, events: readonly JournalEvent[]): void {
  for (const ev of events) {
    if (ev.type === SALE_RECALLED) {
      const d = ev.data as SaleRecalledData | null;
      const e = d && typeof d.parkId === 'string' ? parkedEntry(state, d.parkId) : undefined;
      if (!e || e.saleId !== d!.saleId || d!.attempt !== e.recalls + 1)
        throw new StoreError('PARKED_SALE_GONE', 'That parked sale was recalled or discarded already.');
    } else if (ev.type === PARK_DISCARDED) {
      const d = ev.data as ParkDiscardedData | null;
      if (!d || typeof d.parkId !== 'string' || !parkedEntry(state, d.parkId)) throw new StoreError('PARKED_SALE_GONE', 'That parked sale was recalled or discarded already.');
    } else if (ev.type === SALE_COMMITTED) {
      const id = (ev.data as SaleCommitted | null)?.sale?.saleId;
      if (typeof id === 'string' && parkOfSale(state, id)?.state === 'parked') throw new StoreError('SALE_IS_PARKED', 'This sale is parked: recall it before it is paid.');
    }
  }
}
