/**
 * Reading single events back from the journal by sequence number, without an index: segments are
 * named by their first event, and lines inside a segment are in sequence order, so a binary search
 * over byte offsets finds a line in about log2(segment bytes) small reads (~26 for 64 MiB). This is
 * what lets the projection keep only the sequence numbers of a customer's recent movements and read
 * the movements themselves when someone asks (`till customer show`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine } from './line.js';
import { listSegments, type SegmentInfo } from './segments.js';
import type { JournalEvent } from './types.js';

const WINDOW = 4096;
/** Read size of a forward walk. */
const SCAN = 64 * 1024;
/**
 * How far a walk goes before a binary search is cheaper: a search costs ~26 probes of a 4 KiB window
 * at 64 MiB, so walking up to 128 KiB through one buffer costs about the same and usually wins (a
 * regular customer's events are a few KiB apart).
 */
const WALK_LIMIT = 128 * 1024;
const SEQ_PREFIX = /^\{"seq":(\d+),/;

interface Probe {
  start: number;
  seq: number;
}

class SegmentReader {
  private readonly fd: number;
  private readonly size: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'r');
    this.size = fs.fstatSync(this.fd).size;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** Bytes from `start` up to (not including) the next newline, or null at the end of the lines. */
  private lineFrom(start: number): Buffer | null {
    const parts: Buffer[] = [];
    let pos = start;
    while (pos < this.size) {
      const buf = Buffer.allocUnsafe(Math.min(WINDOW, this.size - pos));
      const got = fs.readSync(this.fd, buf, 0, buf.length, pos);
      if (got === 0) break;
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl !== -1) {
        parts.push(buf.subarray(0, nl));
        return Buffer.concat(parts);
      }
      parts.push(buf.subarray(0, got));
      pos += got;
    }
    return null;
  }

  /** The first line starting at or after `offset` (its start and seq), or null past the last line. */
  private probe(offset: number): Probe | null {
    let start = offset;
    if (offset > 0) {
      // Skip to the byte after the next newline at or after offset - 1.
      let pos = offset - 1;
      for (;;) {
        if (pos >= this.size) return null;
        const buf = Buffer.allocUnsafe(Math.min(WINDOW, this.size - pos));
        const got = fs.readSync(this.fd, buf, 0, buf.length, pos);
        if (got === 0) return null;
        const nl = buf.subarray(0, got).indexOf(10);
        if (nl !== -1) {
          start = pos + nl + 1;
          break;
        }
        pos += got;
      }
    }
    const head = Buffer.alloc(32);
    const got = start < this.size ? fs.readSync(this.fd, head, 0, head.length, start) : 0;
    const m = SEQ_PREFIX.exec(head.toString('latin1', 0, got));
    return m ? { start, seq: Number(m[1]) } : null; // zero padding or the end: past the last line
  }

  /**
   * The event with this sequence number, checked against its own hash, or null if not here. `from`
   * is the start of a line at or before its line (the line of an earlier seq): reading ascending seqs,
   * each search starts where the last one ended. Nearby lines are walked through a buffer; a line
   * further away than WALK_LIMIT is found by binary search.
   */
  find(seq: number, from = 0): JournalEvent | null {
    const w = this.walk(seq, from);
    let p: Probe | null;
    if (w.kind === 'line') p = w.probe;
    else if (w.kind === 'end') p = null;
    else {
      let lo = w.lo;
      let hi = this.size;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const q = this.probe(mid);
        if (q === null || q.seq >= seq) hi = mid;
        else lo = mid + 1;
      }
      p = this.probe(lo);
    }
    this.last = p ? p.start : this.size;
    if (!p || p.seq !== seq) return null;
    const line = this.bufferedLine(p.start) ?? this.lineFrom(p.start);
    if (!line) return null;
    const d = decodeLine(line, 0, line.length);
    return d.ok && d.event.seq === seq ? d.event : null;
  }

  /** The line at `start` when the walk's buffer holds all of it (the usual case after a walk). */
  private bufferedLine(start: number): Buffer | null {
    if (start < this.bufStart || start >= this.bufStart + this.buf.length) return null;
    const i = start - this.bufStart;
    const nl = this.buf.indexOf(10, i);
    return nl === -1 ? null : this.buf.subarray(i, nl);
  }

  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;

  /** Index in `buf` of byte `pos`, with at least `n` bytes after it (fewer at the end of the file). */
  private at(pos: number, n: number): number {
    if (pos < this.bufStart || pos + n > this.bufStart + this.buf.length) {
      const len = Math.max(0, Math.min(Math.max(SCAN, n), this.size - pos));
      const b = Buffer.allocUnsafe(len);
      const got = len ? fs.readSync(this.fd, b, 0, len, pos) : 0;
      this.buf = b.subarray(0, got);
      this.bufStart = pos;
    }
    return pos - this.bufStart;
  }

  /**
   * Walks lines forward from `start` (a line start): the first line whose seq is at least `seq`, the
   * end of the lines, or — past WALK_LIMIT bytes — the line start where walking stopped.
   */
  private walk(seq: number, start: number): { kind: 'line'; probe: Probe } | { kind: 'end' } | { kind: 'far'; lo: number } {
    let pos = start;
    while (pos < this.size) {
      if (pos - start > WALK_LIMIT) return { kind: 'far', lo: pos };
      const i = this.at(pos, 32);
      const m = SEQ_PREFIX.exec(this.buf.toString('latin1', i, Math.min(i + 32, this.buf.length)));
      if (!m) return { kind: 'end' }; // zero padding: past the last line
      const s = Number(m[1]);
      if (s >= seq) return { kind: 'line', probe: { start: pos, seq: s } };
      let from = i;
      for (;;) {
        const nl = this.buf.indexOf(10, from);
        if (nl !== -1) {
          pos = this.bufStart + nl + 1;
          break;
        }
        const next = this.bufStart + this.buf.length;
        if (next >= this.size) return { kind: 'end' };
        if (next - start > WALK_LIMIT) return { kind: 'far', lo: pos }; // a long line: search from its start
        from = this.at(next, 1);
      }
    }
    return { kind: 'end' };
  }

  /** Where the line of the last `find` starts (or would): the `from` of a search for a later seq. */
  last = 0;
}

