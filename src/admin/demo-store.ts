/**
 * The demo store: a small café-and-corner-shop catalog with real-looking EAN-13 barcodes and a
 * short three-digit code on every product so a person can type a "scan" by hand; a loyalty program
 * with tiers and three customers; gift cards to check, spend and sell. Card numbers and gift-card
 * codes are fixed (generated from fixed bytes) so the README can list them. The store exists in
 * every language of the register (`till demo --lang vi|zh|ru`, demo-locales.ts): English here.
 */
import { ean13 } from '../domain/catalog.js';
import type { Product } from '../domain/catalog.js';
import { DEFAULT_CONFIG, type TillConfig } from '../domain/config.js';
import type { EventDraft } from '../store/types.js';
import { cardNumberFor } from '../domain/loyalty/card.js';
import { newCustomerId } from '../domain/loyalty/customer.js';
import { addDays } from '../domain/loyalty/expiry.js';
import type { Customer, LoyaltyProgram, TierLadder } from '../domain/loyalty/types.js';
import { generateCode, planIssue } from '../domain/giftcard/index.js';
import { randomBytes } from 'node:crypto';
import { hashPin } from '../domain/operators/pin.js';
import { OPERATOR_ADDED } from '../domain/operators/types.js';
import { demoCounterProducts, demoQuickKeys } from './demo-counter.js';
import { DEMO_RU, DEMO_VI, DEMO_ZH, type DemoItem, type DemoLocale, type DemoMember } from './demo-locales.js';

// [short code, name, price in cents, category, tax class]
const ITEMS: DemoItem[] = [
  ['101', 'Espresso', 250, 'coffee', 'standard'],
  ['102', 'Cappuccino', 380, 'coffee', 'standard'],
  ['103', 'Latte', 420, 'coffee', 'standard'],
  ['104', 'Americano', 300, 'coffee', 'standard'],
  ['105', 'Flat white', 400, 'coffee', 'standard'],
  ['106', 'Iced coffee with condensed milk', 350, 'coffee', 'standard'],
  ['107', 'Green tea', 220, 'tea', 'standard'],
  ['108', 'Jasmine tea', 240, 'tea', 'standard'],
  ['109', 'Chai latte', 390, 'tea', 'standard'],
  ['201', 'Croissant', 280, 'bakery', 'reduced'],
  ['202', 'Pain au chocolat', 320, 'bakery', 'reduced'],
  ['203', 'Banh mi', 450, 'bakery', 'reduced'],
  ['204', 'Blueberry muffin', 300, 'bakery', 'reduced'],
  ['205', 'Cinnamon roll', 340, 'bakery', 'reduced'],
  ['206', 'Sourdough loaf', 650, 'bakery', 'reduced'],
  ['301', 'Still water 0.5 l', 120, 'drinks', 'standard'],
  ['302', 'Sparkling water 0.5 l', 140, 'drinks', 'standard'],
  ['303', 'Orange juice 0.33 l', 260, 'drinks', 'standard'],
  ['304', 'Cola 0.33 l', 180, 'drinks', 'standard'],
  ['305', 'Kvass 0.5 l', 190, 'drinks', 'standard'],
  ['306', 'Coconut water', 230, 'drinks', 'standard'],
  ['401', 'Potato chips', 199, 'snacks', 'standard'],
  ['402', 'Salted peanuts', 149, 'snacks', 'standard'],
  ['403', 'Dark chocolate bar', 259, 'snacks', 'standard'],
  ['404', 'Granola bar', 129, 'snacks', 'standard'],
  ['405', 'Rice crackers', 179, 'snacks', 'standard'],
  ['501', 'Milk 1 l', 139, 'dairy', 'reduced'],
  ['502', 'Natural yoghurt', 99, 'dairy', 'reduced'],
  ['503', 'Butter 200 g', 289, 'dairy', 'reduced'],
  ['504', 'Cheddar 200 g', 449, 'dairy', 'reduced'],
  ['601', 'Bananas (bunch)', 199, 'produce', 'zero'],
  ['602', 'Apples 1 kg', 299, 'produce', 'zero'],
  ['603', 'Limes (4)', 149, 'produce', 'zero'],
  ['701', 'Paper napkins', 189, 'household', 'standard'],
  ['702', 'AA batteries (4)', 599, 'household', 'standard'],
  ['703', 'Phone charger USB-C', 1299, 'household', 'standard'],
  ['704', 'Reusable cup', 899, 'household', 'standard'],
];

