/**
 * Benchmark data: products, customers with loyalty cards, and realistic sales (SaleRecord with
 * lines, tax summary and tenders, plus a points.earned event), deterministic from a seed.
 */
import { ean13, type Product } from '../../src/domain/catalog.js';
import type { SaleRecord } from '../../src/domain/sale.js';
import type { EventDraft } from '../../src/store/types.js';
import { rng } from '../lib/rng.js';

export { rng };

export const PRODUCTS = 100_000;
export const CUSTOMERS = 100_000;


const CATS = ['grocery', 'drinks', 'household', 'snacks', 'dairy', 'bakery', 'frozen', 'personal care'];
const WORDS = ['Rice', 'Noodles', 'Tea', 'Coffee', 'Milk', 'Soap', 'Bread', 'Juice', 'Water', 'Biscuits', 'Sauce', 'Oil'];

export const barcodeOf = (i: number): string => ean13(`89${String(i).padStart(10, '0')}`);
export const cardOf = (i: number): string => ean13(`2${String(i).padStart(11, '0')}`);

export function product(i: number): Product {
  return {
    sku: `P${String(i).padStart(6, '0')}`,
    barcodes: [barcodeOf(i)],
    name: `${WORDS[i % WORDS.length]} ${CATS[i % CATS.length]} ${i}`,
    price: 500 + ((i * 7919) % 20_000),
    category: CATS[i % CATS.length],
    taxClass: i % 5 === 0 ? 'reduced' : 'standard',
  };
}

export function customer(i: number) {
  return {
    id: `C${String(i).padStart(6, '0')}`,
    name: `Customer ${i}`,
    phone: `+8490${String(1_000_000 + i)}`,
    tier: null,
    card: cardOf(i),
    blocked: false,
    created: '2024-01-01T00:00:00.000Z',
  };
}

/** One sale transaction: sale.committed and the customer's points. */
export function saleTx(n: number, random: () => number, register = 'R1'): { id: string; events: EventDraft[] } {
  const saleId = `bench-sale-${register}-${n}-${Math.floor(random() * 1e9)}`;
  const count = 1 + Math.floor(random() * 4);
  const lines = Array.from({ length: count }, (_, k) => {
    const p = product(Math.floor(random() * PRODUCTS));
    const qty = 1 + Math.floor(random() * 3);
    const gross = p.price * qty;
    const tax = Math.round(gross / 11);
    return { id: `L${k + 1}`, kind: 'product', sku: p.sku, name: p.name, unitPrice: p.price, qty, taxClass: p.taxClass, category: p.category, barcode: p.barcodes[0], gross, discount: 0, amount: gross, tax };
  });
  const total = lines.reduce((a, l) => a + l.amount, 0);
  const tax = lines.reduce((a, l) => a + l.tax, 0);
  const cust = Math.floor(random() * CUSTOMERS);
  const sale = {
    saleId,
    receiptNo: `${register}-${String(n).padStart(6, '0')}`,
    at: '2025-01-01T10:00:00.000Z',
    register,
    operator: { id: 'op1', name: 'Cashier' },
    currency: 'USD',
    lines,
    discounts: [],
    gross: total,
    discountTotal: 0,
    net: total - tax,
    tax,
    total,
    taxSummary: [{ taxClass: 'standard', rate: 10, base: total - tax, tax }],
    tenders: [{ id: 'T1', kind: 'cash', amount: total, given: total, change: 0 }],
    change: 0,
    cashRounding: 0,
    extensions: {},
  } as unknown as SaleRecord;
  return {
    id: saleId,
    events: [
      { type: 'sale.committed', data: { sale } },
      { type: 'points.earned', data: { customerId: customer(cust).id, programId: 'points', points: Math.floor(total / 100), day: '2025-01-01', ref: sale.receiptNo } },
    ],
  };
}
