/**
 * Issue 10's crash test for returns: `till headless` sells (cash, a gift card with cash, a card;
 * some to a loyalty customer, so a return moves points and gift-card value in its transaction) and
 * takes partial returns of its earlier receipts, killed again and again — by failpoints inside
 * appends and snapshot writes (half a transaction on disk, a commit synced but never acknowledged,
 * half a snapshot) and by SIGKILL from outside just after the return's commit was sent. After every
 * kill, on disk:
 *  - the journal verifies and the snapshot (gift cards, loyalty, returns, shifts) equals its fold;
 *  - no return transaction is there twice, no receipt number twice, and the receipt numbers of sales
 *    and returns run 1, 2, 3... without a gap;
 *  - every return is whole: its gift-card refunds and points moves are in its own transaction;
 *  - no line of a sale has more back than was sold;
 *  - every return the register acknowledged is in the journal once, with the total it replied, and
 *    every acknowledged sale once.
 * After every restart the receipt of a return whose reply was lost is opened again: its lines show
 * the return either written once (what came back grew by exactly its quantities) or not at all.
 */
import { verifyStore } from '../../src/store/verify.js';
import type { JournalEvent } from '../../src/store/types.js';
import type { ReturnCommitted } from '../../src/domain/returns/types.js';
import { startHeadless, type Child, type Reply } from './child.js';
import { liveOnce } from './life.js';
import { journalEvents } from './model.js';
import { PRODUCTS, prepareStore, type Seed } from './seed.js';
import { rng } from '../lib/rng.js';

export const RETURN_FAILPOINTS = 'append-torn=0.1,append-synced=0.1,snapshot-temp=0.08,snapshot-renamed=0.08';

export interface ReturnCrashTally {
  kills: number;
  killedFromOutside: number;
  restarts: number;
  salesAcknowledged: number;
  /** Return commits sent (each is acknowledged, or its reply is lost to a kill). */
  returnsAttempted: number;
  returnsAcknowledged: number;
  /** Returns written whose reply was lost to the kill (found on the receipt after the restart). */
  returnsUnacknowledged: number;
  /** Returns whose reply was lost and which were not written: nothing of them is on disk. */
  returnsLost: number;
  /** Returns whose transaction moved gift-card value or points. */
  returnsWithCardsOrPoints: number;
  failures: string[];
}

interface SaleSeen {
  receiptNo: string;
  saleId: string;
  /** Units per line the test knows are still returnable (learnt when the receipt is first opened). */
  left: Record<string, number> | null;
}

interface Pending {
  receiptNo: string;
  picks: Record<string, number>;
  /** What had come back of each line before the commit was sent. */
  before: Record<string, number>;
}

interface Lane {
  dir: string;
  seed: Seed;
  sales: SaleSeen[];
  saleIds: Set<string>;
  /** Acknowledged returns: their own receipt number -> the total replied. */
  acked: Map<string, number>;
  pending: Pending | null;
}

type Lines = { line: string; sold: number; returned: number; returnable: number }[];
const linesOf = (r: Reply): Lines => ((r.state as { return?: { lines?: Lines } }).return?.lines ?? []) as Lines;

