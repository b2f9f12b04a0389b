/**
 * Claiming rewards before tender. A claim becomes an OrderDiscount (source "reward") or a zero-price
 * CartLine (kind "reward") carrying meta { rewardId, programId, points }. Points are reserved by the
 * cart, not spent: they leave the balance only when the sale commits (see sale-extension.ts), so
 * removing the discount or line, or voiding the sale, gives them back with nothing to undo.
 */
import { addLine, type Cart, type CartLine, type OrderDiscount, type PricedCart } from '../cart.js';
import type { Product } from '../catalog.js';
import { fail, ok, type Result } from '../errors.js';
import type { Minor } from '../money.js';
import { targetMatches } from './earn.js';
import type { CashbackReward, Customer, LoyaltyProgram, Reward, Units } from './types.js';

export interface RewardMeta {
  rewardId: string;
  programId: string;
  points: Units;
}

export interface RewardApplication extends RewardMeta {
  /** Exactly one of discount / line is set. */
  discount?: OrderDiscount;
  line?: Omit<CartLine, 'id'>;
  /** Money taken off (for a free product: its price). */
  value: Minor;
}

export interface RewardRequest {
  /** Cashback only: units to spend, or "max" for as many as possible. */
  points?: Units | 'max';
  /** Free product: the catalog product of reward.sku. */
  product?: Product;
}

const metaOf = (x: { meta?: Record<string, unknown> }): RewardMeta | null => {
  const m = x.meta;
  return m && typeof m.rewardId === 'string' && typeof m.programId === 'string' && typeof m.points === 'number'
    ? { rewardId: m.rewardId, programId: m.programId, points: m.points }
    : null;
};

/** Every reward claimed in the cart, with the id of its discount or line. */
export function rewardsInCart(cart: Cart): (RewardMeta & { discountId?: string; lineId?: string })[] {
  const out: (RewardMeta & { discountId?: string; lineId?: string })[] = [];
  for (const d of cart.discounts) if (d.source === 'reward') { const m = metaOf(d); if (m) out.push({ ...m, discountId: d.id }); }
  for (const l of cart.lines) if (l.kind === 'reward') { const m = metaOf(l); if (m) out.push({ ...m, lineId: l.id }); }
  return out;
}

/** Units of a program the cart's claims will spend at commit. */
export const pointsReserved = (cart: Cart, programId: string): Units =>
  rewardsInCart(cart).filter((r) => r.programId === programId).reduce((a, r) => a + r.points, 0);

/** What order discounts can still take off: amounts of discountable lines after earlier discounts. */
export function discountableAmount(priced: PricedCart, target?: { sku?: string; category?: string }): Minor {
  return priced.lines.filter((l) => !l.noDiscount && l.kind !== 'reward' && targetMatches(l, target)).reduce((a, l) => a + Math.max(0, l.amount), 0);
}

/** Most units a cashback claim may spend now, limited by the balance and by what the sale allows. */
export function maxCashbackPoints(reward: CashbackReward, priced: PricedCart, available: Units): Units {
  const g = Math.max(1, reward.cost);
  const base = discountableAmount(priced);
  let limit = base;
  if (reward.maxSharePpm !== undefined) {
    // The share is of the sale before this reward's own claims, so claiming twice does not compound.
    const already = priced.discounts.filter((d) => d.source === 'reward' && d.meta?.rewardId === reward.id).reduce((a, d) => a + d.amount, 0);
    const cap = Number((BigInt(base + already) * BigInt(reward.maxSharePpm)) / 1_000_000n) - already;
    limit = Math.max(0, Math.min(limit, cap));
  }
  // Largest p with floor(p * amount / points) <= limit.
  const { amount, points } = reward.value;
  const byMoney = Number(((BigInt(limit) + 1n) * BigInt(points) - 1n) / BigInt(amount));
  const p = Math.min(byMoney, Math.max(0, available));
  return Math.floor(p / g) * g;
}

export const cashbackValue = (r: CashbackReward, units: Units): Minor => Number((BigInt(units) * BigInt(r.value.amount)) / BigInt(r.value.points));

