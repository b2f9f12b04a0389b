/**
 * A customer's history for `till customer show`: the text table and the `--json` document. Rows are
 * shown newest first (the page a manager wants is what just happened), each with the balance after it.
 * Points in JSON are integer units of the program (`decimals` says where the point goes); money is
 * integer minor units with the currency beside it, as everywhere in the store.
 */
import { pageFields, type Page } from '../paging.js';
import { accountAsOf, expiringWithin, extraExpiresOn, extraOf } from './expiry.js';
import type { HistoryKind, HistoryRow } from './history.js';
import { tierProgress } from './tiers.js';
import type { LoyaltyAccount, LoyaltyProgram, TierLadder, Units } from './types.js';
import { money, pts } from './admin-view.js';
import { textWidth } from '../receipt-text.js';
import { translator, type Translate } from '../../i18n/index.js';

const EN = translator('en');
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - textWidth(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - textWidth(s))) + s;

const LABEL: Record<HistoryKind, string> = {
  earn: 'earned', spend: 'spent', adjust: 'adjusted', expire: 'expired', accrue: 'bonus', refund: 'refund',
  created: 'created', edited: 'edited', blocked: 'blocked', unblocked: 'unblocked', regraded: 'regraded', promoted: 'promoted', purchase: 'purchase',
};

export const HISTORY_ORDER = 'newest first';

/** A program whose last row does not carry the balance the projection holds. */
export interface Mismatch {
  programId: string;
  fold: Units;
  ledger: Units;
}

/** Compares the fold of the rows (oldest first) with the account's balances. [] = they agree. */
export function foldMismatches(rowsOldestFirst: readonly HistoryRow[], account: Pick<LoyaltyAccount, 'points'>): Mismatch[] {
  const fold = new Map<string, Units>();
  for (const r of rowsOldestFirst) if (r.programId !== null && r.balance !== null) fold.set(r.programId, r.balance);
  const ids = new Set([...fold.keys(), ...Object.keys(account.points)]);
  return [...ids].map((programId) => ({ programId, fold: fold.get(programId) ?? 0, ledger: account.points[programId] ?? 0 })).filter((m) => m.fold !== m.ledger);
}

/** The table of one page of rows (newest first), with a header line. `local` renders an ISO instant. */
export function historyLines(page: Page<HistoryRow>, programs: readonly LoyaltyProgram[], local: (iso: string) => string, cur?: string, t: Translate = EN): string[] {
  if (page.total === 0) return [t('cli.customer.history.none')];
  const byId = new Map(programs.map((p) => [p.id, p]));
  const c = (k: string) => t(`cli.customer.col.${k}`);
  const label = (k: HistoryKind) => t(`cli.customer.kind.${k}`);
  const num = (units: Units | null, pid: string | null, sign: boolean): string => {
    if (units === null || pid === null) return '';
    const text = pts(units, byId.get(pid));
    return sign && units > 0 ? `+${text}` : text;
  };
  const pw = Math.max(textWidth(c('program')), ...page.items.map((r) => (r.programId ?? '').length));
  const ww = Math.max(9, textWidth(c('what')), ...page.items.map((r) => textWidth(label(r.kind))));
  // Additional (promotional) points get their own column once the page has any: "+100 = 100" is the
  // additional part of the movement and the additional balance after it.
  const withAdd = page.items.some((r) => r.additional !== 0 || (r.additionalBalance ?? 0) !== 0);
  const addText = (r: HistoryRow): string => (r.programId === null || r.additionalBalance === null ? '' : `${num(r.additional, r.programId, true)} = ${num(r.additionalBalance, r.programId, false)}`);
  const aw = withAdd ? Math.max(textWidth(c('additional')), ...page.items.map((r) => addText(r).length)) : 0;
  const addHead = withAdd ? `  ${padStart(c('additional'), aw)}` : '';
  const lines = [
    t('cli.customer.history.title', { order: t('cli.page.order.newest') }),
    `    ${padEnd(c('when'), 16)}  ${padEnd(c('what'), ww)}  ${padStart(c('points'), 8)}  ${padEnd(c('program'), pw)}  ${padStart(c('balance'), 8)}${addHead}  ${c('by')}  ${c('reference')}`,
  ];
  for (const r of page.items) {
    const isMove = r.programId !== null;
    const cols = [
      local(r.at).padEnd(16),
      padEnd(label(r.kind), ww),
      (isMove ? num(r.delta, r.programId, true) : '').padStart(8),
      (r.programId ?? '').padEnd(pw),
      (isMove ? num(r.balance, r.programId, false) : '').padStart(8),
      ...(withAdd ? [addText(r).padStart(aw)] : []),
      r.operator,
    ];
    const list = r.priceList
      ? cur
        ? t('cli.customer.history.priceListSaved', { name: r.priceList.name, lines: r.priceList.lines, saved: money(r.priceList.saved, cur) })
        : t('cli.customer.history.priceList', { name: r.priceList.name, lines: r.priceList.lines })
      : '';
    const note = (n: { key: string; params: Record<string, string> }) => t(n.key, n.params.field ? { ...n.params, field: t(`cli.customer.field.${n.params.field}`) } : n.params);
    const detail = r.notes ? r.notes.map(note).join('; ') : r.detail;
    const tail = [r.ref, r.reason && `"${r.reason}"`, detail, list].filter(Boolean).join('  ');
    lines.push(`    ${cols.join('  ')}${tail ? `  ${tail}` : ''}  #${r.seq}`);
  }
  return lines;
}

