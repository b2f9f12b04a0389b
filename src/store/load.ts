/**
 * Start-up recovery: load the snapshot, check it sits on the journal (same seq and hash at the
 * recorded position), replay the journal after it while verifying the chain, and cut a torn tail.
 * Without a usable snapshot (missing, or built by another set of projections) the whole journal is
 * replayed. Everything else that does not add up throws STORE_CORRUPT: never a silent reset.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyEvent, initialState, projectionVersions } from './fold.js';
import { PROJECTIONS } from './projections/index.js';
import { checkSnapshot, isOutdated, snapshotDb, SNAPSHOT_FILE, type LinePos, type SnapshotDoc } from './snapshot.js';
import { listSegments, readFrom, scanBuffer, segmentName, type ChainPoint, type SegmentInfo } from './segments.js';
import { decodeLine } from './line.js';
import { TxSet } from './tx-set.js';
import { corrupt, journalFix, snapshotFix, StoreError, fromFsError } from './errors.js';
import type { FsOps } from './fs-ops.js';
import type { ProjectionModule, RecoveryReport, StoreState } from './types.js';

export const JOURNAL_DIR = 'journal';
export const RECENT_TX = 4096;

export type { LinePos };

export interface Loaded {
  state: StoreState;
  txs: TxSet;
  /** Most recent transaction ids, oldest first (exact answers for retries without a journal search). */
  recent: string[];
  pos: LinePos | null;
  /** Segment to append to and its size after recovery. */
  segment: string | null;
  size: number;
  recovery: RecoveryReport;
  /** Seq of the snapshot used (0 = none: the whole journal was folded and its chain checked). Start-up
   * does not re-read the history it covers; balance-proof.ts does, in the background. */
  snapshotSeq: number;
}

export interface LoadOptions {
  modules?: readonly ProjectionModule<any>[];
  /** Truncate a torn tail (start-up). False for read-only verification. */
  repair: boolean;
  /** Ignore the snapshot (do not even read it) and fold the whole journal. */
  fromZero?: boolean;
}

function usable(doc: SnapshotDoc, modules: readonly ProjectionModule<any>[]): string | null {
  const want = projectionVersions(modules);
  for (const [name, v] of Object.entries(want)) {
    if (!(name in doc.projections)) return `new projection: ${name}`;
    if (doc.projections[name] !== v) return `projection ${name} changed (version ${doc.projections[name]} -> ${v})`;
  }
  return null;
}

