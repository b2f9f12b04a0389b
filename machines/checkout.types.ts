/** Context, events and input of the checkout machine. */
import type { CatalogLookup } from '../src/domain/catalog.js';
import type { Cart, PricedCart } from '../src/domain/cart.js';
import type { TaxSettings } from '../src/domain/tax.js';
import type { Tender } from '../src/domain/tender.js';
import type { SaleRecord } from '../src/domain/sale.js';

export interface CheckoutDeps {
  catalog: CatalogLookup;
  tax: TaxSettings;
  currency: string;
  /** Cash rounding unit in minor units (1 = none). */
  cashRoundingUnit: number;
  /** New UUID for a sale. Injected so tests are deterministic. */
  newId: () => string;
}

export interface CheckoutMessage {
  /** Stable code (UNKNOWN_BARCODE, TENDER_EXCEEDS_DUE...) or an info code (SALE_VOIDED). */
  code: string;
  /** English fallback text; the UI shows the catalog message for the code. */
  text: string;
  params: Record<string, string | number>;
  level: 'error' | 'info';
}

export interface CheckoutContext {
  deps: CheckoutDeps;
  /** UUID of the open sale (its idempotency key), null when none is open. */
  saleId: string | null;
  cart: Cart;
  priced: PricedCart;
  tenders: Tender[];
  nextTender: number;
  message: CheckoutMessage | null;
  lastSale: SaleRecord | null;
}

export type CheckoutEvent =
  | { type: 'cart.scan'; code: string; qty?: number; source?: string }
  | { type: 'cart.qty'; lineId: string; qty: number }
  | { type: 'cart.remove'; lineId: string }
  | { type: 'cart.void' }
  | { type: 'tender.start' }
  | { type: 'tender.cash'; amount: number }
  | { type: 'tender.exact' }
  | { type: 'tender.card'; amount?: number; reference: string }
  | { type: 'tender.remove'; tenderId: string }
  | { type: 'tender.cancel' }
  | { type: 'commit.retry' }
  | { type: 'sale.next' }
  | { type: 'receipt.view' }
  | { type: 'receipt.close' }
  | { type: 'receipt.reprint' }
  | { type: 'message.clear' };

/** What the commit actor receives: everything needed to build and journal the sale. */
export interface CommitInput {
  saleId: string;
  cart: Cart;
  priced: PricedCart;
  tenders: Tender[];
}

export type CommitOutput = SaleRecord;