/** The register was killed while a return's reply was on its way: what does the receipt say now? */
async function settlePending(child: Child, lane: Lane, t: ReturnCrashTally): Promise<void> {
  const p = lane.pending!;
  const sale = lane.sales.find((s) => s.receiptNo === p.receiptNo)!;
  const left = sale.left!;
  const o = await child.send({ cmd: 'return_open', receipt: p.receiptNo });
  const backNow = (line: string, l: Lines) => l.find((x) => x.line === line)?.returned;
  let written: boolean;
  if (o.error?.code === 'ALREADY_RETURNED') {
    // Everything is back: only if the lost return took everything that was left.
    written = Object.keys(left).every((line) => (p.picks[line] ?? 0) === left[line]);
    if (!written) t.failures.push(`receipt ${p.receiptNo}: after the kill it is all returned, but the lost return took only ${JSON.stringify(p.picks)} of ${JSON.stringify(left)}`);
  } else if (!o.ok) {
    t.failures.push(`opening ${p.receiptNo} again after a restart: ${o.error?.code}`);
    return;
  } else {
    const l = linesOf(o);
    const grown = Object.entries(p.picks).map(([line, q]) => (backNow(line, l) ?? -1) - p.before[line] - q);
    const same = Object.keys(p.picks).every((line) => backNow(line, l) === p.before[line]);
    written = grown.every((g) => g === 0);
    if (!written && !same) t.failures.push(`receipt ${p.receiptNo}: after the kill its lines show neither the return once nor not at all: ${JSON.stringify(l)} (sent ${JSON.stringify(p.picks)} on ${JSON.stringify(p.before)})`);
    await child.send({ cmd: 'return_cancel' });
  }
  if (written) {
    t.returnsUnacknowledged++;
    for (const [line, q] of Object.entries(p.picks)) left[line] -= q;
  } else t.returnsLost++;
  lane.pending = null;
}

async function sell(child: Child, lane: Lane, random: () => number): Promise<void> {
  const { seed } = lane;
  const customer = random() < 0.5 ? seed.customers[Math.floor(random() * seed.customers.length)] : null;
  if (customer) await child.send({ cmd: 'scan', code: customer.card });
  const lines = 1 + Math.floor(random() * 3);
  for (let i = 0; i < lines; i++) await child.send({ cmd: 'scan', code: PRODUCTS[Math.floor(random() * PRODUCTS.length)].barcodes[0], qty: 1 + Math.floor(random() * 3) });
  await child.send({ cmd: 'pay' });
  const how = random();
  let paid: Reply;
  if (how < 0.35) {
    const card = seed.cards[Math.floor(random() * seed.cards.length)];
    const gc = await child.send({ cmd: 'giftcard_pay', code: `GC${card.code}`, amount: 100 });
    paid = gc.state.status === 'committed' ? gc : await child.send({ cmd: 'exact' });
  } else if (how < 0.6) paid = await child.send({ cmd: 'card', reference: `C${Math.floor(random() * 1e6)}` });
  else paid = await child.send({ cmd: 'exact' });
  if (paid.state.status !== 'committed') throw new Error(`sale not committed: ${paid.error?.code}`);
  const sale = paid.state.lastSale!;
  lane.saleIds.add(sale.saleId);
  lane.sales.push({ receiptNo: sale.receiptNo, saleId: sale.saleId, left: null });
  await child.send({ cmd: 'next' });
}

/** Opens a receipt with something left, picks a part of it, commits; maybe killed on the way. */
async function takeReturn(child: Child, lane: Lane, t: ReturnCrashTally, random: () => number, kill: () => void): Promise<void> {
  const open = lane.sales.filter((s) => s.left === null || Object.values(s.left).some((q) => q > 0));
  if (open.length === 0) return;
  const sale = open[Math.floor(random() * open.length)];
  const o = await child.send({ cmd: 'return_open', receipt: sale.receiptNo });
  if (!o.ok) throw new Error(`return_open ${sale.receiptNo} refused: ${o.error?.code}`);
  const lines = linesOf(o);
  const picks: Record<string, number> = {};
  const before: Record<string, number> = {};
  const left = (sale.left ??= Object.fromEntries(lines.map((l) => [l.line, l.returnable])));
  for (const l of lines) {
    before[l.line] = l.returned;
    if (l.returnable !== left[l.line]) t.failures.push(`receipt ${sale.receiptNo} line ${l.line}: ${l.returnable} returnable, the test knows ${left[l.line]}`);
    const q = l.returnable > 0 && random() < 0.7 ? 1 + Math.floor(random() * l.returnable) : 0;
    if (q > 0) picks[l.line] = q;
  }
  if (Object.keys(picks).length === 0) {
    const l = lines.find((x) => x.returnable > 0)!;
    picks[l.line] = 1;
  }
  for (const [line, qty] of Object.entries(picks)) {
    const r = await child.send({ cmd: 'return_line', line, qty });
    if (!r.ok) throw new Error(`return_line ${line} x${qty} refused: ${r.error?.code}`);
  }
  lane.pending = { receiptNo: sale.receiptNo, picks, before };
  t.returnsAttempted++;
  kill();
  const done = await child.send({ cmd: 'return_commit' });
  if (!done.ok) throw new Error(`return_commit refused: ${done.error?.code} ${done.error?.message}`);
  lane.pending = null;
  const last = (done.state as { return?: { last?: { receiptNo: string; total: number } } }).return?.last;
  if (!last || !done.receipt) throw new Error('return_commit answered without the return');
  lane.acked.set(last.receiptNo, last.total);
  for (const [line, q] of Object.entries(picks)) left[line] -= q;
  await child.send({ cmd: 'return_close' });
}

