/**
 * Builders for return tests: a journal in memory folded by the store's real projections and checked by
 * its real balance guard (what the store does, minus the files), and sales built by the checkout's own
 * domain functions (pricing, tenders, gift cards, loyalty extension), committed to it.
 */
import { addLine, addProduct, emptyCart, priceCart, withPriceList, type Cart, type OrderDiscount } from '../../../src/domain/cart.js';
import type { PriceList } from '../../../src/domain/price-list.js';
import type { Product } from '../../../src/domain/catalog.js';
import { UNTAXED, type TaxSettings } from '../../../src/domain/tax.js';
import { addCash, addNonCash, due, type Tender } from '../../../src/domain/tender.js';
import { finalizeSale, formatReceiptNo, type SaleRecord } from '../../../src/domain/sale.js';
import { CODE_RANDOM_BYTES, generateCode, giftCardCartLine, saleGiftCards } from '../../../src/domain/giftcard/index.js';
import { buildSaleLoyalty } from '../../../src/domain/loyalty/sale-extension.js';
import { addReward, applyReward } from '../../../src/domain/loyalty/rewards.js';
import { cardNumberFor } from '../../../src/domain/loyalty/card.js';
import type { Customer, LoyaltyProgram, TierLadder } from '../../../src/domain/loyalty/types.js';
import { applyEvent, initialState } from '../../../src/store/fold.js';
import { BalanceGuard } from '../../../src/store/balance-guard.js';
import { findGiftCard } from '../../../src/store/projections/giftcards.js';
import { loyaltyOf } from '../../../src/store/projections/loyalty.js';
import { saleReturns } from '../../../src/store/projections/returns.js';
import type { JournalEvent, StoreState } from '../../../src/store/types.js';
import { foldReturn, noReturns, planReturn, RETURN_COMMITTED, type RefundMode, type ReturnPick, type ReturnPlan, type ReturnRecord, type SaleReturns } from '../../../src/domain/returns/index.js';
import type { Result } from '../../../src/domain/errors.js';
import type { CatalogLookup } from '../../../src/domain/catalog.js';
import { planNoReceiptReturn, type NoReceiptItem } from '../../../src/domain/returns/no-receipt.js';
import { exchangeCart, planExchange, type ExchangePlan } from '../../../src/domain/returns/exchange.js';
import type { ReturnExchange } from '../../../src/domain/returns/types.js';

/** A catalog in memory: by barcode, then by SKU. */
export const catalogOf = (...products: Product[]): CatalogLookup => ({
  byBarcode: (code) => products.find((p) => p.barcodes.includes(code)),
  bySku: (sku) => products.find((p) => p.sku === sku),
});

export const DAY = '2025-03-14';

export const prod = (sku: string, price: number, taxClass = 'standard', category = 'general'): Product => ({ sku, barcodes: [], name: `P ${sku}`, price, category, taxClass });

export const TAX: TaxSettings = { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } };

/** 1 point per 1.00 spent; 1 point pays 0.10, at most half the sale. */
export const PROGRAM: LoyaltyProgram = {
  id: 'cb',
  name: 'Coffee Club',
  active: true,
  decimals: 0,
  step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'cashback', name: 'Pay with points', kind: 'cashback', cost: 1, value: { amount: 10, points: 1 }, maxSharePpm: 500_000 }],
};

export const LADDER: TierLadder = {
  basis: 'spend',
  demotion: false,
  tiers: [
    { id: 'std', name: 'Standard', threshold: 0 },
    { id: 'silver', name: 'Silver', threshold: 10_000 },
    { id: 'gold', name: 'Gold', threshold: 50_000 },
  ],
};

export const customer = (id: string, n: number, tier = 'std'): Customer => ({
  id,
  name: `Customer ${id}`,
  phone: `0900 000 00${n}`,
  tier,
  card: cardNumberFor('27', n),
  blocked: false,
  created: '2025-01-01T00:00:00.000Z',
});

export const cardCode = (n: number): string => generateCode(new Uint8Array(CODE_RANDOM_BYTES).fill(n));

/** A journal in memory: every commit is checked by the store's balance guard and folded by its projections. */
export class Book {
  state: StoreState = initialState();
  events: JournalEvent[] = [];
  /** What the returns took back per sale, folded here by the domain fold (the projection's is `before`). */
  folded = new Map<string, SaleReturns>();
  private receipt = 0;
  private tx = 0;

  commit(events: readonly { type: string; data: unknown }[], at = `${DAY}T10:00:00.000Z`): JournalEvent[] {
    const tx = `tx${++this.tx}`;
    const evs: JournalEvent[] = events.map((e, i) => ({
      seq: this.events.length + i + 1,
      id: `e${this.events.length + i + 1}`,
      type: e.type,
      at,
      register: 'R1',
      operator: 'op1',
      tx,
      txIndex: i + 1,
      txCount: events.length,
      data: JSON.parse(JSON.stringify(e.data)),
      prev: '',
      hash: `h${this.events.length + i + 1}`,
    }));
    new BalanceGuard(this.state).check(evs);
    for (const ev of evs) {
      this.events.push(ev);
      applyEvent(this.state, ev);
      if (ev.type === RETURN_COMMITTED) {
        const r = (ev.data as { return: ReturnRecord }).return;
        if (!r.sale) continue;
        const so = this.folded.get(r.sale.saleId) ?? noReturns();
        foldReturn(so, r);
        this.folded.set(r.sale.saleId, so);
      }
    }
    return evs;
  }

