/**
 * `till store repair`: the way out of a damaged journal that keeps every intact event. Nothing is
 * deleted: the damaged journal and snapshot are moved aside (`journal.damaged-<time>/`,
 * `store.json.damaged-<time>`), a new journal is written from the events that are intact — every
 * line whose own hash matches its bytes, in whole transactions — re-chained and renumbered (seq is
 * gapless again; ids, transaction ids, times, registers, operators and data are kept), closed by a
 * `store.repaired` event that records what could not be kept, and the snapshot is rebuilt from it.
 * What could not be kept is listed: damaged lines (file, line, the bytes stay in the set-aside
 * copy) and the transactions they belonged to. Run with the register closed (it takes the lock).
 */
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock } from './lock.js';
import { decodeLine, encodeLine } from './line.js';
import { listSegments, segmentName } from './segments.js';
import { DIR_MODE, FILE_MODE } from './fs-ops.js';
import { StoreError } from './errors.js';
import { SNAPSHOT_FILE } from './snapshot.js';
import { BalanceGuard } from './balance-guard.js';
import { applyEvent, initialState } from './fold.js';
import { PROJECTIONS } from './projections/index.js';
import { MONEY_SLICES } from './balance-proof.js';
import { appendLog } from './notices.js';
import { isStoreError } from './errors.js';
import { JOURNAL_DIR } from './load.js';
import type { JournalEvent } from './types.js';

/** The reason of an intact line dropped with its incomplete transaction (the back office words it per language). */
export const INCOMPLETE_TX = 'intact, but its transaction is incomplete (another part of it is damaged or missing)';

export const STORE_REPAIRED = 'store.repaired';

export interface RepairLoss {
  /** Where, in the set-aside copy. */
  file: string;
  line: number;
  reason: string;
  /** The transaction the line belonged to, when it could still be read. */
  tx?: string;
  seq?: number;
}

export interface RepairReport {
  /** Nothing to repair: the journal verified. */
  clean: boolean;
  kept: number;
  /** Damaged lines, and intact lines dropped because their transaction was incomplete. */
  lost: RepairLoss[];
  /** Transactions not kept (incomplete after the damage). */
  droppedTx: string[];
  /** Where the damaged journal and snapshot were moved. */
  setAside: string[];
  lastSeq: number;
  /**
   * Kept transactions that take a balance below zero once what was lost is gone (a redemption of a
   * load that could not be kept): kept, because they happened, and listed so that nobody finds the
   * negative balance by surprise. `seq` is the event's number in the repaired journal.
   */
  overdrawn: RepairOverdraft[];
}

export interface RepairOverdraft {
  tx: string;
  seq: number;
  code: 'GIFT_CARD_OVERDRAWN' | 'POINTS_OVERDRAWN';
  message: string;
}

interface Found {
  ev: JournalEvent;
  file: string;
  line: number;
}

/** Reads every line of every segment, keeping the ones whose own hash holds. */
function salvage(journalDir: string): { found: Found[]; damaged: RepairLoss[]; chainOk: boolean } {
  const found: Found[] = [];
  const damaged: RepairLoss[] = [];
  let seq = 0;
  let hash = '';
  let chainOk = true;
  for (const seg of listSegments(journalDir)) {
    const buf = fs.readFileSync(seg.file);
    let end = buf.length;
    while (end > 0 && buf[end - 1] === 0) end--;
    let pos = 0;
    let line = 0;
    while (pos < end) {
      let nl = buf.indexOf(10, pos);
      if (nl === -1 || nl > end) nl = end;
      line++;
      if (nl > pos) {
        const d = decodeLine(buf, pos, nl);
        const rel = `${JOURNAL_DIR}/${seg.name}`;
        if (d.ok) {
          found.push({ ev: d.event, file: rel, line });
          if (d.event.seq !== seq + 1 || d.event.prev !== hash) chainOk = false;
          seq = d.event.seq;
          hash = d.event.hash;
        } else {
          chainOk = false;
          let tx: string | undefined;
          let at: number | undefined;
          const m = /"seq":(\d+)/.exec(buf.toString('utf8', pos, Math.min(nl, pos + 40)));
          if (m) at = Number(m[1]);
          const t = /"tx":"([^"]+)"/.exec(buf.toString('utf8', pos, nl));
          if (t) tx = t[1];
          damaged.push({ file: rel, line, reason: d.reason, ...(tx ? { tx } : {}), ...(at ? { seq: at } : {}) });
        }
      }
      pos = nl + 1;
    }
  }
  return { found, damaged, chainOk };
}

