/**
 * Writing a register's journal transactions into the shared ledger (docs/chain.md, "Replication").
 * One call = one PostgreSQL transaction: the register's row is locked, the events are inserted by
 * their UUID (a duplicate inserts nothing and moves nothing), the gift-card and points movements
 * they mean are inserted (the database folds them into balances, schema.ts), holds of the sales are
 * posted, and the register's acknowledged position moves to the last event. Either all of that
 * commits or none of it: a register killed between send and acknowledgement resends, and the resend
 * changes nothing that is already there.
 *
 * The movements are the register's own folds: gift cards through the domain's ledger fold (the
 * same one the register's projection runs, on the card as the database holds it), points through
 * `movementsOf`. So the database's balance of a card is what any single journal would fold it to.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import { applyGiftCardEvent, applySaleGiftCards } from '../domain/giftcard/ledger.js';
import type { GiftCard, GiftCardSlice, SaleGiftCards } from '../domain/giftcard/types.js';
import { EV, movementsOf, type Movement } from '../domain/loyalty/events.js';
import type { SaleRecord } from '../domain/sale.js';
import { codesOf } from '../store/balance-guard.js';
import { SALE_COMMITTED, type SaleCommitted } from '../store/projections/sales.js';
import type { JournalEvent } from '../store/types.js';
import { crash, hit } from '../store/failpoints.js';

/** The first event of a register seeded from the chain (hq-join.ts; here to keep the ledger free of head office's modules). */
export const CHAIN_JOINED = 'chain.joined';

export interface RegisterId {
  register: string;
  /** The journal's identity (its store id from `till init`): one register id belongs to one journal. */
  journalId: string;
  currency: string;
}

export interface PushResult {
  /** Events newly in the ledger / already there (a resend). */
  inserted: number;
  duplicates: number;
  /** The register's acknowledged position after the push. */
  lastSeq: number;
  /** Overspend alerts this push raised (offline redemptions beyond the balance). */
  alerts: Alert[];
}

export interface Alert {
  kind: 'giftcard.overspent' | 'points.overspent';
  subject: string;
  shortfall: number;
  balanceAfter: number;
  at: string;
}

/** The register's position in the ledger (0 when it has never pushed). */
export async function ackedPosition(client: Client, reg: RegisterId): Promise<{ seq: number; hash: string } | null> {
  const r = await client.query<{ journal_id: string; last_seq: string; last_hash: string }>('SELECT journal_id, last_seq, last_hash FROM registers WHERE register_id = $1', [reg.register]);
  const row = r.rows[0];
  if (!row) return null;
  if (row.journal_id !== reg.journalId) throw registerTaken(reg);
  return { seq: Number(row.last_seq), hash: row.last_hash };
}

/**
 * This register's overspend alerts that no register process has told its manager yet (`seen_at`
 * unset), oldest first. A push that recorded an alert may commit and its register die before it
 * hears (a SIGKILL, a power cut): the alert is still in the ledger, and the next push tells it.
 */
export async function unseenAlerts(client: Client, reg: RegisterId): Promise<(Alert & { id: string })[]> {
  const r = await client.query<{ id: string; kind: Alert['kind']; subject: string; shortfall: string; balance_after: string; at: Date }>(
    'SELECT id, kind, subject, shortfall, balance_after, at FROM chain_alerts WHERE register_id = $1 AND seen_at IS NULL ORDER BY id',
    [reg.register],
  );
  return r.rows.map((a) => ({ id: a.id, kind: a.kind, subject: a.subject, shortfall: Number(a.shortfall), balanceAfter: Number(a.balance_after), at: new Date(a.at).toISOString() }));
}

export interface AlertRecord extends Alert {
  /** The register whose manager is told (the one whose redemption had no hold). */
  register: string;
  /** The register whose (held) movement found the shortfall, when it is another one. */
  movedBy: string | null;
  /** When the register raised it (store notice, till.log); null: at its next push. */
  seenAt: string | null;
}

/**
 * Overspend alerts for `till sync status` (one register's) and `till hq report` (every register's):
 * newest first, at most `limit`, with how many there are in all. Alerts are never deleted: the manager
 * settles each with the customer, and the chain keeps the record.
 */
