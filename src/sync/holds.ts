/**
 * Gift-card holds in the chain database (docs/chain.md, "Holds"): a redemption is first a pending
 * hold, taken by `till_hold_gift_card` under the card's row lock, so two registers racing on one
 * card cannot both spend it; it is posted when the sale is replicated (ledger.ts) and released
 * when the sale is voided. A hold the database refuses is a cashier message with a code. Points holds
 * (schema-points-holds.ts) follow the same contract per customer and program.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';

export interface HoldRequest {
  register: string;
  saleId: string;
  code: string;
  /** Minor units, > 0: everything this sale takes from the card (a second hold of the sale replaces the first). */
  amount: number;
  seconds: number;
}

export type HoldResult = { ok: true; holdId: string; availableAfter: number } | { ok: false; error: TillError; available?: number };

const masked = (code: string) => `****${code.slice(-4)}`;

/** Takes (or replaces) this sale's hold on the card. Database trouble is thrown as a chain error by the caller's mapping. */
export async function holdGiftCard(client: Client, r: HoldRequest): Promise<HoldResult> {
  const id = randomUUID();
  try {
    const res = await client.query<{ left: string }>('SELECT till_hold_gift_card($1, $2, $3, $4, $5, $6) AS left', [id, r.code, r.register, r.saleId, r.amount, r.seconds]);
    return { ok: true, holdId: id, availableAfter: Number(res.rows[0].left) };
  } catch (e) {
    const err = e as { code?: string; detail?: string };
    if (err.code === 'TL001') {
      const available = Number(err.detail ?? 0);
      return { ok: false, available, error: new TillError('INSUFFICIENT_BALANCE', `Gift card ${masked(r.code)} has ${available} (minor units) left across the chain; other registers hold the rest.`, { available }) };
    }
    if (err.code === 'TL002') return { ok: false, error: new TillError('GIFT_CARD_UNKNOWN', `Gift card ${masked(r.code)} is not known to the chain.`) };
    if (err.code === 'TL003') return { ok: false, error: new TillError('GIFT_CARD_NOT_ACTIVE', `Gift card ${masked(r.code)} is ${err.detail ?? 'not active'} in the chain.`, { card: masked(r.code), state: err.detail ?? '' }) };
    throw e;
  }
}

/** Releases the pending holds (gift cards and points) of a voided sale; returns how many. */
export async function releaseHolds(client: Client, saleId: string): Promise<number> {
  const r = await client.query(
    "WITH g AS (UPDATE gift_card_holds SET state = 'released', settled_at = now() WHERE sale_id = $1 AND state = 'pending' RETURNING 1), p AS (UPDATE points_holds SET state = 'released', settled_at = now() WHERE sale_id = $1 AND state = 'pending' RETURNING 1) SELECT (SELECT count(*) FROM g) + (SELECT count(*) FROM p) AS n",
    [saleId],
  );
  return Number((r.rows[0] as { n: string }).n);
}

/**
 * Lowers what a sale holds on one card (a tender removed or made smaller): to `amount`, or released
 * at 0. Lowering needs no balance check, so it never refuses; a hold already posted is left alone.
 */
export async function lowerGiftCardHold(client: Client, saleId: string, code: string, amount: number): Promise<void> {
  if (amount > 0) await client.query("UPDATE gift_card_holds SET amount = $3 WHERE sale_id = $1 AND code = $2 AND state = 'pending' AND amount > $3", [saleId, code, amount]);
  else await client.query("UPDATE gift_card_holds SET state = 'released', settled_at = now() WHERE sale_id = $1 AND code = $2 AND state = 'pending'", [saleId, code]);
}

export interface PointsHoldRequest {
  register: string;
  saleId: string;
  customerId: string;
  programId: string;
  /** Program units, > 0: everything this sale spends of the program (a second hold of the sale replaces the first). */
  points: number;
  seconds: number;
}

export type PointsHoldResult = { ok: true; holdId: string; availableAfter: number } | { ok: false; error: TillError; available?: number };

/** Takes (or replaces) this sale's hold on a customer's points in one program (schema-points-holds.ts). */
export async function holdPoints(client: Client, r: PointsHoldRequest): Promise<PointsHoldResult> {
  const id = randomUUID();
  try {
    const res = await client.query<{ left: string }>('SELECT till_hold_points($1, $2, $3, $4, $5, $6, $7) AS left', [id, r.customerId, r.programId, r.register, r.saleId, r.points, r.seconds]);
    return { ok: true, holdId: id, availableAfter: Number(res.rows[0].left) };
  } catch (e) {
    const err = e as { code?: string; detail?: string };
    if (err.code === 'TL001') {
      const available = Number(err.detail ?? 0);
      return { ok: false, available, error: new TillError('INSUFFICIENT_POINTS', `The customer has ${available} (program units) left across the chain; other registers hold the rest.`, { available }) };
    }
    if (err.code === 'TL004') return { ok: false, available: 0, error: new TillError('POINTS_UNKNOWN', 'The chain has no points for this customer in this program yet.') };
    throw e;
  }
}

/** Lowers what a sale holds of a customer's points in one program (a reward removed): to `points`, or released at 0. */
export async function lowerPointsHold(client: Client, saleId: string, customerId: string, programId: string, points: number): Promise<void> {
  if (points > 0)
    await client.query("UPDATE points_holds SET points = $4 WHERE sale_id = $1 AND customer_id = $2 AND program_id = $3 AND state = 'pending' AND points > $4", [saleId, customerId, programId, points]);
  else await client.query("UPDATE points_holds SET state = 'released', settled_at = now() WHERE sale_id = $1 AND customer_id = $2 AND program_id = $3 AND state = 'pending'", [saleId, customerId, programId]);
}

/** What a customer can still spend of a program across the chain: the balance minus other sales' pending, unexpired holds. */
export async function availablePoints(client: Client, customerId: string, programId: string): Promise<number | null> {
  const r = await client.query<{ a: string }>(
    "SELECT a.balance - coalesce((SELECT sum(points) FROM points_holds h WHERE h.customer_id = a.customer_id AND h.program_id = a.program_id AND h.state = 'pending' AND h.expires_at > now()), 0) AS a FROM points_accounts a WHERE a.customer_id = $1 AND a.program_id = $2",
    [customerId, programId],
  );
  return r.rows[0] ? Number(r.rows[0].a) : null;
}

/** What a card can still pay across the chain: its balance minus other sales' pending, unexpired holds. */
export async function availableOnCard(client: Client, code: string): Promise<number | null> {
  const r = await client.query<{ a: string }>(
    "SELECT c.balance - coalesce((SELECT sum(amount) FROM gift_card_holds h WHERE h.code = c.code AND h.state = 'pending' AND h.expires_at > now()), 0) AS a FROM gift_cards c WHERE c.code = $1",
    [code],
  );
  return r.rows[0] ? Number(r.rows[0].a) : null;
}
