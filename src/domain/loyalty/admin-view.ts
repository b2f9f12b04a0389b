/** Plain-text views of customers and programs for the back-office commands (no colours), in a translator's language. */
import { currency, toDecimalString, type Minor } from '../money.js';
import { accountAsOf, expiringWithin, extraExpiresOn, extraOf } from './expiry.js';
import { tierProgress } from './tiers.js';
import type { LoyaltyAccount, LoyaltyProgram, Reward, TierLadder, Units } from './types.js';
import { formatUnits } from './units.js';
import { textWidth } from '../receipt-text.js';
import { translator, type Translate } from '../../i18n/index.js';

const EN = translator('en');
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - textWidth(s)));
const SHOW_LABELS = ['card', 'phone', 'email', 'customer', 'spend', 'tier'] as const;

export const money = (m: Minor, cur: string): string => `${toDecimalString(m, currency(cur))} ${cur}`;

export const pts = (units: Units, program: Pick<LoyaltyProgram, 'decimals'> | undefined): string => formatUnits(units, program?.decimals ?? 0);

/** One line per customer for `find`; balances as of `day` (expired points out). */
export function customerRow(account: LoyaltyAccount, programs: readonly LoyaltyProgram[], day: string, t: Translate = EN): string {
  const a = accountAsOf(account, day);
  const bal = programs.filter((p) => (a.points[p.id] ?? 0) !== 0 || p.active).map((p) => `${p.id} ${pts(a.points[p.id] ?? 0, p)}`).join(', ');
  return [a.card, a.name, a.phone, a.tier ?? '-', a.blocked ? t('cli.customer.row.blocked') : '', bal].filter((x) => x !== '').join('  |  ');
}

/** A customer of a `find --json` answer: points as integer units of each program, as of `day`. */
export function customerRowJson(account: LoyaltyAccount, programs: readonly LoyaltyProgram[], day: string) {
  const a = accountAsOf(account, day);
  return {
    id: a.id, name: a.name, card: a.card, phone: a.phone, email: a.email ?? null, tier: a.tier, blocked: a.blocked,
    programs: programs.filter((p) => (a.points[p.id] ?? 0) !== 0 || p.active).map((p) => ({ id: p.id, decimals: p.decimals, points: a.points[p.id] ?? 0 })),
  };
}

/** A customer's card, tier and balances for `show` (the history follows: history-view.ts), in `t`'s language. */
export function customerDetails(account: LoyaltyAccount, programs: readonly LoyaltyProgram[], ladder: TierLadder | null, cur: string, day: string, t: Translate = EN): string[] {
  const a = accountAsOf(account, day);
  const byId = new Map(programs.map((p) => [p.id, p]));
  const S = (k: string, params?: Record<string, string | number>) => t(`cli.customer.show.${k}`, params);
  const w = Math.max(...SHOW_LABELS.map((k) => textWidth(S(k)))) + 2;
  const row = (k: (typeof SHOW_LABELS)[number], value: string) => `  ${padEnd(S(k), w)}${value}`;
  const lines = [
    `${a.name}${a.blocked ? S('blocked') : ''}`,
    row('card', a.card),
    row('phone', a.phone),
    ...(a.email ? [row('email', a.email)] : []),
    row('customer', S('since', { id: a.id, date: a.created.slice(0, 10) })),
    row('spend', `${S('spent', { amount: money(a.spend, cur), n: a.purchases })}${a.lastPurchase ? S('lastPurchase', { date: a.lastPurchase }) : ''}`),
  ];
  const prog = tierProgress(a, ladder, day);
  if (ladder) {
    const tierName = ladder.tiers.find((x) => x.id === a.tier)?.name ?? a.tier ?? '-';
    const unit = (n: number): string => (ladder.basis === 'spend' ? money(n, cur) : S('points', { points: pts(n, byId.get(ladder.programId ?? '')) }));
    const next = prog?.next ? S('toNext', { amount: unit(prog.remaining), tier: prog.next.name }) : '';
    lines.push(row('tier', `${tierName}${next}`));
  }
  for (const p of programs) {
    const bal = a.points[p.id] ?? 0;
    const ledger = account.points[p.id] ?? 0;
    if (bal === 0 && ledger === 0 && !p.active) continue;
    const soon = p.expiryDays || p.additionalExpiryDays ? expiringWithin(a, p.id, day, 30) : 0;
    const extra = extraOf(a, p.id);
    const until = extraExpiresOn(a, p.id, day);
    const parts = extra ? (until ? S('partsUntil', { main: pts(bal - extra, p), additional: pts(extra, p), date: until }) : S('parts', { main: pts(bal - extra, p), additional: pts(extra, p) })) : '';
    // The history's balances are the ledger's; points past their date stay in it until `till loyalty expire` journals them.
    const lapsed = ledger !== bal ? S('lapsed', { points: pts(ledger - bal, p), ledger: pts(ledger, p) }) : '';
    lines.push(`  ${S('balance', { program: p.name, points: pts(bal, p) })}${parts}${soon ? S('soon', { points: pts(soon, p) }) : ''}${lapsed}`);
  }
  return lines;
}

