/**
 * A JSON reader that remembers where everything is: the same values JSON.parse gives, plus the line
 * and column of every value and every object key, addressed by path ("programs[0].rules[1].points").
 * Files written by people are refused with a place to look, not "Unexpected token".
 *
 * Contract: accepts exactly RFC 8259 JSON (a leading byte-order mark is skipped, as editors on Windows
 * write one), and refuses in addition what JSON.parse would silently resolve: a key given twice in one
 * object (JSON.parse keeps the last, so a second "cumulative" would overrule the first unseen) and
 * nesting deeper than `maxDepth`. Pure: text in, data out; it never throws.
 *
 * A refusal is a code and its values (`problem`, worded by the catalogs' `cli.json.<CODE>` in the
 * reader's language) and the same in English (`message`, for logs and tests).
 */
import { sayText, type Said, type SaidParams } from '../i18n/said.js';

export interface Pos {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (UTF-16 units) from the start of the line. */
  column: number;
}

export interface JsonPlace {
  /** Where the value starts. */
  value: Pos;
  /** Where its key starts, for a member of an object. */
  key?: Pos;
}

export interface JsonDoc {
  value: unknown;
  /** Place of the value at `path`, or of its nearest ancestor that is in the file (for a missing key). */
  locate(path: string, prefer?: 'key' | 'value'): Pos;
}

export type JsonProblemCode =
  | 'COMMENT' | 'FILE_ENDS' | 'SINGLE_QUOTES' | 'UNEXPECTED' | 'TOO_DEEP' | 'KEY_TWICE' | 'TRAILING_COMMA'
  | 'STRING_UNCLOSED' | 'U_ESCAPE' | 'BAD_ESCAPE' | 'STRING_LINE' | 'STRING_CONTROL' | 'TEXT_AFTER';

/** What the reader expected where it refused (`cli.json.expect.<WHAT>`). */
type Expected = 'VALUE' | 'KEY' | 'COLON' | 'MEMBER_END' | 'ELEMENT_END';

export type JsonRead = { ok: true; doc: JsonDoc } | { ok: false; message: string; problem: Said; pos: Pos };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of a member or an element: `a.b`, `a[0]`, and `a["odd key"]` for keys that are not names. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!IDENT.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

/** The parent of a path made by childPath ('' for a root member). */
export function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const m = /^(.*?)(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\]|\.?[A-Za-z_$][A-Za-z0-9_$]*)$/.exec(path);
  return m ? m[1] : '';
}

class Refusal {
  constructor(readonly problem: Said, readonly at: number) {}
}

const expected = (what: Expected, params: SaidParams = {}): Said => ({ key: `cli.json.expect.${what}`, params: { ...params, obj: '{…}', close: '}', end: ']' } });

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  i = 0;
  readonly places = new Map<string, JsonPlace>();
  private readonly lineStarts: number[] = [0];

  constructor(readonly s: string, readonly maxDepth: number) {
    for (let k = 0; k < s.length; k++) if (s[k] === '\n') this.lineStarts.push(k + 1);
  }

  pos(at: number): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo] + 1 };
  }

  fail(code: JsonProblemCode, params: SaidParams = {}, at = this.i): never {
    throw new Refusal({ key: `cli.json.${code}`, params }, at);
  }

  ws(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (this.s[this.i + 1] === '/' || this.s[this.i + 1] === '*')) this.fail('COMMENT');
      else return;
    }
  }

  unexpected(what: Said): never {
    const c = this.s[this.i];
    if (c === undefined) this.fail('FILE_ENDS', { expected: what });
    if (c === "'") this.fail('SINGLE_QUOTES', { expected: what });
    return this.fail('UNEXPECTED', { char: JSON.stringify(c), expected: what });
  }

  value(path: string, depth: number, key?: Pos): unknown {
    this.ws();
    this.places.set(path, { value: this.pos(this.i), ...(key ? { key } : {}) });
    const c = this.s[this.i];
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) this.fail('TOO_DEEP', { max: this.maxDepth });
      return c === '{' ? this.object(path, depth + 1) : this.array(path, depth + 1);
    }
    if (c === '"') return this.string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const)
      if (this.s.startsWith(word, this.i)) return (this.i += word.length), v;
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m) return (this.i += m[0].length), Number(m[0]);
    return this.unexpected(expected('VALUE'));
  }

  object(path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, Pos>();
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') return this.i++, out;
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.unexpected(expected('KEY'));
      const keyStart = this.i;
      const keyAt = this.pos(keyStart);
      const key = this.string();
      const first = seen.get(key);
      if (first) this.fail('KEY_TWICE', { key: JSON.stringify(key), line: first.line }, keyStart);
      seen.set(key, keyAt);
      this.ws();
      if (this.s[this.i] !== ':') this.unexpected(expected('COLON', { key: JSON.stringify(key) }));
      this.i++;
      // defineProperty, not assignment: a "__proto__" key stays a plain member, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(childPath(path, key), depth, keyAt), enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s[this.i];
      if (c === '}') return this.i++, out;
      if (c !== ',') this.unexpected(expected('MEMBER_END'));
      this.i++;
      this.ws();
      if (this.s[this.i] === '}') this.fail('TRAILING_COMMA', { close: '}' }, this.i);
    }
  }

  array(path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') return this.i++, out;
    for (;;) {
      out.push(this.value(childPath(path, out.length), depth));
      this.ws();
      const c = this.s[this.i];
      if (c === ']') return this.i++, out;
      if (c !== ',') this.unexpected(expected('ELEMENT_END'));
      this.i++;
      this.ws();
      if (this.s[this.i] === ']') this.fail('TRAILING_COMMA', { close: ']' }, this.i);
    }
  }

  string(): string {
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('STRING_UNCLOSED', {}, start);
      if (c === '"') return this.i++, out;
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('U_ESCAPE');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          this.i += 2;
        } else this.fail('BAD_ESCAPE', { escape: `"\\${e ?? ''}"` });
        continue;
      }
      if (c < ' ') this.fail(c === '\n' ? 'STRING_LINE' : 'STRING_CONTROL');
      out += c;
      this.i++;
    }
  }
}

/** Reads JSON text, remembering places. `maxDepth` bounds nesting (a file of 10,000 "[" is refused, not a stack overflow). */
export function readJson(text: string, opts: { maxDepth?: number } = {}): JsonRead {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const p = new Parser(s, opts.maxDepth ?? 64);
  try {
    const value = p.value('', 0);
    p.ws();
    if (p.i < s.length) p.fail('TEXT_AFTER');
    const locate = (path: string, prefer: 'key' | 'value' = 'value'): Pos => {
      for (let at: string | undefined = path; at !== undefined; at = parentPath(at)) {
        const place = p.places.get(at);
        if (place) return (prefer === 'key' && at === path && place.key) || place.value;
      }
      return { line: 1, column: 1 };
    };
    return { ok: true, doc: { value, locate } };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: sayText(e.problem, 'en'), problem: e.problem, pos: p.pos(e.at) };
    throw e;
  }
}
