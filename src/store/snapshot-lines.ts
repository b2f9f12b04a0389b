/**
 * The snapshot's line format (`till-snapshot/3`): JSON Lines, so that neither writing nor reading
 * ever holds the whole projection as one string (74 MB at 100k customers and 1M events, plus the
 * garbage of parsing it, was most of the register's resident memory).
 *
 *   {"format":"till-snapshot/3","pos":…,"projections":{…},"writtenAt":"…","slices":["meta",…],"txs":N}
 *   ["slice","catalog",{"products":{},"barcodes":{}}]         a slice, its big records left empty…
 *   ["entries","sales","lastReceipt",[["R1",5],…]]             …and filled by entry lines (bounded size)
 *   ["table","catalog","products",{"v":1,"strings":[…],"rows":N,"bytes":B}]   a compact record's header…
 *   ["rows","catalog","products","<base64 of encoded rows>"]  …and its rows as they are in memory
 *   ["txs","<base64 of 8-byte ids>"]                          the transaction-id table, in pieces
 *   ["end",<number of lines before this one>,"<sha256 of those lines>"]
 *
 * Compact records (products, the barcode index, loyalty accounts: src/store/compact/) are written as
 * their rows' bytes (the encoding of compact/codec.ts, its string table in the header), copied, not
 * decoded: writing and reading them makes almost no garbage. `till-snapshot/2`, written by the
 * version that kept them as objects, had them as entry lines; it is still read, straight into
 * compact records, so an old snapshot upgrades on the first start (and is rewritten as /3 at the
 * next checkpoint).
 *
 * A member of a slice is written as entries when it is a plain object with many keys (a record keyed
 * by sku, barcode, customer id…); everything else stays in the slice line. Entries keep the record's
 * key order. The end line proves the file is complete; anything out of order is damage. Its digest
 * (sha256 of every byte before it, newlines included) proves the content is what the register wrote:
 * a file whose digest does not match (hand-edited, or damaged in a way that still parses) is decoded
 * with `unproven` set, and the store never uses it (it replays the journal instead).
 */
import { createHash, type Hash } from 'node:crypto';
import { setOwn } from './projections/own.js';
import { cutSnapshot, snapshotPieces } from './snapshot-cut.js';
import { compactFrom, compactRecord, tableOf } from './compact/record.js';
import type { CompactTable, TableDump } from './compact/table.js';
import { compactMembersOf } from './projections/compact-members.js';
import { TxSet } from './tx-set.js';
import type { StoreState } from './types.js';

export const SNAPSHOT_FORMAT = 'till-snapshot/3';
/** Read as well as the current format (see above). */
export const READABLE_FORMATS: readonly string[] = [SNAPSHOT_FORMAT, 'till-snapshot/2'];
/** Formats written by earlier versions: recognised from the first bytes, never parsed (the journal is replayed). */
export const OUTDATED_FORMATS = ['till-snapshot/1'];


export interface LinePos {
  segment: string;
  start: number;
  end: number;
}

/** The snapshot as the store holds it (the file's encoding is this module's business). */
export interface SnapshotDoc {
  format: typeof SNAPSHOT_FORMAT;
  /** Journal position of the last folded event: its segment and the byte range of its line. */
  pos: LinePos | null;
  /** Projection name -> version that built `state`. */
  projections: Record<string, number>;
  /** Committed transaction ids (see tx-set.ts). */
  txs: TxSet;
  writtenAt: string;
  state: StoreState;
  /** Set when read from a file whose content its digest does not prove (why); such a snapshot is never used. */
  unproven?: string;
  /** Set when read from a file in an earlier readable format (its format): used, and rewritten at start-up. */
  readFrom?: string;
}

interface Header {
  format: string;
  pos: LinePos | null;
  projections: Record<string, number>;
  writtenAt: string;
  slices: string[];
  txs: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Emits the lines of a snapshot (without newlines) in one synchronous run: the cut and its pieces
 * (snapshot-cut.ts) drained at once. The register's checkpoints write the same pieces in slices
 * between commits (snapshot.ts); this is for tools and tests that want the lines.
 */
export function encodeSnapshot(doc: SnapshotDoc, emit: (line: string) => void): void {
  let line: string[] = [];
  for (const f of snapshotPieces(cutSnapshot(doc))) {
    if (f !== '\n') line.push(f);
    else {
      emit(line.join(''));
      line = [];
    }
  }
}

/** Thrown for a line that does not fit the format; the reader adds the file and line number. */
export class SnapshotFormatError extends Error {}

/** Rebuilds a SnapshotDoc from its lines, one at a time. */
export class SnapshotDecoder {
  private header: Header | null = null;
  private readonly state: Record<string, unknown> = {};
  private txs: TxSet | null = null;
  private lines = 0;
  private ended = false;
  private readonly digest: Hash = createHash('sha256');
  private unproven: string | undefined;
  /** Compact records being read back ("slice.member"). */
  private readonly tables = new Map<string, CompactTable>();
  private scratch = Buffer.allocUnsafe(64 * 1024);

