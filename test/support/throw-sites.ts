/**
 * The places in the sources where a refusal is made with a literal code: `new TillError('CODE', …)`,
 * `new StoreError(…)`, `fail(…)`, `refuse(…)`, `refusal(…)`, `info(…)` (the checkout's messages),
 * read from the text of src/ and machines/. For each: the code, how its message is given (a string
 * or template written here, or something already worded elsewhere — a catalog call, a variable), the
 * template's `${…}` expressions, and the names of the params passed beside it when they are an
 * object literal (undefined when they are not given, or given some other way).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ThrowSite {
  file: string;
  line: number;
  code: string;
  /** 'literal': '…' or `…` written at the site; 'worded': anything else (t(…), a variable). */
  message: 'literal' | 'worded' | 'none';
  /** A template literal with ${…} in it. */
  interpolated: boolean;
  /** Keys of the params object literal; null when params are passed but not as a plain literal. */
  params?: string[] | null;
}

const CALL = /\b(?:new (?:Till|Store)Error|fail|refuse|refusal|info)\(\s*(?:req\.id,\s*)?'([A-Z][A-Z0-9_]+)'\s*(,?)/g;

export function sourceFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(n) && !n.endsWith('.d.ts')) out.push(p);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

/** Index just after the string or template literal starting at `i`, or -1. */
function literalEnd(s: string, i: number): number {
  const q = s[i];
  let depth = 0;
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (q === '`' && c === '$' && s[k + 1] === '{') (depth++, k++);
    else if (q === '`' && c === '}' && depth > 0) depth--;
    else if (c === q && depth === 0) return k + 1;
  }
  return -1;
}

/** Top-level keys of the object literal starting at `i` ('{'), or null when it spreads or does not end. */
function literalKeys(s: string, i: number): string[] | null {
  const keys: string[] = [];
  let spread = false;
  const take = (part: string) => {
    const m = /^\s*([A-Za-z_$][\w$]*)/.exec(part);
    if (/^\s*\.\.\./.test(part)) spread = true;
    else if (m) keys.push(m[1]);
  };
  let depth = 0;
  let part = '';
  for (let k = i; k < s.length; k++) {
    const c = s[k];
    if (c === "'" || c === '"' || c === '`') {
      const end = literalEnd(s, k);
      if (end < 0) return null;
      part += s.slice(k, end);
      k = end - 1;
      continue;
    }
    if ('{(['.includes(c)) {
      if (++depth === 1) continue;
    } else if ('})]'.includes(c)) {
      if (--depth === 0) {
        take(part);
        return spread ? null : keys;
      }
    } else if (c === ',' && depth === 1) {
      take(part);
      part = '';
      continue;
    }
    part += c;
  }
  return null;
}

export function throwSites(files: readonly string[]): ThrowSite[] {
  const out: ThrowSite[] = [];
  for (const file of files) {
    const s = readFileSync(file, 'utf8');
    for (const m of s.matchAll(CALL)) {
      const at = m.index! + m[0].length;
      const line = s.slice(0, m.index).split('\n').length;
      const site: ThrowSite = { file, line, code: m[1], message: 'none', interpolated: false };
      out.push(site);
      if (!m[2]) continue;
      let k = at;
      while (/\s/.test(s[k])) k++;
      if (s[k] !== '\'' && s[k] !== '"' && s[k] !== '`') {
        site.message = 'worded';
        continue;
      }
      site.message = 'literal';
      const end = literalEnd(s, k);
      if (end < 0) continue;
      site.interpolated = s[k] === '`' && /\$\{/.test(s.slice(k, end));
      const rest = /^\s*,\s*/.exec(s.slice(end));
      if (!rest) continue;
      const p = end + rest[0].length;
      site.params = s[p] === '{' ? literalKeys(s, p) : null;
    }
  }
  return out;
}
