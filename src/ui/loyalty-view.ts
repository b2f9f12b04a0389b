/**
 * Pure selectors for loyalty on screen: the attached customer's panel, the rewards list, discount
 * lines, search results. Balances, earnings and discounts come from the machine's context (its
 * loyalty preview and priced cart) and from src/domain/loyalty; nothing here computes money.
 */
import type { PricedCart } from '../domain/cart.js';
import { localDate } from '../domain/giftcard/dates.js';
import { maskCard } from '../domain/loyalty/card.js';
import { expiringWithin, extraOf } from '../domain/loyalty/expiry.js';
import { pointsReserved, rewardsInCart } from '../domain/loyalty/rewards.js';
import { claimableNow } from '../../machines/checkout.loyalty.js';
import { qualifiedTier, tierMetric, tierProgress } from '../domain/loyalty/tiers.js';
import type { LoyaltyAccount, LoyaltyProgram, Reward, TierLadder } from '../domain/loyalty/types.js';
import { formatUnits } from '../domain/loyalty/units.js';
import type { RewardKeyRow } from './input/overlay-keys.js';
import type { CheckoutSnapshot, Fmt } from './selectors.js';

type Ctx = CheckoutSnapshot['context'];

const programsOf = (ctx: Ctx): LoyaltyProgram[] => ctx.deps.loyalty?.programs() ?? [];
const ladderOf = (ctx: Ctx): TierLadder | null => ctx.deps.loyalty?.ladder() ?? null;
const dayOf = (ctx: Ctx): string => localDate(ctx.deps.now?.() ?? new Date());

export const tierName = (ladder: TierLadder | null, id: string | null): string => (id === null ? '' : ladder?.tiers.find((t) => t.id === id)?.name ?? id);

/** "120 pts" in the program's point unit. */
export const pointsText = (units: number, decimals: number, fmt: Fmt): string =>
  fmt.t('ui.points', { points: formatUnits(units, decimals) });

/** "Coffee Club 120 pts (57 on this sale)": the balances the rewards list starts from. */
export function rewardBalances(ctx: Ctx, fmt: Fmt): string {
  const c = ctx.customer;
  if (!c) return '';
  return programsOf(ctx)
    .filter((p) => p.active)
    .map((p) => {
      const held = pointsReserved(ctx.cart, p.id);
      const text = `${fmt.text(p.name)} ${pointsText(c.points[p.id] ?? 0, p.decimals, fmt)}`;
      return held ? fmt.t('ui.paren', { text, inner: fmt.t('ui.rewards.held', { points: pointsText(held, p.decimals, fmt) }) }) : text;
    })
    .join('  ');
}

export interface CustomerPanel {
  name: string;
  card: string;
  tier: string;
  blocked: boolean;
  /** "Coffee Club 120 pts" per program. */
  balances: string;
  /** What this sale earns and spends, progress to the next tier, points expiring soon. */
  detail: string;
  /** The parts of `detail` in order of importance: a narrow panel keeps whole parts, never half of one. */
  details: string[];
  /** 0..1 of the way to the next tier (null at the top or without tiers). */
  progress: number | null;
}