function nextDiscountId(cart: Cart): string {
  const used = new Set(cart.discounts.map((d) => d.id));
  let k = cart.discounts.length + 1;
  while (used.has(`RW${k}`)) k++;
  return `RW${k}`;
}

/**
 * Checks a claim and builds what to add to the cart. Refusals: LOYALTY_CARD_BLOCKED, PROGRAM_INACTIVE,
 * REWARD_UNKNOWN, REWARD_MIN_BALANCE, INSUFFICIENT_POINTS, POINTS_INVALID (zero or less), POINTS_STEP, POINTS_EXCEED_LIMIT,
 * POINTS_TOO_FEW, REWARD_NOT_APPLICABLE, REWARD_PRODUCT_MISSING.
 * `balance` is the program balance from the store; points already reserved by the cart are deducted here.
 */
export function applyReward(
  cart: Cart,
  priced: PricedCart,
  customer: Customer,
  program: LoyaltyProgram,
  balance: Units,
  rewardId: string,
  req: RewardRequest = {},
): Result<RewardApplication> {
  if (customer.blocked) return fail('LOYALTY_CARD_BLOCKED', 'This loyalty card is blocked.');
  if (!program.active) return fail('PROGRAM_INACTIVE', `The program “${program.name}” is not running.`, { program: program.name });
  const reward = program.rewards.find((r) => r.id === rewardId);
  if (!reward) return fail('REWARD_UNKNOWN', 'There is no such reward.', { reward: rewardId });
  const available = balance - pointsReserved(cart, program.id);
  if (available < (reward.minBalance ?? 0))
    return fail('REWARD_MIN_BALANCE', `This reward needs a balance of at least ${reward.minBalance} points.`, { min: reward.minBalance ?? 0, available });
  const base = { rewardId: reward.id, programId: program.id };
  const meta = (points: Units): Record<string, unknown> => ({ ...base, points });
  const discount = (points: Units, d: Omit<OrderDiscount, 'id' | 'label' | 'source' | 'meta'>): OrderDiscount => ({
    id: nextDiscountId(cart), label: reward.name, source: 'reward', ...d, meta: meta(points),
  });

  if (reward.kind === 'cashback') {
    const g = Math.max(1, reward.cost);
    const max = maxCashbackPoints(reward, priced, available);
    let points: Units;
    if (req.points === undefined || req.points === 'max') {
      if (available < g) return fail('INSUFFICIENT_POINTS', 'Not enough points.', { need: g, available });
      if (max === 0) return fail('REWARD_NOT_APPLICABLE', 'Points cannot pay any more of this sale.');
      points = max;
    } else {
      points = req.points;
      // Zero or less is no number of points at all, not a wrong step.
      if (!Number.isSafeInteger(points) || points <= 0) return fail('POINTS_INVALID', 'Enter a number of points greater than zero.', { step: g });
      if (points % g !== 0) return fail('POINTS_STEP', `Points are spent in steps of ${g}.`, { step: g });
      if (points > available) return fail('INSUFFICIENT_POINTS', 'Not enough points.', { need: points, available });
      if (points > max) return fail('POINTS_EXCEED_LIMIT', `At most ${max} points can be used on this sale.`, { max });
    }
    const value = cashbackValue(reward, points);
    if (value <= 0) return fail('POINTS_TOO_FEW', 'Too few points to take anything off.');
    return ok({ ...base, points, value, discount: discount(points, { kind: 'amount', value }) });
  }

  if (available < reward.cost) return fail('INSUFFICIENT_POINTS', 'Not enough points.', { need: reward.cost, available });
  const points = reward.cost;
  switch (reward.kind) {
    case 'fixed': {
      const room = discountableAmount(priced);
      if (room <= 0) return fail('REWARD_NOT_APPLICABLE', 'Nothing in the sale can take this discount.');
      return ok({ ...base, points, value: Math.min(room, reward.amount), discount: discount(points, { kind: 'amount', value: reward.amount }) });
    }
    case 'percent': {
      const room = discountableAmount(priced, reward.target);
      if (room <= 0) return fail('REWARD_NOT_APPLICABLE', 'Nothing in the sale can take this discount.');
      let value = Number((BigInt(room) * BigInt(reward.percentPpm) + 500_000n) / 1_000_000n);
      if (reward.max !== undefined) value = Math.min(value, reward.max);
      const d = discount(points, { kind: 'percent', value: reward.percentPpm, ...(reward.max !== undefined ? { max: reward.max } : {}), ...(reward.target ? { target: reward.target } : {}) });
      return ok({ ...base, points, value, discount: d });
    }
    case 'free-product': {
      const p = req.product;
      if (!p || p.sku !== reward.sku) return fail('REWARD_PRODUCT_MISSING', 'The free product of this reward is not in the catalog.', { sku: reward.sku });
      const line: Omit<CartLine, 'id'> = {
        kind: 'reward', sku: p.sku, name: p.name, unitPrice: p.price, qty: 1, taxClass: p.taxClass, category: p.category,
        noDiscount: true, lineDiscount: p.price, meta: meta(points),
      };
      return ok({ ...base, points, value: p.price, line });
    }
  }
}

