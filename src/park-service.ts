/**
 * The register's side of parked sales (src/domain/park.ts): the park and recall actors of the
 * checkout machine, the list the cashier recalls from, and discarding a park. Every step is one
 * journal transaction; the store's own check (src/store/park-guard.ts) refuses a second recall of
 * the same attempt, a recall of a discarded or finished park, and a commit of a sale still parked.
 */
import type { ParkInput, ParkOutput, RecallInput, RecallOutput } from '../machines/checkout.types.js';
import type { TillConfig } from './domain/config.js';
import { fail, ok, TillError, type Result } from './domain/errors.js';
import { priceCart } from './domain/cart.js';
import { PARK_DISCARDED, SALE_PARKED, SALE_RECALLED, parkableCart, parkedLineCount, priceChanges, releasedRewards, type ParkedSale } from './domain/park.js';
import { parkedEntry, parkedList, parkedOf, type ParkedEntry } from './store/projections/parked.js';
import type { Store } from './store/types.js';

/** One row of the parked-sales list (UI and headless `parked`). */
export interface ParkedView {
  parkId: string;
  no: number;
  at: string;
  register: string;
  operator: { id: string; name: string };
  lines: number;
  total: number;
  currency: string;
  customerId: string | null;
  /** Recalled before and never finished (the register stopped in between): when and by whom. */
  interrupted: { at: string; operator: string } | null;
}

export interface ParkService {
  park(input: ParkInput): Promise<ParkOutput>;
  recall(input: RecallInput): Promise<RecallOutput>;
  /** Parks waiting to be recalled, oldest first (the sale open on this till is not among them). */
  list(): ParkedView[];
  /** Drops a park for good (journaled with the operator); PARKED_SALE_GONE when it is not waiting. */
  discard(parkId: string): Promise<Result<ParkedView>>;
}

export interface ParkServiceOptions {
  config: TillConfig;
  store: Store;
  now: () => Date;
  newId: () => string;
  operator: () => { id: string; name: string };
  signedIn: () => boolean;
  /** The sale id open on the till now (its park, if recalled, is not waiting). */
  openSaleId: () => string | null;
}

const gone = () => new TillError('PARKED_SALE_GONE', 'That parked sale was recalled or discarded already.');

export function createParkService(o: ParkServiceOptions): ParkService {
  const { config, store } = o;
  /** Recalls on their way to the journal: a second one of the same park waits for no one. */
  const inFlight = new Set<string>();

  const view = (e: ParkedEntry): ParkedView => ({
    parkId: e.parkId,
    no: e.no,
    at: e.at,
    register: e.register,
    operator: e.operator,
    lines: e.lines,
    total: e.total,
    currency: e.currency,
    customerId: e.customerId,
    interrupted: e.state === 'recalled' && e.recalled ? { at: e.recalled.at, operator: e.recalled.operator } : null,
  });
  const waiting = (e: ParkedEntry | undefined): e is ParkedEntry => !!e && e.saleId !== o.openSaleId() && !inFlight.has(e.parkId);

  return {
    async park(input) {
      if (!o.signedIn()) throw new TillError('SIGNED_OUT', 'Sign in first.');
      const op = o.operator();
      const at = o.now().toISOString();
      const cart = parkableCart(input.cart);
      const parkId = o.newId();
      const parked: ParkedSale = {
        parkId,
        no: parkedOf(store.state).last + 1,
        saleId: input.saleId,
        at,
        register: config.register.id,
        operator: { id: op.id, name: op.name },
        cart,
        customerId: input.customer?.id ?? null,
        lines: parkedLineCount(cart),
        total: priceCart(cart, config.tax).total,
        currency: config.currency,
      };
      await store.commit({ id: parkId, events: [{ type: SALE_PARKED, data: { parked } }], operator: op.id, at });
      return { parkId, no: parked.no, released: releasedRewards(input.cart) };
    },

    async recall({ parkId }) {
      if (!o.signedIn()) throw new TillError('SIGNED_OUT', 'Sign in first.');
      const e = parkedEntry(store.state, parkId);
      if (!waiting(e)) throw gone();
      inFlight.add(parkId);
      try {
        const attempt = e.recalls + 1;
        // One transaction per attempt: the same recall sent twice is a duplicate, never two open sales.
        const res = await store.commit({ id: `recall:${parkId}:${attempt}`, events: [{ type: SALE_RECALLED, data: { parkId, saleId: e.saleId, attempt } }], operator: o.operator().id });
        if (res.duplicate) throw gone();
        return { saleId: e.saleId, no: e.no, cart: e.cart, customerId: e.customerId, changed: priceChanges(e.cart, store.catalog) };
      } finally {
        inFlight.delete(parkId);
      }
    },

    list: () => parkedList(store.state).filter(waiting).map(view),

    async discard(parkId) {
      if (!o.signedIn()) return fail('SIGNED_OUT', 'Sign in first.');
      const e = parkedEntry(store.state, parkId);
      if (!waiting(e)) return { ok: false, error: gone() };
      try {
        const res = await store.commit({ id: `discard:${parkId}`, events: [{ type: PARK_DISCARDED, data: { parkId, saleId: e.saleId, lines: e.lines, total: e.total } }], operator: o.operator().id });
        if (res.duplicate) return { ok: false, error: gone() };
      } catch (err) {
        if (err instanceof TillError) return { ok: false, error: err };
        throw err;
      }
      return ok(view(e));
    },
  };
}
