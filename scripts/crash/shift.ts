/**
 * Issue 10's crash test for the shift: `till headless` opens a shift, sells, moves cash and closes
 * the shift, killed again and again — by failpoints inside appends and snapshot writes (half a
 * transaction on disk, a commit synced but never acknowledged, half a snapshot) and by SIGKILL from
 * outside just after the close was sent. After every kill, on disk:
 *  - the journal verifies and the snapshot, shifts slice included, equals the fold of the journal;
 *  - no shift is closed twice, Z numbers run 1, 2, 3... without a gap, and each close covers the
 *    line just before it;
 *  - every close the register acknowledged is in the journal once, with the Z number and cash it
 *    replied; every acknowledged sale is in the journal once;
 *  - each closed shift's totals (fold) give the expected cash its shift.closed recorded, and count
 *    the sales the journal holds between its open and its close.
 * After every restart a close whose reply was lost is sent again: either the shift is still open
 * (the close was not written) or it is refused SHIFT_NOT_OPEN (written once, never twice).
 */
import { verifyStore } from '../../src/store/verify.js';
import { closedShift, expectedCash } from '../../src/domain/shift/index.js';
import { shiftSlice } from '../../src/store/projections/shifts.js';
import type { ShiftClosedData } from '../../src/domain/shift/types.js';
import { startHeadless, type Child } from './child.js';
import { liveOnce } from './life.js';
import { journalEvents } from './model.js';
import { PRODUCTS, prepareStore } from './seed.js';
import { rng } from '../lib/rng.js';

export const SHIFT_FAILPOINTS = 'append-torn=0.12,append-synced=0.12,snapshot-temp=0.1,snapshot-renamed=0.1';

export interface ShiftCrashTally {
  kills: number;
  killedFromOutside: number;
  restarts: number;
  /** Closes sent (each is acknowledged, or its reply is lost to the kill that ends the life). */
  closesAttempted: number;
  closesAcknowledged: number;
  /** Closes written but whose reply was lost to the kill. */
  closesUnacknowledged: number;
  /** Closes sent again after a restart and refused SHIFT_NOT_OPEN (already written). */
  closesRetriedRefused: number;
  /** Closes whose reply was lost and which were not written: the shift was still open after the restart. */
  closesNotWritten: number;
  /** A close whose reply was lost to the last kill of the run (not looked at again). */
  closesPendingAtEnd: number;
  salesAcknowledged: number;
  failures: string[];
}

interface Lane {
  dir: string;
  acked: Map<string, { z: number; counted: number }>;
  sales: Set<string>;
  /** The shift a close was sent for when the register died, if its reply never came. */
  pendingClose: string | null;
}

async function oneLife(lane: Lane, t: ShiftCrashTally, random: () => number, failpoints: string): Promise<void> {
  const child = startHeadless(lane.dir, { TILL_FAILPOINTS: failpoints });
  await liveOnce(child, lane.dir, t, async (outsideKill) => {
    const first = await child.send({ cmd: 'state' });
    t.restarts++;
    if (first.state.status !== 'idle') t.failures.push(`restart ${t.restarts}: register is "${first.state.status}", not idle`);
    let shift = first.state.shift as { shiftId: string; expectedCash: number } | null;
    if (lane.pendingClose) {
      // The close's reply was lost: sending it again never closes twice.
      if (shift?.shiftId === lane.pendingClose) {
        // Not written: it is closed below, as a new close.
        lane.pendingClose = null;
        t.closesNotWritten++;
      }
      else {
        const again = await child.send({ cmd: 'shift_close', counted: 0, print: false });
        if (again.error?.code !== 'SHIFT_NOT_OPEN') t.failures.push(`a close sent again after a restart was not refused: ${again.error?.code ?? 'closed again'}`);
        else t.closesRetriedRefused++;
        lane.pendingClose = null;
      }
    }
    for (let round = 0; round < 4; round++) {
      if (!shift) {
        const o = await child.send({ cmd: 'shift_open', float: 10_000 + Math.floor(random() * 100) * 100 });
        if (!o.ok) throw new Error(`shift_open refused: ${o.error?.code}`);
        shift = o.shift as typeof shift;
      }
      for (let s = 0; s < 1 + Math.floor(random() * 2); s++) {
        await child.send({ cmd: 'scan', code: PRODUCTS[Math.floor(random() * PRODUCTS.length)].barcodes[0] });
        await child.send({ cmd: 'pay' });
        const paid = await child.send({ cmd: 'exact' });
        if (paid.state.status !== 'committed') throw new Error(`sale not committed: ${paid.error?.code}`);
        lane.sales.add(paid.state.lastSale!.saleId);
        await child.send({ cmd: 'next' });
      }
      if (random() < 0.5) await child.send({ cmd: 'cash_in', amount: 100, reason: 'crash test' });
      const st = (await child.send({ cmd: 'state' })).state.shift as { shiftId: string; expectedCash: number };
      const counted = st.expectedCash - Math.floor(random() * 3) * 50;
      lane.pendingClose = st.shiftId;
      t.closesAttempted++;
      if (random() < 0.35) outsideKill.arm(Math.floor(random() * 40));
      const closed = await child.send({ cmd: 'shift_close', counted, print: false });
      outsideKill.disarm();
      if (!closed.ok) throw new Error(`shift_close refused: ${closed.error?.code}`);
      lane.pendingClose = null;
      lane.acked.set(st.shiftId, { z: closed.report!.z!, counted });
      shift = null;
    }
  });
}

