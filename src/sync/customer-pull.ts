/**
 * Customers created or changed at other registers, pulled into a running register (docs/chain.md,
 * "Customers from other registers"). They become journal events, as head office's items do
 * (hq-pull.ts): the journal must know a customer to fold the sales it makes for them (spend, tier,
 * points), the card must be found after a restart without the database, and `till journal verify`
 * proves what the register knew. What the register *did* stays told apart: the events come in one
 * transaction with a `chain.customers.pulled` event naming how far each other register's journal was
 * read, under a transaction id made of those positions (`chain-customers:`), and the pull itself
 * never reads such transactions back (nor head office's pulls, nor a join's seed), so nothing echoes
 * between registers.
 *
 * Contract:
 * - Per other ledger id, events after the position read last, up to that register's acknowledged
 *   position in the same snapshot (a register's events reach the ledger in journal order, so nothing
 *   can appear below a position once it was read). The positions live in `DATA/chain-view.json`; lost,
 *   the pull reads from the start again and writes nothing it already has (slower, never different).
 * - The events of a pull are folded per customer into what the chain says now (created, name, phone,
 *   email, blocked, tier — a tier from `customer.regraded` or a sale's promotion), then compared with
 *   the register's state: only differences are written, so a pull twice writes nothing and a customer
 *   is never created twice.
 * - Customers head office publishes are head office's (hq_items): they arrive by its pull, not here.
 */
import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { EV, type CustomerCreatedData, type CustomerUpdatedData } from '../domain/loyalty/events.js';
import type { Customer } from '../domain/loyalty/types.js';
import { accountByCard, accountById, loyaltyOf } from '../store/projections/loyalty.js';
import type { CommitRequest, CommitResult, EventDraft, StoreState } from '../store/types.js';

export const CHAIN_CUSTOMERS_PULLED = 'chain.customers.pulled';
export const CUSTOMERS_TX_PREFIX = 'chain-customers:';

const TYPES = [EV.customerCreated, EV.customerUpdated, EV.cardBlocked, EV.cardUnblocked, EV.customerRegraded];

interface Target {
  created?: Customer;
  cardSerial?: number;
  name?: string;
  phone?: string;
  email?: string;
  blocked?: boolean;
  tier?: { to: string | null; from: string };
}

export interface CustomerPullResult {
  events: number;
  /** Card numbers that another customer of this register already has (both kept; logged). */
  clashes: string[];
  positions: Record<string, number>;
}