async function oneLife(lane: Lane, t: ReturnCrashTally, random: () => number, failpoints: string): Promise<void> {
  const child = startHeadless(lane.dir, { TILL_FAILPOINTS: failpoints });
  await liveOnce(child, lane.dir, t, async (outsideKill) => {
    const kill = () => {
      if (random() < 0.35) outsideKill.arm(Math.floor(random() * 40));
    };
    const first = await child.send({ cmd: 'state' });
    t.restarts++;
    if (first.state.status !== 'idle' || (first.state as { return?: unknown }).return) t.failures.push(`restart ${t.restarts}: register is "${first.state.status}", not idle with no return`);
    if (lane.pending) await settlePending(child, lane, t);
    for (let round = 0; round < 4; round++) {
      await sell(child, lane, random);
      await takeReturn(child, lane, t, random, kill);
      outsideKill.disarm();
    }
  });
}

const receiptSeq = (no: string) => Number(no.slice(no.lastIndexOf('-') + 1));

/** The checks after a kill, on the data folder alone. */
async function checkDisk(lane: Lane, t: ReturnCrashTally): Promise<void> {
  const at = `after kill ${t.kills}`;
  const v = await verifyStore(lane.dir);
  for (const p of v.problems) t.failures.push(`${at}: ${p.file}${p.line ? ` line ${p.line}` : ''}: ${p.message}`);
  if (v.snapshot.status !== 'ok' && v.snapshot.status !== 'missing') t.failures.push(`${at}: snapshot ${v.snapshot.status}`);
  if (v.problems.length) return;
  const events = journalEvents(lane.dir) as JournalEvent[];
  const rets = events.filter((e) => e.type === 'return.committed');
  const sales = events.filter((e) => e.type === 'sale.committed');
  const txs = rets.map((e) => e.tx);
  if (new Set(txs).size !== txs.length) t.failures.push(`${at}: a return transaction is in the journal twice`);
  const numbers = [...sales.map((e) => (e.data as { sale: { receiptNo: string } }).sale.receiptNo), ...rets.map((e) => (e.data as ReturnCommitted).return.receiptNo)].map(receiptSeq).sort((a, b) => a - b);
  numbers.forEach((n, i) => {
    if (n !== i + 1) t.failures.push(`${at}: receipt numbers of sales and returns run ${numbers.slice(Math.max(0, i - 2), i + 2).join(', ')}: not 1, 2, 3... without a gap or a double`);
  });
  const sold = new Map<string, Record<string, number>>();
  for (const e of sales) {
    const s = (e.data as { sale: { saleId: string; lines: { id: string; qty: number }[] } }).sale;
    sold.set(s.saleId, Object.fromEntries(s.lines.map((l) => [l.id, l.qty])));
  }
  const back = new Map<string, Record<string, number>>();
  for (const e of rets) {
    const r = (e.data as ReturnCommitted).return;
    const same = events.filter((x) => x.tx === e.tx);
    const cards = r.refunds.filter((f) => f.kind === 'giftcard').length;
    if (same.filter((x) => x.type === 'giftcard.refunded').length !== cards) t.failures.push(`${at}: return ${r.receiptNo} refunds ${cards} gift-card shares; its transaction holds ${same.filter((x) => x.type === 'giftcard.refunded').length}`);
    const moved = (r.loyalty?.programs ?? []).some((p) => p.returned > 0 || p.clawedBack > 0);
    if (moved && !same.some((x) => x.type === 'points.refunded')) t.failures.push(`${at}: return ${r.receiptNo} moves points; its transaction holds no points.refunded`);
    if (!r.sale) continue; // a return without a receipt (this test takes none) has no sale's lines
    const b = back.get(r.sale.saleId) ?? {};
    for (const l of r.lines) b[l.lineId] = (b[l.lineId] ?? 0) + l.qty;
    back.set(r.sale.saleId, b);
  }
  for (const [saleId, b] of back)
    for (const [line, q] of Object.entries(b))
      if (q > (sold.get(saleId)?.[line] ?? 0)) t.failures.push(`${at}: sale ${saleId} line ${line}: ${q} back, ${sold.get(saleId)?.[line] ?? 0} sold`);
  for (const [no, total] of lane.acked) {
    const mine = rets.filter((e) => (e.data as ReturnCommitted).return.receiptNo === no);
    if (mine.length !== 1) t.failures.push(`${at}: acknowledged return ${no} is in the journal ${mine.length} times`);
    else if ((mine[0].data as ReturnCommitted).return.total !== total) t.failures.push(`${at}: return ${no} says something else than its reply`);
  }
  const saleIds = sales.map((e) => (e.data as { sale: { saleId: string } }).sale.saleId);
  for (const id of lane.saleIds) if (saleIds.filter((s) => s === id).length !== 1) t.failures.push(`${at}: acknowledged sale ${id} is in the journal ${saleIds.filter((s) => s === id).length} times`);
}