/** A program's words (`cli.loyalty.view.<key>`) in `t`'s language. */
const V = (t: Translate) => (k: string, params?: Record<string, string | number>): string => t(`cli.loyalty.view.${k}`, params);
const pct = (ppm: number): string => String(ppm / 10_000);

function rewardText(r: Reward, p: LoyaltyProgram, cur: string, t: Translate): string {
  const v = V(t);
  const cost = r.minBalance ? v('costNeeds', { points: pts(r.cost, p), min: pts(r.minBalance, p) }) : v('cost', { points: pts(r.cost, p) });
  switch (r.kind) {
    case 'cashback':
      return v('cashback', { id: r.id, name: r.name, amount: money(r.value.amount, cur), points: pts(r.value.points, p), step: pts(r.cost, p), max: r.maxSharePpm !== undefined ? v('cashbackMax', { percent: pct(r.maxSharePpm) }) : '' });
    case 'fixed':
      return v('fixed', { id: r.id, name: r.name, amount: money(r.amount, cur), cost });
    case 'percent':
      return v('percent', { id: r.id, name: r.name, percent: pct(r.percentPpm), target: r.target ? ` ${r.target.sku ?? r.target.category}` : '', max: r.max !== undefined ? v('percentMax', { amount: money(r.max, cur) }) : '', cost });
    case 'free-product':
      return v('free', { id: r.id, name: r.name, sku: r.sku, cost });
  }
}

/** A program, its earning rules and its rewards, one line each, in `t`'s language. */
export function programLines(p: LoyaltyProgram, cur: string, t: Translate = EN): string[] {
  const v = V(t);
  const dates = p.start || p.end ? v('dates', { start: p.start ?? '…', end: p.end ?? '…' }) : '';
  const lines = [
    v('program', {
      id: p.id, name: p.name, state: v(p.active ? 'active' : 'stopped'), dates, decimals: p.decimals, step: pts(p.step, p),
      expiry: p.expiryDays ? v('expiry', { days: p.expiryDays }) : '', additional: p.additionalExpiryDays ? v('additionalExpiry', { days: p.additionalExpiryDays }) : '',
    }),
  ];
  for (const r of p.rules) {
    const parts = [
      r.perAmount ? v('perAmount', { points: pts(r.perAmount.points, p), amount: money(r.perAmount.per, cur) }) : '',
      r.perUnit ? v('perUnit', { points: pts(r.perUnit, p) }) : '',
      r.perOrder ? v('perOrder', { points: pts(r.perOrder, p) }) : '',
    ].filter(Boolean);
    const on = r.target ? `${r.target.sku ? v('onSku', { sku: r.target.sku }) : v('onCategory', { category: String(r.target.category) })}${v(r.cumulative ? 'cumulative' : 'replaces')}` : '';
    const min = [r.minQty ? v('minQty', { n: r.minQty }) : '', r.minAmount ? v(r.taxIncluded === false ? 'minAmountExcl' : 'minAmount', { amount: money(r.minAmount, cur) }) : ''].filter(Boolean).join(v('list'));
    lines.push(v('rule', { id: r.id, parts: parts.join(' + '), on, min: min ? v('minPart', { min }) : '', additional: r.additional ? v('ruleAdditional') : '' }));
  }
  for (const r of p.rewards) lines.push(v('reward', { text: rewardText(r, p, cur, t) }));
  return lines;
}

/** The tier ladder, a tier and its price list a line, in `t`'s language. */
export function ladderLines(l: TierLadder, programs: readonly LoyaltyProgram[], cur: string, t: Translate = EN): string[] {
  const v = V(t);
  const p = programs.find((x) => x.id === l.programId);
  const period = l.periodMonths ? v('period', { n: l.periodMonths }) : v('lifetime');
  const demotion = l.demotion ? v('demotion') : '';
  const lines = [l.basis === 'spend' ? v('tiersBySpend', { period, demotion }) : v('tiersByPoints', { program: String(l.programId), period, demotion })];
  for (const tier of l.tiers) {
    const th = l.basis === 'spend' ? money(tier.threshold, cur) : v('thresholdPoints', { points: pts(tier.threshold, p) });
    const perks = [
      tier.discountPpm ? v('discount', { percent: pct(tier.discountPpm) }) : '',
      tier.earnMultiplierPpm !== undefined ? v('multiplier', { n: tier.earnMultiplierPpm / 1_000_000 }) : '',
      tier.cashbackPpm !== undefined ? v('tierCashback', { percent: pct(tier.cashbackPpm), program: String(l.programId) }) : '',
    ].filter(Boolean).join(v('list'));
    lines.push(v('tier', { id: tier.id, name: tier.name, threshold: th, perks: perks ? ` — ${perks}` : '' }));
    // The tier's price list, one entry a line: the product's entry wins over its category's, and a
    // priced line takes no tier percentage (price-list.ts).
    for (const e of tier.prices ?? []) {
      const what = e.sku !== undefined ? v('priceSku', { sku: e.sku }) : v('priceCategory', { category: String(e.category) });
      lines.push(v('price', { what, price: e.price !== undefined ? money(e.price, cur) : v('priceOff', { percent: pct(e.percentPpm ?? 0) }) }));
    }
  }
  return lines;
}
