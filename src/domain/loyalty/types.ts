/**
 * Loyalty data as it is journaled and projected. Conventions (see docs/loyalty.md):
 * - Points are integers counted in a program's point unit: 1 point = 10^decimals units. A program with
 *   decimals 0 counts whole points; decimals 2 counts hundredths. Never a float.
 * - Money is integer minor units of the store currency.
 * - Days are business dates "YYYY-MM-DD" in the shop's local time, months "YYYY-MM"; they compare as text.
 * - Rates are rationals of integers: `points` units per `per` minor units.
 */
import type { Minor } from '../money.js';
import type { PriceEntry } from '../price-list.js';

/** Points counted in a program's smallest unit (10^-decimals of a point). */
export type Units = number;

export interface Customer {
  id: string;
  name: string;
  /** As typed; search uses the normalized form. */
  phone: string;
  email?: string;
  /** Tier id, or null when the store has no tiers. */
  tier: string | null;
  /** EAN-13 card number with the store's loyalty prefix. */
  card: string;
  blocked: boolean;
  /** ISO time of creation. */
  created: string;
}

/** Restricts a rule or reward to a product (sku) or a category. */
export interface Target {
  sku?: string;
  category?: string;
}

export interface EarnRule {
  id: string;
  /** Absent: every eligible line (a base rule). */
  target?: Target;
  /** Points per money: `points` units for every `per` minor units of the matching lines. */
  perAmount?: { points: Units; per: Minor };
  /** Units per unit of quantity of the matching lines. */
  perUnit?: Units;
  /** Units once per order when the rule applies. */
  perOrder?: Units;
  /** The rule applies only when the matching lines hold at least this quantity... */
  minQty?: number;
  /** ...and at least this amount (after discounts). */
  minAmount?: Minor;
  /** Amounts (minimum and points per money) are measured tax included (default) or excluded. */
  taxIncluded?: boolean;
  /**
   * Targeted rules only. true: the rule's points add to the base points. false (default): for the lines
   * it matches, the rule's points replace the base rules' per-money and per-unit points (Odoo POS loyalty).
   */
  cumulative?: boolean;
  /**
   * A campaign rule: the points it gives are additional points (additional.ts), with the program's
   * `additionalExpiryDays`, spent before main points.
   */
  additional?: boolean;
}

export type RewardKind = 'cashback' | 'fixed' | 'percent' | 'free-product';

interface RewardBase {
  id: string;
  name: string;
  /** Units taken from the balance per claim; for cashback, the granularity of points spent. */
  cost: Units;
  /** Balance (units) the customer must hold to claim, separately from the cost. */
  minBalance?: Units;
}

/** Points become money: `value.amount` minor units for every `value.points` units spent. */
export interface CashbackReward extends RewardBase {
  kind: 'cashback';
  value: { amount: Minor; points: Units };
  /** Cap on the share of the sale points may pay, in ppm (50% = 500000). */
  maxSharePpm?: number;
}

export interface FixedReward extends RewardBase {
  kind: 'fixed';
  amount: Minor;
}

/** Percentage off the order, or off a product or category when `target` is set. */
export interface PercentReward extends RewardBase {
  kind: 'percent';
  percentPpm: number;
  max?: Minor;
  target?: Target;
}

export interface FreeProductReward extends RewardBase {
  kind: 'free-product';
  sku: string;
}

export type Reward = CashbackReward | FixedReward | PercentReward | FreeProductReward;

export interface LoyaltyProgram {
  id: string;
  name: string;
  active: boolean;
  /** Inclusive business dates; absent = open-ended. */
  start?: string;
  end?: string;
  /** 1 point = 10^decimals units (0..3). */
  decimals: number;
  /** Earned points are rounded down to a multiple of this many units (>= 1). */
  step: Units;
  /** Points expire this many days after they were earned; absent = never. */
  expiryDays?: number;
  /**
   * Additional (promotional) points expire this many days after they were credited; absent = as main
   * points (`expiryDays`). A bulk accrual may give its own (`till loyalty accrue --expires-days`).
   */
  additionalExpiryDays?: number;
  rules: EarnRule[];
  rewards: Reward[];
}

export interface Tier {
  id: string;
  name: string;
  /** Minor units of spend, or units of points of the ladder's program, per the ladder's basis. */
  threshold: number;
  /** Discount on every purchase, ppm of the discountable amount. */
  discountPpm?: number;
  /** Multiplies earned points before rounding, ppm (1.5x = 1500000). */
  earnMultiplierPpm?: number;
  /**
   * The grade's cashback ("Грейды-Проценты карт"): this share of the amount (ppm, 5% = 50000) comes
   * back as points of the ladder's program, worth that much at its cashback reward's value. For the
   * tier's customers it replaces the per-money points of the program's untargeted rules.
   */
  cashbackPpm?: number;
  /**
   * The tier's price list ("Danh sách giá đối với hạng khách"): special prices per product or per
   * category, a fixed price or a percentage off (price-list.ts). A priced line takes no `discountPpm`.
   */
  prices?: PriceEntry[];
}

