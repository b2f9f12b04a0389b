/**
 * Points a sale earns, per program. Pure: (priced cart, customer, programs, tiers, date, amount paid with
 * gift cards or points). Rules follow Odoo's POS loyalty:
 * - Untargeted rules are the program's base: points per money, per unit, per order over the eligible lines.
 * - A targeted rule (sku or category) with `cumulative` adds its points to the base. Without it, the
 *   first such rule that applies to a line takes that line over: the base per-money and per-unit points
 *   are not earned for the line, the rule's are. Per-order points are never replaced.
 * - A rule applies when its matching lines reach `minQty` and `minAmount` (tax included unless the rule
 *   says otherwise), measured after discounts.
 * Eligible lines are product lines: not gift cards (`noDiscount`), not reward lines. Money-based points
 * use the line amounts after discounts, scaled by the share of the sale not paid with gift cards or
 * points. The sum over a program's rules is exact (rationals), multiplied by the tier's earn
 * multiplier, then rounded down once to the program's step.
 */
import type { PricedCart, PricedLine } from '../cart.js';
import type { Minor } from '../money.js';
import { fail, ok, type Result } from '../errors.js';
import type { Customer, EarnRule, LoyaltyProgram, Target, Tier, TierLadder, Units } from './types.js';
import { addR, floorToStep, mulR, ratio, ZERO, type Ratio } from './units.js';

export interface RuleEarn {
  /** The rule's id; `tier:<id>` for a grade's cashback percentage. */
  ruleId: string;
  /** Exact points (units) before the multiplier and rounding. */
  points: Ratio;
  /** A campaign rule's points are additional (additional.ts). */
  additional?: boolean;
}

export interface ProgramEarn {
  programId: string;
  name: string;
  /** Units credited at commit: rounded down to the step, after the tier multiplier. */
  points: Units;
  /** Of `points`, the additional ones (campaign rules), rounded down on their own. */
  additional: Units;
  rules: RuleEarn[];
}

/** Programs running on a business date. */
export function activePrograms(programs: readonly LoyaltyProgram[], day: string): LoyaltyProgram[] {
  return programs.filter((p) => p.active && (!p.start || p.start <= day) && (!p.end || day <= p.end));
}

export function tierOf(customer: Pick<Customer, 'tier'>, ladder: TierLadder | null): Tier | null {
  return ladder?.tiers.find((t) => t.id === customer.tier) ?? null;
}

export const isEligible = (l: PricedLine): boolean => l.kind === 'product' && !l.noDiscount;

export function targetMatches(l: Pick<PricedLine, 'sku' | 'category'>, t: Target | undefined): boolean {
  if (!t) return true;
  if (t.sku !== undefined && l.sku !== t.sku) return false;
  if (t.category !== undefined && l.category !== t.category) return false;
  return true;
}

/** The cart's tax mode shows in its totals: exclusive prices add tax on top of the line amounts. */
function isExclusive(priced: PricedCart): boolean {
  return priced.tax !== 0 && priced.total === priced.lines.reduce((a, l) => a + l.amount, 0) + priced.tax;
}

/** Line amount after discounts, tax included or excluded. */
export function lineAmount(l: PricedLine, taxIncluded: boolean, exclusive: boolean): Minor {
  if (exclusive) return taxIncluded ? l.amount + l.tax : l.amount;
  return taxIncluded ? l.amount : l.amount - l.tax;
}

function applies(rule: EarnRule, lines: PricedLine[], exclusive: boolean): boolean {
  if (lines.length === 0) return false;
  const qty = lines.reduce((a, l) => a + l.qty, 0);
  const amount = lines.reduce((a, l) => a + lineAmount(l, rule.taxIncluded !== false, exclusive), 0);
  return qty >= (rule.minQty ?? 0) && amount >= (rule.minAmount ?? 0);
}

function rulePoints(rule: EarnRule, lines: PricedLine[], exclusive: boolean, paidShare: Ratio): Ratio {
  let r = ZERO;
  if (rule.perAmount && lines.length) {
    const amount = lines.reduce((a, l) => a + Math.max(0, lineAmount(l, rule.taxIncluded !== false, exclusive)), 0);
    r = addR(r, mulR(ratio(BigInt(amount) * BigInt(rule.perAmount.points), rule.perAmount.per), paidShare));
  }
  if (rule.perUnit && lines.length) r = addR(r, ratio(lines.reduce((a, l) => a + l.qty, 0) * rule.perUnit));
  if (rule.perOrder) r = addR(r, ratio(rule.perOrder));
  return r;
}

