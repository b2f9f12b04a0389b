/**
 * What must hold after the chaos run, once every register is back and its outbox drained (issue 15):
 *
 * 1. Every acknowledged sale is in PostgreSQL exactly once — and, stronger, every register's journal
 *    is there event for event: the same ids, each once, nothing the journal does not hold.
 * 2. A card's or points account's balance is the sum of its movements.
 * 3. No balance below zero except a recorded overspend: `overspent` covers it and the alerts of that
 *    card or account add up to `overspent`.
 * 4. An overspend stays within the offline limits: it is at most what the card paid without a hold
 *    (the redemptions made offline), and no offline redemption exceeds chain.offline.maxPerCard.
 * 5. What an acknowledged sale's reply showed paid by gift card is what the ledger took from cards
 *    for that sale.
 * 6. Every overspend alert was told on the register that recorded it: marked seen in the ledger, and
 *    a CHAIN_OVERSPEND line naming the card in that register's till.log (a register killed after
 *    its push committed tells it on its next push).
 * 7. No gift-card hold is still pending for a sale the ledger holds (a sale in the ledger takes
 *    nothing more; a hold it did not use must not keep the card's money from other registers).
 * 8. Every register's journal verifies (hash chain, snapshot, projections).
 *
 * Returns the violations as sentences (empty = all held).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { verifyStore } from '../../src/store/maintenance.js';
import { streamTransactions } from '../../src/store/journal-stream.js';
import type { Acked } from './chaos-register.js';

export interface CheckInput {
  url: string;
  registers: { id: string; dir: string }[];
  acked: readonly Acked[];
  /** chain.offline.maxPerCard in minor units. */
  maxPerCard: number;
}

export interface CheckReport {
  violations: string[];
  figures: { events: number; sales: number; overspentCards: number; overspentPoints: number; alerts: number; alertsOnHeldSales: number; offlineRedemptions: number };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'till.log'), 'utf8');
  } catch {
    return '';
  }
}

