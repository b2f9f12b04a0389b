/**
 * Issue 10's report benchmark: an X and a Z over a shift of 5,000 sales, on a store of 1,000 events
 * of history and on one of 1,000,000. The reports are read from the shift's running totals (the
 * shifts projection), so neither their time nor their memory may grow with the history: the rows
 * compare the two stores. Each run opens a new shift on a register of its own (B-<time>) in the
 * benchmark stores, sells 5,000 sales into it (commitBatch, not timed), then times
 *  - X: `register.shift.x()` + its 42-column text, median of 200;
 *  - Z: the close itself (plan, one fsync'd commit, fold, the Z report), once, and the Z report
 *    again (`z()`, a reprint) + its text, median of 200;
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

export async function shiftReportBench(dataDir: string, log: (l: string) => void = () => {}): Promise<ShiftBench> {
  const register = `B-${Date.now().toString(36).slice(-6)}`;
  const config: TillConfig = { ...DEFAULT_CONFIG, register: { id: register } };
  const store = await openStore(dataDir, { register, operator: 'op1', idleCheckpointMs: 0 });
  try {
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
    const xText = () => {
      const r = service.x();
      if (!r.ok) throw r.error;
      return service.text(r.value);
    };
    for (let i = 0; i < 20; i++) xText(); // warm-up
    const x = await timeEach(200, xText);
    const reportBytes = retained(50, () => {
      const r = service.x();
      return r.ok ? [r.value, service.text(r.value)] : null;
    });
    const current = service.current()!;
    const totalsBytes = Buffer.byteLength(JSON.stringify((store.state.shifts as { open: Record<string, unknown> }).open[register]));
    const t0 = performance.now();
    const closed = await service.close(current.expectedCash - 50);
    const close = performance.now() - t0;
    if (!closed.ok) throw closed.error;
    if (closed.value.sales.count !== SHIFT_SALES) throw new Error(`the Z counts ${closed.value.sales.count} sales, not ${SHIFT_SALES}`);
    const z = await timeEach(200, () => {
      const r = service.z();
      if (!r.ok) throw r.error;
      return service.text(r.value);
    });
    return { events: store.state.meta.seq, x, close, z, reportBytes, totalsBytes };
  } finally {
    await store.close();
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
    ['memory of an X report + text, small / full', `${kb(small.reportBytes)} / ${kb(full.reportBytes)} (shift totals ${kb(small.totalsBytes)} / ${kb(full.totalsBytes)})`, 'same', verdict(Math.abs(full.reportBytes - small.reportBytes) <= Math.max(4096, 0.2 * small.reportBytes) && full.totalsBytes === small.totalsBytes)],
  ];
}
