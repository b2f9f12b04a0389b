/**
 * What head office shares, as items (kind, key, body), and what a pulled item means to a register:
 * the journal events it already knows (catalog.upserted/removed, customer.created/updated/regraded,
 * card.blocked/unblocked, loyalty.program.upserted, loyalty.tiers.set). The journal stays the truth
 * of the register; an item is applied by diffing it against the register's own state, so applying
 * it twice changes nothing (docs/chain.md, "Head office").
 *
 * Shared configuration keys are the shop's rules — the same at every register; per-register keys
 * are the register's own machine (register.id, hardware, printer, display, scanner, storage, chain,
 * language and receipt width, which follow the register's printer and cashier).
 */
import { createHash } from 'node:crypto';
import type { Product } from '../domain/catalog.js';
import type { TillConfig } from '../domain/config.js';
import type { Customer, LoyaltyAccount, LoyaltyProgram, TierLadder } from '../domain/loyalty/types.js';
import { EV } from '../domain/loyalty/events.js';
import { eachEntry, peekOwn } from '../store/compact/record.js';
import { getOwn } from '../store/projections/own.js';
import { CATALOG_REMOVED, CATALOG_UPSERTED } from '../store/projections/catalog.js';
import { loyaltyOf } from '../store/projections/loyalty.js';
import type { EventDraft, StoreState } from '../store/types.js';

export type HqKind = 'product' | 'customer' | 'program' | 'tiers' | 'config';

export interface HqItem {
  kind: HqKind;
  key: string;
  /** null: removed at head office. */
  body: unknown;
}

/** Configuration keys head office decides for every register ("a.b" = member b of a). */
export const SHARED_CONFIG_KEYS = [
  'store',
  'locale',
  'tax',
  'cash',
  'receipt.header',
  'receipt.footer',
  'codes',
  'giftCards',
  'plausibility',
  'scale',
  'quickKeys',
  'loyalty',
  'catalog',
  'returns',
  'shift',
  'signIn',
  'approvals',
] as const;

/** JSON with object keys in order: equal bodies give equal digests whatever order they were built in. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

export const digestOf = (body: unknown): string => createHash('sha256').update(canonical(body)).digest('base64url').slice(0, 22);

function configValue(config: TillConfig, key: string): unknown {
  let v: unknown = config;
  for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v ?? null;
}

const customerOf = (a: LoyaltyAccount): Customer => {
  const c: Customer = { id: a.id, name: a.name, phone: a.phone, tier: a.tier, card: a.card, blocked: a.blocked, created: a.created };
  if (a.email !== undefined) c.email = a.email;
  return c;
};

/** Everything head office's store shares, item by item (its catalog, customers, programs, ladder, shared config). */
export function* itemsOfStore(state: StoreState, config: TillConfig): IterableIterator<HqItem> {
  const products: HqItem[] = [];
  eachEntry(state.catalog.products, (sku, p) => products.push({ kind: 'product', key: sku, body: { ...p } }));
  yield* products;
  const loyalty = loyaltyOf(state);
  const customers: HqItem[] = [];
  eachEntry(loyalty.customers, (id, a) => customers.push({ kind: 'customer', key: id, body: customerOf(a) }));
  yield* customers;
  for (const [id, p] of Object.entries(loyalty.programs)) yield { kind: 'program', key: id, body: p };
  yield { kind: 'tiers', key: 'ladder', body: loyalty.ladder ?? null };
  for (const key of SHARED_CONFIG_KEYS) yield { kind: 'config', key, body: configValue(config, key) };
}

/** Config keys set to the pulled value: a copy of `config` with them, and the keys that changed. */
export function mergeConfig(config: TillConfig, items: readonly HqItem[]): { config: TillConfig; changed: Record<string, unknown> } {
  const next = JSON.parse(JSON.stringify(config)) as TillConfig;
  const changed: Record<string, unknown> = {};
  for (const it of items) {
    if (it.kind !== 'config' || it.body === null || !(SHARED_CONFIG_KEYS as readonly string[]).includes(it.key)) continue;
    if (canonical(configValue(next, it.key)) === canonical(it.body)) continue;
    const parts = it.key.split('.');
    let o = next as unknown as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) o = o[p] as Record<string, unknown>;
    o[parts[parts.length - 1]] = it.body;
    changed[it.key] = it.body;
  }
  return { config: next, changed };
}