export async function checkChaos(input: CheckInput): Promise<CheckReport> {
  const v: string[] = [];
  const c = new pg.Client(input.url);
  await c.connect();
  try {
    // 1. Journals = the database, event for event.
    let events = 0;
    for (const reg of input.registers) {
      const ids: string[] = [];
      for await (const tx of streamTransactions(reg.dir)) for (const ev of tx) ids.push(ev.id);
      events += ids.length;
      const db = await c.query<{ id: string; n: string }>('SELECT id::text, count(*) OVER () AS n FROM events WHERE register_id = $1', [reg.id]);
      const inDb = new Set(db.rows.map((r) => r.id));
      const missing = ids.filter((id) => !inDb.has(id));
      const journal = new Set(ids);
      const extra = db.rows.filter((r) => !journal.has(r.id));
      if (missing.length) v.push(`${reg.id}: ${missing.length} journal event(s) not in PostgreSQL (first ${missing[0]})`);
      if (extra.length) v.push(`${reg.id}: ${extra.length} event(s) in PostgreSQL that its journal does not hold`);
      if (journal.size !== ids.length) v.push(`${reg.id}: its journal holds an event id twice`);
    }
    const sales = await c.query<{ sale: string; n: string; register_id: string }>(
      "SELECT data->'sale'->>'saleId' AS sale, register_id, count(*) AS n FROM events WHERE type = 'sale.committed' GROUP BY 1, 2",
    );
    const bySale = new Map(sales.rows.map((r) => [r.sale, r]));
    for (const r of sales.rows) if (Number(r.n) !== 1) v.push(`sale ${r.sale} of ${r.register_id} is in PostgreSQL ${r.n} times`);
    for (const a of input.acked) {
      const row = bySale.get(a.saleId);
      if (!row) v.push(`acknowledged sale ${a.receiptNo} (${a.saleId}) of ${a.register} is not in PostgreSQL`);
      else if (row.register_id !== a.register) v.push(`acknowledged sale ${a.receiptNo} of ${a.register} is in PostgreSQL under ${row.register_id}`);
    }
    if (new Set(input.acked.map((a) => a.saleId)).size !== input.acked.length) v.push('one sale id was acknowledged twice');

    // 2.-4. Gift cards.
    const cards = await c.query<{ code: string; balance: string; overspent: string; moved: string; alerted: string; unheld: string; max_unheld: string }>(`
      SELECT g.code, g.balance, g.overspent,
             coalesce((SELECT sum(amount) FROM gift_card_movements m WHERE m.code = g.code), 0) AS moved,
             coalesce((SELECT sum(shortfall) FROM chain_alerts a WHERE a.kind = 'giftcard.overspent' AND a.subject = g.code), 0) AS alerted,
             coalesce(sum(-u.amount), 0) AS unheld, coalesce(max(-u.amount), 0) AS max_unheld
        FROM gift_cards g
        LEFT JOIN LATERAL (
          SELECT m.amount FROM gift_card_movements m JOIN events e ON e.id = m.event_id
           WHERE m.code = g.code AND m.kind = 'redeemed'
             AND NOT EXISTS (SELECT 1 FROM gift_card_holds h WHERE h.code = m.code AND h.sale_id = e.data->'sale'->>'saleId' AND h.state = 'posted')
        ) u ON true
       GROUP BY g.code, g.balance, g.overspent`);
    let overspentCards = 0;
    let offlineRedemptions = 0;
    for (const r of cards.rows) {
      const [balance, overspent, moved, alerted, unheld, maxUnheld] = [r.balance, r.overspent, r.moved, r.alerted, r.unheld, r.max_unheld].map(Number);
      const card = `gift card ****${r.code.slice(-4)}`;
      if (balance !== moved) v.push(`${card}: balance ${balance} but its movements add up to ${moved}`);
      if (balance < 0 && overspent < -balance) v.push(`${card}: balance ${balance} below zero with only ${overspent} recorded as overspent`);
      if (overspent !== alerted) v.push(`${card}: overspent ${overspent} but its alerts add up to ${alerted}`);
      if (overspent > unheld) v.push(`${card}: overspent ${overspent}, more than it paid without a hold (offline: ${unheld})`);
      if (maxUnheld > input.maxPerCard) v.push(`${card}: one offline redemption of ${maxUnheld}, above chain.offline.maxPerCard ${input.maxPerCard}`);
      if (overspent > 0) overspentCards++;
      offlineRedemptions += unheld > 0 ? 1 : 0;
    }

    // 2.-3. Points.
    const points = await c.query<{ customer_id: string; program_id: string; balance: string; overspent: string; moved: string; alerted: string }>(`
      SELECT p.customer_id, p.program_id, p.balance, p.overspent,
             coalesce((SELECT sum(delta) FROM points_movements m WHERE m.customer_id = p.customer_id AND m.program_id = p.program_id), 0) AS moved,
             coalesce((SELECT sum(shortfall) FROM chain_alerts a WHERE a.kind = 'points.overspent' AND a.subject = p.customer_id || '/' || p.program_id), 0) AS alerted
        FROM points_accounts p`);
    let overspentPoints = 0;
    for (const r of points.rows) {
      const [balance, overspent, moved, alerted] = [r.balance, r.overspent, r.moved, r.alerted].map(Number);
      const acct = `points of ${r.customer_id}/${r.program_id}`;
      if (balance !== moved) v.push(`${acct}: balance ${balance} but its movements add up to ${moved}`);
      if (balance < 0 && overspent < -balance) v.push(`${acct}: balance ${balance} below zero with only ${overspent} recorded as overspent`);
      if (overspent !== alerted) v.push(`${acct}: overspent ${overspent} but its alerts add up to ${alerted}`);
      if (overspent > 0) overspentPoints++;
    }

    // 5. What the replies showed paid by gift card = what the ledger took for those sales.
    const taken = await c.query<{ sale: string; taken: string }>(
      "SELECT e.data->'sale'->>'saleId' AS sale, -sum(m.amount) AS taken FROM gift_card_movements m JOIN events e ON e.id = m.event_id WHERE m.kind = 'redeemed' GROUP BY 1",
    );
    const takenBy = new Map(taken.rows.map((r) => [r.sale, Number(r.taken)]));
    for (const a of input.acked)
      if ((takenBy.get(a.saleId) ?? 0) !== a.giftCards) v.push(`acknowledged sale ${a.receiptNo} of ${a.register}: gift cards paid ${a.giftCards}, the ledger took ${takenBy.get(a.saleId) ?? 0}`);

    const alerts = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM chain_alerts')).rows[0].n);
    // Alerts found by the movement of a sale that held the card online: its push crossed zero after
    // another register's offline redemptions had landed; the push hands them to that register
    // (ledger.ts, reattributeAlerts), which must tell them (6. below). Counted, not a violation.
    const onHeld = Number(
      (
        await c.query<{ n: string }>(
          "SELECT count(*) AS n FROM chain_alerts a JOIN events e ON e.id = a.event_id WHERE a.kind = 'giftcard.overspent' AND EXISTS (SELECT 1 FROM gift_card_holds h WHERE h.sale_id = e.data->'sale'->>'saleId' AND h.code = a.subject AND h.state = 'posted')",
        )
      ).rows[0].n,
    );
    const orphan = await c.query('SELECT a.id FROM chain_alerts a LEFT JOIN events e ON e.id = a.event_id WHERE e.id IS NULL');
    if (orphan.rowCount) v.push(`${orphan.rowCount} alert(s) name an event the ledger does not hold`);

    // 6. Every alert told on its register.
    const told = await c.query<{ register_id: string; kind: string; subject: string; n: string; unseen: string }>(
      'SELECT register_id, kind, subject, count(*) AS n, count(*) FILTER (WHERE seen_at IS NULL) AS unseen FROM chain_alerts GROUP BY 1, 2, 3',
    );
    const logs = new Map(input.registers.map((r) => [r.id, readLog(r.dir)]));
    for (const a of told.rows) {
      if (Number(a.unseen)) v.push(`${a.unseen} alert(s) of ${a.register_id} on ${a.subject.slice(-4)} never told on the register`);
      const line = a.kind === 'giftcard.overspent' ? `CHAIN_OVERSPEND Gift card ****${a.subject.slice(-4)} was overspent` : `CHAIN_OVERSPEND Points ${a.subject} were overspent`;
      const lines = (logs.get(a.register_id) ?? '').split('\n').filter((l) => l.includes(line)).length;
      if (lines < Number(a.n)) v.push(`${a.register_id}: ${a.n} overspend alert(s) on ${a.subject.slice(-4)} but ${lines} CHAIN_OVERSPEND line(s) in its till.log`);
    }

    // 7. No hold pending for a sale already in the ledger.
    const left = await c.query<{ code: string; sale_id: string }>(
      "SELECT h.code, h.sale_id FROM gift_card_holds h WHERE h.state = 'pending' AND EXISTS (SELECT 1 FROM events e WHERE e.type = 'sale.committed' AND e.data->'sale'->>'saleId' = h.sale_id)",
    );
    for (const h of left.rows) v.push(`gift card ****${h.code.slice(-4)}: a hold of sale ${h.sale_id}, which is in the ledger, is still pending`);

    // 8. Every journal verifies.
    for (const reg of input.registers) {
      const rep = await verifyStore(reg.dir);
      if (!rep.ok) v.push(`${reg.id}: its journal does not verify: ${rep.problems.map((p) => JSON.stringify(p)).join('; ')}`);
    }
    return { violations: v, figures: { events, sales: sales.rowCount ?? 0, overspentCards, overspentPoints, alerts, alertsOnHeldSales: onHeld, offlineRedemptions } };
  } finally {
    await c.end();
  }
}