export function demoProducts(lang = 'en'): Product[] {
  return demoLocale(lang).items.map(([code, name, price, category, taxClass], i) => ({
    sku: `SKU-${code}`,
    // GS1 prefix 20-29 is for in-store use: these never collide with a real product's barcode.
    barcodes: [ean13(`200000${String(100000 + i * 7).slice(-6)}`), code],
    name,
    price,
    category,
    taxClass,
  }));
}

/** The demo's configuration in a language (en, vi, zh, ru; anything else is English). */
export function demoConfig(lang = 'en'): TillConfig {
  const l = demoLocale(lang);
  const c = l.config;
  return {
    ...DEFAULT_CONFIG,
    store: c.store,
    currency: c.currency,
    locale: c.locale,
    language: c.language,
    register: { id: 'R1' },
    operators: [{ id: 'demo', name: l.operators.cashier }],
    tax: c.tax,
    cash: c.cash,
    receipt: { width: 42, header: c.receipt.header, footer: c.receipt.footer, language: '' },
    giftCards: { ...DEFAULT_CONFIG.giftCards, terms: c.giftCardTerms },
    loyalty: { ...DEFAULT_CONFIG.loyalty, phoneCountryCode: c.phoneCountryCode },
  };
}

/** The demo register sells stock cards too: scan-set-amount keeps F11 (a new code) working as well. */
export function demoStoreConfig(lang = 'en'): TillConfig {
  const c = demoConfig(lang);
  return { ...c, giftCards: { ...c.giftCards, sellMode: 'scan-set-amount' }, quickKeys: demoQuickKeys(lang) };
}

export const DEMO_PROGRAM: LoyaltyProgram = {
  id: 'coffee-club',
  name: 'Coffee Club',
  active: true,
  decimals: 0,
  step: 1,
  expiryDays: 365,
  // 1 point per 1.00 spent.
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [
    // 1 point = 0.10, at most half of the sale, once the customer holds 20 points.
    { id: 'cashback', kind: 'cashback', name: 'Pay with points', cost: 1, minBalance: 20, value: { amount: 10, points: 1 }, maxSharePpm: 500_000 },
    { id: 'free-espresso', kind: 'free-product', name: 'Free espresso', cost: 50, sku: 'SKU-101' },
    { id: 'bakery-10', kind: 'percent', name: '10% off bakery', cost: 30, percentPpm: 100_000, target: { category: 'bakery' } },
  ],
};

export const DEMO_LADDER: TierLadder = {
  basis: 'spend',
  demotion: false,
  tiers: [
    { id: 'standard', name: 'Standard', threshold: 0 },
    { id: 'silver', name: 'Silver', threshold: 5_000, discountPpm: 50_000 },
    { id: 'gold', name: 'Gold', threshold: 20_000, discountPpm: 100_000, earnMultiplierPpm: 1_500_000 },
  ],
};

// [name, phone, tier, points now, of which earned 350 days ago (expiring within the month)]
const MEMBERS: DemoMember[] = [
  ['Lan Nguyen', '+1 555 0101', 'standard', 120, 40],
  ['Dmitri Ivanov', '+1 555 0102', 'gold', 480, 0],
  ['Wei Chen', '+1 555 0103', 'silver', 20, 0],
];

const DEMO_EN: DemoLocale = {
  config: {
    store: { name: 'Demo Cafe & Corner Shop', address: ['12 Harbour Street', 'Springfield'], taxId: 'VAT 123 456 789', phone: '+1 555 0100' },
    currency: 'USD',
    locale: 'en-US',
    language: 'en',
    tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } },
    cash: DEFAULT_CONFIG.cash,
    receipt: { header: ['Open daily 7:00-21:00'], footer: ['Thank you for shopping with us!', 'Keep this receipt for returns.'] },
    giftCardTerms: DEFAULT_CONFIG.giftCards.terms,
    phoneCountryCode: DEFAULT_CONFIG.loyalty.phoneCountryCode,
  },
  items: ITEMS,
  program: DEMO_PROGRAM,
  ladder: DEMO_LADDER,
  members: MEMBERS,
  giftCard: { face: 5_000, spent: 1_250 },
  operators: { cashier: 'Demo Cashier', manager: 'Demo Manager' },
};

