/**
 * A JSON reader that remembers where everything is: the same values JSON.parse gives, plus the line
 * and column of every value and every object key, addressed by path ("programs[0].rules[1].points").
 * Files written by people are refused with a place to look, not "Unexpected token".
 *
 * Contract: accepts exactly RFC 8259 JSON (a leading byte-order mark is skipped, as editors on Windows
 * write one), and refuses in addition what JSON.parse would silently resolve: a key given twice in one
 * object (JSON.parse keeps the last, so a second "cumulative" would overrule the first unseen) and
 * nesting deeper than `maxDepth`. Pure: text in, data out; it never throws.
 */

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

export type JsonRead = { ok: true; doc: JsonDoc } | { ok: false; message: string; pos: Pos };

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
  constructor(readonly message: string, readonly at: number) {}
}

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

  fail(message: string, at = this.i): never {
    throw new Refusal(message, at);
  }

  ws(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (this.s[this.i + 1] === '/' || this.s[this.i + 1] === '*')) this.fail('JSON has no comments; remove it');
      else return;
    }
  }

  unexpected(what: string): never {
    const c = this.s[this.i];
    if (c === undefined) this.fail(`the file ends where ${what} was expected`);
    if (c === "'") this.fail(`text must be in double quotes ("…"), not single quotes, where ${what} was expected`);
    return this.fail(`unexpected ${JSON.stringify(c)} where ${what} was expected`);
  }

  value(path: string, depth: number, key?: Pos): unknown {
    this.ws();
    this.places.set(path, { value: this.pos(this.i), ...(key ? { key } : {}) });
    const c = this.s[this.i];
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) this.fail(`nested more than ${this.maxDepth} levels deep`);
      return c === '{' ? this.object(path, depth + 1) : this.array(path, depth + 1);
    }
    if (c === '"') return this.string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const)
      if (this.s.startsWith(word, this.i)) return (this.i += word.length), v;
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m) return (this.i += m[0].length), Number(m[0]);
    return this.unexpected('a value (text in "…", a number, true, false, null, {…} or […])');
  }

  object(path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, Pos>();
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') return this.i++, out;
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.unexpected('a key in double quotes');
      const keyStart = this.i;
      const keyAt = this.pos(keyStart);
      const key = this.string();
      const first = seen.get(key);
      if (first) this.fail(`the key ${JSON.stringify(key)} is given twice in one object (first at line ${first.line}); keep one`, keyStart);
      seen.set(key, keyAt);
      this.ws();
      if (this.s[this.i] !== ':') this.unexpected(`":" after the key ${JSON.stringify(key)}`);
      this.i++;
      // defineProperty, not assignment: a "__proto__" key stays a plain member, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(childPath(path, key), depth, keyAt), enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s[this.i];
      if (c === '}') return this.i++, out;
      if (c !== ',') this.unexpected('"," or "}" after a member of an object');
      this.i++;
      this.ws();
      if (this.s[this.i] === '}') this.fail('a comma before "}" is not allowed in JSON; remove it', this.i);
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
      if (c !== ',') this.unexpected('"," or "]" after an element of a list');
      this.i++;
      this.ws();
      if (this.s[this.i] === ']') this.fail('a comma before "]" is not allowed in JSON; remove it', this.i);
    }
  }

  string(): string {
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('text in quotes is not closed before the end of the file', start);
      if (c === '"') return this.i++, out;
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('"\\u" must be followed by 4 hexadecimal digits');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          this.i += 2;
        } else this.fail(`"\\${e ?? ''}" is not an escape JSON knows (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
        continue;
      }
      if (c < ' ') this.fail(c === '\n' ? 'text in quotes is not closed on its line' : 'a control character inside quotes must be written as an escape (\\t, \\n, \\uXXXX)');
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
    if (p.i < s.length) p.fail('unexpected text after the end of the JSON value');
    const locate = (path: string, prefer: 'key' | 'value' = 'value'): Pos => {
      for (let at: string | undefined = path; at !== undefined; at = parentPath(at)) {
        const place = p.places.get(at);
        if (place) return (prefer === 'key' && at === path && place.key) || place.value;
      }
      return { line: 1, column: 1 };
    };
    return { ok: true, doc: { value, locate } };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message, pos: p.pos(e.at) };
    throw e;
  }
}
