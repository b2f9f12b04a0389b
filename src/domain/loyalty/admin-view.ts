/** Plain-text views of customers and programs for the back-office commands (no colours, no widths). */
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

function rewardText(r: Reward, p: LoyaltyProgram, cur: string): string {
  const cost = `${pts(r.cost, p)} pt${r.minBalance ? `, needs ${pts(r.minBalance, p)}` : ''}`;
  switch (r.kind) {
    case 'cashback':
      return `${r.id}: ${r.name} — ${money(r.value.amount, cur)} per ${pts(r.value.points, p)} points, in steps of ${pts(r.cost, p)}${r.maxSharePpm !== undefined ? `, at most ${r.maxSharePpm / 10_000}% of a sale` : ''}`;
    case 'fixed':
      return `${r.id}: ${r.name} — ${money(r.amount, cur)} off for ${cost}`;
    case 'percent':
      return `${r.id}: ${r.name} — ${r.percentPpm / 10_000}% off${r.target ? ` ${r.target.sku ?? r.target.category}` : ''}${r.max !== undefined ? ` (max ${money(r.max, cur)})` : ''} for ${cost}`;
    case 'free-product':
      return `${r.id}: ${r.name} — free ${r.sku} for ${cost}`;
  }
}

export function programLines(p: LoyaltyProgram, cur: string): string[] {
  const dates = p.start || p.end ? ` ${p.start ?? '…'} to ${p.end ?? '…'}` : '';
  const addl = p.additionalExpiryDays ? `; additional points expire after ${p.additionalExpiryDays} days` : '';
  const lines = [`${p.id}: ${p.name} [${p.active ? 'active' : 'stopped'}]${dates}; points to ${p.decimals} decimals, rounded down to ${pts(p.step, p)}${p.expiryDays ? `; expire after ${p.expiryDays} days` : ''}${addl}`];
  for (const r of p.rules) {
    const parts = [
      r.perAmount ? `${pts(r.perAmount.points, p)} per ${money(r.perAmount.per, cur)}` : '',
      r.perUnit ? `${pts(r.perUnit, p)} per unit` : '',
      r.perOrder ? `${pts(r.perOrder, p)} per order` : '',
    ].filter(Boolean);
    const on = r.target ? ` on ${r.target.sku ? `sku ${r.target.sku}` : `category ${r.target.category}`}${r.cumulative ? ' (adds to base)' : ' (replaces base)'}` : '';
    const min = [r.minQty ? `min qty ${r.minQty}` : '', r.minAmount ? `min ${money(r.minAmount, cur)}${r.taxIncluded === false ? ' excl. tax' : ''}` : ''].filter(Boolean).join(', ');
    lines.push(`  rule ${r.id}: ${parts.join(' + ')}${on}${min ? `; ${min}` : ''}${r.additional ? ' (additional points)' : ''}`);
  }
  for (const r of p.rewards) lines.push(`  reward ${rewardText(r, p, cur)}`);
  return lines;
}

export function ladderLines(l: TierLadder, programs: readonly LoyaltyProgram[], cur: string): string[] {
  const p = programs.find((x) => x.id === l.programId);
  const basis = l.basis === 'spend' ? 'spend' : `points earned in ${l.programId}`;
  const lines = [`tiers by ${basis}${l.periodMonths ? ` over the last ${l.periodMonths} month(s)` : ' (lifetime)'}${l.demotion ? ', demotion on review' : ''}:`];
  for (const t of l.tiers) {
    const th = l.basis === 'spend' ? money(t.threshold, cur) : `${pts(t.threshold, p)} points`;
    const perks = [
      t.discountPpm ? `${t.discountPpm / 10_000}% off` : '',
      t.earnMultiplierPpm !== undefined ? `x${t.earnMultiplierPpm / 1_000_000} points` : '',
      t.cashbackPpm !== undefined ? `${t.cashbackPpm / 10_000}% back in ${l.programId} points` : '',
    ].filter(Boolean).join(', ');
    lines.push(`  ${t.id}: ${t.name} from ${th}${perks ? ` — ${perks}` : ''}`);
    // The tier's price list, one entry a line: the product's entry wins over its category's, and a
    // priced line takes no tier percentage (price-list.ts).
    for (const e of t.prices ?? []) {
      const what = e.sku !== undefined ? `sku ${e.sku}` : `category ${e.category}`;
      lines.push(`    price ${what}: ${e.price !== undefined ? money(e.price, cur) : `${(e.percentPpm ?? 0) / 10_000}% off`}`);
    }
  }
  return lines;
}