export async function runReturnCrash(opts: { dataDir: string; kills: number; seed?: number; failpoints?: string; log?: (l: string) => void }): Promise<ReturnCrashTally> {
  const seed = await prepareStore(opts.dataDir);
  const random = rng(opts.seed ?? 11);
  const t: ReturnCrashTally = { kills: 0, killedFromOutside: 0, restarts: 0, salesAcknowledged: 0, returnsAttempted: 0, returnsAcknowledged: 0, returnsUnacknowledged: 0, returnsLost: 0, returnsWithCardsOrPoints: 0, failures: [] };
  const lane: Lane = { dir: opts.dataDir, seed, sales: [], saleIds: new Set(), acked: new Map(), pending: null };
  for (let life = 0; t.kills < opts.kills && life < opts.kills * 4 && t.failures.length === 0; life++) {
    const before = t.kills;
    await oneLife(lane, t, random, opts.failpoints ?? RETURN_FAILPOINTS);
    if (t.kills > before) await checkDisk(lane, t);
    if (life % 10 === 0) opts.log?.(`  life ${life}: ${t.kills} kills, ${lane.acked.size} returns acknowledged`);
  }
  await checkDisk(lane, t);
  t.returnsAcknowledged = lane.acked.size;
  t.salesAcknowledged = lane.saleIds.size;
  t.returnsWithCardsOrPoints = journalEvents(lane.dir).filter((e) => {
    if (e.type !== 'return.committed') return false;
    const r = (e.data as ReturnCommitted).return;
    return r.refunds.some((f) => f.kind === 'giftcard') || (r.loyalty?.programs ?? []).some((p) => p.returned > 0 || p.clawedBack > 0);
  }).length;
  return t;
}
