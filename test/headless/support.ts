/**
 * In-process harness for the headless driver: an in-memory Store (same contract as src/store, with
 * fault and hold controls), mock hardware, a real register, and JSON Lines over PassThrough streams.
 */
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import type { CommitRequest, CommitResult, JournalEvent, Store, StoreState } from '../../src/store/types.js';
import type { Product } from '../../src/domain/catalog.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import type { TillConfig } from '../../src/domain/config.js';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware, type MockHardware } from '../../hardware/index.js';
import { runHeadless } from '../../src/headless/driver.js';
import { catalogOf } from '../machines/fixtures.js';
import { shiftsProjection } from '../../src/store/projections/shifts.js';
import { applyShiftEvent, emptyShiftSlice } from '../../src/domain/shift/fold.js';

export interface MemoryStore extends Store {
  readonly events: JournalEvent[];
  readonly commits: CommitRequest[];
  /** The next commit rejects with this error (a TillError such as DISK_FULL, or any Error). */
  failNext(e: Error): void;
  /** Commits wait until release(); `reached` resolves when a commit is waiting. */
  hold(): { reached: Promise<void>; release: () => void };
}

function openShift() {
  const slice = emptyShiftSlice();
  applyShiftEvent(slice, { seq: 0, at: '2025-01-01T00:00:00.000Z', type: 'shift.opened', register: 'R1', operator: 'op1', data: { shiftId: 'shift-0', register: 'R1', float: 0 } }, { program: () => undefined });
  return slice;
}

export function createMemoryStore(products: Product[], currency = 'USD'): MemoryStore {
  const events: JournalEvent[] = [];
  const commits: CommitRequest[] = [];
  const txs = new Set<string>();
  const faults: Error[] = [];
  let gate: { reached: () => void; promise: Promise<void> } | null = null;
  const state: StoreState = {
    meta: { storeId: 'mem', currency, createdAt: '2025-01-01T00:00:00.000Z', seq: 0, hash: '' },
    catalog: { products: Object.fromEntries(products.map((p) => [p.sku, p])) },
    sales: { count: 0, lastReceipt: {} },
    // Like the catalog, the register's shift is there from the start (opened before the test, float 0),
    // so a sale is one commit of one event; later shift events fold through the real projection.
    shifts: openShift(),
  };
  return {
    dir: '/memory',
    state,
    catalog: catalogOf(products),
    events,
    commits,
    async commit(req: CommitRequest): Promise<CommitResult> {
      commits.push(req);
      if (gate) {
        const g = gate;
        g.reached();
        await g.promise;
      }
      const fault = faults.shift();
      if (fault) throw fault;
      if (txs.has(req.id)) return { duplicate: true, events: [] };
      txs.add(req.id);
      const at = req.at ?? new Date().toISOString();
      const out = req.events.map((d, i): JournalEvent => ({
        seq: state.meta.seq + i + 1, id: randomUUID(), type: d.type, at, register: 'R1', operator: req.operator ?? '', tx: req.id,
        txIndex: i + 1, txCount: req.events.length, data: d.data, prev: '', hash: '',
      }));
      for (const e of out) {
        events.push(e);
        shiftsProjection.apply(state.shifts as never, e, state);
        if (e.type === 'sale.committed') {
          const sale = (e.data as { sale: { register: string; receiptNo: string } }).sale;
          state.sales.count++;
          state.sales.lastReceipt[sale.register] = Number(sale.receiptNo.split('-').pop());
        }
      }
      state.meta.seq += out.length;
      return { duplicate: false, events: out };
    },
    hasTx: (id) => txs.has(id),
    checkpoint: async () => {},
    close: async () => {},
    failNext: (e) => void faults.push(e),
    hold() {
      let reached!: () => void;
      let release!: () => void;
      const reachedP = new Promise<void>((r) => (reached = r));
      const promise = new Promise<void>((r) => (release = r));
      gate = { reached, promise };
      return { reached: reachedP, release: () => ((gate = null), release()) };
    },
  };
}

export interface Harness {
  register: Register;
  store: MemoryStore;
  hardware: MockHardware;
  config: TillConfig;
  /** Writes one raw line (a string is sent as is, anything else as JSON). */
  send(line: unknown): void;
  /** Writes raw bytes, no newline added. */
  raw(text: string | Buffer): void;
  /** Resolves with the n-th reply (0-based), parsed. */
  reply(n: number): Promise<Reply>;
  /** Every reply so far, parsed. */
  replies(): Reply[];
  /** Ends the input and resolves when runHeadless has. */
  end(): Promise<Reply[]>;
  done: Promise<void>;
}

export type Reply = {
  id?: number | string;
  ok: boolean;
  error?: { code: string; message: string };
  state: any;
  receipt?: { receiptNo: string; text: string };
};

export function startHeadless(opts: { config?: Partial<TillConfig>; products?: Product[] } = {}): Harness {
  const config = { ...demoConfig(), ...opts.config };
  const store = createMemoryStore(opts.products ?? demoProducts(), config.currency);
  const hardware = createMockHardware();
  let n = 0;
  const register = createRegister({ config, store, hardware, newId: () => `id-${++n}`, now: () => new Date('2025-03-04T05:06:07.000Z') });
  const input = new PassThrough();
  const output = new PassThrough();
  let buffered = '';
  const lines: string[] = [];
  output.on('data', (c: Buffer) => {
    buffered += c.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
  });
  const done = runHeadless(register, { input, output });
  const parse = () => lines.map((l) => JSON.parse(l) as Reply);
  return {
    register,
    store,
    hardware,
    config,
    done,
    send: (line) => void input.write(typeof line === 'string' ? `${line}\n` : `${JSON.stringify(line)}\n`),
    raw: (text) => void input.write(text),
    replies: parse,
    async reply(i) {
      await vi.waitFor(() => {
        if (lines.length <= i) throw new Error(`waiting for reply ${i}`);
      }, { timeout: 10_000, interval: 2 });
      return JSON.parse(lines[i]);
    },
    async end() {
      input.end();
      await done;
      return parse();
    },
  };
}

/** Sends every request, ends the input, returns all replies. */
export async function session(requests: unknown[], opts?: Parameters<typeof startHeadless>[0]): Promise<{ h: Harness; replies: Reply[] }> {
  const h = startHeadless(opts);
  for (const r of requests) h.send(r);
  return { h, replies: await h.end() };
}
