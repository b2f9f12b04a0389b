/**
 * Loyalty on the receipt of a sale with a customer: the card masked to its last four digits, per
 * program the points earned, spent and the new balance (and what expires within 30 days), with the
 * additional (promotional) points apart from the main ones when there are any, the tier,
 * and either the promotion this sale reached or what is still needed for the next tier.
 * `progress` is read when the receipt is laid out (a reprint shows the customer's progress then).
 */
import type { ReceiptSection } from '../receipt.js';
import { columns, text, type ReceiptBlock } from '../receipt-doc.js';
import { maskCard } from './card.js';
import { formatUnits } from './units.js';
import { formatDecimal } from '../../i18n/format.js';
import type { TierProgress } from './tiers.js';
import type { LoyaltyProgram, SaleLoyalty, TierLadder } from './types.js';

export interface LoyaltyReceiptData {
  programs(): LoyaltyProgram[];
  ladder(): TierLadder | null;
  /** The customer's tier progress as it is now (after the sale). */
  progress(customerId: string): TierProgress | null;
}

export function loyaltyReceiptSection(data: LoyaltyReceiptData): ReceiptSection {
  return (sale, c) => {
    const l = sale.extensions.loyalty as SaleLoyalty | undefined;
    if (!l) return [];
    const programs = new Map(data.programs().map((p) => [p.id, p]));
    const tierName = (id: string | null) => data.ladder()?.tiers.find((t) => t.id === id)?.name ?? id ?? '';
    const out: ReceiptBlock[] = [columns(c.t('receipt.loyalty.card'), maskCard(l.cardNumber))];
    // Points written as the receipt's locale writes numbers ("1 480" in ru-RU, "12,5"), exactly.
    const pts = (units: number, d: number) => formatDecimal(formatUnits(units, d), c.locale, c.ascii);
    for (const p of l.programs) {
      const d = programs.get(p.programId)?.decimals ?? 0;
      out.push(text(p.name, { bold: true }));
      const add = p.additional;
      out.push(columns(c.t('receipt.loyalty.earned'), `+${pts(p.earned, d)}`));
      if (add?.earned) out.push(columns(c.t('receipt.loyalty.ofAdditional'), `+${pts(add.earned, d)}`));
      if (p.spent) out.push(columns(c.t('receipt.loyalty.spent'), `-${pts(p.spent, d)}`));
      if (add?.spent) out.push(columns(c.t('receipt.loyalty.ofAdditional'), `-${pts(add.spent, d)}`));
      out.push(columns(c.t('receipt.loyalty.balance'), pts(p.balanceAfter, d), { bold: true }));
      // Main and additional points apart, once the customer has or moved additional ones.
      if (add) {
        out.push(columns(c.t('receipt.loyalty.main'), pts(p.balanceAfter - add.balanceAfter, d)));
        out.push(columns(c.t('receipt.loyalty.additional'), pts(add.balanceAfter, d)));
        if (add.expiresOn && add.balanceAfter > 0) out.push(columns(c.t('receipt.loyalty.additionalUntil'), c.day(add.expiresOn)));
      }
      if (p.expiringSoon > 0) out.push(columns(c.t('receipt.loyalty.expiring'), pts(p.expiringSoon, d)));
    }
    if (l.tierAfter) {
      out.push(columns(c.t('receipt.loyalty.tier'), tierName(l.tierAfter)));
      if (l.promoted) out.push(text(c.t('receipt.loyalty.promoted', { tier: tierName(l.tierAfter) }), { align: 'center', bold: true }));
      else {
        const pr = data.progress(l.customerId);
        const ladder = data.ladder();
        if (pr?.next && ladder) {
          const need = ladder.basis === 'spend' ? c.money(pr.remaining) : pts(pr.remaining, programs.get(ladder.programId ?? '')?.decimals ?? 0);
          out.push(text(c.t('receipt.loyalty.toNext', { amount: need, tier: pr.next.name })));
        }
      }
    }
    return out;
  };
}