/** The checks after a kill, on the data folder alone. */
async function checkDisk(lane: Lane, t: ShiftCrashTally): Promise<void> {
  const at = `after kill ${t.kills}`;
  const v = await verifyStore(lane.dir);
  for (const p of v.problems) t.failures.push(`${at}: ${p.file}${p.line ? ` line ${p.line}` : ''}: ${p.message}`);
  if (v.snapshot.status !== 'ok' && v.snapshot.status !== 'missing') t.failures.push(`${at}: snapshot ${v.snapshot.status}`);
  if (v.problems.length) return;
  const events = journalEvents(lane.dir);
  const closes = events.filter((e) => e.type === 'shift.closed');
  const ids = closes.map((e) => (e.data as ShiftClosedData).shiftId);
  if (new Set(ids).size !== ids.length) t.failures.push(`${at}: a shift was closed twice`);
  closes.forEach((e, i) => {
    const d = e.data as ShiftClosedData;
    if (d.z !== i + 1) t.failures.push(`${at}: close ${i + 1} has Z ${d.z}`);
    if (d.covers.seq !== e.seq - 1 || d.covers.hash !== e.prev) t.failures.push(`${at}: Z ${d.z} covers event ${d.covers.seq}, not the line before it (${e.seq - 1})`);
  });
  for (const [shiftId, a] of lane.acked) {
    const mine = closes.filter((e) => (e.data as ShiftClosedData).shiftId === shiftId);
    if (mine.length !== 1) t.failures.push(`${at}: acknowledged close of ${shiftId} is in the journal ${mine.length} times`);
    else if ((mine[0].data as ShiftClosedData).z !== a.z || (mine[0].data as ShiftClosedData).counted !== a.counted) t.failures.push(`${at}: close of ${shiftId} says something else than its reply`);
  }
  const saleIds = events.filter((e) => e.type === 'sale.committed').map((e) => (e.data as { sale: { saleId: string } }).sale.saleId);
  for (const id of lane.sales) if (saleIds.filter((s) => s === id).length !== 1) t.failures.push(`${at}: acknowledged sale ${id} is in the journal ${saleIds.filter((s) => s === id).length} times`);
  const slice = shiftSlice(v.state);
  for (const e of closes) {
    const d = e.data as ShiftClosedData;
    const z = closedShift(slice, e.register, d.z);
    if (!z) {
      t.failures.push(`${at}: Z ${d.z} is not in the fold`);
      continue;
    }
    if (expectedCash(z) !== d.expected) t.failures.push(`${at}: Z ${d.z}: its totals give ${expectedCash(z)} expected, the close recorded ${d.expected}`);
    const sold = events.filter((x) => x.type === 'sale.committed' && x.register === e.register && x.seq > z.firstSeq && x.seq < e.seq).length;
    if (z.totals.sales.count !== sold) t.failures.push(`${at}: Z ${d.z} counts ${z.totals.sales.count} sales, the journal holds ${sold} in the shift`);
  }
}

export async function runShiftCrash(opts: { dataDir: string; kills: number; seed?: number; failpoints?: string; log?: (l: string) => void }): Promise<ShiftCrashTally> {
  await prepareStore(opts.dataDir);
  const random = rng(opts.seed ?? 10);
  const t: ShiftCrashTally = { kills: 0, killedFromOutside: 0, restarts: 0, closesAttempted: 0, closesAcknowledged: 0, closesUnacknowledged: 0, closesRetriedRefused: 0, closesNotWritten: 0, closesPendingAtEnd: 0, salesAcknowledged: 0, failures: [] };
  const lane: Lane = { dir: opts.dataDir, acked: new Map(), sales: new Set(), pendingClose: null };
  for (let life = 0; t.kills < opts.kills && life < opts.kills * 4 && t.failures.length === 0; life++) {
    const before = t.kills;
    // Every fourth life dies in its shift close (torn, or written but unanswered), so kills hit
    // closes in every run: with the random failpoints alone most lives died in their sales and a
    // quiet CI run had 4 closes, all answered. The others keep the random mix.
    const inClose = life % 4 === 3 ? (life % 8 === 3 ? 'append-torn:shift.closed=1' : 'append-synced:shift.closed=1') : null;
    await oneLife(lane, t, random, inClose ?? opts.failpoints ?? SHIFT_FAILPOINTS);
    if (t.kills > before) await checkDisk(lane, t);
    if (life % 10 === 0) opts.log?.(`  life ${life}: ${t.kills} kills, ${lane.acked.size} closes acknowledged`);
  }
  await checkDisk(lane, t);
  const closes = journalEvents(lane.dir).filter((e) => e.type === 'shift.closed').map((e) => (e.data as ShiftClosedData).shiftId);
  t.closesAcknowledged = lane.acked.size;
  t.closesUnacknowledged = closes.filter((id) => !lane.acked.has(id)).length;
  t.salesAcknowledged = lane.sales.size;
  t.closesPendingAtEnd = lane.pendingClose ? 1 : 0;
  return t;
}
