/**
 * The program file a shop owner edits (`till loyalty program set FILE.json`): points and money written
 * as people write them ("0.01", "1.00", 10), turned into the integer units the store keeps.
 *
 * Strict: every object has a known set of keys (program-file-keys.ts) and anything else is refused
 * with the closest known key, a rule or reward names one target (a "sku" or a "category"), and every
 * value is checked once. Every problem names its place ("programs[0].rules[1].points") and, when the
 * text was read here, its line and column. A file with any problem yields no program at all.
 */
import type { Currency } from '../money.js';
import { readJson, type JsonDoc } from '../json-positions.js';
import type { EarnRule, LoyaltyProgram, Reward, Tier, TierLadder } from './types.js';
import { mulR, parseDecimal, ratio, reducePair } from './units.js';
import { FILE_KEYS, LADDER_KEYS, PROGRAM_KEYS, REWARD_KEYS, REWARD_TYPES, RULE_KEYS, TIER_KEYS } from './program-file-keys.js';
import { got, isObj, OBJ, present, problemText, Reader, type FileProblem, type Obj } from './program-file-fields.js';
import { readTierPrices, type CatalogCheck } from './program-file-prices.js';

export type { FileProblem, ProblemCode, ProblemReason } from './program-file-fields.js';
export { problemText } from './program-file-fields.js';
export type { CatalogCheck } from './program-file-prices.js';
export { writeProgramFile } from './program-file-write.js';

export interface ProgramFile {
  programs: LoyaltyProgram[];
  /** undefined: the file leaves tiers alone; null: remove the ladder. */
  ladder?: TierLadder | null;
}

export type ProgramFileRead = { ok: true; file: ProgramFile } | { ok: false; problems: FileProblem[] };

function rule(r: Reader, o: Obj, at: string, decimals: number): EarnRule {
  const before = r.problems.length;
  r.keys(o, at, RULE_KEYS, 'rule');
  const out: EarnRule = { id: r.id(o, 'id', at) };
  const target = r.target(o, at, 'rule');
  if (target) out.target = target;
  if (present(o, 'points') || present(o, 'perAmount')) {
    const pts = parseDecimal(o.points);
    // Points are given "per" this amount: zero would divide by zero, so it must be above 0.
    const per = r.money(o, 'perAmount', at, { required: true, positive: true });
    if (!present(o, 'points')) r.bad(`${at}.points`, 'RULE_POINTS_NEEDED');
    else if (!pts || pts.n === 0n) r.bad(`${at}.points`, 'RULE_POINTS_BAD', { got: got(o.points) });
    else if (per !== undefined) {
      // points/per in units per minor unit, reduced: 0.01 points per 1.00 at 0 decimals -> 1 per 10000.
      const q = mulR(pts, ratio(10n ** BigInt(decimals), per));
      const pair = reducePair(q.n, q.d);
      if (!pair) r.bad(`${at}.points`, 'RULE_TOO_FINE');
      else out.perAmount = pair;
    }
  }
  const perUnit = r.units(o, 'pointsPerUnit', at, decimals, { positive: true });
  if (perUnit !== undefined) out.perUnit = perUnit;
  const perOrder = r.units(o, 'pointsPerOrder', at, decimals, { positive: true });
  if (perOrder !== undefined) out.perOrder = perOrder;
  if (!out.perAmount && out.perUnit === undefined && out.perOrder === undefined && r.problems.length === before)
    r.bad(at, 'RULE_NO_POINTS');
  const minQty = r.int(o, 'minQty', at, 0, 1_000_000);
  if (minQty) out.minQty = minQty;
  const minAmount = r.money(o, 'minAmount', at);
  if (minAmount) out.minAmount = minAmount;
  if (r.bool(o, 'taxIncluded', at) === false) out.taxIncluded = false;
  if (r.bool(o, 'cumulative', at) === true) {
    if (!target && !present(o, 'sku') && !present(o, 'category')) r.bad(`${at}.cumulative`, 'CUMULATIVE_UNTARGETED');
    out.cumulative = true;
  }
  if (r.bool(o, 'additional', at) === true) out.additional = true;
  return out;
}

