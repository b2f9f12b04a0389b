/**
 * The program file a shop owner edits (`till loyalty program set FILE.json`): points and money written
 * as people write them ("0.01", "1.00", 10), turned into the integer units the store keeps. Every
 * problem names its place in the file ("programs[0].rules[1].points").
 */
import { parseAmount, toDecimalString, type Currency } from '../money.js';
import type { EarnRule, LoyaltyProgram, Reward, Target, Tier, TierLadder } from './types.js';
import { decimalToUnits, formatUnits, mulR, parseDecimal, ratio, reducePair } from './units.js';

export interface FileProblem {
  key: string;
  message: string;
}

export interface ProgramFile {
  programs: LoyaltyProgram[];
  /** undefined: the file leaves tiers alone; null: remove the ladder. */
  ladder?: TierLadder | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const ID = /^[A-Za-z0-9_.-]{1,40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

class Reader {
  problems: FileProblem[] = [];
  constructor(readonly cur: Currency) {}
  bad(key: string, message: string): undefined {
    this.problems.push({ key, message });
    return undefined;
  }
  id(o: Obj, k: string, at: string): string {
    const v = o[k];
    if (typeof v !== 'string' || !ID.test(v)) this.bad(`${at}.${k}`, 'must be 1-40 letters, digits, ".", "-" or "_"');
    return String(v ?? '');
  }
  text(o: Obj, k: string, at: string): string {
    const v = o[k];
    if (typeof v !== 'string' || !v.trim()) this.bad(`${at}.${k}`, 'must be non-empty text');
    return String(v ?? '').trim();
  }
  money(o: Obj, k: string, at: string, required = false): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return required ? this.bad(`${at}.${k}`, 'is required') : undefined;
    const m = typeof v === 'number' || typeof v === 'string' ? parseAmount(String(v), this.cur) : null;
    return m === null ? this.bad(`${at}.${k}`, `must be an amount such as "${toDecimalString(10 ** this.cur.exponent * 5, this.cur)}"`) : m;
  }
  units(o: Obj, k: string, at: string, decimals: number, opts: { required?: boolean; positive?: boolean } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'is required') : undefined;
    const u = decimalToUnits(v, decimals);
    if (u === null) return this.bad(`${at}.${k}`, `must be a number of points with at most ${decimals} decimals`);
    if (opts.positive && u <= 0) return this.bad(`${at}.${k}`, 'must be more than 0');
    return u;
  }
  /** A decimal scaled by 10^scale (percent -> ppm with scale 4), within [0, max]. */
  scaled(o: Obj, k: string, at: string, scale: number, max: number): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    const u = decimalToUnits(v, scale);
    if (u === null || u > max) return this.bad(`${at}.${k}`, `must be a number from 0 to ${max / 10 ** scale} with at most ${scale} decimals`);
    return u;
  }
  int(o: Obj, k: string, at: string, min: number, max: number): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.bad(`${at}.${k}`, `must be a whole number from ${min} to ${max}`);
    return v;
  }
  day(o: Obj, k: string, at: string): string | undefined {
    const v = o[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || !DAY.test(v) || Number.isNaN(Date.parse(v))) return this.bad(`${at}.${k}`, 'must be a date "YYYY-MM-DD"');
    return v;
  }
  target(o: Obj, at: string): Target | undefined {
    const sku = o.sku;
    const category = o.category;
    if (sku === undefined && category === undefined) return undefined;
    if ((sku !== undefined && typeof sku !== 'string') || (category !== undefined && typeof category !== 'string')) return this.bad(at, '"sku" and "category" must be text');
    return { ...(sku !== undefined ? { sku: sku as string } : {}), ...(category !== undefined ? { category: category as string } : {}) };
  }
}

