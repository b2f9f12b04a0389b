/**
 * A fresh fold of the journal from its first line, read 64 KiB at a time with a yield to the event
 * loop between pieces (a sale never waits behind more than one piece), for the proof of
 * the snapshot (balance-proof.ts). It checks what start-up checks for the tail, over the whole
 * journal: every line's own hash, the gapless sequence, the hash chain, the transaction framing and
 * the segment names. It reads only what the live store has already folded (`target()`, the live
 * seq, re-read before every piece), so it never touches a line being written; once it has caught up,
 * the store hands it every later commit (`follow`) and the two folds move in step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine } from './line.js';
import { listSegments, segmentName, type SegmentInfo } from './segments.js';
import { applyEvent, initialState } from './fold.js';
import type { JournalEvent, ProjectionModule, StoreState } from './types.js';

/** About a hundred lines: at most a few milliseconds of work between yields. */
const CHUNK = 64 * 1024;

export interface Damage {
  file: string;
  line: number;
  message: string;
}

export type CatchUp = { ok: true } | { ok: false; damage: Damage } | { ok: false; stopped: true };

const pause = () => new Promise<void>((r) => setImmediate(r));

export class JournalFold {
  readonly state: StoreState;
  /** True once the fold has reached the live seq: from then on `follow` keeps it there. */
  synced = false;
  private seg: SegmentInfo | null = null;
  private fd: number | null = null;
  /** File offset of the next unread line in `seg`, and its 1-based number. */
  private offset = 0;
  private line = 0;
  private tx: { id: string; count: number; index: number } | null = null;
  /** The current segment has no more lines. */
  private segDone = false;

  constructor(
    private readonly dataDir: string,
    readonly modules: readonly ProjectionModule<any>[],
  ) {
    this.state = initialState(modules);
  }

  get seq(): number {
    return this.state.meta.seq;
  }

  /** A commit the live store has just folded (called only while synced, in commit order). */
  follow(events: readonly JournalEvent[]): void {
    if (!this.synced) return;
    for (const ev of events) applyEvent(this.state, ev, this.modules);
  }

  /**
   * Reads and folds until the fold stands at `target()` (checked synchronously, so `synced` is set in
   * the same turn the live store is seen at that seq). `stopped()` is polled between pieces.
   */
  async catchUp(target: () => number, stopped: () => boolean): Promise<CatchUp> {
    const journalDir = path.join(this.dataDir, 'journal');
    try {
      return await this.run(journalDir, target, stopped);
    } finally {
      this.closeFile();
    }
  }

  private closeFile(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private async run(journalDir: string, target: () => number, stopped: () => boolean): Promise<CatchUp> {
    let retried = false;
    for (;;) {
      if (stopped()) return { ok: false, stopped: true };
      if (this.seq === target()) {
        this.synced = true;
        return { ok: true };
      }
      if (!this.seg || this.segDone) {
        // Next segment: it must start at the next event. The current one may also have grown since
        // (commits during the pauses), so it is read again before the journal is called short.
        const next = listSegments(journalDir).find((s) => s.first > (this.seg?.first ?? 0));
        if (!next && (!this.seg || retried))
          return this.damage(journalDir, 0, `the journal ends at event ${this.seq}, before event ${target()} the register has folded`);
        if (next && next.first !== this.seq + 1)
          return this.damage(next.file, 1, `journal/${next.name} starts at event ${next.first}, but event ${this.seq + 1} comes next (segment journal/${segmentName(this.seq + 1)} is missing or out of order)`);
        if (next) {
          this.closeFile();
          this.seg = next;
          this.fd = fs.openSync(next.file, 'r');
          this.offset = 0;
          this.line = 0;
        }
        retried = !next;
        this.segDone = false;
      } else retried = false;
      const bad = this.piece(target());
      if (bad) return { ok: false, damage: bad };
      await pause();
    }
  }

  private damage(file: string, line: number, message: string): CatchUp {
    return { ok: false, damage: { file, line, message } };
  }

  /** Folds the complete lines of one piece of the current segment, up to the target seq. */
  private piece(target: number): Damage | null {
    const seg = this.seg!;
    let size = CHUNK;
    let data = this.read(size);
    // A line longer than a piece (an import of thousands of products in one event): read it whole.
    while (data.length === size && data.indexOf(10) === -1) data = this.read((size *= 2));
    // End of the segment's lines: the end of the file, or preallocated zeros (journal-writer.ts).
    if (data.length === 0 || data[0] === 0) {
      this.segDone = true;
      return null;
    }
    let pos = 0;
    for (let nl = data.indexOf(10); nl !== -1 && this.seq !== target; nl = data.indexOf(10, pos)) {
      const bad = this.foldLine(data, pos, nl);
      if (bad) return bad;
      pos = nl + 1;
    }
    if (pos === 0 && this.seq !== target) return { file: seg.file, line: this.line + 1, message: 'the segment ends in the middle of a line' };
    this.offset += pos;
    return null;
  }

  /**
   * One buffer for every piece (a fresh 64 KiB per piece was a million lines' worth of short-lived
   * external memory, freed only by a full collection): lines are decoded into strings and objects
   * of their own, nothing keeps a view of it.
   */
  private buf = Buffer.allocUnsafe(CHUNK);

  /** Up to `size` bytes from the current offset (fewer at the end of the file), in the reused buffer. */
  private read(size: number): Buffer {
    if (this.buf.length < size) this.buf = Buffer.allocUnsafe(size);
    return this.buf.subarray(0, fs.readSync(this.fd!, this.buf, 0, size, this.offset));
  }

  /** Checks one line against the fold so far and folds it. */
  private foldLine(buf: Buffer, start: number, nl: number): Damage | null {
    this.line++;
    const bad = (message: string): Damage => ({ file: this.seg!.file, line: this.line, message });
    const d = decodeLine(buf, start, nl);
    if (!d.ok) return bad(d.reason);
    const ev = d.event;
    if (ev.seq !== this.seq + 1) return bad(`expected event ${this.seq + 1} but found event ${ev.seq} (an event is missing or repeated)`);
    if (ev.prev !== this.state.meta.hash) return bad('the hash chain is broken (a line before it was changed, removed or inserted)');
    const t = this.tx;
    if (t === null ? ev.txIndex !== 1 : ev.tx !== t.id || ev.txIndex !== t.index + 1 || ev.txCount !== t.count)
      return bad(t === null ? `a transaction starts at its part ${ev.txIndex} of ${ev.txCount}` : `transaction ${t.id} is incomplete: ${t.index} of ${t.count} events before another begins`);
    this.tx = ev.txIndex === ev.txCount ? null : { id: ev.tx, count: ev.txCount!, index: ev.txIndex! };
    applyEvent(this.state, ev, this.modules);
    return null;
  }
}