export interface TierLadder {
  basis: 'spend' | 'points';
  /** Program whose earned points count (basis "points"). */
  programId?: string;
  /** Rolling window in calendar months (this month and the ones before); absent = lifetime. */
  periodMonths?: number;
  /** When true, `till loyalty tiers review` moves customers down to the tier they qualify for. */
  demotion: boolean;
  /** Ascending thresholds; the first is the default tier (threshold 0). */
  tiers: Tier[];
}

/** Points left in an earning, for expiry: [day earned, units remaining, day it expires]. */
export type Lot = [string, Units, string];

/** One entry of a customer's points history: [journal seq, movement kind, program, delta, day, reference]. */
export type HistoryEntry = [number, string, string, Units, string, string];

/**
 * Spend and earned points per calendar month as one string (see months.ts), months oldest first and
 * separated by ";": "202503,75000,cb,7;202504,50000" is March with 75000 spent and 7 units earned in
 * program "cb", then April with 50000 spent. A string because 100k accounts carry up to 24 months each:
 * arrays of tuples and objects cost ~110 bytes a month, this ~20.
 */
export type MonthRuns = string;

/**
 * A customer as the projection keeps it: the customer plus folds of their history. Kept small (100k
 * of them live in a register's memory): the movements themselves stay in the journal, the account
 * only remembers where (`seqs`).
 */
export interface LoyaltyAccount extends Customer {
  /** Balance per program, units. */
  points: Record<string, Units>;
  /** FIFO lots per program, only for programs with expiry; absent when there are none. Main points only. */
  lots?: Record<string, Lot[]>;
  /**
   * The additional (promotional) part of `points` per program (additional.ts): main = points - extra.
   * Absent when the customer never had additional points.
   */
  extra?: Record<string, Units>;
  /** FIFO lots of the additional points, with their own expiry. */
  extraLots?: Record<string, Lot[]>;
  /** Lifetime spend (see SaleLoyalty.spend). */
  spend: Minor;
  /** Lifetime earned per program, units. */
  earned: Record<string, Units>;
  /** Spend and earned points of the last 24 calendar months with activity, oldest first. */
  months: MonthRuns;
  purchases: number;
  lastPurchase?: string;
  /**
   * Journal sequence numbers of every event about this customer (points movements, sales, refunds,
   * created, edited, blocked, unblocked, regraded), oldest first, in base 36 separated by commas (""
   * when none): about 5 bytes an event, a third of an array of numbers. The events themselves are read
   * back from the journal (src/store/loyalty-history.ts); this is the index that finds them.
   */
  seqs: string;
  /** Bulk accrual batches recently credited (idempotency of a resumed batch). */
  batches?: string[];
}

/** What `sale.extensions.loyalty` holds on a committed sale. */
export interface SaleLoyalty {
  v: 1;
  customerId: string;
  cardNumber: string;
  /** Business date of the sale. */
  day: string;
  /** Amount counted toward lifetime spend: tax-included amounts of product lines after discounts. */
  spend: Minor;
  tierBefore: string | null;
  tierAfter: string | null;
  promoted: boolean;
  /** Tier discount applied to the sale (minor units), 0 if none. */
  tierDiscount: Minor;
  /**
   * The tier's price list, when it priced any line: the tier, how many lines it priced and what it
   * took off their catalog prices (each line carries its own `listPrice` and `priceFrom`).
   */
  priceList?: { tierId: string; name: string; lines: number; saved: Minor };
  programs: SaleLoyaltyProgram[];
}

export interface SaleLoyaltyProgram {
  programId: string;
  name: string;
  earned: Units;
  spent: Units;
  /** For the receipt; the projection folds earned/spent, not these. */
  balanceBefore: Units;
  balanceAfter: Units;
  /** Units that will expire within 30 days of the sale (after this sale's spending). */
  expiringSoon: Units;
  /**
   * Additional points (additional.ts), present only when the customer has or moves any: of `earned`
   * and `spent` the additional part (spent before main points), the additional balance after the
   * sale and the first day some of it expires.
   */
  additional?: { earned: Units; spent: Units; balanceAfter: Units; expiresOn?: string };
  rewards: { rewardId: string; name: string; points: Units; discount: Minor; lineId?: string }[];
}
