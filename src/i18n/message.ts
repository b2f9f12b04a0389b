/**
 * The message syntax of the catalogs: `{name}` slots and ICU MessageFormat's plural form,
 *
 *   '{points, plural, one {# балл} few {# балла} many {# баллов} other {# балла}}'
 *
 * where a branch is `=N` (an exact value) or a CLDR category (zero one two few many other), `#` is
 * the number written in the message's language, and a branch may hold `{slots}` of its own. The
 * category comes from `Intl.PluralRules` (Node's ICU carries CLDR's rules for every language), so no
 * message-format library is needed: the rules are CLDR's, the syntax is the standard one translators
 * and tools know, and the subset here (no select, no apostrophe quoting, no nesting of plurals) is
 * small enough to parse by hand and keep total. docs/languages.md says how to write one.
 *
 * Rendering never throws: a template that does not parse is shown with its `{slots}` filled as far
 * as they can be, a plural whose value is missing stays as written.
 */

export type Params = Readonly<Record<string, string | number | undefined>>;

type Part = string | { arg: string } | { hash: true } | { plural: string; src: string; branches: Map<string, Part[]> };

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const SELECTOR = /^(=-?\d+(?:\.\d+)?|zero|one|two|few|many|other)$/;
const NAME = /^[A-Za-z0-9_.]+$/;

class Malformed extends Error {}

/** Parses `src` from `i` until `end` (a "}" closing a branch) or the end of the text. */
function parseParts(src: string, i: number, inBranch: boolean): [Part[], number] {
  const out: Part[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '}') {
      if (!inBranch) throw new Malformed('unbalanced }');
      flush();
      return [out, i];
    }
    if (ch === '#' && inBranch) {
      flush();
      out.push({ hash: true });
      i++;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    flush();
    const close = src.indexOf('}', i);
    const comma = src.indexOf(',', i);
    if (close === -1) throw new Malformed('unclosed {');
    if (comma === -1 || comma > close) {
      const name = src.slice(i + 1, close).trim();
      if (!NAME.test(name)) throw new Malformed(`bad slot {${name}}`);
      out.push({ arg: name });
      i = close + 1;
      continue;
    }
    // {name, plural, sel {…} sel {…}}
    const start = i;
    const name = src.slice(i + 1, comma).trim();
    const comma2 = src.indexOf(',', comma + 1);
    if (!NAME.test(name) || comma2 === -1 || src.slice(comma + 1, comma2).trim() !== 'plural') throw new Malformed(`bad argument {${name}, …}`);
    if (inBranch) throw new Malformed('a plural inside a plural');
    i = comma2 + 1;
    const branches = new Map<string, Part[]>();
    for (;;) {
      while (/\s/.test(src[i] ?? '')) i++;
      if (src[i] === '}') break;
      const open = src.indexOf('{', i);
      if (open === -1) throw new Malformed('plural branch without {');
      const sel = src.slice(i, open).trim();
      if (!SELECTOR.test(sel) || branches.has(sel)) throw new Malformed(`bad plural selector "${sel}"`);
      const [parts, end] = parseParts(src, open + 1, true);
      branches.set(sel, parts);
      i = end + 1;
    }
    if (!branches.has('other')) throw new Malformed('a plural needs an "other" branch');
    out.push({ plural: name, src: src.slice(start, i + 1), branches });
    i++;
  }
  if (inBranch) throw new Malformed('unclosed plural branch');
  flush();
  return [out, i];
}

const parsed = new Map<string, Part[] | null>();

function parse(template: string): Part[] | null {
  let p = parsed.get(template);
  if (p === undefined) {
    try {
      p = parseParts(template, 0, false)[0];
    } catch {
      p = null;
    }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(template, p);
  }
  return p;
}

/** Why a template does not parse, or null: the catalog test reports it with the key. */
export function messageProblem(template: string): string | null {
  try {
    parseParts(template, 0, false);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Every `{slot}` and plural argument a template uses (what a translation must use too). */
export function argumentsOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const p of parts) {
      if (typeof p === 'string' || 'hash' in p) continue;
      if ('arg' in p) names.add(p.arg);
      else {
        names.add(p.plural);
        for (const b of p.branches.values()) walk(b);
      }
    }
  };
  walk(parse(template) ?? []);
  return [...names].sort();
}

/** The plural arguments of a template with the branches each one has. */
export function pluralsOf(template: string): { arg: string; selectors: string[] }[] {
  return (parse(template) ?? []).flatMap((p) => (typeof p === 'object' && 'plural' in p ? [{ arg: p.plural, selectors: [...p.branches.keys()] }] : []));
}

const DECIMAL = /^-?\d+(?:\.(\d+))?$/;

/** A plural's value: a number, or a decimal string as the ledger writes points ("12.50" keeps its 2 digits). */
function numeric(v: string | number | undefined): { n: number; exact: string | number; fraction: number } | null {
  if (typeof v === 'number') return Number.isFinite(v) ? { n: v, exact: v, fraction: (String(v).split('.')[1] ?? '').length } : null;
  if (typeof v === 'string' && DECIMAL.test(v.trim())) {
    const s = v.trim();
    return { n: Number(s), exact: s, fraction: DECIMAL.exec(s)?.[1]?.length ?? 0 };
  }
  return null;
}

const rulesCache = new Map<string, Intl.PluralRules>();
function pluralRules(language: string, fraction: number): Intl.PluralRules {
  const key = `${language}|${fraction}`;
  let r = rulesCache.get(key);
  if (!r) {
    try {
      r = new Intl.PluralRules(language || 'en', { minimumFractionDigits: fraction });
    } catch {
      r = new Intl.PluralRules('en', { minimumFractionDigits: fraction });
    }
    rulesCache.set(key, r);
  }
  return r;
}

/** The CLDR category of a number in a language ("ru", 21 -> "one"; "ru", 0.5 -> "other"). */
export const pluralCategory = (language: string, n: number, fractionDigits = 0): string => pluralRules(language, fractionDigits).select(n);

function numberText(language: string, v: { exact: string | number; fraction: number }): string {
  const opts = { minimumFractionDigits: v.fraction, maximumFractionDigits: Math.max(v.fraction, 0) };
  try {
    return new Intl.NumberFormat(language || 'en', opts).format(v.exact as number);
  } catch {
    return String(v.exact);
  }
}

function slot(name: string, params: Params, whole: string): string {
  const v = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
  return v === undefined || v === null ? whole : String(v);
}

/** Fills a template in `language` (for its plural rules and how `#` is written). Never throws. */
export function formatMessage(template: string, params: Params | undefined, language: string): string {
  if (!params) return template;
  const parts = parse(template);
  if (!parts) return template.replace(/\{([A-Za-z0-9_.]+)\}/g, (whole, name: string) => slot(name, params, whole));
  const render = (list: Part[], hash: string): string => {
    let s = '';
    for (const p of list) {
      if (typeof p === 'string') s += p;
      else if ('hash' in p) s += hash;
      else if ('arg' in p) s += slot(p.arg, params, `{${p.arg}}`);
      else {
        const v = numeric(Object.prototype.hasOwnProperty.call(params, p.plural) ? params[p.plural] : undefined);
        if (!v) {
          s += p.src;
          continue;
        }
        const exact = [...p.branches.keys()].find((k) => k.startsWith('=') && Number(k.slice(1)) === v.n);
        const branch = p.branches.get(exact ?? pluralCategory(language, v.n, v.fraction)) ?? p.branches.get('other')!;
        s += render(branch, numberText(language, v));
      }
    }
    return s;
  };
  return render(parts, '#');
}
