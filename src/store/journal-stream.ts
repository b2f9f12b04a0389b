/**
 * Reading the journal forward as a stream, for back-office queries over a range (`till report
 * sales`): segment by segment in chunks of CHUNK bytes, so memory stays flat whatever the history.
 * Every line is checked against its own hash; only whole transactions are handed out (a commit the
 * register is writing right now, or a torn tail, is not a transaction yet). Read-only and lock-free:
 * safe while the register runs. Damage (a line that does not check out before the tail) stops the
 * stream with STORE_CORRUPT naming the file, as start-up would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine } from './line.js';
import { listSegments, type SegmentInfo } from './segments.js';
import { JOURNAL_DIR } from './load.js';
import { corrupt, journalFix } from './errors.js';
import type { JournalEvent } from './types.js';

const CHUNK = 1 << 20;

/** The `at` of a segment's first event, read from its first bytes (null when it cannot be read). */
function firstAt(seg: SegmentInfo): string | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(seg.file, 'r');
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const m = /"at":"([^"]+)"/.exec(buf.toString('utf8', 0, n));
    return m ? m[1] : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface StreamOptions {
  /**
   * Skip whole segments whose successor starts before this instant (ISO). Clocks are not trusted to
   * the second: the caller passes a margin (a day before its range) and still filters every event.
   */
  skipBefore?: string;
  /**
   * Only transactions with events after this sequence number (the outbox's acknowledged position):
   * segments are named by their first event, so whole earlier segments are skipped unread.
   */
  afterSeq?: number;
}

/** Whole transactions of the journal, oldest first. */
export async function* streamTransactions(dataDir: string, opts: StreamOptions = {}): AsyncGenerator<JournalEvent[]> {
  for await (const t of streamTransactionsAt(dataDir, opts)) yield t.tx;
}

/** Where a transaction ends in the journal: reading on from here starts with the next one. */
export interface JournalCursor {
  segment: string;
  offset: number;
  /** Sequence number of the transaction's last event. */
  seq: number;
}

/**
 * Whole transactions with the position after each; `at` resumes from such a position without
 * reading the journal before it (the outbox polls the tail this way, at no cost growing with history).
 */
export async function* streamTransactionsAt(dataDir: string, opts: StreamOptions & { at?: JournalCursor } = {}): AsyncGenerator<{ tx: JournalEvent[]; end: JournalCursor }> {
  const segments = listSegments(path.join(dataDir, JOURNAL_DIR));
  let start = 0;
  if (opts.skipBefore) {
    const limit = Date.parse(opts.skipBefore);
    while (start + 1 < segments.length) {
      const next = firstAt(segments[start + 1]);
      if (next === null || !(Date.parse(next) < limit)) break;
      start++;
    }
  }
  const after = Math.max(opts.afterSeq ?? 0, opts.at?.seq ?? 0);
  if (after > 0) while (start + 1 < segments.length && segments[start + 1].first <= after + 1) start++;
  let resume = opts.at && segments.some((s) => s.name === opts.at!.segment) ? opts.at : undefined;
  if (resume) start = segments.findIndex((s) => s.name === resume!.segment);
  for (let i = start; i < segments.length; i++) {
    const seg = segments[i];
    const isLast = i === segments.length - 1;
    const fh = await fs.promises.open(seg.file, 'r');
    try {
      let carry = Buffer.alloc(0);
      let pos = resume ? resume.offset : 0;
      resume = undefined;
      let base = pos;
      let line = 0;
      let tx: JournalEvent[] = [];
      for (;;) {
        const buf = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        const data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
        // `data` starts at file offset `base`.
        let from = 0;
        for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
          line++;
          if (data[from] === 0) {
            from = nl + 1;
            continue;
          }
          const d = decodeLine(data, from, nl);
          if (!d.ok) {
            if (isLast) return; // a torn write at the tail: not committed
            throw corrupt(seg.file, line, d.reason, journalFix(dataDir));
          }
          tx.push(d.event);
          if (d.event.txIndex === d.event.txCount) {
            if (tx[tx.length - 1].seq > after) yield { tx, end: { segment: seg.name, offset: base + nl + 1, seq: tx[tx.length - 1].seq } };
            tx = [];
          }
          from = nl + 1;
        }
        carry = Buffer.from(data.subarray(from));
        base += from;
        // Preallocated space after the last line is zeros: nothing more to read in this segment.
        if (carry.length && carry.every((b) => b === 0)) break;
      }
    } finally {
      await fh.close();
    }
  }
}