export function customerPanel(ctx: Ctx, fmt: Fmt): CustomerPanel | null {
  const c = ctx.customer;
  if (!c) return null;
  const programs = programsOf(ctx).filter((p) => p.active || (c.points[p.id] ?? 0) !== 0);
  const ladder = ladderOf(ctx);
  const day = dayOf(ctx);
  const preview = ctx.loyalty;
  const many = programs.length > 1;
  // Additional (promotional) points shown apart: "Coffee Club 150 pts (30 additional)".
  const balances = programs
    .map((p) => {
      const extra = extraOf(c, p.id);
      const text = `${fmt.text(p.name)} ${pointsText(c.points[p.id] ?? 0, p.decimals, fmt)}`;
      return extra ? fmt.t('ui.paren', { text, inner: fmt.t('ui.customer.additional', { points: formatUnits(extra, p.decimals) }) }) : text;
    })
    .join('  ');
  const detail: string[] = [];
  const sale: string[] = [];
  for (const p of programs) {
    const pp = preview?.programs.find((x) => x.programId === p.id);
    const who = many ? ` ${fmt.text(p.name)}` : '';
    // Before payment the figure is a ceiling, not a promise: a gift-card or points payment earns
    // none, so it can only go down (the payment and paid screens show it with the payments).
    const earned = pointsText(pp?.earned ?? 0, p.decimals, fmt);
    if (pp?.earned) sale.push(`${ctx.tenders.length ? `+${earned}` : fmt.t('ui.customer.earnUpTo', { points: earned })}${who}`);
    if (pp?.spent) sale.push(`-${pointsText(pp.spent, p.decimals, fmt)}${who}`);
  }
  if (sale.length) detail.push(fmt.t('ui.customer.thisSale', { points: sale.join(fmt.t('ui.sep.list')) }));
  let progress: number | null = null;
  const tp = ladder ? tierProgress(c, ladder, day) : null;
  if (preview?.promoted && preview.tierAfter) detail.push(fmt.t('ui.customer.promoted', { tier: fmt.text(tierName(ladder, preview.tierAfter)) }));
  else if (ladder && tp?.next) {
    // What the receipt will say: the distance left once this sale is paid.
    const earned: Record<string, number> = {};
    for (const pp of preview?.programs ?? []) earned[pp.programId] = pp.earned;
    const metric = preview ? tierMetric(c, ladder, day, { spend: preview.spend, earned }) : tp.metric;
    const remaining = Math.max(0, tp.next.threshold - metric);
    const unit = ladder.basis === 'spend' ? fmt.money(remaining) : pointsText(remaining, programs.find((p) => p.id === ladder.programId)?.decimals ?? 0, fmt);
    detail.push(fmt.t('ui.customer.toNext', { amount: unit, tier: fmt.text(tp.next.name) }));
    const from = qualifiedTier(ladder, 0)?.threshold ?? 0;
    progress = Math.max(0, Math.min(1, (metric - from) / Math.max(1, tp.next.threshold - from)));
  }
  for (const p of programs) {
    const pp = preview?.programs.find((x) => x.programId === p.id);
    const soon = pp ? pp.expiringSoon : expiringWithin(c, p.id, day, 30);
    if (soon > 0) detail.push(fmt.t('ui.customer.expiring', { points: pointsText(soon, p.decimals, fmt) + (many ? ` ${fmt.text(p.name)}` : '') }));
  }
  const tier = tierName(ladder, preview?.tierBefore ?? c.tier);
  return { name: fmt.text(c.name), card: maskCard(c.card), tier: fmt.text(tier), blocked: c.blocked, balances, detail: detail.join(DETAIL_GAP), details: detail, progress };
}

export const DETAIL_GAP = '   ';

/**
 * The detail parts that fit `cols` terminal columns, whole and in order: a part that does not fit is
 * left out (a later, shorter one may still fit), so a long Russian or Vietnamese phrase never ends
 * cut in the middle. When not even the first fits, the caller truncates it.
 */
export function fitDetails(parts: readonly string[], cols: number, measure: (s: string) => number): string {
  let out = '';
  for (const part of parts) {
    const next = out ? `${out}${DETAIL_GAP}${part}` : part;
    if (measure(next) <= cols) out = next;
  }
  return out || (parts[0] ?? '');
}

/** A bar of `cols` cells, filled to `share`. */
export function progressBar(share: number, cols: number, ascii: boolean): string {
  const full = Math.round(share * cols);
  return ascii ? '[' + '#'.repeat(full) + '-'.repeat(cols - full) + ']' : '▕' + '█'.repeat(full) + '░'.repeat(cols - full) + '▏';
}

export interface RewardRowView extends RewardKeyRow {
  program: string;
  /** As listed: cashback with its rate and cap. */
  title: string;
  /** Cost per claim, or per step for cashback. */
  cost: string;
  minBalance: string;
  affordable: boolean;
  /** Applied rows: points reserved and money taken off. */
  points?: string;
  amount?: string;
}

function rewardTitle(r: Reward, p: LoyaltyProgram, fmt: Fmt): string {
  if (r.kind !== 'cashback') return fmt.text(r.name);
  const rate = fmt.t('ui.rewards.rate', { points: pointsText(r.value.points, p.decimals, fmt), amount: fmt.money(r.value.amount) });
  const cap = r.maxSharePpm !== undefined ? fmt.t('ui.rewards.cap', { percent: r.maxSharePpm / 10_000 }) : '';
  return fmt.t('ui.paren', { text: fmt.text(r.name), inner: cap ? rate + fmt.t('ui.sep.list') + cap : rate });
}

