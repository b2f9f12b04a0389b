/**
 * The pure fold: state = events folded over the initial state. The store, recovery, verification and
 * the property tests all use this one function, so "balances equal the fold of the journal" holds by
 * construction.
 */
import { PROJECTIONS } from './projections/index.js';
import type { JournalEvent, ProjectionModule, StoreState } from './types.js';

export const STORE_INITIALIZED = 'store.initialized';

export interface StoreInitialized {
  storeId: string;
  currency: string;
  createdAt: string;
}

export function initialState(modules: readonly ProjectionModule<any>[] = PROJECTIONS): StoreState {
  const state: StoreState = {
    meta: { storeId: '', currency: '', createdAt: '', seq: 0, hash: '' },
    catalog: { products: {}, barcodes: {} },
    sales: { count: 0, lastReceipt: {} },
  };
  for (const m of modules) state[m.name] = m.initial();
  return state;
}

/** Folds one event in place. */
export function applyEvent(state: StoreState, ev: JournalEvent, modules: readonly ProjectionModule<any>[] = PROJECTIONS): void {
  if (ev.type === STORE_INITIALIZED) {
    const d = ev.data as StoreInitialized;
    state.meta.storeId = String(d?.storeId ?? '');
    state.meta.currency = String(d?.currency ?? '');
    state.meta.createdAt = String(d?.createdAt ?? ev.at);
  }
  for (const m of modules) m.apply(state[m.name], ev, state);
  state.meta.seq = ev.seq;
  state.meta.hash = ev.hash;
}

export function foldEvents(events: Iterable<JournalEvent>, modules: readonly ProjectionModule<any>[] = PROJECTIONS): StoreState {
  const state = initialState(modules);
  for (const ev of events) applyEvent(state, ev, modules);
  return state;
}

/** Slice names and versions, recorded in the snapshot to detect a changed set of projections. */
export const projectionVersions = (modules: readonly ProjectionModule<any>[] = PROJECTIONS): Record<string, number> =>
  Object.fromEntries(modules.map((m) => [m.name, m.version ?? 1]));