function reward(r: Reader, o: Obj, at: string, decimals: number, ids: Set<string>): Reward | undefined {
  const type = o.type;
  if (typeof type !== 'string' || !Object.hasOwn(REWARD_KEYS, type)) {
    r.bad(`${at}.type`, 'REWARD_TYPE_BAD', { types: REWARD_TYPES.map((t) => `"${t}"`).join(', '), got: got(type) });
    r.keys(o, at, [...new Set(Object.values(REWARD_KEYS).flat())], 'reward');
    return undefined;
  }
  r.keys(o, at, REWARD_KEYS[type], { rewardOf: type });
  const id = r.id(o, 'id', at);
  if (ids.has(id)) r.bad(`${at}.id`, 'ID_TWICE', { id }, 'PROGRAM_DUPLICATE_ID');
  ids.add(id);
  const name = r.text(o, 'name', at);
  const minBalance = r.units(o, 'minBalance', at, decimals);
  const extra = minBalance ? { minBalance } : {};
  const cost = (required: boolean): number => r.units(o, 'cost', at, decimals, { required, positive: true }) ?? 1;
  switch (type) {
    case 'cashback': {
      const value = r.money(o, 'value', at, { required: true, positive: true });
      const per = r.units(o, 'perPoints', at, decimals, { positive: true }) ?? 10 ** decimals;
      const maxSharePpm = r.scaled(o, 'maxShare', at, 4, 1_000_000, { percent: true });
      return { id, name, kind: 'cashback', cost: cost(false), value: { amount: value ?? 1, points: per }, ...(maxSharePpm !== undefined ? { maxSharePpm } : {}), ...extra };
    }
    case 'fixed': {
      const amount = r.money(o, 'amount', at, { required: true, positive: true });
      return { id, name, kind: 'fixed', cost: cost(true), amount: amount ?? 0, ...extra };
    }
    case 'percent': {
      const percentPpm = r.scaled(o, 'percent', at, 4, 1_000_000, { required: true, positive: true, percent: true });
      const max = r.money(o, 'max', at);
      const target = r.target(o, at, 'reward');
      return { id, name, kind: 'percent', cost: cost(true), percentPpm: percentPpm ?? 0, ...(max !== undefined ? { max } : {}), ...(target ? { target } : {}), ...extra };
    }
    default: {
      const sku = r.target({ sku: o.sku }, at, 'reward')?.sku ?? (present(o, 'sku') ? '' : (r.bad(`${at}.sku`, 'FREE_SKU_REQUIRED'), ''));
      return { id, name, kind: 'free-product', cost: cost(true), sku, ...extra };
    }
  }
}

/** Reads a list member by member; a member that is not an object is one problem. */
function each(r: Reader, list: unknown, at: string, read: (o: Obj, at: string) => void): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) return void r.bad(at, 'LIST_BAD', { got: got(list) });
  list.forEach((x, i) => (isObj(x) ? read(x, `${at}[${i}]`) : r.bad(`${at}[${i}]`, 'OBJECT_BAD', { obj: OBJ, got: got(x) })));
}

function program(r: Reader, o: Obj, at: string): LoyaltyProgram {
  r.keys(o, at, PROGRAM_KEYS, 'program');
  const decimals = r.int(o, 'decimals', at, 0, 3) ?? 0;
  const p: LoyaltyProgram = {
    id: r.id(o, 'id', at),
    name: r.text(o, 'name', at),
    active: r.bool(o, 'active', at) !== false,
    decimals,
    step: r.units(o, 'step', at, decimals, { positive: true }) ?? 1,
    rules: [],
    rewards: [],
  };
  const start = r.day(o, 'start', at);
  const end = r.day(o, 'end', at);
  if (start) p.start = start;
  if (end) p.end = end;
  if (start && end && end < start) r.bad(`${at}.end`, 'END_BEFORE_START');
  const expiryDays = r.int(o, 'expiryDays', at, 1, 36_500);
  if (expiryDays) p.expiryDays = expiryDays;
  const additionalExpiryDays = r.int(o, 'additionalExpiryDays', at, 1, 36_500);
  if (additionalExpiryDays) p.additionalExpiryDays = additionalExpiryDays;
  each(r, o.rules, `${at}.rules`, (x, xat) => p.rules.push(rule(r, x, xat, decimals)));
  const ruleIds = p.rules.map((x) => x.id);
  ruleIds.forEach((x, i) => ruleIds.indexOf(x) !== i && r.bad(`${at}.rules[${i}].id`, 'ID_TWICE', { id: x }, 'PROGRAM_DUPLICATE_ID'));
  const ids = new Set<string>();
  each(r, o.rewards, `${at}.rewards`, (x, xat) => {
    const rw = reward(r, x, xat, decimals, ids);
    if (rw) p.rewards.push(rw);
  });
  return p;
}

