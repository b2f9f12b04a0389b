/**
 * The keys a program file may hold, per level. A key not listed is refused, never ignored: an ignored
 * "cumulativ" would quietly make a bonus rule replace the base points, an ignored "minBalanse" would
 * let a reward be claimed with no minimum. `writeProgramFile` writes only these keys.
 */
export const FILE_KEYS = ['programs', 'tiers'] as const;

export const PROGRAM_KEYS = ['id', 'name', 'active', 'start', 'end', 'decimals', 'step', 'expiryDays', 'additionalExpiryDays', 'rules', 'rewards'] as const;

export const RULE_KEYS = [
  'id', 'sku', 'category', 'points', 'perAmount', 'pointsPerUnit', 'pointsPerOrder', 'minQty', 'minAmount', 'taxIncluded', 'cumulative', 'additional',
] as const;

const REWARD_BASE = ['id', 'name', 'type', 'cost', 'minBalance'] as const;

/** Keys of a reward by its "type". */
export const REWARD_KEYS: Record<string, readonly string[]> = {
  cashback: [...REWARD_BASE, 'value', 'perPoints', 'maxShare'],
  fixed: [...REWARD_BASE, 'amount'],
  percent: [...REWARD_BASE, 'percent', 'max', 'sku', 'category'],
  'free-product': [...REWARD_BASE, 'sku'],
};

export const REWARD_TYPES = Object.keys(REWARD_KEYS);

export const LADDER_KEYS = ['basis', 'programId', 'periodMonths', 'demotion', 'levels'] as const;

export const TIER_KEYS = ['id', 'name', 'threshold', 'discount', 'earnMultiplier', 'cashback', 'prices'] as const;

export { TIER_PRICE_KEYS } from './program-file-prices.js';
