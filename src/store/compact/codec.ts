/**
 * A compact binary encoding of the projection's plain JSON values (issue 12): one tag byte per value,
 * object keys (and the values of a few enumerations) as numbers into a string table shared by the
 * table's rows, integers as varints, card and phone numbers as packed digits, ISO times and days as
 * numbers. A decoded value is equal to what was encoded, key order and `undefined` members included:
 * the round trip is exact, not "equal as JSON" (test/store/compact.property.test.ts).
 *
 * Strings are kept exactly: Latin-1 strings byte for byte, other well-formed strings as UTF-8, and a
 * string with a lone surrogate (which UTF-8 cannot carry) as UTF-16 code units.
 */

const T_NULL = 0;
const T_FALSE = 1;
const T_TRUE = 2;
const T_UNDEF = 3;
const T_UINT = 4;
const T_NINT = 5;
const T_F64 = 6;
const T_LATIN1 = 7;
const T_UTF8 = 8;
const T_UTF16 = 9;
const T_REF = 10;
const T_DIGITS = 11;
const T_ISO = 12;
const T_DAY = 13;
const T_KEY = 14;
const T_ARR = 15;
const T_OBJ = 16;

/** Past this many strings the table stops growing and further keys are written in full. */
const DICT_MAX = 1 << 16;
/** Packed-digit alphabet: nibble n is DIGIT_CHARS[n] (15 symbols; phone numbers and card numbers). */
const DIGIT_CHARS = '0123456789+-() ';
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGIT_CHARS.length; i++) DIGIT_OF[DIGIT_CHARS.charCodeAt(i)] = i;
const ISO_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DAY_RE = /^\d{4}-\d\d-\d\d$/;
const DAY_MS = 86_400_000;

/** The strings a table's rows refer to by number (object keys, enumerated values). Grows only. */
export class StringTable {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();

  /** Takes the strings of a snapshot's table (their numbers are their places). */
  restore(list: readonly string[]): void {
    this.list.length = 0;
    this.ids.clear();
    for (const s of list) {
      this.ids.set(s, this.list.length);
      this.list.push(s);
    }
  }

  /** The number of `s`, added if new; -1 when the table is full. */
  id(s: string): number {
    const hit = this.ids.get(s);
    if (hit !== undefined) return hit;
    if (this.list.length >= DICT_MAX) return -1;
    this.list.push(s);
    this.ids.set(s, this.list.length - 1);
    return this.list.length - 1;
  }
}

/** Writes rows into one growing scratch buffer (reused: a row is copied out by the table). */
export class RowWriter {
  buf = Buffer.allocUnsafe(4096);
  pos = 0;

  constructor(
    private readonly dict: StringTable,
    /** Object members whose string values repeat (category, tax class, tier): written as table numbers. */
    private readonly internValues: ReadonlySet<string>,
  ) {}

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private u8(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned varint of a safe integer (7 bits a byte; arithmetic, not 32-bit shifts). */
  private uint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  /** A row's key: its length and width, then Latin-1 bytes or UTF-16 code units. */
  key(k: string): void {
    const wide = !isLatin1(k);
    this.uint(k.length * 2 + (wide ? 1 : 0));
    this.room(k.length * 2);
    this.pos += wide ? this.buf.write(k, this.pos, 'ucs2') : this.buf.write(k, this.pos, 'latin1');
  }

  string(s: string, rowKey: string, intern: boolean): void {
    if (s === rowKey && s.length > 0) return this.u8(T_KEY);
    if (intern) {
      const id = this.dict.id(s);
      if (id >= 0) {
        this.u8(T_REF);
        return this.uint(id);
      }
    }
    const n = s.length;
    if (n >= 4 && n <= 64 && isDigits(s)) {
      this.u8(T_DIGITS);
      this.uint(n);
      this.room((n + 1) >> 1);
      for (let i = 0; i < n; i += 2) this.buf[this.pos++] = (DIGIT_OF[s.charCodeAt(i)] << 4) | (i + 1 < n ? DIGIT_OF[s.charCodeAt(i + 1)] : 15);
      return;
    }
    if (n === 24 && ISO_RE.test(s)) {
      const ms = Date.parse(s);
      if (ms >= 0 && new Date(ms).toISOString() === s) {
        this.u8(T_ISO);
        return this.uint(ms);
      }
    }
    if (n === 10 && DAY_RE.test(s)) {
      const ms = Date.parse(`${s}T00:00:00.000Z`);
      if (ms >= 0 && new Date(ms).toISOString().slice(0, 10) === s) {
        this.u8(T_DAY);
        return this.uint(ms / DAY_MS);
      }
    }
    if (isLatin1(s)) {
      this.u8(T_LATIN1);
      this.uint(n);
      this.room(n);
      this.pos += this.buf.write(s, this.pos, 'latin1');
    } else if ((s as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      const bytes = Buffer.byteLength(s, 'utf8');
      this.u8(T_UTF8);
      this.uint(bytes);
      this.room(bytes);
      this.pos += this.buf.write(s, this.pos, 'utf8');
    } else {
      this.u8(T_UTF16);
      this.uint(n);
      this.room(n * 2);
      this.pos += this.buf.write(s, this.pos, 'ucs2');
    }
  }

  value(v: unknown, rowKey: string, intern = false): void {
    switch (typeof v) {
      case 'string':
        return this.string(v, rowKey, intern);
      case 'number':
        if (Number.isSafeInteger(v) && !Object.is(v, -0)) {
          this.u8(v >= 0 ? T_UINT : T_NINT);
          return this.uint(Math.abs(v));
        }
        this.u8(T_F64);
        this.room(8);
        this.pos = this.buf.writeDoubleLE(v, this.pos);
        return;
      case 'boolean':
        return this.u8(v ? T_TRUE : T_FALSE);
      case 'object':
        if (v === null) return this.u8(T_NULL);
        if (Array.isArray(v)) {
          this.u8(T_ARR);
          this.uint(v.length);
          for (let i = 0; i < v.length; i++) this.value(v[i], rowKey);
          return;
        }
        {
          const keys = Object.keys(v);
          this.u8(T_OBJ);
          this.uint(keys.length);
          for (const k of keys) {
            this.string(k, '', true);
            this.value((v as Record<string, unknown>)[k], rowKey, this.internValues.has(k));
          }
        }
        return;
      case 'bigint':
        throw new TypeError('a projection value cannot be a bigint (it is not JSON)');
      default:
        // undefined (and, as JSON would drop them, functions and symbols)
        return this.u8(T_UNDEF);
    }
  }
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || DIGIT_OF[c] < 0) return false;
  }
  return true;
}

