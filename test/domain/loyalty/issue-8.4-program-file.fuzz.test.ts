/**
 * Issue 8.4 fuzz: random mutations of a valid program file (its text and its structure) never end in
 * an unexpected error. Each is either a program that keeps the store's invariants or a refusal whose
 * every problem has a code, a message and a line; the JSON reader agrees with JSON.parse.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProgramText, type ProgramFileRead } from '../../../src/domain/loyalty/program-file.js';
import { readJson } from '../../../src/domain/json-positions.js';
import { FILE_KEYS, LADDER_KEYS, PROGRAM_KEYS, REWARD_KEYS, RULE_KEYS, TIER_KEYS } from '../../../src/domain/loyalty/program-file-keys.js';
import { currency } from '../../../src/domain/money.js';
import type { LoyaltyProgram } from '../../../src/domain/loyalty/types.js';

const VALID = {
  programs: [{
    id: 'club', name: 'Club', active: true, start: '2025-01-01', end: null, decimals: 1, step: '0.5', expiryDays: 365,
    rules: [
      { id: 'base', points: '0.01', perAmount: '1.00', minAmount: '1.00', taxIncluded: false },
      { id: 'coffee', category: 'coffee', pointsPerUnit: 5, cumulative: true, minQty: 2 },
      { id: 'visit', pointsPerOrder: 1 },
    ],
    rewards: [
      { id: 'cash', name: 'Cashback', type: 'cashback', value: '1.00', perPoints: 1, cost: 1, maxShare: 50 },
      { id: 'five', name: '5 off', type: 'fixed', amount: '5.00', cost: 50, minBalance: 80 },
      { id: 'pct', name: '10% off', type: 'percent', percent: 10, max: '20.00', sku: 'ESP', cost: 100 },
      { id: 'cake', name: 'Cake', type: 'free-product', sku: 'CAKE', cost: 30 },
    ],
  }],
  tiers: { basis: 'points', programId: 'club', periodMonths: 12, demotion: true, levels: [
    { id: 'std', name: 'Standard', threshold: 0 },
    { id: 'gold', name: 'Gold', threshold: '100.5', discount: 5, earnMultiplier: 1.5 },
  ] },
};
const TEXT = JSON.stringify(VALID, null, 2);
const KNOWN = [...new Set<string>([...FILE_KEYS, ...PROGRAM_KEYS, ...RULE_KEYS, ...LADDER_KEYS, ...TIER_KEYS, ...Object.values(REWARD_KEYS).flat()])];
const NASTY: unknown[] = [0, -1, 1.5, 1e308, '0', '-1', '', ' ', 'abc', '1,5', '99999999999999999999', true, false, null, [], {}, [1], { a: 1 }, 'constructor', '__proto__', '\u001bp', 150, 0.0001];
const CODES = new Set(['PROGRAM_FILE_SYNTAX', 'PROGRAM_UNKNOWN_KEY', 'PROGRAM_AMBIGUOUS_TARGET', 'PROGRAM_BAD_VALUE', 'PROGRAM_DUPLICATE_ID']);

const safePos = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
const safeNonNeg = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** What the rest of the register relies on in a program read from a file. */
function expectValidProgram(p: LoyaltyProgram): void {
  expect(p.id).toMatch(/^[A-Za-z0-9_.-]{1,40}$/);
  expect(p.name.trim()).not.toBe('');
  expect(safePos(p.step) && p.decimals >= 0 && p.decimals <= 3).toBe(true);
  for (const r of p.rules) {
    if (r.target) expect(Object.keys(r.target)).toHaveLength(1);
    if (r.perAmount) expect(safePos(r.perAmount.points) && safePos(r.perAmount.per)).toBe(true);
    if (r.perUnit !== undefined) expect(safePos(r.perUnit)).toBe(true);
    if (r.perOrder !== undefined) expect(safePos(r.perOrder)).toBe(true);
    expect(r.perAmount || r.perUnit || r.perOrder).toBeTruthy();
    if (r.cumulative) expect(r.target).toBeDefined();
  }
  for (const w of p.rewards) {
    expect(safePos(w.cost)).toBe(true);
    if (w.minBalance !== undefined) expect(safeNonNeg(w.minBalance)).toBe(true);
    if (w.kind === 'cashback') expect(safePos(w.value.amount) && safePos(w.value.points)).toBe(true);
    if (w.kind === 'fixed') expect(safePos(w.amount)).toBe(true);
    if (w.kind === 'percent') expect(w.percentPpm > 0 && w.percentPpm <= 1_000_000).toBe(true);
    if (w.kind === 'free-product') expect(w.sku.trim()).not.toBe('');
  }
}

