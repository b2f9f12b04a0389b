/** Sales for the receipt golden tests, built through the real cart/tender/sale functions. */
import { addProduct, emptyCart, priceCart, type Cart } from '../../src/domain/cart.js';
import { addCash, addNonCash, type Tender } from '../../src/domain/tender.js';
import { finalizeSale, type SaleRecord } from '../../src/domain/sale.js';
import type { Product } from '../../src/domain/catalog.js';
import type { TaxSettings } from '../../src/domain/tax.js';

const p = (sku: string, name: string, price: number, taxClass = 'standard'): Product => ({ sku, barcodes: [], name, price, category: 'c', taxClass });

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

export function buildSale(
  items: [Product, number][],
  tax: TaxSettings,
  pay: (total: number) => { kind: 'cash' | 'card'; amount: number; ref?: string }[],
  id: Partial<SaleRecord> & { currency: string },
  discounts: Cart['discounts'] = [],
): SaleRecord {
  let cart = emptyCart();
  for (const [prod, qty] of items) cart = unwrap(addProduct(cart, prod, qty));
  cart = { ...cart, discounts };
  const priced = priceCart(cart, tax);
  let tenders: Tender[] = [];
  let n = 1;
  for (const t of pay(priced.total)) {
    tenders =
      t.kind === 'cash'
        ? unwrap(addCash(priced.total, tenders, t.amount, 1, `T${n++}`))
        : unwrap(addNonCash(priced.total, tenders, 'card', t.amount, `T${n++}`, { reference: t.ref }));
  }
  return unwrap(
    finalizeSale(priced, tenders, {
      saleId: '00000000-0000-4000-8000-000000000042',
      receiptNo: 'R1-000042',
      at: '2025-03-14T09:26:53.000Z',
      register: 'R1',
      operator: { id: 'op1', name: 'Alice' },
      ...id,
    }),
  );
}

export const usStore = { name: 'Corner Grocery', address: ['12 Main Street', 'Springfield, IL 62701'], taxId: '12-3456789', phone: '555-0100' };

export const usItems: [Product, number][] = [
  [p('milk', 'Organic Whole Milk 1 gal', 499), 2],
  [p('bread', 'Sourdough Bread', 350, 'reduced'), 1],
  [p('apples', 'Honeycrisp Apples 3 lb family pack', 899), 1],
];

/** 3 lines, a card payment of 10.00 and cash for the rest with change. */
export const usSale = (mode: 'inclusive' | 'exclusive') =>
  buildSale(
    usItems,
    { mode, rounding: 'line', classes: { standard: 10, reduced: 5 } },
    (total) => [
      { kind: 'card', amount: 1000, ref: 'AUTH 4711' },
      { kind: 'cash', amount: Math.ceil((total - 1000) / 1000) * 1000 },
    ],
    { currency: 'USD' },
  );

export const viSale = () =>
  buildSale(
    [
      [p('pho', 'Phở bò tái chín đặc biệt', 65000), 2],
      [p('cafe', 'Cà phê sữa đá', 29000), 1],
      [p('banh', 'Bánh mì thịt nướng', 25000, 'reduced'), 3],
    ],
    { mode: 'inclusive', rounding: 'total', classes: { standard: 10, reduced: 8 } },
    (total) => [{ kind: 'cash', amount: Math.ceil(total / 50000) * 50000 }],
    { currency: 'VND', operator: { id: 'op2', name: 'Nguyễn Thị Hương' } },
  );

export const ruSale = () =>
  buildSale(
    [
      [p('moloko', 'Молоко Простоквашино 3,2% 930 мл', 8990), 2],
      [p('hleb', 'Хлеб Бородинский', 5490, 'reduced'), 1],
      [p('syr', 'Сыр Российский 200 г', 24900), 1],
    ],
    { mode: 'inclusive', rounding: 'line', classes: { standard: 20, reduced: 10 } },
    (total) => [
      { kind: 'card', amount: 20000, ref: '031245' },
      { kind: 'cash', amount: 30000 },
    ],
    { currency: 'RUB', operator: { id: 'op3', name: 'Ирина' } },
  );

export const cnSale = () =>
  buildSale(
    [
      [p('milk', '光明鲜牛奶 950毫升', 1590), 2],
      [p('rice', '五常大米 5公斤', 6990), 1],
    ],
    { mode: 'inclusive', rounding: 'line', classes: { standard: 13 } },
    (total) => [{ kind: 'cash', amount: 12000 }],
    { currency: 'CNY', operator: { id: 'op4', name: '王芳' } },
  );