  nextReceipt(): string {
    return formatReceiptNo('R1', ++this.receipt);
  }

  card = (code: string) => findGiftCard(this.state, code);
  account = (id: string) => loyaltyOf(this.state).customers[id];
  points = (id: string) => this.account(id)?.points.cb ?? 0;
  before = (saleId: string) => saleReturns(this.state, saleId);

  setup(opts: { cards?: [string, number][]; customers?: Customer[]; ladder?: TierLadder | null } = {}): this {
    const ev: { type: string; data: unknown }[] = [{ type: 'loyalty.program.upserted', data: { program: PROGRAM } }];
    if (opts.ladder !== null) ev.push({ type: 'loyalty.tiers.set', data: { ladder: opts.ladder ?? LADDER } });
    for (const c of opts.customers ?? []) ev.push({ type: 'customer.created', data: { customer: c } });
    for (const [code, value] of opts.cards ?? []) ev.push({ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue: value, price: value } });
    this.commit(ev, '2025-01-02T10:00:00.000Z');
    return this;
  }

  /** A points grant, so claims and claw-backs have a balance to work on. */
  grant(customerId: string, points: number): void {
    this.commit([{ type: 'points.adjusted', data: { customerId, programId: 'cb', points, day: DAY, reason: 'test grant' } }]);
  }

  /** Plans a return of the sale against what earlier returns took back; commits it when `commit`. */
  planReturn(sale: SaleRecord, picks: readonly ReturnPick[], mode: RefundMode = 'original', unit = 1, credit?: number, exchange?: ReturnExchange): Result<ReturnPlan> {
    return planReturn({
      credit,
      exchange,
      sale,
      before: this.before(sale.saleId),
      picks,
      mode,
      identity: { returnId: `ret${this.tx + 1}`, receiptNo: this.nextReceiptPeek(), at: `${DAY}T11:00:00.000Z`, register: 'R1', operator: { id: 'op1', name: 'Op' }, currency: 'USD' },
      cashRoundingUnit: unit,
      today: DAY,
      card: this.card,
      loyalty: { account: this.account, programs: [PROGRAM], ladder: loyaltyOf(this.state).ladder },
    });
  }

  private nextReceiptPeek(): string {
    return formatReceiptNo('R1', this.receipt + 1);
  }

  /** Plans a return without a receipt against `catalog` at today's prices. */
  planNoReceipt(catalog: CatalogLookup, items: NoReceiptItem[], mode: RefundMode = 'cash', opts: { max?: number; tax?: TaxSettings; credit?: number; card?: string; unit?: number; exchange?: ReturnExchange } = {}): Result<ReturnPlan> {
    return planNoReceiptReturn({
      catalog,
      items,
      tax: opts.tax ?? TAX,
      mode,
      identity: { returnId: `ret${this.tx + 1}`, receiptNo: this.nextReceiptPeek(), at: `${DAY}T11:00:00.000Z`, register: 'R1', operator: { id: 'op1', name: 'Op' }, currency: 'USD' },
      cashRoundingUnit: opts.unit ?? 1,
      maxValue: opts.max ?? 0,
      today: DAY,
      newCard: opts.card ? { code: opts.card, validityDays: 365 } : undefined,
      credit: opts.credit,
      exchange: opts.exchange,
    });
  }

  /**
   * Plans an exchange: `ret` plans the return part with the credit it is given (a receipt return or
   * one without), `extra` the new items, `tenders` what pays the difference; commits when it is paid.
   */
  exchange(catalog: CatalogLookup, ret: (credit: number, exchange: ReturnExchange) => Result<ReturnPlan>, extra: NoReceiptItem[], tenders: Tender[] = [], tax: TaxSettings = TAX, customerId?: string): Result<ExchangePlan> {
    const cart = exchangeCart(catalog, extra, tax);
    if (!cart.ok) return cart;
    const returnNo = this.nextReceiptPeek();
    const saleNo = formatReceiptNo('R1', this.receipt + 2);
    return planExchange({
      planReturn: ret,
      priced: cart.value.priced,
      tenders,
      identity: { saleId: `sale-${saleNo}`, receiptNo: saleNo, at: `${DAY}T11:00:00.000Z`, register: 'R1', operator: { id: 'op1', name: 'Op' }, currency: 'USD' },
      returnId: `ret-${returnNo}`,
      ...(customerId && cart.ok ? { loyalty: { cart: cart.value.cart, account: this.account(customerId), programs: [PROGRAM], ladder: loyaltyOf(this.state).ladder, day: DAY, saleDay: DAY } } : {}),
    });
  }

  /** Commits a planned exchange (two receipt numbers: the return's, then the new sale's). */
  commitExchange(p: ExchangePlan): JournalEvent[] {
    this.nextReceipt();
    this.nextReceipt();
    return this.commit(p.events, `${DAY}T11:00:00.000Z`);
  }

  /** Commits a planned return without a receipt. */
  commitPlan(p: ReturnPlan): JournalEvent[] {
    this.nextReceipt();
    return this.commit(p.events, `${DAY}T11:00:00.000Z`);
  }

  /** Plans and commits a return; throws on a refusal. */
  doReturn(sale: SaleRecord, picks: readonly ReturnPick[], mode: RefundMode = 'original', unit = 1): ReturnRecord {
    const p = this.planReturn(sale, picks, mode, unit);
    if (!p.ok) throw p.error;
    this.nextReceipt();
    this.commit(p.value.events, `${DAY}T11:00:00.000Z`);
    return p.value.record;
  }
}