  line(text: string): void {
    const bad = (what: string) => new SnapshotFormatError(what);
    if (this.ended) throw bad('there is data after the end of the snapshot');
    if (!text.startsWith('["end",')) {
      this.digest.update(text);
      this.digest.update('\n');
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw bad(`the line does not parse (${(e as Error).message})`);
    }
    if (this.header === null) {
      const h = v as Header;
      if (!isRecord(h) || !READABLE_FORMATS.includes(h.format)) throw bad('the file is not a till snapshot');
      if (!Array.isArray(h.slices) || !isRecord(h.projections) || !Number.isSafeInteger(h.txs)) throw bad('the snapshot header is incomplete');
      this.header = h;
      this.txs = new TxSet(h.txs);
      this.lines = 1;
      return;
    }
    if (!Array.isArray(v) || typeof v[0] !== 'string') throw bad('the line is not a snapshot record');
    switch (v[0]) {
      case 'slice': {
        const [, name, value] = v as [string, string, unknown];
        if (typeof name !== 'string' || !this.header.slices.includes(name)) throw bad(`unexpected slice ${JSON.stringify(name)}`);
        // Members kept compact get their compact record here; their entries lines fill it.
        const compact = compactMembersOf(name);
        if (compact && isRecord(value))
          for (const [member, make] of Object.entries(compact))
            if (Object.prototype.hasOwnProperty.call(value, member) && isRecord(value[member])) value[member] = compactFrom(value[member] as Record<string, unknown>, make);
        setOwn(this.state, name, value);
        break;
      }
      case 'entries': {
        const [, name, member, entries] = v as [string, string, string, [string, unknown][]];
        const slice = Object.prototype.hasOwnProperty.call(this.state, name) ? this.state[name] : undefined;
        const target = isRecord(slice) && typeof member === 'string' && Object.prototype.hasOwnProperty.call(slice, member) ? slice[member] : undefined;
        if (!isRecord(target) || !Array.isArray(entries)) throw bad(`entries for ${JSON.stringify(name)}.${JSON.stringify(member)} without their slice`);
        const table = tableOf(target);
        for (const e of entries) {
          if (!Array.isArray(e) || typeof e[0] !== 'string') throw bad('an entry is not a [key, value] pair');
          if (table) table.load(e[0], e[1]);
          else setOwn(target, e[0], e[1]);
        }
        break;
      }
      case 'table': {
        const [, name, member, head] = v as [string, string, string, TableDump];
        const slice = Object.prototype.hasOwnProperty.call(this.state, name) ? this.state[name] : undefined;
        if (!isRecord(slice) || typeof member !== 'string' || !Object.prototype.hasOwnProperty.call(slice, member) || this.tables.has(`${name}.${member}`))
          throw bad(`a table for ${JSON.stringify(name)}.${JSON.stringify(member)} without its slice`);
        const make = compactMembersOf(name)?.[member] ?? (() => compactRecord());
        const rec = make();
        try {
          tableOf(rec)!.restore(head);
        } catch (e) {
          throw bad(`table ${name}.${member}: ${(e as Error).message}`);
        }
        slice[member] = rec;
        this.tables.set(`${name}.${member}`, tableOf(rec)!);
        break;
      }
      case 'rows': {
        const [, name, member, b64] = v as [string, string, string, string];
        const table = this.tables.get(`${name}.${member}`);
        if (!table || typeof b64 !== 'string') throw bad(`rows for ${JSON.stringify(name)}.${JSON.stringify(member)} without their table`);
        try {
          // Decoded into one reused buffer (appendRows copies the rows): not a fresh ~48 KB per line,
          // ~40 MB of short-lived buffers outside V8's heap in a full-scale start.
          const need = Math.ceil((b64.length * 3) / 4);
          if (this.scratch.length < need) this.scratch = Buffer.allocUnsafe(need);
          table.appendRows(this.scratch.subarray(0, this.scratch.write(b64, 'base64')));
        } catch (e) {
          throw bad(`table ${name}.${member}: ${(e as Error).message}`);
        }
        break;
      }
      case 'txs':
        if (typeof v[1] !== 'string') throw bad('a transaction-id line holds no ids');
        try {
          this.txs!.addSerialized(v[1]);
        } catch (e) {
          throw bad((e as Error).message);
        }
        break;
      case 'end':
        if (v[1] !== this.lines) throw bad(`the snapshot says it has ${v[1]} lines, but ${this.lines} were read`);
        if (typeof v[2] !== 'string') this.unproven = 'the snapshot carries no digest of its content';
        else if (v[2] !== this.digest.digest('hex')) this.unproven = 'the snapshot does not match its digest (it was edited or damaged after it was written)';
        this.ended = true;
        return;
      default:
        throw bad(`unknown record ${JSON.stringify(v[0])}`);
    }
    this.lines++;
  }

  /** The document, once the end line was read. */
  finish(): SnapshotDoc {
    if (!this.header || !this.ended) throw new SnapshotFormatError('the snapshot is incomplete (it has no end line)');
    for (const name of this.header.slices)
      if (!Object.prototype.hasOwnProperty.call(this.state, name)) throw new SnapshotFormatError(`the snapshot has no slice ${JSON.stringify(name)}`);
    if (this.txs!.size !== this.header.txs) throw new SnapshotFormatError(`the snapshot holds ${this.txs!.size} transaction ids, its header says ${this.header.txs}`);
    for (const [where, t] of this.tables) {
      try {
        t.restored();
      } catch (e) {
        throw new SnapshotFormatError(`table ${where}: ${(e as Error).message}`);
      }
    }
    const h = this.header;
    const doc: SnapshotDoc = { format: SNAPSHOT_FORMAT, pos: h.pos, projections: h.projections, writtenAt: h.writtenAt, txs: this.txs!, state: this.state as StoreState };
    if (this.unproven) doc.unproven = this.unproven;
    if (h.format !== SNAPSHOT_FORMAT) doc.readFrom = h.format;
    return doc;
  }
}

/**
 * The end line that proves `lines` (every line of a snapshot before its end line). For tools and tests
 * that write a snapshot by hand on purpose; the register only ever writes through encodeSnapshot.
 */
export function sealLines(lines: readonly string[]): string {
  const digest = createHash('sha256');
  for (const l of lines) digest.update(`${l}\n`);
  return JSON.stringify(['end', lines.length, digest.digest('hex')]);
}