function check(text: string): ProgramFileRead {
  const r = readProgramText(text, currency('USD'));
  if (r.ok) r.file.programs.forEach(expectValidProgram);
  else {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(CODES.has(p.code)).toBe(true);
      expect(p.message.length).toBeGreaterThan(0);
      expect(safePos(p.line) && safePos(p.column)).toBe(true);
    }
  }
  // The position-aware reader accepts exactly what JSON.parse does (less a key given twice), with the same values.
  const j = readJson(text);
  let parsed: unknown;
  let parses = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    parses = false;
  }
  if (j.ok) expect(j.doc.value).toEqual(parsed);
  if (!parses) expect(j.ok).toBe(false);
  return r;
}

/** Every path to a value inside `v`, with a setter for it. */
function slots(v: unknown, out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), slots(x, out)));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k }), slots(x, out);
  return out;
}

/** A typo of a key: one character dropped, doubled or changed, or the case changed. */
function typoOf(k: string, pick: number, text: string): string {
  const i = pick % k.length;
  return [k.slice(0, i) + k.slice(i + 1), k.slice(0, i) + k[i] + k.slice(i), k.slice(0, i) + (text || 'x') + k.slice(i + 1), k.toUpperCase()][(pick >> 3) % 4];
}

type Mutation = { kind: 'replace' | 'rename' | 'delete' | 'add'; slot: number; pick: number; text: string };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'rename', 'delete', 'add'),
  slot: fc.nat(),
  pick: fc.nat(),
  text: fc.string({ maxLength: 3 }),
});

function mutate(ms: Mutation[]): string {
  const doc = structuredClone(VALID) as unknown;
  for (const m of ms) {
    const all = slots(doc);
    const { parent, key } = all[m.slot % all.length];
    const value = NASTY[m.pick % NASTY.length];
    if (Array.isArray(parent)) {
      if (m.kind === 'delete') parent.splice(key as number, 1);
      else (parent as unknown[])[key as number] = m.kind === 'add' ? [value] : value;
      continue;
    }
    const k = key as string;
    if (m.kind === 'replace') parent[k] = value;
    else if (m.kind === 'delete') delete parent[k];
    else if (m.kind === 'add') parent[KNOWN[m.pick % KNOWN.length]] = value;
    else {
      const typo = typoOf(k, m.pick, m.text);
      const v = parent[k];
      delete parent[k];
      parent[typo] = v;
    }
  }
  // Indentation varies so places are checked on one-line and many-line files alike.
  return JSON.stringify(doc, null, (ms.length % 3) * 2);
}

describe('issue 8.4 program file fuzz', () => {
  it('the valid file reads', () => {
    expect(check(TEXT).ok).toBe(true);
  });

  it('structural mutations (typos in keys, nasty values, missing and extra keys) end in a program or a refusal with a code', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      seen[check(mutate(ms)).ok ? 'ok' : 'refused']++;
    }), { numRuns: 800, seed: 84 });
    // Both outcomes are exercised: some mutations leave a valid program, most are refused.
    expect(seen.ok).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(400);
  });

  it('a key typo is always refused, never ignored', () => {
    const members = slots(structuredClone(VALID)).map((x, i) => ({ ...x, i })).filter((x) => !Array.isArray(x.parent));
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.string({ minLength: 1, maxLength: 2 }), (slot, pick, text) => {
      const m = members[slot % members.length];
      const typo = typoOf(m.key as string, pick, text);
      fc.pre(!KNOWN.includes(typo));
      const r = check(mutate([{ kind: 'rename', slot: m.i, pick, text }]));
      expect(!r.ok && r.problems.some((p) => p.code === 'PROGRAM_UNKNOWN_KEY' && p.message.startsWith(`unknown key ${JSON.stringify(typo)}`))).toBe(true);
    }), { numRuns: 400, seed: 841 });
  });

  it('text mutations (characters deleted, inserted, doubled) end in a program or a refusal with a line', () => {
    const pool = '{}[]",:.-0123456789eEtrufalsn \n\\/\u001bé';
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 })), { minLength: 1, maxLength: 5 }), (edits) => {
      let t = TEXT;
      for (const [at, c, kind] of edits) {
        const i = at % (t.length + 1);
        const ch = pool[c % pool.length];
        t = kind === 0 ? t.slice(0, i) + t.slice(i + 1) : kind === 1 ? t.slice(0, i) + ch + t.slice(i) : t.slice(0, i) + t.slice(i, i + 8) + t.slice(i);
      }
      check(t);
    }), { numRuns: 1000, seed: 842 });
  });
});
