/**
 * The crash test's store: a catalog, a loyalty program with a cashback reward and a tier ladder,
 * customers with opening points, active gift cards (some loaded, one partly spent) and pending stock
 * cards to sell. Everything goes in through the store API (`initStore` with seed events); the returned
 * `Seed` is the test's own record of what it put in, the starting point of its independent sums.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { ean13, type Product } from '../../src/domain/catalog.js';
import { generateCode, planIssue } from '../../src/domain/giftcard/index.js';
import { cardNumberFor } from '../../src/domain/loyalty/card.js';
import { newCustomerId } from '../../src/domain/loyalty/customer.js';
import type { Customer, LoyaltyProgram, TierLadder } from '../../src/domain/loyalty/types.js';
import { writeConfig } from '../../src/store/config-file.js';
import { initStore } from '../../src/store/open.js';
import type { EventDraft } from '../../src/store/types.js';

export const PRODUCTS: Product[] = Array.from({ length: 12 }, (_, i) => ({
  sku: `SKU${i + 1}`,
  barcodes: [ean13(`20000000${String(i + 1).padStart(4, '0')}`)],
  name: `Crash item ${i + 1}`,
  price: 100 + 37 * i,
  category: 'test',
  taxClass: 'standard',
}));

export const PROGRAM_ID = 'crash-points';
export const REWARD_ID = 'cashback';

/** 1 point per 1.00 spent; a point pays 0.10, at most half of a sale. Lots expire after a year. */
export const PROGRAM: LoyaltyProgram = {
  id: PROGRAM_ID,
  name: 'Crash points',
  active: true,
  decimals: 0,
  step: 1,
  expiryDays: 365,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: REWARD_ID, kind: 'cashback', name: 'Pay with points', cost: 1, value: { amount: 10, points: 1 }, maxSharePpm: 500_000 }],
};

/** Low thresholds so customers are promoted during a run (a promotion is folded from the sale). */
export const LADDER: TierLadder = {
  basis: 'spend',
  demotion: false,
  tiers: [
    { id: 'standard', name: 'Standard', threshold: 0 },
    { id: 'silver', name: 'Silver', threshold: 3_000, discountPpm: 50_000 },
    { id: 'gold', name: 'Gold', threshold: 10_000, discountPpm: 100_000, earnMultiplierPpm: 1_500_000 },
  ],
};

/** Names share the word the after-restart check searches for. */
export const CUSTOMER_WORD = 'Crashtest';

export interface SeedCustomer {
  id: string;
  card: string;
  opening: number;
}

export interface SeedCard {
  code: string;
  /** Issued value + loads - redemptions, as seeded. */
  opening: number;
}

export interface Seed {
  customers: SeedCustomer[];
  cards: SeedCard[];
  /** Pending stock cards, sold at the till by scan + value. */
  stock: string[];
}

// [face value, loaded, redeemed] of the active cards; the first ones are spent down first.
const CARDS: [number, number, number][] = [
  [800, 0, 0],
  [1_200, 300, 0],
  [1_500, 0, 400],
  [2_000, 500, 0],
  [600, 0, 0],
  [3_000, 0, 0],
  [5_000, 1_000, 2_500],
  [900, 0, 0],
];
const OPENING_POINTS = [0, 15, 40, 120, 300, 8];
const STOCK_CARDS = 40;

const newCode = (): string => generateCode(randomBytes(12));

export function crashConfig(): TillConfig {
  return {
    ...DEFAULT_CONFIG,
    // Stock cards are sold by scanning them; giftcard_sell (a new code) works in this mode too.
    giftCards: { ...DEFAULT_CONFIG.giftCards, sellMode: 'scan-set-amount' },
    storage: { checkpointEvery: 3, segmentBytes: 16 * 1024 },
  };
}

/** A data folder with a configuration (frequent snapshots, small segments) and the seeded store. */
export async function prepareStore(dataDir: string): Promise<Seed> {
  const config = crashConfig();
  writeConfig(dataDir, config);
  const today = new Date().toISOString().slice(0, 10);
  const events: EventDraft[] = [
    { type: 'catalog.upserted', data: { products: PRODUCTS } },
    { type: 'loyalty.program.upserted', data: { program: PROGRAM } },
    { type: 'loyalty.tiers.set', data: { ladder: LADDER } },
  ];
  const seed: Seed = { customers: [], cards: [], stock: [] };
  OPENING_POINTS.forEach((points, i) => {
    const card = cardNumberFor(config.codes.loyaltyPrefix, i + 1);
    const customer: Customer = {
      id: newCustomerId(randomBytes(7)),
      name: `${CUSTOMER_WORD} Customer ${i + 1}`,
      phone: `+1 555 01${String(i + 10)}`,
      tier: 'standard',
      card,
      blocked: false,
      created: `${today}T08:00:00.000Z`,
    };
    events.push({ type: 'customer.created', data: { customer, cardSerial: i + 1 } });
    if (points) events.push({ type: 'points.adjusted', data: { customerId: customer.id, programId: PROGRAM_ID, points, day: today, reason: 'crash test: opening balance' } });
    seed.customers.push({ id: customer.id, card, opening: points });
  });
  const issue = (code: string, faceValue: number, pending: boolean): EventDraft[] => {
    const r = planIssue(undefined, { code, currency: config.currency, faceValue, pending, today });
    if (!r.ok) throw new Error(`crash seed gift card: ${r.error.code}`);
    return r.value;
  };
  for (const [face, loaded, redeemed] of CARDS) {
    const code = newCode();
    events.push(...issue(code, face, false));
    if (loaded) events.push({ type: 'giftcard.loaded', data: { code, amount: loaded } });
    if (redeemed) events.push({ type: 'giftcard.redeemed', data: { code, amount: redeemed } });
    seed.cards.push({ code, opening: face + loaded - redeemed });
  }
  for (let i = 0; i < STOCK_CARDS; i++) {
    const code = newCode();
    events.push(...issue(code, 0, true));
    seed.stock.push(code);
  }
  const store = await initStore(dataDir, { currency: config.currency, register: config.register.id, operator: config.operators[0].id }, events);
  await store.close();
  return seed;
}