export async function repairStore(dir: string, opts: { now?: () => Date } = {}): Promise<RepairReport> {
  dir = path.resolve(dir);
  const journalDir = path.join(dir, JOURNAL_DIR);
  if (!fs.existsSync(journalDir)) throw new StoreError('STORE_MISSING', `There is no journal in ${dir} to repair.`, { file: journalDir });
  const lock = acquireLock(dir);
  try {
    const { found, damaged, chainOk } = salvage(journalDir);
    // Whole transactions only, each once (a repeated line or transaction is kept the first time).
    const byTx = new Map<string, Found[]>();
    const seen = new Set<string>();
    for (const f of found) {
      if (seen.has(f.ev.id)) continue;
      seen.add(f.ev.id);
      const list = byTx.get(f.ev.tx) ?? [];
      list.push(f);
      byTx.set(f.ev.tx, list);
    }
    const lost: RepairLoss[] = [...damaged];
    const droppedTx = new Set<string>(damaged.map((d) => d.tx).filter((t): t is string => !!t));
    const keep = new Set<string>();
    for (const [tx, list] of byTx) {
      const n = list[0].ev.txCount;
      const whole = !droppedTx.has(tx) && list.length === n && list.every((f, i) => f.ev.txIndex === i + 1 && f.ev.txCount === n);
      if (whole) keep.add(tx);
      else {
        droppedTx.add(tx);
        for (const f of list) lost.push({ file: f.file, line: f.line, reason: INCOMPLETE_TX, tx, seq: f.ev.seq });
      }
    }
    // Only lines of kept transactions, once each, in journal order.
    const unique: JournalEvent[] = [];
    const ids = new Set<string>();
    for (const f of found)
      if (keep.has(f.ev.tx) && !ids.has(f.ev.id)) {
        ids.add(f.ev.id);
        unique.push(f.ev);
      }

    if (chainOk && lost.length === 0)
      return { clean: true, kept: unique.length, lost: [], droppedTx: [], setAside: [], lastSeq: unique.length ? unique[unique.length - 1].seq : 0, overdrawn: [] };
    if (unique.length === 0 || unique[0].type !== 'store.initialized')
      throw new StoreError('STORE_CORRUPT', `The first event of the journal (store.initialized) is damaged; ${dir} cannot be repaired. Restore the last backup with \`till init --from-backup DIR\`. Nothing was changed.`, { file: journalDir });

    const overdrawn = guardRefold(unique);

    // Set the damaged journal and snapshot aside (never deleted).
    const stamp = (opts.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-');
    const asideJournal = path.join(dir, `${JOURNAL_DIR}.damaged-${stamp}`);
    const setAside = [asideJournal];
    fs.renameSync(journalDir, asideJournal);
    const snap = path.join(dir, SNAPSHOT_FILE);
    if (fs.existsSync(snap)) {
      const asideSnap = `${snap}.damaged-${stamp}`;
      fs.renameSync(snap, asideSnap);
      setAside.push(asideSnap);
    }

    // The new journal: intact events re-chained and renumbered, then the record of the repair.
    let prev = '';
    let seq = 0;
    const lines: string[] = [];
    const put = (e: Omit<JournalEvent, 'seq' | 'prev' | 'hash'>, dataJson: string) => {
      const { line, hash } = encodeLine({ seq: ++seq, id: e.id, type: e.type, at: e.at, register: e.register, operator: e.operator, tx: e.tx, txIndex: e.txIndex ?? 1, txCount: e.txCount ?? 1, dataJson, prev });
      lines.push(line);
      prev = hash;
    };
    for (const ev of unique) put(ev, JSON.stringify(ev.data ?? null));
    const at = (opts.now ?? (() => new Date()))().toISOString();
    const record = {
      setAside: setAside.map((p) => path.relative(dir, p)),
      kept: unique.length,
      lost: lost.map((l) => ({ file: l.file, line: l.line, reason: l.reason, ...(l.tx ? { tx: l.tx } : {}), ...(l.seq ? { seq: l.seq } : {}) })),
      droppedTx: [...droppedTx],
      overdrawn,
    };
    const last = unique[unique.length - 1];
    put({ id: `repair-${stamp}`, type: STORE_REPAIRED, at, register: last.register, operator: '', tx: `repair:${stamp}`, txIndex: 1, txCount: 1, data: record }, JSON.stringify(record));
    fs.mkdirSync(journalDir, { mode: DIR_MODE });
    const file = path.join(journalDir, segmentName(1));
    const fd = fs.openSync(file, 'wx', FILE_MODE);
    try {
      fs.writeSync(fd, lines.join('\n') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const dfd = fs.openSync(journalDir, 'r');
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
    // The manager's log says it too (docs/storage.md, "Store notices").
    for (const o of overdrawn) appendLog(dir, `${at} WARNING ${o.code} store repair: ${o.message}`);
    return { clean: false, kept: unique.length, lost, droppedTx: [...droppedTx], setAside, lastSeq: seq, overdrawn };
  } finally {
    lock.release();
  }
}

/**
 * Folds the kept events through the same balance guard a live commit passes (balance-guard.ts),
 * transaction by transaction, with the numbers they get in the repaired journal. A transaction the
 * guard would refuse is still kept (it was committed and acknowledged: the card paid, the points
 * were given) and comes back as an overdraft to show.
 */
function guardRefold(events: readonly JournalEvent[]): RepairOverdraft[] {
  const modules = PROJECTIONS.filter((m) => MONEY_SLICES.includes(m.name));
  const state = initialState(modules);
  const out: RepairOverdraft[] = [];
  for (let i = 0; i < events.length; ) {
    const n = Math.max(1, events[i].txCount ?? 1);
    const tx = events.slice(i, i + n).map((ev, k) => ({ ...ev, seq: i + k + 1 }));
    try {
      new BalanceGuard(state).check(tx);
    } catch (e) {
      if (!isStoreError(e) || (e.code !== 'GIFT_CARD_OVERDRAWN' && e.code !== 'POINTS_OVERDRAWN')) throw e;
      const p = e.params;
      const message =
        e.code === 'GIFT_CARD_OVERDRAWN'
          ? `event ${tx[0].seq} (tx ${tx[0].tx}) takes gift card …${p.last4} from ${p.balance} to ${p.after} minor units`
          : `event ${tx[0].seq} (tx ${tx[0].tx}) takes customer ${p.customer}'s ${p.program} points from ${p.points} to ${p.after}`;
      out.push({ tx: tx[0].tx, seq: tx[0].seq, code: e.code, message: `${message}, now that the lost part of the history is gone. Check it against paper receipts and correct it with a compensating adjustment.` });
    }
    for (const ev of tx) applyEvent(state, ev, modules);
    i += n;
  }
  return out;
}