/** Reads values back; `pos` moves past what was read. */
export class RowReader {
  pos = 0;
  key = '';

  constructor(
    public buf: Buffer,
    private readonly dict: StringTable,
  ) {}

  uint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error('a row ends in the middle of a number');
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  }

  /**
   * Reads an object value with only the members named in `fields` (the others are skipped, never
   * built): what a search index needs of an account is four strings, not the whole account.
   */
  pick(fields: ReadonlySet<string>): unknown {
    if (this.buf[this.pos] !== T_OBJ) return this.value();
    this.pos++;
    const n = this.uint();
    const o: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const k = this.value() as string;
      if (!fields.has(k)) this.skip();
      else if (k === '__proto__') Object.defineProperty(o, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
      else o[k] = this.value();
    }
    return o;
  }

  /** Moves past one value without building it (reading rows from a snapshot); throws on a bad tag. */
  skip(): void {
    const tag = this.buf[this.pos++];
    switch (tag) {
      case T_NULL:
      case T_FALSE:
      case T_TRUE:
      case T_UNDEF:
      case T_KEY:
        return;
      case T_UINT:
      case T_NINT:
      case T_REF:
      case T_ISO:
      case T_DAY:
        this.uint();
        return;
      case T_F64:
        this.pos += 8;
        return;
      // (The length is read first: `this.pos += this.uint()` would add to the position before the read.)
      case T_LATIN1:
      case T_UTF8: {
        const n = this.uint();
        this.pos += n;
        return;
      }
      case T_UTF16: {
        const n = this.uint();
        this.pos += n * 2;
        return;
      }
      case T_DIGITS: {
        const n = this.uint();
        this.pos += (n + 1) >> 1;
        return;
      }
      case T_ARR: {
        const n = this.uint();
        for (let i = 0; i < n; i++) this.skip();
        return;
      }
      case T_OBJ: {
        const n = this.uint();
        for (let i = 0; i < 2 * n; i++) this.skip();
        return;
      }
      default:
        throw new Error(`unknown tag ${tag} at byte ${this.pos - 1}`);
    }
  }

  /** Reads a row's key (written by RowWriter.key) and remembers it for T_KEY values. */
  readKey(): string {
    const h = this.uint();
    const n = Math.floor(h / 2);
    const start = this.pos;
    if (h % 2 === 1) {
      this.pos += n * 2;
      return (this.key = this.buf.toString('ucs2', start, this.pos));
    }
    this.pos += n;
    return (this.key = this.buf.toString('latin1', start, this.pos));
  }

  value(): unknown {
    const tag = this.buf[this.pos++];
    switch (tag) {
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_UNDEF:
        return undefined;
      case T_UINT:
        return this.uint();
      case T_NINT:
        return -this.uint();
      case T_F64: {
        const v = this.buf.readDoubleLE(this.pos);
        this.pos += 8;
        return v;
      }
      case T_LATIN1: {
        const n = this.uint();
        this.pos += n;
        return this.buf.toString('latin1', this.pos - n, this.pos);
      }
      case T_UTF8: {
        const n = this.uint();
        this.pos += n;
        return this.buf.toString('utf8', this.pos - n, this.pos);
      }
      case T_UTF16: {
        const n = this.uint();
        this.pos += n * 2;
        return this.buf.toString('ucs2', this.pos - n * 2, this.pos);
      }
      case T_REF:
        return this.dict.list[this.uint()];
      case T_DIGITS: {
        const n = this.uint();
        let s = '';
        for (let i = 0; i < n; i += 2) {
          const b = this.buf[this.pos++];
          s += DIGIT_CHARS[b >> 4];
          if (i + 1 < n) s += DIGIT_CHARS[b & 15];
        }
        return s;
      }
      case T_ISO:
        return new Date(this.uint()).toISOString();
      case T_DAY:
        return new Date(this.uint() * DAY_MS).toISOString().slice(0, 10);
      case T_KEY:
        return this.key;
      case T_ARR: {
        const n = this.uint();
        const a = new Array(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return a;
      }
      case T_OBJ: {
        const n = this.uint();
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const k = this.value() as string;
          const v = this.value();
          if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
          else o[k] = v;
        }
        return o;
      }
      default:
        throw new Error(`compact row damaged: unknown tag ${tag} at ${this.pos - 1}`);
    }
  }
}