const LOCALES: Record<string, DemoLocale> = { en: DEMO_EN, vi: DEMO_VI, zh: DEMO_ZH, ru: DEMO_RU };

/** The demo store's data in a language; English for a language without a demo. */
export const demoLocale = (lang = 'en'): DemoLocale => LOCALES[lang] ?? DEMO_EN;

const fixedBytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 73 + seed * 29 + 11) & 0xff);

/** Loyalty card numbers of the demo customers, in MEMBERS order. */
export const demoMemberCards = (): string[] => MEMBERS.map((_, i) => cardNumberFor(DEFAULT_CONFIG.codes.loyaltyPrefix, i + 1));

/** The demo's gift cards: an active one with a balance and a stock card waiting to be sold. */
export const demoGiftCards = (): { active: string; stock: string } => ({ active: generateCode(fixedBytes(12, 1)), stock: generateCode(fixedBytes(12, 2)) });

/** Loyalty program, tiers, customers with points, and gift cards, as journal events for `today`. */
export function demoExtras(today: string, lang = 'en'): EventDraft[] {
  const l = demoLocale(lang);
  const program = l.program;
  const out: EventDraft[] = [
    { type: 'loyalty.program.upserted', data: { program } },
    { type: 'loyalty.tiers.set', data: { ladder: l.ladder } },
  ];
  const cards = demoMemberCards();
  l.members.forEach(([name, phone, tier, points, old], i) => {
    const customer: Customer = { id: newCustomerId(fixedBytes(7, 10 + i)), name, phone, tier, card: cards[i], blocked: false, created: `${today}T08:00:00.000Z` };
    out.push({ type: 'customer.created', data: { customer, cardSerial: i + 1 } });
    const move = (pts: number, day: string) => ({ type: 'points.adjusted', data: { customerId: customer.id, programId: program.id, points: pts, day, reason: 'demo: opening balance' } });
    if (old) out.push(move(old, addDays(today, -350)));
    if (points - old) out.push(move(points - old, addDays(today, -20)));
  });
  const gc = demoGiftCards();
  const issue = (code: string, faceValue: number, pending: boolean) => {
    const r = planIssue(undefined, { code, currency: l.config.currency, faceValue, pending, today, ...(pending ? {} : { expiresOn: addDays(today, 365) }) });
    if (!r.ok) throw new Error(`demo gift card: ${r.error.code}`);
    return r.value;
  };
  out.push(...issue(gc.active, l.giftCard.face, false), { type: 'giftcard.redeemed', data: { code: gc.active, amount: l.giftCard.spent } });
  out.push(...issue(gc.stock, 0, true));
  return out;
}

/** The demo's operators (README): cashier code 1 with PIN 1234, manager code 2 with PIN 9999. */
export const DEMO_OPERATORS = [
  { id: '1', name: 'Demo Cashier', role: 'cashier' as const, pin: '1234' },
  { id: '2', name: 'Demo Manager', role: 'manager' as const, pin: '9999' },
];

export function demoOperators(today: string, lang = 'en'): EventDraft[] {
  const names = demoLocale(lang).operators;
  return DEMO_OPERATORS.map((o) => ({
    type: OPERATOR_ADDED,
    data: { operator: { id: o.id, name: o.role === 'manager' ? names.manager : names.cashier, role: o.role, pin: hashPin(o.pin, randomBytes(16)), card: null, disabled: false, created: `${today}T08:00:00.000Z` } },
  }));
}

/** Everything the demo store starts with, in a language. */
export const demoSeed = (today: string, lang = 'en'): EventDraft[] => [
  { type: 'catalog.upserted', data: { products: [...demoProducts(lang), ...demoCounterProducts(lang)] } },
  ...demoExtras(today, lang),
  ...demoOperators(today, lang),
];