export async function loadStore(dataDir: string, ops: FsOps, opts: LoadOptions): Promise<Loaded> {
  const modules = opts.modules ?? PROJECTIONS;
  const journalDir = path.join(dataDir, JOURNAL_DIR);
  const snapFile = path.join(dataDir, SNAPSHOT_FILE);
  const segments = listSegments(journalDir);
  const recovery: RecoveryReport = { tornBytes: 0, replayed: 0 };

  // A rebuild must not depend on the snapshot at all: it may be the damaged part.
  const db = snapshotDb(dataDir, ops);
  if (!opts.fromZero) await db.read();
  const read = db.data;
  db.data = null;
  const outdated = read !== null && isOutdated(read) ? `the snapshot was written by an earlier version (${read.format})` : null;
  const doc = read === null || isOutdated(read) ? null : read.unproven ? read : checkSnapshot(read, snapFile, dataDir);

  let state: StoreState;
  let txs: TxSet;
  let pos: LinePos | null = null;
  let chain: ChainPoint = { seq: 0, hash: '' };
  let startIdx = 0;
  let startOffset = 0;
  // A snapshot its digest does not prove is never used: the journal is replayed and the start-up
  // checkpoint replaces the file (docs/storage.md, "Proof of the snapshot").
  const why = opts.fromZero ? 'requested' : outdated ?? (doc === null ? 'missing' : doc.unproven ?? usable(doc, modules));
  if (doc?.unproven && !opts.fromZero) recovery.snapshotDiscarded = doc.unproven;

  // A snapshot that is not used (another projection version) counts as none: the next checkpoint replaces it.
  // So does one used but written in an earlier file format (`readFrom`): the start-up checkpoint rewrites it.
  const snapshotSeq = doc && why === null && !doc.readFrom ? doc.state.meta.seq : 0;
  if (doc && why === null) {
    state = doc.state;
    for (const m of modules) if (!(m.name in state)) state[m.name] = m.initial();
    for (const m of modules) m.adopt?.(state[m.name]);
    txs = doc.txs;
    chain = { seq: state.meta.seq, hash: state.meta.hash };
    if (doc.pos) {
      pos = doc.pos;
      startIdx = segments.findIndex((s) => s.name === doc.pos!.segment);
      const seg = segments[startIdx];
      const ahead = (what: string) =>
        corrupt(snapFile, undefined, `the snapshot is ahead of or does not match the journal: it reflects event ${state.meta.seq} but ${what}`, snapshotFix(dataDir));
      if (!seg) throw ahead(`journal/${doc.pos.segment} is missing`);
      const size = fs.statSync(seg.file).size;
      if (size < doc.pos.end) throw ahead(`journal/${seg.name} ends at byte ${size}, before that event`);
      const fd = fs.openSync(seg.file, 'r');
      const line = Buffer.alloc(doc.pos.end - doc.pos.start);
      fs.readSync(fd, line, 0, line.length, doc.pos.start);
      fs.closeSync(fd);
      const d = decodeLine(line, 0, Math.max(0, line.length - 1));
      if (!d.ok || d.event.seq !== state.meta.seq || d.event.hash !== state.meta.hash)
        throw ahead(`journal/${seg.name} holds a different event at that position`);
      startOffset = doc.pos.end;
    }
  } else {
    state = initialState(modules);
    txs = new TxSet();
    if (doc || outdated || why !== 'missing' || segments.length) recovery.fullReplay = why ?? undefined;
  }
  if (recovery.fullReplay === undefined) delete recovery.fullReplay;

  const recent: string[] = [];
  let last: SegmentInfo | null = null;
  let lastSize = 0;
  for (let i = startIdx; i < segments.length; i++) {
    const seg = segments[i];
    const isLast = i === segments.length - 1;
    const from = i === startIdx ? startOffset : 0;
    if (from === 0 && seg.first !== chain.seq + 1)
      throw corrupt(
        seg.file,
        undefined,
        seg.first <= chain.seq ? `the segment starts at event ${seg.first}, which an earlier segment already holds` : `segment journal/${segmentName(chain.seq + 1)} (events from ${chain.seq + 1}) is missing`,
        journalFix(dataDir),
      );
    const buf = readFrom(seg.file, from);
    const out = scanBuffer(buf, from, seg.file, chain, isLast, dataDir, (events, end) => {
      for (const ev of events) applyEvent(state, ev, modules);
      const id = events[0].tx;
      txs.add(id);
      recent.push(id);
      if (recent.length > RECENT_TX * 2) recent.splice(0, recent.length - RECENT_TX);
      const lineStart = buf.lastIndexOf(10, end - from - 2) + 1 + from;
      pos = { segment: seg.name, start: lineStart, end };
      recovery.replayed += events.length;
    });
    chain = { seq: out.seq, hash: out.hash };
    if (out.torn) {
      recovery.tornBytes = out.torn.bytes;
      recovery.tornFile = seg.file;
      if (opts.repair) {
        try {
          const fd = fs.openSync(seg.file, 'r+');
          fs.ftruncateSync(fd, out.end);
          fs.fsyncSync(fd);
          fs.closeSync(fd);
        } catch (e) {
          throw fromFsError(e, seg.file, 'cutting a torn write at the end of the journal');
        }
      }
    }
    last = seg;
    lastSize = out.end;
  }
  if (recent.length > RECENT_TX) recent.splice(0, recent.length - RECENT_TX);
  if (!state.meta.storeId && state.meta.seq === 0)
    throw new StoreError('STORE_MISSING', `The store in ${dataDir} was never initialised (its creation did not finish). Run \`till init --data ${dataDir}\` to create it.`, { file: journalDir });
  if (!last && state.meta.seq > 0) throw corrupt(journalDir, undefined, 'the journal has no segments', snapshotFix(dataDir));
  return {
    state,
    txs,
    recent,
    pos,
    segment: last ? last.name : null,
    size: lastSize,
    recovery,
    snapshotSeq,
  };
}