const isProduct = (b: unknown): b is Product =>
  !!b && typeof b === 'object' && typeof (b as Product).sku === 'string' && Number.isSafeInteger((b as Product).price) && Array.isArray((b as Product).barcodes);
const isCustomer = (b: unknown): b is Customer => !!b && typeof b === 'object' && typeof (b as Customer).id === 'string' && typeof (b as Customer).name === 'string';
const isProgram = (b: unknown): b is LoyaltyProgram => !!b && typeof b === 'object' && typeof (b as LoyaltyProgram).id === 'string';

export interface ItemEvents {
  events: EventDraft[];
  /** Items this register could not take (malformed bodies): counted, never applied. */
  skipped: number;
}

/**
 * The journal events that bring the register's state to the pulled items (none for an item it
 * already has as it is). Products are upserted in chunks as `till import` writes them.
 */
export function eventsForItems(state: StoreState, items: readonly HqItem[]): ItemEvents {
  const events: EventDraft[] = [];
  let skipped = 0;
  const upserts: Product[] = [];
  const removals: string[] = [];
  const loyalty = loyaltyOf(state);
  for (const it of items) {
    if (it.kind === 'product') {
      const have = peekOwn(state.catalog.products, it.key);
      if (it.body === null) {
        if (have !== undefined) removals.push(it.key);
      } else if (!isProduct(it.body) || it.body.sku !== it.key) skipped++;
      else if (have === undefined || canonical(have) !== canonical(it.body)) upserts.push(it.body);
    } else if (it.kind === 'customer') {
      // A customer is never deleted from a journal: one removed at head office stays where it is.
      if (it.body === null) continue;
      if (!isCustomer(it.body) || it.body.id !== it.key) {
        skipped++;
        continue;
      }
      events.push(...customerEvents(peekOwn(loyalty.customers, it.key), it.body));
    } else if (it.kind === 'program') {
      if (it.body === null) continue;
      if (!isProgram(it.body) || it.body.id !== it.key) skipped++;
      else if (canonical(getOwn(loyalty.programs, it.key) ?? null) !== canonical(it.body)) events.push({ type: EV.programUpserted, data: { program: it.body } });
    } else if (it.kind === 'tiers') {
      const ladder = it.body as TierLadder | null;
      if (ladder !== null && !Array.isArray((ladder as TierLadder)?.tiers)) skipped++;
      else if (canonical(loyalty.ladder ?? null) !== canonical(ladder)) events.push({ type: EV.tiersSet, data: { ladder } });
    }
  }
  for (let i = 0; i < upserts.length; i += 1000) events.push({ type: CATALOG_UPSERTED, data: { products: upserts.slice(i, i + 1000) } });
  if (removals.length) events.push({ type: CATALOG_REMOVED, data: { skus: removals } });
  return { events, skipped };
}

/** The events that make the register's account of a customer what head office says (identity, tier, block). */
export function customerEvents(have: LoyaltyAccount | undefined, c: Customer): EventDraft[] {
  if (!have) return [{ type: EV.customerCreated, data: { customer: c } }];
  const out: EventDraft[] = [];
  const changes: Record<string, string> = {};
  if (have.name !== c.name) changes.name = c.name;
  if (have.phone !== c.phone) changes.phone = c.phone;
  if ((have.email ?? '') !== (c.email ?? '')) changes.email = c.email ?? '';
  if (Object.keys(changes).length) out.push({ type: EV.customerUpdated, data: { customerId: c.id, changes } });
  if ((have.tier ?? null) !== (c.tier ?? null)) out.push({ type: EV.customerRegraded, data: { customerId: c.id, from: have.tier ?? null, to: c.tier ?? null, reason: 'head office', auto: false } });
  if (have.blocked !== c.blocked) out.push({ type: c.blocked ? EV.cardBlocked : EV.cardUnblocked, data: { customerId: c.id, reason: 'head office' } });
  return out;
}