function rule(r: Reader, o: Obj, at: string, decimals: number): EarnRule {
  const out: EarnRule = { id: r.id(o, 'id', at) };
  const target = r.target(o, at);
  if (target) out.target = target;
  if (o.points !== undefined || o.perAmount !== undefined) {
    const pts = parseDecimal(o.points);
    const per = r.money(o, 'perAmount', at, true);
    if (!pts) r.bad(`${at}.points`, 'must be a number of points such as "0.01" or 1');
    else if (per !== undefined) {
      // points/per in units per minor unit, reduced: 0.01 points per 1.00 at 0 decimals -> 1 per 10000.
      const q = mulR(pts, ratio(10n ** BigInt(decimals), per));
      const pair = reducePair(q.n, q.d);
      if (!pair) r.bad(`${at}.points`, 'must be more than 0 points per a positive amount');
      else out.perAmount = pair;
    }
  }
  const perUnit = r.units(o, 'pointsPerUnit', at, decimals, { positive: true });
  if (perUnit !== undefined) out.perUnit = perUnit;
  const perOrder = r.units(o, 'pointsPerOrder', at, decimals, { positive: true });
  if (perOrder !== undefined) out.perOrder = perOrder;
  if (!out.perAmount && out.perUnit === undefined && out.perOrder === undefined && !r.problems.some((p) => p.key.startsWith(at)))
    r.bad(at, 'needs "points" with "perAmount", "pointsPerUnit" or "pointsPerOrder"');
  const minQty = r.int(o, 'minQty', at, 0, 1_000_000);
  if (minQty) out.minQty = minQty;
  const minAmount = r.money(o, 'minAmount', at);
  if (minAmount) out.minAmount = minAmount;
  if (o.taxIncluded === false) out.taxIncluded = false;
  if (o.cumulative === true) {
    if (!target) r.bad(`${at}.cumulative`, 'applies only to a rule with a "sku" or "category"');
    out.cumulative = true;
  }
  return out;
}

function reward(r: Reader, o: Obj, at: string, decimals: number, ids: Set<string>): Reward | undefined {
  const id = r.id(o, 'id', at);
  if (ids.has(id)) r.bad(`${at}.id`, `"${id}" is used twice`);
  ids.add(id);
  const name = r.text(o, 'name', at);
  const minBalance = r.units(o, 'minBalance', at, decimals);
  const extra = minBalance ? { minBalance } : {};
  switch (o.type) {
    case 'cashback': {
      const value = r.money(o, 'value', at, true);
      const per = r.units(o, 'perPoints', at, decimals, { positive: true }) ?? 10 ** decimals;
      const cost = r.units(o, 'cost', at, decimals, { positive: true }) ?? 1;
      const maxSharePpm = r.scaled(o, 'maxShare', at, 4, 1_000_000);
      if (value === 0) r.bad(`${at}.value`, 'must be more than 0');
      return { id, name, kind: 'cashback', cost, value: { amount: value ?? 1, points: per }, ...(maxSharePpm !== undefined ? { maxSharePpm } : {}), ...extra };
    }
    case 'fixed': {
      const amount = r.money(o, 'amount', at, true);
      return { id, name, kind: 'fixed', cost: r.units(o, 'cost', at, decimals, { required: true, positive: true }) ?? 1, amount: amount ?? 0, ...extra };
    }
    case 'percent': {
      const percentPpm = r.scaled(o, 'percent', at, 4, 1_000_000) ?? r.bad(`${at}.percent`, 'is required');
      const max = r.money(o, 'max', at);
      const target = r.target(o, at);
      return { id, name, kind: 'percent', cost: r.units(o, 'cost', at, decimals, { required: true, positive: true }) ?? 1, percentPpm: percentPpm ?? 0, ...(max !== undefined ? { max } : {}), ...(target ? { target } : {}), ...extra };
    }
    case 'free-product': {
      const sku = typeof o.sku === 'string' && o.sku ? o.sku : (r.bad(`${at}.sku`, 'is required'), '');
      return { id, name, kind: 'free-product', cost: r.units(o, 'cost', at, decimals, { required: true, positive: true }) ?? 1, sku, ...extra };
    }
    default:
      return r.bad(`${at}.type`, 'must be "cashback", "fixed", "percent" or "free-product"');
  }
}