export type Pay = { kind: 'cash'; given?: number } | { kind: 'card'; amount?: number } | { kind: 'giftcard'; code: string; amount?: number };

export interface SaleSpec {
  items: [Product, number][];
  /** Order discounts (tier, manual...) as the checkout puts them on the cart. */
  discounts?: OrderDiscount[];
  /** A line discount on the first item (minor units). */
  lineDiscount?: number;
  /** A tier's price list put on the sale after the items were scanned (a member attached mid-sale). */
  priceList?: PriceList;
  customerId?: string;
  /** Points to pay with (cashback reward). */
  points?: number;
  /** A gift card sold on the sale: [code, value]. */
  sellCard?: [string, number];
  pay: Pay[];
  tax?: TaxSettings;
  cashRoundingUnit?: number;
}

/** Builds the sale with the checkout's domain functions and commits it to the book. */
export function sell(book: Book, spec: SaleSpec): SaleRecord {
  const tax = spec.tax ?? TAX;
  let cart: Cart = emptyCart();
  const must = <T>(r: Result<T>): T => {
    if (!r.ok) throw r.error;
    return r.value;
  };
  for (const [p, q] of spec.items) cart = must(addProduct(cart, p, q));
  if (spec.priceList) cart = withPriceList(cart, spec.priceList);
  if (spec.lineDiscount && cart.lines[0]) cart = { ...cart, lines: cart.lines.map((l, i) => (i === 0 ? { ...l, lineDiscount: spec.lineDiscount } : l)) };
  if (spec.sellCard) {
    const [code, value] = spec.sellCard;
    cart = must(addLine(cart, giftCardCartLine({ code, mode: 'generate', faceValue: value, price: value }, { name: 'Gift card', taxClass: UNTAXED })));
  }
  cart = { ...cart, discounts: [...cart.discounts, ...(spec.discounts ?? [])] };
  const account = spec.customerId ? book.account(spec.customerId) : undefined;
  if (account && spec.points) {
    const app = must(applyReward(cart, priceCart(cart, tax), account, PROGRAM, account.points.cb ?? 0, 'cashback', { points: spec.points }));
    cart = must(addReward(cart, app));
  }
  const priced = priceCart(cart, tax);
  let tenders: Tender[] = [];
  let n = 0;
  for (const p of spec.pay) {
    const left = due(priced.total, tenders);
    if (left <= 0) break;
    if (p.kind === 'cash') tenders = must(addCash(priced.total, tenders, p.given ?? left, spec.cashRoundingUnit ?? 1, `T${++n}`));
    else if (p.kind === 'card') tenders = must(addNonCash(priced.total, tenders, 'card', Math.min(p.amount ?? left, left), `T${++n}`, { reference: `APP${n}` }));
    else {
      const used = tenders.filter((t) => t.meta?.code === p.code).reduce((a, t) => a + t.amount, 0);
      const bal = (book.card(p.code)?.balance ?? 0) - used;
      const amount = Math.min(p.amount ?? left, left, bal);
      if (amount > 0) tenders = must(addNonCash(priced.total, tenders, 'giftcard', amount, `T${++n}`, { reference: p.code.slice(-4), meta: { code: p.code } }));
    }
  }
  if (due(priced.total, tenders) > 0) tenders = must(addCash(priced.total, tenders, due(priced.total, tenders), spec.cashRoundingUnit ?? 1, `T${++n}`));
  const ext: Record<string, unknown> = {};
  const gc = saleGiftCards(cart.lines, tenders);
  if (gc) ext.giftcards = gc;
  if (account) ext.loyalty = must(buildSaleLoyalty({ cart, priced, tenders, account, programs: [PROGRAM], ladder: loyaltyOf(book.state).ladder, day: DAY }));
  const receiptNo = book.nextReceipt();
  const sale = must(
    finalizeSale(priced, tenders, { saleId: `sale-${receiptNo}`, receiptNo, at: `${DAY}T10:00:00.000Z`, register: 'R1', operator: { id: 'op1', name: 'Op' }, currency: 'USD' }, ext),
  );
  book.commit([{ type: 'sale.committed', data: { sale } }]);
  return sale;
}
