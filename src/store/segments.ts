/**
 * Journal segments: `journal/<first seq, 8+ digits>.jsonl`. Scanning validates every line (self-hash,
 * gapless seq, chain to the previous hash, transaction framing) and hands complete transactions to
 * the caller. Only an incomplete transaction at the very end of the last segment is a torn write;
 * anything else is damage and throws STORE_CORRUPT naming the file and line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine } from './line.js';
import { corrupt, journalFix } from './errors.js';
import type { JournalEvent } from './types.js';

export interface SegmentInfo {
  name: string;
  first: number;
  file: string;
}

export const segmentName = (firstSeq: number): string => `${String(firstSeq).padStart(8, '0')}.jsonl`;

export function listSegments(journalDir: string): SegmentInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(journalDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => /^\d{8,}\.jsonl$/.test(n))
    .map((name) => ({ name, first: Number(name.slice(0, -6)), file: path.join(journalDir, name) }))
    .sort((a, b) => a.first - b.first);
}

export interface ChainPoint {
  /** Last sequence number before the scanned range (0 at the start of the journal). */
  seq: number;
  /** Hash of that line ("" at the start). */
  hash: string;
}

export interface ScanOutcome extends ChainPoint {
  /** File offset just past the last complete transaction. */
  end: number;
  /** Incomplete transaction at the tail (only when isLast): where it starts and how many bytes. */
  torn?: { offset: number; bytes: number; line: number };
  events: number;
}

/** 1-based line number of a byte offset in a file (error path only: it reads the file). */
export function lineAt(file: string, offset: number): number {
  const buf = fs.readFileSync(file);
  let n = 1;
  for (let i = buf.indexOf(10); i !== -1 && i < offset; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

const onlyZeros = (buf: Buffer, from: number): boolean => {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
};

const onlyFill = (buf: Buffer, from: number): boolean => {
  for (let i = from; i < buf.length; i++) {
    const c = buf[i];
    if (c !== 0 && c !== 10 && c !== 13 && c !== 32 && c !== 9) return false;
  }
  return true;
};

/**
 * Scans `buf` (the bytes of `file` from file offset `base`), continuing the chain from `from`.
 * `onTx` receives each complete transaction in order, with the file offset just past it.
 */
export function scanBuffer(
  buf: Buffer,
  base: number,
  file: string,
  from: ChainPoint,
  isLast: boolean,
  dataDir: string,
  onTx: (events: JournalEvent[], end: number) => void,
): ScanOutcome {
  let seq = from.seq;
  let hash = from.hash;
  let pos = 0;
  let txStart = 0;
  let tx: JournalEvent[] = [];
  let events = 0;
  const fix = journalFix(dataDir);
  const fail = (at: number, what: string) => corrupt(file, lineAt(file, base + at), what, fix);
  const tornAt = (at: number) => {
    let last = buf.length;
    while (last > at && buf[last - 1] === 0) last--; // padding after the torn bytes is not part of them
    return { seq, hash, end: base + txStart, events, torn: { offset: base + at, bytes: last - at, line: lineAt(file, base + at) } };
  };

  while (pos < buf.length) {
    // Zero bytes after the last line are preallocated space (see journal-writer.ts), not data.
    if (buf[pos] === 0 && onlyZeros(buf, pos)) break;
    const nl = buf.indexOf(10, pos);
    if (nl === -1) {
      if (isLast) return tornAt(txStart);
      throw fail(pos, 'the segment ends in the middle of a line');
    }
    const d = decodeLine(buf, pos, nl);
    if (!d.ok) {
      if (isLast && onlyFill(buf, nl + 1)) return tornAt(txStart);
      throw fail(pos, d.reason);
    }
    const ev = d.event;
    const want = seq + tx.length + 1;
    if (ev.seq !== want) throw fail(pos, `expected event ${want} but found event ${ev.seq} (an event is missing or repeated)`);
    const prevHash = tx.length ? tx[tx.length - 1].hash : hash;
    if (ev.prev !== prevHash) throw fail(pos, 'the hash chain is broken (a line before it was changed, removed or inserted)');
    if (tx.length === 0) {
      if (ev.txIndex !== 1) throw fail(pos, `a transaction starts at its part ${ev.txIndex} of ${ev.txCount}`);
    } else if (ev.tx !== tx[0].tx || ev.txIndex !== tx.length + 1 || ev.txCount !== tx[0].txCount) {
      throw fail(pos, `transaction ${tx[0].tx} is incomplete: ${tx.length} of ${tx[0].txCount} events before another begins`);
    }
    if (tx.length === 0) txStart = pos;
    tx.push(ev);
    pos = nl + 1;
    if (ev.txIndex === ev.txCount) {
      seq = ev.seq;
      hash = ev.hash;
      events += tx.length;
      onTx(tx, base + pos);
      tx = [];
      txStart = pos;
    }
  }
  if (tx.length) {
    if (isLast) return tornAt(txStart);
    throw fail(txStart, `transaction ${tx[0].tx} is incomplete at the end of the segment (${tx.length} of ${tx[0].txCount} events)`);
  }
  return { seq, hash, end: base + pos, events };
}

/** Reads a file from an offset to its end. */
export function readFrom(file: string, offset: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const len = Math.max(0, size - offset);
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(fd, buf, got, len - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}
