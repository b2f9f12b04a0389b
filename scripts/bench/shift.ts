/**
 * Issue 10's report benchmark: an X and a Z over a shift of 5,000 sales, on a store of 1,000 events
 * of history and on one of 1,000,000. The reports are read from the shift's running totals (the
 * shifts projection), so neither their time nor their memory may grow with the history: the rows
 * compare the two stores. Each run opens a new shift on a register of its own (B-<time>) in the
 * benchmark stores, sells 5,000 sales into it (commitBatch, not timed), then times
 *  - X: `register.shift.x()` + its 42-column text: 20 rounds of 10 on each store in turn, the
 *    median of the rounds' medians (a busy moment of a shared machine hits both stores alike);
 *  - Z: the close itself (plan, one fsync'd commit, fold, the Z report), once, and the Z report
 *    again (`z()`, a reprint) + its text, as the X;
 *  - memory: bytes a report and its text keep alive (heap after 50 of them, collected, / 50).
 * `npm run bench` includes it; `npm run bench:shift` runs it alone (same .bench stores).
 */
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { openStore } from '../../src/store/open.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { createShiftService } from '../../src/shift-service.js';
import type { CommitRequest } from '../../src/store/types.js';
import { rng, saleTx } from './data.js';
import { summarize, timeEach, type Summary } from './stats.js';

export const SHIFT_SALES = 5000;

export interface ShiftBench {
  events: number;
  x: Summary;
  close: number;
  z: Summary;
  /** Bytes one X report with its text keeps alive. */
  reportBytes: number;
  /** The shift's running totals, as JSON. */
  totalsBytes: number;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function retained(n: number, make: () => unknown): number {
  const keep: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) keep.push(make());
  gc();
  const after = process.memoryUsage().heapUsed;
  return keep.length ? Math.max(0, (after - before) / n) : 0;
}

interface Prepared {
  events: number;
  store: Awaited<ReturnType<typeof openStore>>;
  service: ReturnType<typeof createShiftService>;
  register: string;
}

/** Opens a shift on a register of its own in the store and sells SHIFT_SALES sales into it (not timed). */
async function prepare(dataDir: string, log: (l: string) => void): Promise<Prepared> {
  const register = `B-${Date.now().toString(36).slice(-6)}`;
  const config: TillConfig = { ...DEFAULT_CONFIG, register: { id: register } };
  const store = await openStore(dataDir, { register, operator: 'op1', idleCheckpointMs: 0 });
  let n = 0;
  const service = createShiftService({ config, store, operator: () => ({ id: 'op1', name: 'Cashier' }), newId: () => `${register}-${++n}`, now: () => new Date() });
  const opened = await service.open(10_000);
  if (!opened.ok) throw opened.error;
  const random = rng(7);
  for (let done = 0; done < SHIFT_SALES; done += 500) {
    const reqs: CommitRequest[] = Array.from({ length: 500 }, (_, i) => saleTx(900_000_000 + done + i, random, register));
    await store.commitBatch(reqs);
  }
  log(`    ${path.basename(dataDir)}: ${SHIFT_SALES} sales in shift ${opened.value.shiftId}, store at event ${store.state.meta.seq}`);
  return { events: store.state.meta.seq, store, service, register };
}

const xText = (p: Prepared) => {
  const r = p.service.x();
  if (!r.ok) throw r.error;
  return p.service.text(r.value);
};
const zText = (p: Prepared) => {
  const r = p.service.z();
  if (!r.ok) throw r.error;
  return p.service.text(r.value);
};

/** Samples of `op` on both stores in alternating rounds, so a busy moment of the machine hits both alike. */
async function interleaved(a: Prepared, b: Prepared, op: (p: Prepared) => unknown): Promise<[Summary, Summary]> {
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < 20; i++) op(a), op(b); // warm-up
  for (let round = 0; round < 20; round++) {
    for (const [p, out] of [[a, sa], [b, sb]] as const) {
      const s = await timeEach(10, () => op(p));
      out.push(s.median);
    }
  }
  return [summarize(sa), summarize(sb)];
}

/** X and Z on the two stores (the small one first), measured side by side. */
export async function shiftReportBench(smallDir: string, fullDir: string, log: (l: string) => void = () => {}): Promise<[ShiftBench, ShiftBench]> {
  const a = await prepare(smallDir, log);
  const b = await prepare(fullDir, log);
  try {
    const [xa, xb] = await interleaved(a, b, xText);
    const bytes = (p: Prepared) =>
      retained(50, () => {
        const r = p.service.x();
        return r.ok ? [r.value, p.service.text(r.value)] : null;
      });
    const totals = (p: Prepared) => Buffer.byteLength(JSON.stringify((p.store.state.shifts as { open: Record<string, { totals: unknown }> }).open[p.register].totals));
    const mem = [bytes(a), bytes(b)];
    const tot = [totals(a), totals(b)];
    const close = async (p: Prepared) => {
      const t0 = performance.now();
      const closed = await p.service.close(p.service.current()!.expectedCash - 50);
      const ms = performance.now() - t0;
      if (!closed.ok) throw closed.error;
      if (closed.value.sales.count !== SHIFT_SALES) throw new Error(`the Z counts ${closed.value.sales.count} sales, not ${SHIFT_SALES}`);
      return ms;
    };
    const ca = await close(a);
    const cb = await close(b);
    const [za, zb] = await interleaved(a, b, zText);
    return [
      { events: a.events, x: xa, close: ca, z: za, reportBytes: mem[0], totalsBytes: tot[0] },
      { events: b.events, x: xb, close: cb, z: zb, reportBytes: mem[1], totalsBytes: tot[1] },
    ];
  } finally {
    await a.store.close();
    await b.store.close();
  }
}

export { summarize };

/** Table rows: the two stores side by side, and the ratios the issue asks for. */
export function shiftRows(small: ShiftBench, full: ShiftBench, fmt: (x: number) => string): [string, string, string, string][] {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const at = (b: ShiftBench) => `${b.events.toLocaleString('en')} events`;
  return [
    [`X report + text, shift of ${SHIFT_SALES.toLocaleString('en')} sales, store of ${at(small)}`, `median ${fmt(small.x.median)} ms, p99 ${fmt(small.x.p99)} ms`, '', ''],
    [`X report + text, shift of ${SHIFT_SALES.toLocaleString('en')} sales, store of ${at(full)}`, `median ${fmt(full.x.median)} ms, p99 ${fmt(full.x.p99)} ms`, '', ''],
    ['X at full history / at small (median)', ratio(full.x.median, small.x.median), '<= 1.3x', verdict(full.x.median <= 1.3 * small.x.median)],
    ['shift close (commit + Z), small / full', `${fmt(small.close)} ms / ${fmt(full.close)} ms`, '', ''],
    ['Z reprint + text, median, small / full', `${fmt(small.z.median)} ms / ${fmt(full.z.median)} ms`, '', ''],
    ['Z at full history / at small (median)', ratio(full.z.median, small.z.median), '<= 1.3x', verdict(full.z.median <= 1.3 * small.z.median)],
    // The totals differ by a few digits (sequence numbers of a bigger journal); heap figures by GC noise.
    ['memory of an X report + text, small / full', `${kb(small.reportBytes)} / ${kb(full.reportBytes)} (shift totals ${small.totalsBytes} / ${full.totalsBytes} bytes)`, 'same', verdict(Math.abs(full.reportBytes - small.reportBytes) <= Math.max(4096, 0.2 * small.reportBytes) && Math.abs(full.totalsBytes - small.totalsBytes) <= 64)],
  ];
}
