/** Builders for loyalty tests: a USD store with 10% tax, cashback and coffee programs, a tier ladder. */
import { addProduct, emptyCart, priceCart, type Cart, type PricedCart } from '../../../src/domain/cart.js';
import type { Product } from '../../../src/domain/catalog.js';
import type { TaxSettings } from '../../../src/domain/tax.js';
import type { Customer, LoyaltyAccount, LoyaltyProgram, TierLadder } from '../../../src/domain/loyalty/types.js';
import { cardNumberFor } from '../../../src/domain/loyalty/card.js';
import type { JournalEvent } from '../../../src/store/types.js';

export const TAX_INCL: TaxSettings = { mode: 'inclusive', rounding: 'line', classes: { standard: 10, zero: 0, none: 0 } };
export const TAX_EXCL: TaxSettings = { mode: 'exclusive', rounding: 'line', classes: { standard: 10, zero: 0, none: 0 } };

export const prod = (sku: string, price: number, category = 'general', taxClass = 'standard'): Product => ({ sku, barcodes: [], name: `P ${sku}`, price, category, taxClass });

export const TV = prod('TV', 25000, 'electronics');
export const COFFEE = prod('COF', 400, 'coffee');
export const CAKE = prod('CAKE', 1000, 'bakery');

export function cartOf(...items: [Product, number][]): Cart {
  let c = emptyCart();
  for (const [p, q] of items) {
    const r = addProduct(c, p, q);
    if (!r.ok) throw r.error;
    c = r.value;
  }
  return c;
}

export const price = (c: Cart, tax = TAX_INCL): PricedCart => priceCart(c, tax);

/** 1% cashback: 0.01 points per 1.00, whole points, 1.00 per point. */
export const CASHBACK: LoyaltyProgram = {
  id: 'cb',
  name: 'Cashback',
  active: true,
  decimals: 0,
  step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 10000 } }],
  rewards: [{ id: 'cash', name: 'Cashback', kind: 'cashback', cost: 1, value: { amount: 100, points: 1 } }],
};

export const customer = (over: Partial<Customer> = {}): Customer => ({
  id: 'c1',
  name: 'Nguyễn Văn An',
  phone: '0912 345 678',
  tier: 'std',
  card: cardNumberFor('27', 1),
  blocked: false,
  created: '2025-01-01T00:00:00.000Z',
  ...over,
});

export const account = (over: Partial<LoyaltyAccount> = {}): LoyaltyAccount => ({
  ...customer(),
  points: {},
  lots: {},
  spend: 0,
  earned: {},
  months: '',
  purchases: 0,
  seqs: '',
  ...over,
});

export const LADDER: TierLadder = {
  basis: 'spend',
  demotion: false,
  tiers: [
    { id: 'std', name: 'Standard', threshold: 0 },
    { id: 'silver', name: 'Silver', threshold: 100000, discountPpm: 50000, earnMultiplierPpm: 2_000_000 },
    { id: 'gold', name: 'Gold', threshold: 500000, discountPpm: 100000, earnMultiplierPpm: 3_000_000 },
  ],
};

/** Journal envelope for folding drafts in tests. */
export function envelope(seq: number, type: string, data: unknown, at = '2025-03-01T10:00:00.000Z'): JournalEvent {
  return { seq, id: `e${seq}`, type, at, register: 'R1', operator: 'op1', tx: `t${seq}`, data, prev: '', hash: `h${seq}` };
}