export async function listAlerts(client: Client, o: { register?: string; limit: number }): Promise<{ total: number; alerts: AlertRecord[] }> {
  const r = await client.query<{ kind: Alert['kind']; register_id: string; moved_by: string | null; subject: string; shortfall: string; balance_after: string; at: Date; seen_at: Date | null; total: string }>(
    `SELECT kind, register_id, moved_by, subject, shortfall, balance_after, at, seen_at, count(*) OVER () AS total FROM chain_alerts
      WHERE $1::text IS NULL OR register_id = $1 ORDER BY id DESC LIMIT $2`,
    [o.register ?? null, o.limit],
  );
  return {
    total: Number(r.rows[0]?.total ?? 0),
    alerts: r.rows.map((a) => ({
      kind: a.kind,
      register: a.register_id,
      movedBy: a.moved_by,
      subject: a.subject,
      shortfall: Number(a.shortfall),
      balanceAfter: Number(a.balance_after),
      at: new Date(a.at).toISOString(),
      seenAt: a.seen_at ? new Date(a.seen_at).toISOString() : null,
    })),
  };
}

/** The register told its manager (a store notice, in till.log): these alerts are not told again. */
export async function markAlertsSeen(client: Client, ids: readonly string[]): Promise<void> {
  if (ids.length) await client.query('UPDATE chain_alerts SET seen_at = now() WHERE id = ANY($1::bigint[]) AND seen_at IS NULL', [ids]);
}

const registerTaken = (reg: RegisterId) =>
  new TillError(
    'SYNC_REGISTER_TAKEN',
    `Register id "${reg.register}" is already in the chain with another journal. Give this register its own id (register.id in till.config.json); a replacement register joins with: till sync join --register ID --replace (docs/chain.md).`,
    { register: reg.register },
  );

/**
 * The points movements the ledger records for a journal event: what `movementsOf` says, except a
 * register's credit of points the chain already holds (`points.chain.credited`: they were earned and
 * recorded at another register) — the ledger's balance has them already.
 */
export function ledgerPointsMovements(ev: Pick<JournalEvent, 'type' | 'data' | 'at'>): Movement[] {
  if (ev.type === EV.pointsChainCredited) return [];
  return movementsOf(ev.type, ev.data, typeof ev.at === 'string' ? ev.at.slice(0, 10) : '').filter((m) => Number.isSafeInteger(m.delta) && m.delta !== 0);
}

const saleOf = (ev: JournalEvent): Partial<SaleRecord> | undefined => (ev.type === SALE_COMMITTED ? ((ev.data as SaleCommitted | undefined)?.sale as Partial<SaleRecord> | undefined) : undefined);

/** Gift-card redemptions of a sale, summed per card (what its holds were taken for). */
function redemptionsOf(ev: JournalEvent): Map<string, number> {
  const out = new Map<string, number>();
  const ext = saleOf(ev)?.extensions?.giftcards as SaleGiftCards | undefined;
  for (const r of Array.isArray(ext?.redeemed) ? ext!.redeemed : []) if (r && typeof r.code === 'string' && Number.isSafeInteger(r.amount)) out.set(r.code, (out.get(r.code) ?? 0) + r.amount);
  return out;
}

/**
 * Pushes whole transactions (oldest first, continuing the register's acknowledged position) in one
 * database transaction. Transactions at or before the acknowledged position are skipped; one that
 * does not continue the register's hash chain is refused (SYNC_CHAIN_MISMATCH: a swapped journal).
 */