/** Adds a claim to the cart (the discount after existing ones, the line at the bottom). */
export function addReward(cart: Cart, app: RewardApplication): Result<Cart> {
  if (app.discount) return ok({ ...cart, discounts: [...cart.discounts, app.discount] });
  if (app.line) return addLine(cart, app.line);
  return ok(cart);
}

/** Removes a claimed reward (by discount or line id): its points are no longer reserved. */
export function removeReward(cart: Cart, id: string): Result<Cart> {
  const d = cart.discounts.find((x) => x.id === id && x.source === 'reward');
  if (d) return ok({ ...cart, discounts: cart.discounts.filter((x) => x !== d) });
  const l = cart.lines.find((x) => x.id === id && x.kind === 'reward');
  if (l) return ok({ ...cart, lines: cart.lines.filter((x) => x !== l) });
  return fail('NO_SUCH_REWARD', 'That reward is not on the sale.');
}

/** Rewards the customer could claim now (for highlighting the rewards key): balance and minimum reached. */
export function affordableRewards(program: LoyaltyProgram, available: Units, customer: Customer): Reward[] {
  if (customer.blocked || !program.active) return [];
  return program.rewards.filter((r) => available >= Math.max(r.cost, r.minBalance ?? 0, 1));
}

/** A reward the attached customer can claim on this sale now, and what a claim now would do. */
export interface ClaimableReward {
  programId: string;
  rewardId: string;
  name: string;
  kind: Reward['kind'];
  /** Points a claim now reserves: the reward's cost; for cashback, the most it may spend now. */
  points: Units;
  /** Money a claim now takes off, in minor units (for cashback: with `points`). */
  value: Minor;
  /** Cashback only: points are spent in multiples of this. */
  step?: Units;
}

/**
 * The rewards of the running programs that a claim now would get onto the sale: the same check as
 * the claim itself (applyReward; a cashback claim asks for as many points as allowed), so "can claim
 * now" is never a guess. The UI's rewards screen and the headless state both read this.
 * `balances` are the customer's points per program as the store has them today.
 */
export function claimableRewards(
  cart: Cart,
  priced: PricedCart,
  customer: Customer,
  balances: Record<string, Units>,
  programs: readonly LoyaltyProgram[],
  product: (sku: string) => Product | undefined,
): ClaimableReward[] {
  const out: ClaimableReward[] = [];
  if (customer.blocked) return out;
  for (const p of programs) {
    if (!p.active) continue;
    for (const r of p.rewards) {
      const req: RewardRequest = r.kind === 'cashback' ? { points: 'max' } : r.kind === 'free-product' ? { product: product(r.sku) } : {};
      const app = applyReward(cart, priced, customer, p, balances[p.id] ?? 0, r.id, req);
      if (!app.ok) continue;
      const c: ClaimableReward = { programId: p.id, rewardId: r.id, name: r.name, kind: r.kind, points: app.value.points, value: app.value.value };
      if (r.kind === 'cashback') c.step = Math.max(1, r.cost);
      out.push(c);
    }
  }
  return out;
}