function program(r: Reader, o: Obj, at: string): LoyaltyProgram {
  const decimals = r.int(o, 'decimals', at, 0, 3) ?? 0;
  const p: LoyaltyProgram = {
    id: r.id(o, 'id', at),
    name: r.text(o, 'name', at),
    active: o.active !== false,
    decimals,
    step: r.units(o, 'step', at, decimals, { positive: true }) ?? 1,
    rules: [],
    rewards: [],
  };
  const start = r.day(o, 'start', at);
  const end = r.day(o, 'end', at);
  if (start) p.start = start;
  if (end) p.end = end;
  if (start && end && end < start) r.bad(`${at}.end`, 'is before "start"');
  const expiryDays = r.int(o, 'expiryDays', at, 1, 36_500);
  if (expiryDays) p.expiryDays = expiryDays;
  const rules = o.rules ?? [];
  if (!Array.isArray(rules)) r.bad(`${at}.rules`, 'must be a list');
  else rules.forEach((x, i) => (isObj(x) ? p.rules.push(rule(r, x, `${at}.rules[${i}]`, decimals)) : r.bad(`${at}.rules[${i}]`, 'must be an object')));
  const ruleIds = p.rules.map((x) => x.id);
  ruleIds.forEach((x, i) => ruleIds.indexOf(x) !== i && r.bad(`${at}.rules[${i}].id`, `"${x}" is used twice`));
  const rewards = o.rewards ?? [];
  const ids = new Set<string>();
  if (!Array.isArray(rewards)) r.bad(`${at}.rewards`, 'must be a list');
  else rewards.forEach((x, i) => {
    const rw = isObj(x) ? reward(r, x, `${at}.rewards[${i}]`, decimals, ids) : r.bad(`${at}.rewards[${i}]`, 'must be an object');
    if (rw) p.rewards.push(rw);
  });
  return p;
}

function ladder(r: Reader, o: Obj, programs: Map<string, LoyaltyProgram>): TierLadder {
  const at = 'tiers';
  const basis = o.basis === 'points' ? 'points' : o.basis === 'spend' || o.basis === undefined ? 'spend' : (r.bad(`${at}.basis`, 'must be "spend" or "points"'), 'spend');
  const programId = typeof o.programId === 'string' ? o.programId : undefined;
  const prog = programId ? programs.get(programId) : undefined;
  if (basis === 'points' && !prog) r.bad(`${at}.programId`, 'must name a program (in this file or already in the store) when the basis is "points"');
  const periodMonths = r.int(o, 'periodMonths', at, 1, 24);
  const tiers: Tier[] = [];
  const levels = o.levels;
  if (!Array.isArray(levels) || levels.length === 0) r.bad(`${at}.levels`, 'must be a non-empty list of tiers');
  else levels.forEach((x, i) => {
    const lat = `${at}.levels[${i}]`;
    if (!isObj(x)) return void r.bad(lat, 'must be an object');
    const threshold = basis === 'spend' ? r.money(x, 'threshold', lat, true) : r.units(x, 'threshold', lat, prog?.decimals ?? 0, { required: true });
    const t: Tier = { id: r.id(x, 'id', lat), name: r.text(x, 'name', lat), threshold: threshold ?? 0 };
    const discountPpm = r.scaled(x, 'discount', lat, 4, 1_000_000);
    if (discountPpm) t.discountPpm = discountPpm;
    const mult = r.scaled(x, 'earnMultiplier', lat, 6, 100_000_000);
    if (mult !== undefined) t.earnMultiplierPpm = mult;
    if (i === 0 && t.threshold !== 0) r.bad(`${lat}.threshold`, 'of the first tier must be 0 (it is the default tier)');
    if (i > 0 && tiers[i - 1] && t.threshold <= tiers[i - 1].threshold) r.bad(`${lat}.threshold`, 'must be above the previous tier’s');
    if (tiers.some((y) => y.id === t.id)) r.bad(`${lat}.id`, `"${t.id}" is used twice`);
    tiers.push(t);
  });
  return { basis, ...(programId ? { programId } : {}), ...(periodMonths ? { periodMonths } : {}), demotion: o.demotion === true, tiers };
}

