/** A journal in memory folded by the real loyalty projection: what the store does, minus the files. */
import { loyaltyProjection, type LoyaltySlice } from '../../../src/store/projections/loyalty.js';
import { EV } from '../../../src/domain/loyalty/events.js';
import type { JournalEvent, StoreState } from '../../../src/store/types.js';
import type { Customer, LoyaltyProgram, SaleLoyalty, TierLadder } from '../../../src/domain/loyalty/types.js';
import { envelope } from './fixtures.js';
import { historyFromEvents } from '../../../src/store/loyalty-history.js';

export class Sim {
  slice: LoyaltySlice = loyaltyProjection.initial();
  events: JournalEvent[] = [];
  private txs = new Set<string>();

  commit(type: string, data: unknown, at = '2025-03-01T10:00:00.000Z', tx?: string): boolean {
    if (tx && this.txs.has(tx)) return false;
    if (tx) this.txs.add(tx);
    const ev = envelope(this.events.length + 1, type, data, at);
    this.events.push(ev);
    loyaltyProjection.apply(this.slice, ev, {} as StoreState);
    return true;
  }

  program(p: LoyaltyProgram): this {
    this.commit(EV.programUpserted, { program: p });
    return this;
  }

  ladder(l: TierLadder | null): this {
    this.commit(EV.tiersSet, { ladder: l });
    return this;
  }

  customer(c: Customer): this {
    this.commit(EV.customerCreated, { customer: c });
    return this;
  }

  sale(ext: SaleLoyalty, saleId = `s${this.events.length}`): void {
    this.commit(EV.saleCommitted, { sale: { saleId, receiptNo: `R1-${saleId}`, extensions: { loyalty: ext } } }, `${ext.day}T10:00:00.000Z`);
  }

  acc(id: string) {
    return this.slice.customers[id];
  }

  /** The account's history rows, oldest first, as `till customer show` reads them from the journal. */
  history(id: string) {
    return historyFromEvents(this.acc(id), new Map(this.events.map((e) => [e.seq, e]))).rows;
  }

  /** Only the rows that moved points. */
  movements(id: string) {
    return this.history(id).filter((r) => r.programId !== null);
  }
}
