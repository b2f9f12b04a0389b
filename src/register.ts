/**
 * Composition of one register: the checkout machine with its effects provided by the store (commit),
 * the printer (receipts) and the drawer. The Ink UI and the headless driver both run on this.
 * Effects after commit never un-commit a sale: their failures surface as device status and messages.
 */
import { randomUUID } from 'node:crypto';
import { createActor, fromPromise, type ActorRefFrom } from 'xstate';
import { checkoutMachine } from '../machines/checkout.machine.js';
import type { CommitInput } from '../machines/checkout.types.js';
import type { TillConfig } from './domain/config.js';
import { finalizeSale, formatReceiptNo, type SaleRecord } from './domain/sale.js';
import type { Store } from './store/types.js';
import type { Hardware } from '../hardware/types.js';
import { buildPrintJob, type ReceiptSectionsProvider } from './receipt-job.js';

export type CheckoutActor = ActorRefFrom<typeof checkoutMachine>;

export interface RegisterOptions {
  config: TillConfig;
  store: Store;
  hardware: Hardware;
  operator?: { id: string; name: string };
  newId?: () => string;
  now?: () => Date;
  /** Where effects report failures that the cashier does not need to act on at once. */
  log?: (line: string) => void;
  /** Feature sections for receipts (gift cards, loyalty). */
  receiptSections?: ReceiptSectionsProvider;
}

export interface Register {
  actor: CheckoutActor;
  config: TillConfig;
  store: Store;
  hardware: Hardware;
  operator: { id: string; name: string };
  /** Last print problem (printer offline...), for the status bar; null when the last job printed. */
  printProblem(): string | null;
  /** Resolves when effects started by the last commit (print, drawer) have settled. For tests. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function createRegister(opts: RegisterOptions): Register {
  const { config, store, hardware } = opts;
  const operator = opts.operator ?? config.operators[0];
  const newId = opts.newId ?? randomUUID;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const register = config.register.id;
  let printProblem: string | null = null;
  let pending: Promise<unknown>[] = [];

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.push(p);
    return p;
  };

  async function commitSale(input: CommitInput): Promise<SaleRecord> {
    const seq = (store.state.sales.lastReceipt[register] ?? 0) + 1;
    const at = now().toISOString();
    const r = finalizeSale(input.priced, input.tenders, {
      saleId: input.saleId,
      receiptNo: formatReceiptNo(register, seq),
      at,
      register,
      operator,
      currency: config.currency,
    });
    if (!r.ok) throw r.error;
    await store.commit({ id: input.saleId, events: [{ type: 'sale.committed', data: { sale: r.value } }], operator: operator.id, at });
    return r.value;
  }

  async function print(sale: SaleRecord | null): Promise<void> {
    if (!sale) return;
    try {
      const job = buildPrintJob(sale, config, opts.receiptSections);
      const res = await hardware.printer.print(job);
      printProblem = res.ok ? null : (res.message ?? res.code ?? 'PRINTER_ERROR');
      if (!res.ok) log(`print ${sale.receiptNo}: ${res.code ?? 'failed'}`);
    } catch (e) {
      printProblem = 'PRINTER_ERROR';
      log(`print ${sale.receiptNo}: ${(e as Error).message}`);
    }
  }

  async function kickDrawer(): Promise<void> {
    const res = await hardware.drawer.open();
    if (!res.ok) log(`drawer: ${res.code ?? 'failed'}`);
    // The drawer opening is part of the audit trail; a journal failure here must not disturb the sale.
    await store
      .commit({ id: newId(), events: [{ type: 'drawer.opened', data: { reason: 'sale', ok: res.ok } }], operator: operator.id })
      .catch((e: Error) => log(`journal drawer.opened: ${e.message}`));
  }

  const machine = checkoutMachine.provide({
    actors: { commitSale: fromPromise<SaleRecord, CommitInput>(({ input }) => commitSale(input)) },
    actions: {
      printReceipt: (_, sale) => void track(print(sale)),
      reprintReceipt: (_, sale) => void track(print(sale)),
      openDrawer: () => void track(kickDrawer()),
      saleVoided: (_, p) =>
        void track(
          store
            .commit({ id: newId(), events: [{ type: 'sale.voided', data: p }], operator: operator.id })
            .catch((e: Error) => log(`journal sale.voided: ${e.message}`)),
        ),
    },
  });

  const actor = createActor(machine, {
    input: {
      catalog: store.catalog,
      tax: config.tax,
      currency: config.currency,
      cashRoundingUnit: config.cash.roundingUnit,
      newId,
    },
  });
  const unsubscribeScanner = hardware.scanner.onScan((scan) => actor.send({ type: 'cart.scan', code: scan.code, source: scan.source }));
  actor.start();

  return {
    actor,
    config,
    store,
    hardware,
    operator,
    printProblem: () => printProblem,
    async settled() {
      while (pending.length) {
        const batch = pending;
        pending = [];
        await Promise.allSettled(batch);
      }
    },
    async stop() {
      unsubscribeScanner();
      actor.stop();
      await this.settled();
    },
  };
}
