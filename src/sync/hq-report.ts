/**
 * `till hq report`: the Z reports of every register, read from the chain database (docs/chain.md,
 * "Reports across registers"). Each register's journal is in the `events` table as it sent it; its
 * events are folded, in its own order, through the store's own projections — the fold its
 * `till report z` reads — so a Z here has exactly the figures that register printed. Zs whose close
 * falls on the local days asked for are kept; their sum is the chain's total.
 *
 * A register's events reach the database with its outbox: a Z closed while it was offline shows
 * once it has sent it (the report says how far each register's journal has been received).
 */
import type { Client } from 'pg';
import { localDate } from '../domain/giftcard/dates.js';
import { buildShiftReport, type ShiftReport } from '../domain/shift/index.js';
import { applyEvent, initialState } from '../store/fold.js';
import { shiftSlice } from '../store/projections/shifts.js';
import type { JournalEvent } from '../store/types.js';
import { chainError, checkSchema } from './db.js';
import { checkHqSchema } from './hq-schema.js';

export interface RegisterZs {
  /** The register id its receipts carry. */
  register: string;
  /** Its journal's id in the ledger (the register id, or `R2~2` for a replacement). */
  ledgerId: string;
  /** Last journal event the database holds for it, and when it last sent. */
  receivedSeq: number;
  lastPushAt: string | null;
  zs: ShiftReport[];
}

const PAGE = 5000;

export async function chainZReports(client: Client, url: string, o: { from: string; to: string; currency: string; printedAt: string; register?: string }): Promise<RegisterZs[]> {
  try {
    await checkSchema(client, url);
    await checkHqSchema(client, url);
    const regs = await client.query<{ ledger_id: string; register_id: string; last_seq: string; last_push_at: Date | null }>(
      `SELECT r.register_id AS ledger_id, coalesce(j.register_id, r.register_id) AS register_id, r.last_seq, r.last_push_at
         FROM registers r LEFT JOIN hq_journals j ON j.ledger_id = r.register_id ORDER BY 2, 1`,
    );
    const out: RegisterZs[] = [];
    for (const reg of regs.rows) {
      if (o.register && reg.register_id !== o.register) continue;
      const state = initialState();
      let after = 0;
      for (;;) {
        const page = await client.query<{ id: string; seq: string; tx: string; type: string; at: Date; operator: string; data: unknown; hash: string }>(
          'SELECT id, seq, tx, type, at, operator, data, hash FROM events WHERE register_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
          [reg.ledger_id, after, PAGE],
        );
        for (const row of page.rows) {
          const ev: JournalEvent = { seq: Number(row.seq), id: row.id, type: row.type, at: new Date(row.at).toISOString(), register: reg.register_id, operator: row.operator, tx: row.tx, data: row.data, prev: '', hash: row.hash };
          applyEvent(state, ev);
          after = ev.seq;
        }
        if (page.rows.length < PAGE) break;
      }
      const zs: ShiftReport[] = [];
      for (const shift of Object.values(shiftSlice(state).closed)) {
        const day = shift.closed ? localDate(new Date(shift.closed.at)) : '';
        if (day < o.from || day > o.to) continue;
        zs.push(buildShiftReport(shift, { currency: state.meta.currency || o.currency, printedAt: o.printedAt, copy: true }));
      }
      zs.sort((a, b) => (a.z ?? 0) - (b.z ?? 0));
      out.push({ register: reg.register_id, ledgerId: reg.ledger_id, receivedSeq: Number(reg.last_seq), lastPushAt: reg.last_push_at ? new Date(reg.last_push_at).toISOString() : null, zs });
    }
    return out;
  } catch (e) {
    throw chainError(e, url);
  }
}