/** Warnings after the table: events the journal did not yield, a fold that misses the balance. */
export function historyWarnings(unread: readonly number[], mismatches: readonly Mismatch[], programs: readonly LoyaltyProgram[], t: Translate = EN): string[] {
  const byId = new Map(programs.map((p) => [p.id, p]));
  const out: string[] = [];
  if (unread.length) out.push(t('cli.customer.warn.unread', { n: unread.length, seqs: `#${unread.slice(0, 5).join(', #')}${unread.length > 5 ? ', ...' : ''}` }));
  for (const m of mismatches) out.push(t('cli.customer.warn.mismatch', { program: m.programId, fold: pts(m.fold, byId.get(m.programId)), ledger: pts(m.ledger, byId.get(m.programId)) }));
  return out;
}

const rowJson = (r: HistoryRow, cur: string) => ({
  seq: r.seq, at: r.at, day: r.day, kind: r.kind, program: r.programId, points: r.programId === null ? null : r.delta, balanceAfter: r.balance,
  additional: r.programId === null || r.additionalBalance === null ? null : { points: r.additional, balanceAfter: r.additionalBalance },
  operator: r.operator, ref: r.ref || null, reason: r.reason || null, detail: r.detail || null,
  priceList: r.priceList ? { tier: r.priceList.tierId, name: r.priceList.name, lines: r.priceList.lines, saved: { amount: r.priceList.saved, currency: cur } } : null,
});

/** The `--json` document of `till customer show`: stable keys, every key always present. */
export function customerJson(
  account: LoyaltyAccount, programs: readonly LoyaltyProgram[], ladder: TierLadder | null, cur: string, day: string,
  page: Page<HistoryRow>, unread: readonly number[], mismatches: readonly Mismatch[],
) {
  const a = accountAsOf(account, day);
  const prog = tierProgress(a, ladder, day);
  const remaining = (n: number) => (ladder?.basis === 'spend' ? { amount: n, currency: cur } : { points: n, program: ladder?.programId ?? null });
  return {
    customer: {
      id: a.id, name: a.name, card: a.card, phone: a.phone, email: a.email ?? null, blocked: a.blocked, created: a.created,
      tier: a.tier, tierName: ladder?.tiers.find((t) => t.id === a.tier)?.name ?? null,
    },
    spend: { amount: a.spend, currency: cur },
    purchases: a.purchases,
    lastPurchase: a.lastPurchase ?? null,
    nextTier: prog?.next ? { id: prog.next.id, name: prog.next.name, remaining: remaining(prog.remaining) } : null,
    programs: programs
      .filter((p) => p.active || (account.points[p.id] ?? 0) !== 0)
      .map((p) => ({
        id: p.id, name: p.name, decimals: p.decimals, points: a.points[p.id] ?? 0, ledgerPoints: account.points[p.id] ?? 0,
        mainPoints: (a.points[p.id] ?? 0) - extraOf(a, p.id), additionalPoints: extraOf(a, p.id), additionalExpiresOn: extraExpiresOn(a, p.id, day) ?? null,
        expiringWithin30Days: p.expiryDays || p.additionalExpiryDays ? expiringWithin(a, p.id, day, 30) : 0,
      })),
    history: { order: 'newest-first', ...pageFields(page), rows: page.items.map((r) => rowJson(r, cur)) },
    unreadEvents: [...unread],
    ledgerAgrees: mismatches.length === 0 && unread.length === 0,
  };
}