export async function pushTransactions(client: Client, reg: RegisterId, txs: readonly JournalEvent[][]): Promise<PushResult> {
  await client.query('BEGIN');
  try {
    const r = await pushInside(client, reg, txs);
    if (hit('sync-sent')) crash();
    await client.query('COMMIT');
    if (hit('sync-committed')) crash();
    return r;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

async function pushInside(client: Client, reg: RegisterId, txs: readonly JournalEvent[][]): Promise<PushResult> {
  // 1. The register's row (first in the lock order).
  await client.query('INSERT INTO registers (register_id, journal_id) VALUES ($1, $2) ON CONFLICT (register_id) DO NOTHING', [reg.register, reg.journalId]);
  const head = await client.query<{ journal_id: string; last_seq: string; last_hash: string }>('SELECT journal_id, last_seq, last_hash FROM registers WHERE register_id = $1 FOR UPDATE', [reg.register]);
  const row = head.rows[0];
  if (row.journal_id !== reg.journalId) throw registerTaken(reg);
  let lastSeq = Number(row.last_seq);
  let lastHash = row.last_hash;
  const events = txs.flat().filter((e) => e.seq > lastSeq);
  if (events.length === 0) return { inserted: 0, duplicates: txs.flat().length, lastSeq, alerts: [] };
  if (events[0].seq !== lastSeq + 1 || events[0].prev !== lastHash)
    throw new TillError(
      'SYNC_CHAIN_MISMATCH',
      `The journal of register "${reg.register}" does not continue what the chain holds for it (the chain has event ${lastSeq}; this journal's event ${events[0].seq} does not follow it). Was the data folder replaced? Nothing was sent (docs/chain.md, "A register that joins later").`,
      { register: reg.register, acked: lastSeq, next: events[0].seq },
    );
  const alertFrom = await client.query<{ id: string }>("SELECT coalesce(max(id), 0) AS id FROM chain_alerts");

  // 2. Gift-card rows by code, 3. points rows by (customer, program): locked in that order.
  const codes = [...new Set(events.flatMap(codesOf))].sort();
  const cards: Record<string, GiftCard> = Object.create(null);
  if (codes.length) {
    const got = await client.query<{ code: string; card: GiftCard; balance: string }>('SELECT code, card, balance FROM gift_cards WHERE code = ANY($1) ORDER BY code FOR UPDATE', [codes]);
    for (const c of got.rows) cards[c.code] = { ...c.card, balance: Number(c.balance), history: [] };
  }
  const known = new Set(Object.keys(cards));
  const points = new Map(events.map((ev) => [ev, ledgerPointsMovements(ev)]));
  const keys = [...new Set([...points.values()].flat().map((m) => `${m.customerId}\u0000${m.programId}`))].sort();
  if (keys.length) {
    const split = keys.map((k) => k.split('\u0000'));
    await client.query(
      'INSERT INTO points_accounts (customer_id, program_id) SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING',
      [split.map((s) => s[0]), split.map((s) => s[1])],
    );
    await client.query('SELECT 1 FROM points_accounts WHERE (customer_id, program_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY customer_id, program_id FOR UPDATE', [
      split.map((s) => s[0]),
      split.map((s) => s[1]),
    ]);
  }

  // 4. The events, one statement for the batch; the ones the database already holds (a resend) come
  // back missing from RETURNING and move nothing.
  const ins = await client.query<{ id: string }>(
    `INSERT INTO events (id, register_id, seq, tx, type, at, operator, data, hash)
     SELECT (e->>'id')::uuid, $1, (e->>'seq')::bigint, e->>'tx', e->>'type', (e->>'at')::timestamptz, e->>'operator', e->'data', e->>'hash'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [reg.register, JSON.stringify(events.map((ev) => ({ id: ev.id, seq: ev.seq, tx: ev.tx, type: ev.type, at: ev.at, operator: ev.operator, data: ev.data ?? null, hash: ev.hash })))],
  );
  const fresh = new Set(ins.rows.map((r) => r.id.toLowerCase()));
  const last = events[events.length - 1];
  lastSeq = last.seq;
  lastHash = last.hash;

  // 5. What the new events mean, folded in journal order, then written a statement per table: new
  // cards first (at zero; their first movement loads them), then the movements in order (the
  // database's fold and its overspend alerts follow insertion order), hold postings, card states.
  const slice: GiftCardSlice = { cards };
  const rows: Rows = { cards: [], gift: [], points: [], posted: [], sales: [] };
  const touched = new Set<string>();
  // A register seeded from the chain (`till sync join`) starts its journal with the balances the
  // database already holds: that transaction is recorded as events, and moves nothing (hq-join.ts).
  const seeded = new Set(txs.filter((tx) => tx.some((e) => e.type === CHAIN_JOINED)).flatMap((tx) => tx.map((e) => e.id)));
  let inserted = 0;
  let duplicates = txs.flat().length - events.length;
  for (const ev of events) {
    if (!fresh.has(ev.id.toLowerCase())) {
      duplicates++;
      continue;
    }
    inserted++;
    if (seeded.has(ev.id)) continue;
    giftCardMovements(reg, ev, slice, known, touched, rows);
    for (const m of points.get(ev) ?? []) rows.points.push({ event_id: ev.id, customer_id: m.customerId, program_id: m.programId, kind: m.kind, delta: m.delta, at: ev.at });
    const saleId = saleOf(ev)?.saleId;
    if (saleId) {
      rows.sales.push(saleId);
      for (const code of redemptionsOf(ev).keys()) rows.posted.push({ sale_id: saleId, code });
    }
  }
  if (rows.cards.length)
    await client.query(
      `INSERT INTO gift_cards (code, currency, state, balance, card)
       SELECT c->>'code', c->>'currency', c->>'state', 0, c->'card' FROM jsonb_array_elements($1::jsonb) AS t(c)`,
      [JSON.stringify(rows.cards)],
    );
  if (rows.gift.length)
    await client.query(
      `INSERT INTO gift_card_movements (event_id, code, kind, amount, register_id, at)
       SELECT (m->>'event_id')::uuid, m->>'code', m->>'kind', (m->>'amount')::bigint, $1, (m->>'at')::timestamptz
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(m, ord) ORDER BY ord`,
      [reg.register, JSON.stringify(rows.gift)],
    );
  if (rows.points.length)
    await client.query(
      `INSERT INTO points_movements (event_id, customer_id, program_id, kind, delta, register_id, at)
       SELECT (m->>'event_id')::uuid, m->>'customer_id', m->>'program_id', m->>'kind', (m->>'delta')::bigint, $1, (m->>'at')::timestamptz
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(m, ord) ORDER BY ord`,
      [reg.register, JSON.stringify(rows.points)],
    );
  if (rows.posted.length)
    await client.query(
      `UPDATE gift_card_holds h SET state = 'posted', settled_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS p(sale_id text, code text)
        WHERE h.sale_id = p.sale_id AND h.code = p.code AND h.state = 'pending'`,
      [JSON.stringify(rows.posted)],
    );
  // A sale in the ledger takes nothing more: a hold of it still pending is one the sale did not use
  // (its answer was lost to a timeout, the register went on offline and took the card off or paid
  // otherwise). Released now, instead of keeping the card's money from other registers until it lapses.
  if (rows.sales.length)
    await client.query("UPDATE gift_card_holds SET state = 'released', settled_at = now() WHERE sale_id = ANY($1::text[]) AND state = 'pending'", [rows.sales]);
  if (touched.size)
    await client.query(
      `UPDATE gift_cards g SET card = u.card, state = u.state FROM jsonb_to_recordset($1::jsonb) AS u(code text, card jsonb, state text) WHERE g.code = u.code`,
      [
        JSON.stringify(
          [...touched].map((code) => {
            const { history: _h, balance: _b, ...card } = cards[code];
            return { code, card, state: card.state };
          }),
        ),
      ],
    );
  await reattributeAlerts(client, reg, alertFrom.rows[0].id);
  await client.query('UPDATE registers SET last_seq = $2, last_hash = $3, last_push_at = now() WHERE register_id = $1', [reg.register, lastSeq, lastHash]);
  const alerts = await client.query<{ kind: Alert['kind']; subject: string; shortfall: string; balance_after: string; at: Date }>(
    'SELECT kind, subject, shortfall, balance_after, at FROM chain_alerts WHERE id > $1 AND register_id = $2 ORDER BY id',
    [alertFrom.rows[0].id, reg.register],
  );
  return {
    inserted,
    duplicates,
    lastSeq,
    alerts: alerts.rows.map((a) => ({ kind: a.kind, subject: a.subject, shortfall: Number(a.shortfall), balanceAfter: Number(a.balance_after), at: new Date(a.at).toISOString() })),
  };
}

/**
 * An overspend is found on the movement that takes the balance below zero. When that movement is a
 * sale this push sent *with a hold* (taken online, so the chain had the money when it was asked), the
 * money was spent by another register's redemption that had none — an offline one that reached the
 * ledger first. Such alerts of this push go to that register (the latest unheld redemption of the
 * card or points account by another register), which tells its manager at its next push; the
 * register whose movement crossed zero stays in `moved_by`. An alert with no such redemption stays.
 */
async function reattributeAlerts(client: Client, reg: RegisterId, after: string): Promise<void> {
  await client.query(
    `WITH mine AS (
       SELECT a.id, a.kind, a.subject, e.data #>> '{sale,saleId}' AS sale FROM chain_alerts a JOIN events e ON e.id = a.event_id
        WHERE a.id > $1 AND a.register_id = $2),
     held AS (
       SELECT m.* FROM mine m
        WHERE m.sale IS NOT NULL AND (
          (m.kind = 'giftcard.overspent' AND EXISTS (SELECT 1 FROM gift_card_holds h WHERE h.sale_id = m.sale AND h.code = m.subject AND h.state = 'posted'))
          OR (m.kind = 'points.overspent' AND EXISTS (SELECT 1 FROM points_holds h WHERE h.sale_id = m.sale AND h.customer_id || '/' || h.program_id = m.subject AND h.state = 'posted')))),
     culprit AS (
       SELECT h.id, CASE WHEN h.kind = 'giftcard.overspent' THEN
           (SELECT mv.register_id FROM gift_card_movements mv JOIN events e ON e.id = mv.event_id
             WHERE mv.code = h.subject AND mv.amount < 0 AND mv.register_id <> $2
               AND NOT EXISTS (SELECT 1 FROM gift_card_holds x WHERE x.sale_id = e.data #>> '{sale,saleId}' AND x.code = mv.code AND x.state = 'posted')
             ORDER BY mv.id DESC LIMIT 1)
         ELSE
           (SELECT mv.register_id FROM points_movements mv JOIN events e ON e.id = mv.event_id
             WHERE mv.customer_id || '/' || mv.program_id = h.subject AND mv.delta < 0 AND mv.kind = 'spend' AND mv.register_id <> $2
               AND NOT EXISTS (SELECT 1 FROM points_holds x WHERE x.sale_id = e.data #>> '{sale,saleId}' AND x.customer_id = mv.customer_id AND x.program_id = mv.program_id AND x.state = 'posted')
             ORDER BY mv.id DESC LIMIT 1)
         END AS register_id
         FROM held h)
     UPDATE chain_alerts a SET moved_by = a.register_id, register_id = c.register_id
       FROM culprit c WHERE a.id = c.id AND c.register_id IS NOT NULL`,
    [after, reg.register],
  );
}

/** Rows a batch writes, in journal order (jsonb_array_elements keeps it). */
interface Rows {
  cards: { code: string; currency: string; state: string; card: Omit<GiftCard, 'history' | 'balance'> }[];
  gift: { event_id: string; code: string; kind: string; amount: number; at: string }[];
  points: { event_id: string; customer_id: string; program_id: string; kind: string; delta: number; at: string }[];
  posted: { sale_id: string; code: string }[];
  /** Every sale of the batch (its holds are settled: posted when redeemed, released otherwise). */
  sales: string[];
}

/** Folds one event into the locked cards and collects the rows of the cards it issues and the movements the fold recorded. */
function giftCardMovements(reg: RegisterId, ev: JournalEvent, slice: GiftCardSlice, known: Set<string>, touched: Set<string>, rows: Rows): void {
  const codes = codesOf(ev);
  if (codes.length === 0) return;
  const before = new Map(codes.map((c) => [c, slice.cards[c]?.history.length ?? 0]));
  const origin = { seq: ev.seq, at: ev.at, operator: ev.operator, register: ev.register, tx: ev.tx };
  const sale = saleOf(ev);
  if (sale) {
    const ext = sale.extensions?.giftcards as SaleGiftCards | undefined;
    if (ext && typeof ext === 'object')
      applySaleGiftCards(slice, ext, { saleId: sale.saleId ?? '', receiptNo: sale.receiptNo ?? '', currency: typeof sale.currency === 'string' && sale.currency ? sale.currency : reg.currency }, origin);
  } else applyGiftCardEvent(slice, ev.type, ev.data, origin);
  for (const code of new Set(codes)) {
    const card = slice.cards[code];
    if (!card) continue;
    if (!known.has(code)) {
      // Issued by this event: the row starts at zero and its first movement (issued/activated) loads it.
      const { history: _h, balance: _b, ...rest } = card;
      rows.cards.push({ code, currency: card.currency, state: card.state, card: rest });
      known.add(code);
    }
    touched.add(code);
    for (const h of card.history.slice(before.get(code) ?? 0)) rows.gift.push({ event_id: ev.id, code, kind: h.kind, amount: h.amount, at: ev.at });
  }
}