export async function pullCustomers(
  client: Client,
  o: { register: string; state: () => StoreState; commit(req: CommitRequest): Promise<CommitResult>; positions: Record<string, number>; countryCode?: string },
): Promise<CustomerPullResult> {
  const r = await client.query<{ reg: string; last: string; seq: string | null; type: string | null; data: Record<string, unknown> | null; received: string | null }>(
    `SELECT r.register_id AS reg, r.last_seq::text AS last, e.seq::text AS seq, e.type, e.data, e.received_at::text AS received
       FROM registers r
       LEFT JOIN LATERAL (
         SELECT ev.seq, ev.type, ev.data, ev.received_at FROM events ev
          WHERE ev.register_id = r.register_id AND ev.seq > coalesce(($2::jsonb ->> r.register_id)::bigint, 0) AND ev.seq <= r.last_seq
            AND (ev.type = ANY($3) OR (ev.type = 'sale.committed' AND ev.data @> '{"sale":{"extensions":{"loyalty":{"promoted":true}}}}'))
            AND ev.tx NOT LIKE 'chain-customers:%' AND ev.tx NOT LIKE 'hq-pull:%'
            AND NOT EXISTS (SELECT 1 FROM events j WHERE j.tx = ev.tx AND j.register_id = ev.register_id AND j.type = 'chain.joined')
            AND NOT EXISTS (SELECT 1 FROM hq_items h WHERE h.kind = 'customer' AND h.key = coalesce(ev.data #>> '{customer,id}', ev.data ->> 'customerId', ev.data #>> '{sale,extensions,loyalty,customerId}'))
       ) e ON true
      WHERE r.register_id <> $1`,
    [o.register, JSON.stringify(o.positions), TYPES],
  );
  const positions = { ...o.positions };
  for (const row of r.rows) positions[row.reg] = Math.max(positions[row.reg] ?? 0, Number(row.last));
  const found = r.rows.filter((row) => row.type !== null && row.data !== null).sort((a, b) => (a.received! < b.received! ? -1 : a.received! > b.received! ? 1 : a.reg < b.reg ? -1 : a.reg > b.reg ? 1 : Number(a.seq) - Number(b.seq)));

  // What the chain says of each customer now, in the order the ledger received it.
  const targets = new Map<string, Target>();
  const from = new Map<string, string>();
  for (const row of found) {
    const d = row.data!;
    const id = row.type === EV.customerCreated ? (d.customer as Customer | undefined)?.id : row.type === 'sale.committed' ? ((d.sale as { extensions?: { loyalty?: { customerId?: string } } })?.extensions?.loyalty?.customerId) : (d.customerId as string | undefined);
    if (typeof id !== 'string') continue;
    const t = targets.get(id) ?? {};
    targets.set(id, t);
    from.set(id, row.reg);
    if (row.type === EV.customerCreated) {
      t.created ??= (d as unknown as CustomerCreatedData).customer;
      const serial = (d as unknown as CustomerCreatedData).cardSerial;
      if (Number.isSafeInteger(serial)) t.cardSerial = serial;
    } else if (row.type === EV.customerUpdated) {
      const c = (d as unknown as CustomerUpdatedData).changes ?? {};
      if (typeof c.name === 'string') t.name = c.name;
      if (typeof c.phone === 'string') t.phone = c.phone;
      if (typeof c.email === 'string') t.email = c.email;
    } else if (row.type === EV.cardBlocked) t.blocked = true;
    else if (row.type === EV.cardUnblocked) t.blocked = false;
    else if (row.type === EV.customerRegraded) {
      const to = d.to;
      if (typeof to === 'string' || to === null) t.tier = { to, from: `regraded at ${row.reg}` };
    } else {
      const after = (d.sale as { extensions?: { loyalty?: { tierAfter?: unknown } } })?.extensions?.loyalty?.tierAfter;
      if (typeof after === 'string') t.tier = { to: after, from: `promoted by a sale at ${row.reg}` };
    }
  }

  // Only what differs from this register's state is written.
  const state = o.state();
  const slice = loyaltyOf(state);
  const events: EventDraft[] = [];
  const clashes: string[] = [];
  for (const [id, t] of targets) {
    let have: Pick<Customer, 'name' | 'phone' | 'email' | 'blocked' | 'tier'> | undefined = accountById(slice, id);
    if (!have) {
      if (!t.created) continue; // changes to a customer this register does not know, and the chain gave no creation: nothing to apply to
      const card = t.created.card;
      const other = card ? accountByCard(slice, card, o.countryCode ?? '') : undefined;
      if (other && other.id !== id) clashes.push(card);
      events.push({ type: EV.customerCreated, data: { customer: t.created, ...(t.cardSerial !== undefined ? { cardSerial: t.cardSerial } : {}) } });
      have = t.created;
    }
    const changes: CustomerUpdatedData['changes'] = {};
    if (t.name !== undefined && t.name !== have.name) changes.name = t.name;
    if (t.phone !== undefined && t.phone !== have.phone) changes.phone = t.phone;
    if (t.email !== undefined && t.email !== (have.email ?? '')) changes.email = t.email;
    if (Object.keys(changes).length) events.push({ type: EV.customerUpdated, data: { customerId: id, changes } });
    if (t.blocked !== undefined && t.blocked !== have.blocked)
      events.push({ type: t.blocked ? EV.cardBlocked : EV.cardUnblocked, data: { customerId: id, reason: `${t.blocked ? 'blocked' : 'unblocked'} at register ${from.get(id)} (pulled from the chain)` } });
    if (t.tier && t.tier.to !== have.tier) events.push({ type: EV.customerRegraded, data: { customerId: id, from: have.tier, to: t.tier.to, reason: `${t.tier.from} (pulled from the chain)`, auto: false } });
  }
  if (events.length) {
    const id = `${CUSTOMERS_TX_PREFIX}${createHash('sha256').update(JSON.stringify(Object.entries(positions).sort())).digest('hex').slice(0, 32)}`;
    await o.commit({ id, events: [...events, { type: CHAIN_CUSTOMERS_PULLED, data: { positions } }] });
  }
  return { events: events.length, clashes, positions };
}
