/**
 * Verification: the whole journal (every line's hash, the chain, gapless sequence, transaction
 * framing, segment continuity) and the snapshot against a fresh fold of the journal up to the event
 * the snapshot reflects. Read-only and lock-free, so it can run beside a working register.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { applyEvent, initialState, projectionVersions } from './fold.js';
import { PROJECTIONS } from './projections/index.js';
import { checkSnapshot, isOutdated, readSnapshotFile, SNAPSHOT_FILE, type SnapshotDoc } from './snapshot.js';
import { listSegments, readFrom, scanBuffer, segmentName, type ChainPoint } from './segments.js';
import { JOURNAL_DIR } from './load.js';
import { TxSet } from './tx-set.js';
import { isStoreError, journalDamageFix, StoreError } from './errors.js';
import { storeExists } from './open.js';
import type { ProjectionModule, StoreState } from './types.js';

export interface VerifyProblem {
  file: string;
  line?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  segments: number;
  events: number;
  transactions: number;
  lastSeq: number;
  lastHash: string;
  /** An incomplete transaction at the end (a commit in progress, or a torn write start-up will cut). */
  tail?: { file: string; line: number; bytes: number };
  snapshot: { file: string; seq: number; status: 'ok' | 'missing' | 'unreadable' | 'unproven' | 'unchecked' | 'mismatch' | 'ahead' | 'other-version' };
  problems: VerifyProblem[];
  /** The fold of the whole journal (for rebuild and tests). */
  state: StoreState;
}

/** First path where two JSON values differ, with both values, for a readable mismatch message. */
export function firstDifference(a: unknown, b: unknown, at: string): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 60));
  return `${at}: snapshot has ${show(a)}, the journal folds to ${show(b)}`;
}

function compareSnapshot(doc: SnapshotDoc, state: StoreState, txs: TxSet, modules: readonly ProjectionModule<any>[], file: string): VerifyProblem[] {
  const out: VerifyProblem[] = [];
  const fix = 'Run `till store rebuild` to rebuild the snapshot from the journal.';
  if (doc.state.meta.hash !== state.meta.hash) out.push({ file, message: `the snapshot's event ${state.meta.seq} has a different hash than the journal's. ${fix}` });
  // A slice built by another version of its module is rebuilt at start-up: nothing to compare.
  const names = new Set(['meta', ...modules.filter((m) => doc.projections[m.name] === (m.version ?? 1)).map((m) => m.name)]);
  for (const name of names) {
    const d = firstDifference(doc.state[name], state[name], name);
    if (d) out.push({ file, message: `slice "${name}" differs from the fold of the journal at ${d}. ${fix}` });
  }
  if (!doc.txs.equals(txs)) out.push({ file, message: `the transaction index (${doc.txs.size} ids) differs from the journal's (${txs.size} ids). ${fix}` });
  return out;
}

export async function verifyStore(dir: string, opts: { modules?: readonly ProjectionModule<any>[] } = {}): Promise<VerifyReport> {
  dir = path.resolve(dir);
  if (!storeExists(dir))
    throw new StoreError('STORE_MISSING', `There is no store in ${dir}. Create one with \`till init --data ${dir}\`.`, { file: dir });
  const modules = opts.modules ?? PROJECTIONS;
  const snapFile = path.join(dir, SNAPSHOT_FILE);
  const problems: VerifyProblem[] = [];
  const report: Omit<VerifyReport, 'ok'> = {
    segments: 0,
    events: 0,
    transactions: 0,
    lastSeq: 0,
    lastHash: '',
    snapshot: { file: snapFile, seq: 0, status: 'missing' },
    problems,
    state: initialState(modules),
  };

  let doc: SnapshotDoc | null = null;
  if (fs.existsSync(snapFile)) {
    try {
      const read = readSnapshotFile(snapFile, dir);
      // A snapshot of an earlier version is not compared: the next start-up rebuilds it from the journal.
      if (read && isOutdated(read)) report.snapshot.status = 'other-version';
      else if (read) {
        if (read.unproven) {
          report.snapshot.status = 'unproven';
          problems.push({ file: snapFile, message: `${read.unproven}: the register does not use it and rebuilds it from the journal at the next start (or run \`till store rebuild\`).` });
        } else {
          doc = checkSnapshot(read, snapFile, dir);
          report.snapshot.seq = doc.state.meta.seq;
          report.snapshot.status = 'ok';
          if (!isDeepStrictEqual(doc.projections, projectionVersions(modules))) report.snapshot.status = 'other-version';
        }
      }
    } catch (e) {
      report.snapshot.status = 'unreadable';
      problems.push({ file: snapFile, message: `${isStoreError(e) ? e.message : `the snapshot does not parse (${(e as Error).message})`}` });
    }
  }
  const compareAt = doc ? doc.state.meta.seq : -1;
  let compared = false;

  const state = report.state;
  const txs = new TxSet();
  const segments = listSegments(path.join(dir, JOURNAL_DIR));
  report.segments = segments.length;
  let chain: ChainPoint = { seq: 0, hash: '' };
  let journalDamaged = false;
  try {
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      if (seg.first !== chain.seq + 1) {
        problems.push({ file: seg.file, message: `segment journal/${segmentName(chain.seq + 1)} (events from ${chain.seq + 1}) is missing or out of order` });
        break;
      }
      const out = scanBuffer(readFrom(seg.file, 0), 0, seg.file, chain, i === segments.length - 1, dir, (events) => {
        for (const ev of events) applyEvent(state, ev, modules);
        txs.add(events[0].tx);
        report.transactions++;
        report.events += events.length;
        if (state.meta.seq === compareAt && doc) {
          compared = true;
          problems.push(...compareSnapshot(doc, state, txs, modules, snapFile));
        }
      });
      chain = { seq: out.seq, hash: out.hash };
      if (out.torn) report.tail = { file: seg.file, line: out.torn.line, bytes: out.torn.bytes };
    }
  } catch (e) {
    if (!isStoreError(e)) throw e;
    journalDamaged = true;
    // Damage found here is reported as damage, not as "cannot start": with a proven snapshot past it
    // the register starts and sells (its background check reports it); the way out is a repair.
    const what = typeof e.params.what === 'string' ? `the journal is damaged: ${e.params.what}. ${journalDamageFix(dir)}` : e.message;
    problems.push({ file: String(e.params.file ?? ''), ...(e.params.line ? { line: Number(e.params.line) } : {}), message: what });
  }
  // Up to the last intact transaction (a scan stopped by damage reports how far it got).
  report.lastSeq = journalDamaged ? state.meta.seq : chain.seq;
  report.lastHash = journalDamaged ? state.meta.hash : chain.hash;
  // A scan stopped by damage never reached the snapshot's event: that says nothing about the snapshot.
  if (doc && compareAt >= 0 && !compared && journalDamaged) report.snapshot.status = 'unchecked';
  else if (doc && compareAt >= 0 && !compared) {
    report.snapshot.status = compareAt > chain.seq ? 'ahead' : 'mismatch';
    problems.push({
      file: snapFile,
      message:
        compareAt > chain.seq
          ? `the snapshot reflects event ${compareAt} but the journal ends at event ${chain.seq}. Run \`till store rebuild\` to rebuild the snapshot from the journal.`
          : `the snapshot reflects event ${compareAt}, which is not the end of a transaction in the journal. Run \`till store rebuild\`.`,
    });
  } else if (compared && problems.some((p) => p.file === snapFile)) report.snapshot.status = 'mismatch';
  return { ok: problems.length === 0, ...report };
}
