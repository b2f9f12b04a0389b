/**
 * The points a sale earns, as the payment and paid screens say it. On the payment screen the figure
 * is the checkout's preview with the payments as they stand (machines/checkout.loyalty.ts recomputes
 * it on every tender); on the paid screen it is the committed sale's own record, the figure the
 * receipt prints. Gift-card and points payments earn no per-money points (src/domain/loyalty/
 * sale-extension.ts, paidWithoutEarning): when part of the sale is paid so, a note says how much.
 * Nothing here computes points.
 */
import type { Tender } from '../domain/tender.js';
import { paidWithoutEarning } from '../domain/loyalty/sale-extension.js';
import type { SaleLoyalty } from '../domain/loyalty/types.js';
import { pointsText } from './loyalty-view.js';
import type { CheckoutSnapshot, Fmt } from './selectors.js';
import { width as cols } from './text.js';

type Ctx = CheckoutSnapshot['context'];

/** "+6 pts", or "+6 pts Coffee Club, +1 stamp Stamps" with several programs; null without a customer's programs. */
export function earnedText(l: SaleLoyalty | null | undefined, ctx: Ctx, fmt: Fmt): string | null {
  if (!l || l.programs.length === 0) return null;
  const decimals = new Map((ctx.deps.loyalty?.programs() ?? []).map((p) => [p.id, p.decimals]));
  const many = l.programs.length > 1;
  return l.programs.map((p) => `+${pointsText(p.earned, decimals.get(p.programId) ?? 0, fmt)}${many ? ` ${fmt.text(p.name)}` : ''}`).join(', ');
}

/**
 * The lines under the payments: `key` ('ui.tender.earn' or 'ui.paid.earned') and, when part of the
 * sale is paid by gift card or points, the note — on the same line if it fits `width`, else on a line
 * of its own (a long Russian or Vietnamese note is never cut).
 */
export function earnLines(key: 'ui.tender.earn' | 'ui.paid.earned', l: SaleLoyalty | null | undefined, tenders: readonly Tender[], ctx: Ctx, fmt: Fmt, width: number): string[] {
  const points = earnedText(l, ctx, fmt);
  if (points === null) return [];
  const line = fmt.t(key, { points });
  const without = paidWithoutEarning(tenders);
  if (without <= 0) return [line];
  const note = fmt.t('ui.loyalty.noEarnOn', { amount: fmt.money(without) });
  return cols(`${line} ${note}`) <= width ? [`${line} ${note}`] : [line, note];
}