/** Every reward of every running program ("now": a claim would go through), then the rewards already on the sale (removable). */
export function rewardRows(ctx: Ctx, fmt: Fmt): RewardRowView[] {
  const c = ctx.customer;
  if (!c) return [];
  const programs = programsOf(ctx);
  const rows: RewardRowView[] = [];
  const now = claimableNow(ctx);
  for (const p of programs) {
    if (!p.active) continue;
    const ok = new Set(now.filter((x) => x.programId === p.id).map((x) => x.rewardId));
    for (const r of p.rewards) {
      rows.push({
        kind: 'reward',
        programId: p.id,
        rewardId: r.id,
        name: fmt.text(r.name),
        decimals: p.decimals,
        cashback: r.kind === 'cashback',
        program: fmt.text(p.name),
        cost: r.kind === 'cashback' ? fmt.t('ui.rewards.perStep', { points: pointsText(Math.max(1, r.cost), p.decimals, fmt) }) : pointsText(r.cost, p.decimals, fmt),
        minBalance: r.minBalance ? pointsText(r.minBalance, p.decimals, fmt) : '',
        affordable: ok.has(r.id),
        title: rewardTitle(r, p, fmt),
      });
    }
  }
  for (const a of rewardsInCart(ctx.cart)) {
    const p = programs.find((x) => x.id === a.programId);
    const reward = p?.rewards.find((r) => r.id === a.rewardId);
    const money = a.discountId
      ? ctx.priced.discounts.find((d) => d.id === a.discountId)?.amount ?? 0
      : ctx.priced.lines.find((l) => l.id === a.lineId)?.discount ?? 0;
    rows.push({
      kind: 'applied',
      programId: a.programId,
      rewardId: a.rewardId,
      id: a.discountId ?? a.lineId,
      name: fmt.text(reward?.name ?? a.rewardId),
      decimals: p?.decimals ?? 0,
      program: fmt.text(p?.name ?? a.programId),
      title: fmt.text(reward?.name ?? a.rewardId),
      cost: '',
      minBalance: '',
      affordable: true,
      points: pointsText(a.points, p?.decimals ?? 0, fmt),
      amount: fmt.money(money),
    });
  }
  return rows;
}

/** True when the attached customer can claim at least one reward now: the rewards key lights up. */
export const rewardsHot = (ctx: Ctx): boolean => claimableNow(ctx).length > 0;

/** The order discounts of the priced cart as the sale screen lists them. */
export function discountRows(priced: PricedCart, fmt: Fmt): { id: string; label: string; amount: string }[] {
  return priced.discounts
    .filter((d) => d.amount !== 0)
    .map((d) => {
      const points = typeof d.meta?.points === 'number' ? d.meta.points : null;
      const label =
        d.source === 'tier'
          ? fmt.t('ui.discount.tier', { label: fmt.text(d.label) })
          : d.source === 'reward'
            ? points !== null
              ? fmt.t('ui.paren', { text: fmt.t('ui.discount.reward', { label: fmt.text(d.label) }), inner: fmt.t('ui.points', { points }) })
              : fmt.t('ui.discount.reward', { label: fmt.text(d.label) })
            : fmt.text(d.label);
      return { id: d.id, label, amount: `-${fmt.money(d.amount)}` };
    });
}

export interface CustomerRow {
  id: string;
  name: string;
  phone: string;
  card: string;
  tier: string;
  points: string;
  blocked: boolean;
}

/** Search results as rows: the first running program's balance stands for the points. */
export function customerRows(accounts: readonly LoyaltyAccount[], ctx: Ctx, fmt: Fmt): CustomerRow[] {
  const ladder = ladderOf(ctx);
  const program = programsOf(ctx).find((p) => p.active) ?? programsOf(ctx)[0];
  return accounts.map((a) => ({
    id: a.id,
    name: fmt.text(a.name),
    phone: a.phone,
    card: maskCard(a.card),
    tier: fmt.text(tierName(ladder, a.tier)),
    points: program ? pointsText(a.points[program.id] ?? 0, program.decimals, fmt) : '',
    blocked: a.blocked,
  }));
}
