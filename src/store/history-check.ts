/**
 * Background verification of the history a snapshot already covers. Start-up checks only what it
 * reads (the snapshot's digest, the journal line at its position, every line after it); the lines
 * before the snapshot are checked here, once, after start-up, a quarter-megabyte at a time with a
 * yield to the event loop between pieces so that a sale never waits behind it. How far the journal
 * was found intact is remembered in `DATA/verified.json` ({seq, hash, segment, end}), so the next
 * start checks only what was added since. A failure raises a sticky STORE_DAMAGED notice and blocks
 * nothing: new sales are appended after the damage, the journal on disk stays as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine } from './line.js';
import { listSegments, segmentName } from './segments.js';
import { FILE_MODE } from './fs-ops.js';
import type { LinePos } from './snapshot.js';

export const VERIFIED_FILE = 'verified.json';
const CHUNK = 256 * 1024;

export interface VerifiedMark extends LinePos {
  seq: number;
  hash: string;
}

export interface Damage {
  file: string;
  line: number;
  message: string;
}

export type HistoryResult = { ok: true; upTo: number; from: number } | { ok: false; damage: Damage } | { ok: false; stopped: true };

export function readMark(dataDir: string): VerifiedMark | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dataDir, VERIFIED_FILE), 'utf8')) as VerifiedMark;
    if (Number.isSafeInteger(m.seq) && typeof m.hash === 'string' && typeof m.segment === 'string' && Number.isSafeInteger(m.start) && Number.isSafeInteger(m.end)) return m;
  } catch {
    /* none, or unreadable: verify from the start */
  }
  return null;
}

function writeMark(dataDir: string, m: VerifiedMark): void {
  try {
    const file = path.join(dataDir, VERIFIED_FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(m), { mode: FILE_MODE });
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    /* a hint only: without it the next start verifies again */
  }
}

/** The mark is usable if the journal holds, at its position, a line with its seq and hash. */
function markHolds(journalDir: string, m: VerifiedMark): boolean {
  try {
    const fd = fs.openSync(path.join(journalDir, m.segment), 'r');
    try {
      const buf = Buffer.alloc(m.end - m.start);
      fs.readSync(fd, buf, 0, buf.length, m.start);
      const d = decodeLine(buf, 0, Math.max(0, buf.length - 1));
      return d.ok && d.event.seq === m.seq && d.event.hash === m.hash;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

const pause = () => new Promise<void>((r) => setImmediate(r));

/**
 * Verifies the journal from the remembered mark (or the start) up to `upTo` (the last line the
 * snapshot covers): every line's own hash, the gapless sequence, the chain and the segment names.
 * `stopped()` is polled between pieces (the store closed).
 */
export async function verifyHistory(dataDir: string, upTo: VerifiedMark, stopped: () => boolean): Promise<HistoryResult> {
  const journalDir = path.join(dataDir, 'journal');
  const segments = listSegments(journalDir);
  let mark = readMark(dataDir);
  if (mark && (mark.seq > upTo.seq || !markHolds(journalDir, mark))) mark = null;
  const from = mark?.seq ?? 0;
  if (mark && mark.seq === upTo.seq) return { ok: true, upTo: upTo.seq, from };
  let seq = mark?.seq ?? 0;
  let hash = mark?.hash ?? '';
  let startIdx = mark ? segments.findIndex((s) => s.name === mark!.segment) : 0;
  if (startIdx < 0) startIdx = 0;
  for (let i = startIdx; i < segments.length; i++) {
    const seg = segments[i];
    const rel = `journal/${seg.name}`;
    let offset = mark && i === startIdx ? mark.end : 0;
    if (offset === 0 && seg.first !== seq + 1)
      return { ok: false, damage: { file: seg.file, line: 1, message: `${rel} starts at event ${seg.first}, but event ${seq + 1} comes next (segment journal/${segmentName(seq + 1)} is missing or out of order)` } };
    // Line numbers: counted from the start of the segment (the mark's offset needs one pass to count).
    let line = offset > 0 ? countLines(seg.file, offset) : 0;
    const fd = fs.openSync(seg.file, 'r');
    try {
      let carry = Buffer.alloc(0);
      for (;;) {
        if (stopped()) return { ok: false, stopped: true };
        const piece = Buffer.allocUnsafe(CHUNK);
        const got = fs.readSync(fd, piece, 0, CHUNK, offset);
        if (got === 0) break;
        const buf = carry.length ? Buffer.concat([carry, piece.subarray(0, got)]) : piece.subarray(0, got);
        let pos = 0;
        for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, pos)) {
          line++;
          const d = decodeLine(buf, pos, nl);
          const bad = (message: string): HistoryResult => ({ ok: false, damage: { file: seg.file, line, message } });
          if (!d.ok) return bad(d.reason);
          if (d.event.seq !== seq + 1) return bad(`expected event ${seq + 1} but found event ${d.event.seq} (an event is missing or repeated)`);
          if (d.event.prev !== hash) return bad('the hash chain is broken (a line before it was changed, removed or inserted)');
          const lineStart = offset - carry.length + pos;
          seq = d.event.seq;
          hash = d.event.hash;
          pos = nl + 1;
          if (seq === upTo.seq) {
            if (hash !== upTo.hash) return bad(`event ${seq} is not the one the snapshot reflects`);
            const done: VerifiedMark = { seq, hash, segment: seg.name, start: lineStart, end: offset - carry.length + pos };
            if (!stopped()) writeMark(dataDir, done);
            return { ok: true, upTo: seq, from };
          }
        }
        offset += got;
        carry = Buffer.from(buf.subarray(pos));
        // Zero bytes are preallocated space at the end of a segment, not lines.
        if (carry.length && carry[0] === 0) break;
        await pause();
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return { ok: false, damage: { file: journalDir, line: 0, message: `the journal ends at event ${seq}, before event ${upTo.seq} the snapshot reflects` } };
}

function countLines(file: string, upTo: number): number {
  const buf = Buffer.allocUnsafe(Math.min(upTo, 1 << 20));
  const fd = fs.openSync(file, 'r');
  let n = 0;
  try {
    for (let at = 0; at < upTo; ) {
      const got = fs.readSync(fd, buf, 0, Math.min(buf.length, upTo - at), at);
      if (got === 0) break;
      for (let i = buf.indexOf(10); i !== -1 && i < got; i = buf.indexOf(10, i + 1)) n++;
      at += got;
    }
  } finally {
    fs.closeSync(fd);
  }
  return n;
}