/**
 * The events with these sequence numbers, by seq (an event that is not in the journal, or whose line
 * does not check out, is simply absent: the caller shows what it can and `till journal verify`
 * reports damage).
 */
export function readEventsBySeq(dataDir: string, seqs: readonly number[]): Map<number, JournalEvent> {
  const out = new Map<number, JournalEvent>();
  forEachEventBySeq(dataDir, seqs, (seq, ev) => {
    if (ev) out.set(seq, ev);
  });
  return out;
}

/**
 * Calls `fn` for each of `seqs` in ascending order, once each, with its event or null (not in the
 * journal, or its line does not check out). One event is held at a time, so a caller can fold a
 * customer's whole history without keeping it; each segment is opened once and searched from where
 * the previous seq was found.
 */
export function forEachEventBySeq(dataDir: string, seqs: readonly number[], fn: (seq: number, ev: JournalEvent | null) => void): void {
  const segments: SegmentInfo[] = listSegments(path.join(dataDir, 'journal'));
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const seq = sorted[i];
    let k = segments.length - 1;
    while (k >= 0 && segments[k].first > seq) k--;
    const nextFirst = k + 1 < segments.length ? segments[k + 1].first : Infinity;
    let j = i;
    while (j < sorted.length && sorted[j] < nextFirst) j++;
    const batch = sorted.slice(i, j);
    i = j;
    let r: SegmentReader | null = null;
    try {
      r = k >= 0 ? new SegmentReader(segments[k].file) : null;
    } catch {
      r = null;
    }
    try {
      for (const s of batch) fn(s, r ? r.find(s, r.last) : null);
    } finally {
      r?.close();
    }
  }
}
