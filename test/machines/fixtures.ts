/**
 * Shared fixtures for the checkout machine tests: a three-product catalog, deterministic deps, and
 * commit actors that behave like the store (resolve with the finalized SaleRecord, or reject with a
 * TillError such as DISK_FULL) without touching a disk.
 */
import { fromPromise } from 'xstate';
import type { CatalogLookup, Product } from '../../src/domain/catalog.js';
import { finalizeSale, formatReceiptNo, type SaleRecord } from '../../src/domain/sale.js';
import { TillError } from '../../src/domain/errors.js';
import type { CheckoutDeps, CommitInput } from '../../machines/checkout.types.js';
import { checkoutMachine } from '../../machines/checkout.machine.js';

export const PRODUCTS: Product[] = [
  { sku: 'A', barcodes: ['4006381333931'], name: 'Alpha', price: 1000, category: 'x', taxClass: 'standard' },
  { sku: 'B', barcodes: ['036000291452'], name: 'Beta', price: 500, category: 'y', taxClass: 'reduced' },
  { sku: 'C', barcodes: ['101'], name: 'Gamma', price: 250, category: 'x', taxClass: 'zero' },
];
export const CODE_A = '4006381333931';
export const CODE_B = '036000291452';
export const CODE_C = '101';
/** A valid EAN-13 that no product carries. */
export const CODE_UNKNOWN = '4006381333948';

export function catalogOf(products: Product[]): CatalogLookup {
  const byCode = new Map(products.flatMap((p) => p.barcodes.map((b) => [b, p] as const)));
  const bySku = new Map(products.map((p) => [p.sku, p] as const));
  return { byBarcode: (c) => byCode.get(c), bySku: (s) => bySku.get(s) };
}

export function makeDeps(over: Partial<CheckoutDeps> = {}): CheckoutDeps {
  let n = 0;
  return {
    catalog: catalogOf(PRODUCTS),
    tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } },
    currency: 'USD',
    cashRoundingUnit: 1,
    newId: () => `sale-${++n}`,
    ...over,
  };
}

let receipts = 0;
/** What the register's commit does, minus the journal: finalize (refusing an uncovered sale) and return. */
export function recordFor(input: CommitInput, seq = ++receipts): SaleRecord {
  const r = finalizeSale(input.priced, input.tenders, {
    saleId: input.saleId,
    receiptNo: formatReceiptNo('R1', seq),
    at: '2025-01-01T12:00:00.000Z',
    register: 'R1',
    operator: { id: 'op1', name: 'Test' },
    currency: 'USD',
  });
  if (!r.ok) throw r.error;
  return r.value;
}

export const diskFull = () => new TillError('DISK_FULL', 'The disk is full. The sale was not saved.');

/** A commit actor whose n-th call follows plan[n] ('ok' or 'fail'); the last entry repeats. Records inputs. */
export function scriptedCommit(plan: ('ok' | 'fail')[]) {
  const inputs: CommitInput[] = [];
  const logic = fromPromise<SaleRecord, CommitInput>(async ({ input }) => {
    const step = plan[Math.min(inputs.length, plan.length - 1)];
    inputs.push(input);
    if (step === 'fail') throw diskFull();
    return recordFor(input);
  });
  return { logic, inputs };
}

/** A commit actor that stays pending until the test releases it, to observe `committing`. */
export function gatedCommit() {
  const waiting: { input: CommitInput; resolve: (s: SaleRecord) => void; reject: (e: unknown) => void }[] = [];
  const logic = fromPromise<SaleRecord, CommitInput>(
    ({ input }) => new Promise<SaleRecord>((resolve, reject) => waiting.push({ input, resolve, reject })),
  );
  return {
    logic,
    waiting,
    release: () => {
      const w = waiting.shift()!;
      w.resolve(recordFor(w.input));
    },
    fail: () => waiting.shift()!.reject(diskFull()),
  };
}

export type EffectLog = { type: 'print' | 'drawer' | 'voided' | 'reprint'; data?: unknown }[];

/** The machine with recording effects and the given commit actor. */
export function machineWith(commit: ReturnType<typeof fromPromise<SaleRecord, CommitInput>>, effects: EffectLog = []) {
  return checkoutMachine.provide({
    actors: { commitSale: commit },
    actions: {
      printReceipt: (_, sale) => void effects.push({ type: 'print', data: sale }),
      reprintReceipt: (_, sale) => void effects.push({ type: 'reprint', data: sale }),
      openDrawer: () => void effects.push({ type: 'drawer' }),
      saleVoided: (_, p) => void effects.push({ type: 'voided', data: p }),
    },
  });
}