/**
 * What a point of the program is worth (its first cashback reward: `amount` minor units per `points`
 * units), or null when it has none: a grade's cashback percentage needs it to turn money into points.
 */
export function pointValue(program: LoyaltyProgram): { amount: Minor; points: Units } | null {
  const r = program.rewards.find((x) => x.kind === 'cashback');
  return r && r.kind === 'cashback' && r.value.amount > 0 && r.value.points > 0 ? r.value : null;
}

/**
 * Points one program earns on a sale, for a customer in a tier. With `tierCashback` (this program is
 * the ladder's) a tier with `cashbackPpm` gives that share of the base lines' amount back as points at
 * the program's point value, in place of the per-money points of its untargeted rules (their
 * per-unit and per-order points stay; targeted rules are untouched). The tier's earn multiplier
 * applies to the rules' points, not to the cashback percentage, which is the grade's rate already.
 */
export function programEarn(priced: PricedCart, program: LoyaltyProgram, tier: Tier | null, excludedPaid: Minor, tierCashback = false): ProgramEarn {
  const exclusive = isExclusive(priced);
  const eligible = priced.lines.filter(isEligible);
  const total = Math.max(0, priced.total);
  const paidShare = total === 0 ? ZERO : ratio(total - Math.min(total, Math.max(0, excludedPaid)), total);
  const targeted = program.rules.filter((r) => r.target);
  const applying = new Set(program.rules.filter((r) => applies(r, eligible.filter((l) => targetMatches(l, r.target)), exclusive)));
  // Which non-cumulative targeted rule owns each line (first applying one in program order).
  const owner = new Map<PricedLine, EarnRule>();
  for (const l of eligible) {
    const r = targeted.find((t) => !t.cumulative && applying.has(t) && targetMatches(l, t.target));
    if (r) owner.set(l, r);
  }
  const value = pointValue(program);
  const grade = tierCashback && tier?.cashbackPpm !== undefined && value ? tier.cashbackPpm : undefined;
  const rules: RuleEarn[] = [];
  for (const rule of program.rules) {
    if (!applying.has(rule)) continue;
    const matching = eligible.filter((l) => targetMatches(l, rule.target));
    const counted = !rule.target ? matching.filter((l) => !owner.has(l)) : rule.cumulative ? matching : matching.filter((l) => owner.get(l) === rule);
    const r = grade !== undefined && !rule.target && rule.perAmount ? { ...rule, perAmount: undefined } : rule;
    rules.push({ ruleId: rule.id, points: rulePoints(r, counted, exclusive, paidShare), ...(rule.additional ? { additional: true } : {}) });
  }
  const mult = (x: Ratio): Ratio => (tier?.earnMultiplierPpm !== undefined ? mulR(x, ratio(tier.earnMultiplierPpm, 1_000_000)) : x);
  let raw = mult(rules.reduce((a, r) => addR(a, r.points), ZERO));
  const addRaw = mult(rules.filter((r) => r.additional).reduce((a, r) => addR(a, r.points), ZERO));
  if (grade !== undefined && value) {
    // cashbackPpm of the base lines' money (tax included, after discounts), at value.points units per value.amount.
    const base = eligible.filter((l) => !owner.has(l)).reduce((a, l) => a + Math.max(0, lineAmount(l, true, exclusive)), 0);
    const points = mulR(ratio(BigInt(base) * BigInt(grade) * BigInt(value.points), BigInt(1_000_000) * BigInt(value.amount)), paidShare);
    rules.push({ ruleId: `tier:${tier!.id}`, points });
    raw = addR(raw, points);
  }
  const earned = floorToStep(raw, program.step);
  return { programId: program.id, name: program.name, points: earned, additional: Math.min(earned, floorToStep(addRaw, program.step)), rules };
}

/**
 * Points the sale earns in every program running on `day`. A blocked card earns nothing: refused with
 * LOYALTY_CARD_BLOCKED so the caller can tell the cashier.
 */
export function computeEarn(
  priced: PricedCart,
  customer: Customer,
  programs: readonly LoyaltyProgram[],
  ladder: TierLadder | null,
  day: string,
  paidWithGiftCardOrPoints: Minor,
): Result<ProgramEarn[]> {
  if (customer.blocked) return fail('LOYALTY_CARD_BLOCKED', 'This loyalty card is blocked.');
  const tier = tierOf(customer, ladder);
  return ok(activePrograms(programs, day).map((p) => programEarn(priced, p, tier, paidWithGiftCardOrPoints, ladder?.programId === p.id)));
}