function ladder(r: Reader, o: Obj, programs: Map<string, LoyaltyProgram>, catalog?: CatalogCheck): TierLadder {
  const at = 'tiers';
  r.keys(o, at, LADDER_KEYS, 'tiers');
  const basis = o.basis === 'points' ? 'points' : o.basis === 'spend' || !present(o, 'basis') ? 'spend' : (r.bad(`${at}.basis`, 'BASIS_BAD', { got: got(o.basis) }), 'spend');
  const programId = present(o, 'programId') ? r.id(o, 'programId', at) || undefined : undefined;
  const prog = programId ? programs.get(programId) : undefined;
  if (basis === 'points' && !prog) r.bad(`${at}.programId`, 'LADDER_PROGRAM');
  const periodMonths = r.int(o, 'periodMonths', at, 1, 24);
  const demotion = r.bool(o, 'demotion', at) === true;
  const tiers: Tier[] = [];
  if (!Array.isArray(o.levels) || o.levels.length === 0) r.bad(`${at}.levels`, 'LEVELS_BAD', { got: got(o.levels) });
  else each(r, o.levels, `${at}.levels`, (x, lat) => {
    r.keys(x, lat, TIER_KEYS, 'tier');
    const threshold = basis === 'spend' ? r.money(x, 'threshold', lat, { required: true }) : r.units(x, 'threshold', lat, prog?.decimals ?? 0, { required: true });
    const t: Tier = { id: r.id(x, 'id', lat), name: r.text(x, 'name', lat), threshold: threshold ?? 0 };
    const discountPpm = r.scaled(x, 'discount', lat, 4, 1_000_000, { percent: true });
    if (discountPpm) t.discountPpm = discountPpm;
    const mult = r.scaled(x, 'earnMultiplier', lat, 6, 100_000_000);
    if (mult !== undefined) t.earnMultiplierPpm = mult;
    // A grade's cashback percentage gives points of the ladder's program at what its points are worth.
    const cashbackPpm = r.scaled(x, 'cashback', lat, 4, 1_000_000, { percent: true });
    if (cashbackPpm !== undefined) {
      t.cashbackPpm = cashbackPpm;
      if (!programId) r.bad(`${lat}.cashback`, 'CASHBACK_NO_PROGRAM');
      else if (prog && !prog.rewards.some((w) => w.kind === 'cashback')) r.bad(`${lat}.cashback`, 'CASHBACK_NO_VALUE', { program: programId });
    }
    const prices = readTierPrices(r, x.prices, `${lat}.prices`, catalog);
    if (prices.length) t.prices = prices;
    const prev = tiers[tiers.length - 1];
    if (!prev && t.threshold !== 0) r.bad(`${lat}.threshold`, 'FIRST_THRESHOLD');
    if (prev && t.threshold <= prev.threshold) r.bad(`${lat}.threshold`, 'THRESHOLD_ORDER');
    if (tiers.some((y) => y.id === t.id)) r.bad(`${lat}.id`, 'ID_TWICE', { id: t.id }, 'PROGRAM_DUPLICATE_ID');
    tiers.push(t);
  });
  return { basis, ...(programId ? { programId } : {}), ...(periodMonths ? { periodMonths } : {}), demotion, tiers };
}

/**
 * Reads a parsed program file. `existing` programs can be referenced by the tier ladder. With `doc`
 * (from readJson of the same value) every problem carries its line and column. With `catalog`, the
 * products and categories of the tiers' price lists must be in it.
 */
export function readProgramFile(raw: unknown, cur: Currency, existing: readonly LoyaltyProgram[] = [], doc?: JsonDoc, catalog?: CatalogCheck): ProgramFileRead {
  const r = new Reader(cur);
  if (!isObj(raw)) {
    const problem = { reason: 'FILE_NOT_OBJECT', params: { obj: OBJ } } as const;
    return { ok: false, problems: [{ key: '(file)', code: 'PROGRAM_BAD_VALUE', ...problem, message: problemText(problem), ...(doc ? { line: 1, column: 1 } : {}) }] };
  }
  r.keys(raw, '', FILE_KEYS, 'file');
  const programs: LoyaltyProgram[] = [];
  each(r, raw.programs, 'programs', (x, at) => programs.push(program(r, x, at)));
  programs.forEach((p, i) => programs.findIndex((q) => q.id === p.id) !== i && r.bad(`programs[${i}].id`, 'ID_TWICE', { id: p.id }, 'PROGRAM_DUPLICATE_ID'));
  const all = new Map(existing.map((p) => [p.id, p]));
  for (const p of programs) all.set(p.id, p);
  let lad: TierLadder | null | undefined;
  if (raw.tiers === null) lad = null;
  else if (raw.tiers !== undefined) lad = isObj(raw.tiers) ? ladder(r, raw.tiers, all, catalog) : (r.bad('tiers', 'TIERS_NOT_OBJECT', { obj: OBJ, got: got(raw.tiers) }), undefined);
  if (r.problems.length) return { ok: false, problems: doc ? r.problems.map((p, i) => ({ ...p, ...doc.locate(p.key, r.anchors[i]) })) : r.problems };
  return { ok: true, file: { programs, ...(lad !== undefined ? { ladder: lad } : {}) } };
}

/** Reads the text of a program file: JSON with places, then the program, every problem with its line. */
export function readProgramText(text: string, cur: Currency, existing: readonly LoyaltyProgram[] = [], catalog?: CatalogCheck): ProgramFileRead {
  const j = readJson(text);
  if (!j.ok) {
    const problem = { reason: 'FILE_SYNTAX', params: { detail: j.problem } } as const;
    return { ok: false, problems: [{ key: '(file)', code: 'PROGRAM_FILE_SYNTAX', ...problem, message: problemText(problem), ...j.pos }] };
  }
  return readProgramFile(j.doc.value, cur, existing, j.doc, catalog);
}