/** Reads a parsed program file. `existing` programs can be referenced by the tier ladder. */
export function readProgramFile(raw: unknown, cur: Currency, existing: readonly LoyaltyProgram[] = []): { ok: true; file: ProgramFile } | { ok: false; problems: FileProblem[] } {
  const r = new Reader(cur);
  if (!isObj(raw)) return { ok: false, problems: [{ key: '(file)', message: 'must be a JSON object with "programs" and/or "tiers"' }] };
  for (const k of Object.keys(raw)) if (k !== 'programs' && k !== 'tiers') r.bad(k, 'is not a known section ("programs", "tiers")');
  const programs: LoyaltyProgram[] = [];
  if (raw.programs !== undefined) {
    if (!Array.isArray(raw.programs)) r.bad('programs', 'must be a list');
    else raw.programs.forEach((x, i) => (isObj(x) ? programs.push(program(r, x, `programs[${i}]`)) : r.bad(`programs[${i}]`, 'must be an object')));
  }
  programs.forEach((p, i) => programs.findIndex((q) => q.id === p.id) !== i && r.bad(`programs[${i}].id`, `"${p.id}" is used twice`));
  const all = new Map(existing.map((p) => [p.id, p]));
  for (const p of programs) all.set(p.id, p);
  let lad: TierLadder | null | undefined;
  if (raw.tiers === null) lad = null;
  else if (raw.tiers !== undefined) lad = isObj(raw.tiers) ? ladder(r, raw.tiers, all) : (r.bad('tiers', 'must be an object or null'), undefined);
  if (r.problems.length) return { ok: false, problems: r.problems };
  return { ok: true, file: { programs, ...(lad !== undefined ? { ladder: lad } : {}) } };
}

/** The file form of programs and a ladder, so an owner can export, edit and set them again. */
export function writeProgramFile(programs: readonly LoyaltyProgram[], lad: TierLadder | null, cur: Currency): Record<string, unknown> {
  const money = (m: number): string => toDecimalString(m, cur);
  const pct = (ppm: number): number => ppm / 10_000;
  const tgt = (t?: Target): Record<string, string> => ({ ...(t?.sku !== undefined ? { sku: t.sku } : {}), ...(t?.category !== undefined ? { category: t.category } : {}) });
  const out: Record<string, unknown> = {
    programs: programs.map((p) => {
      const u = (n: number): string => formatUnits(n, p.decimals);
      return {
        id: p.id, name: p.name, active: p.active, ...(p.start ? { start: p.start } : {}), ...(p.end ? { end: p.end } : {}),
        decimals: p.decimals, step: u(p.step), ...(p.expiryDays ? { expiryDays: p.expiryDays } : {}),
        rules: p.rules.map((x) => ({
          id: x.id, ...tgt(x.target),
          // perAmount is kept exact: "points" units per "perAmount" money, written in whole minor units.
          ...(x.perAmount ? { points: u(x.perAmount.points), perAmount: money(x.perAmount.per) } : {}),
          ...(x.perUnit ? { pointsPerUnit: u(x.perUnit) } : {}), ...(x.perOrder ? { pointsPerOrder: u(x.perOrder) } : {}),
          ...(x.minQty ? { minQty: x.minQty } : {}), ...(x.minAmount ? { minAmount: money(x.minAmount) } : {}),
          ...(x.taxIncluded === false ? { taxIncluded: false } : {}), ...(x.cumulative ? { cumulative: true } : {}),
        })),
        rewards: p.rewards.map((w) => {
          const base = { id: w.id, name: w.name, type: w.kind, cost: u(w.cost), ...(w.minBalance ? { minBalance: u(w.minBalance) } : {}) };
          switch (w.kind) {
            case 'cashback': return { ...base, value: money(w.value.amount), perPoints: u(w.value.points), ...(w.maxSharePpm !== undefined ? { maxShare: pct(w.maxSharePpm) } : {}) };
            case 'fixed': return { ...base, amount: money(w.amount) };
            case 'percent': return { ...base, percent: pct(w.percentPpm), ...(w.max !== undefined ? { max: money(w.max) } : {}), ...tgt(w.target) };
            case 'free-product': return { ...base, sku: w.sku };
          }
        }),
      };
    }),
  };
  if (lad) {
    const prog = programs.find((p) => p.id === lad.programId);
    out.tiers = {
      basis: lad.basis, ...(lad.programId ? { programId: lad.programId } : {}), ...(lad.periodMonths ? { periodMonths: lad.periodMonths } : {}), demotion: lad.demotion,
      levels: lad.tiers.map((t) => ({
        id: t.id, name: t.name, threshold: lad.basis === 'spend' ? money(t.threshold) : formatUnits(t.threshold, prog?.decimals ?? 0),
        ...(t.discountPpm ? { discount: pct(t.discountPpm) } : {}), ...(t.earnMultiplierPpm !== undefined ? { earnMultiplier: t.earnMultiplierPpm / 1_000_000 } : {}),
      })),
    };
  }
  return out;
}
