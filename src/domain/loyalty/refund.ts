/**
 * Points on a refund of a committed sale, in proportion to the money refunded: the points the sale
 * spent come back, the points it earned are taken back. Rounding favours the customer (both floor).
 * Taking back never drives a balance below zero: what cannot be recovered is recorded, not owed.
 * Additional points (additional.ts) the sale spent come back as additional points, and those it gave
 * are taken back from the additional ones, in the same proportion.
 */
import type { Minor } from '../money.js';
import { EV, type LoyaltyEvent, type PointsRefundedData } from './events.js';
import type { LoyaltyAccount, SaleLoyalty } from './types.js';

export function planLoyaltyRefund(
  ext: SaleLoyalty,
  account: LoyaltyAccount,
  refunded: Minor,
  saleTotal: Minor,
  saleId: string,
  day: string,
): LoyaltyEvent<PointsRefundedData> | null {
  if (saleTotal <= 0 || refunded <= 0 || account.id !== ext.customerId) return null;
  const num = BigInt(Math.min(refunded, saleTotal));
  const den = BigInt(saleTotal);
  const part = (n: number): number => Number((BigInt(n) * num) / den);
  const programs = ext.programs.map((p) => {
    const returned = part(p.spent);
    const want = part(p.earned);
    const balance = (account.points[p.programId] ?? 0) + returned;
    const clawedBack = Math.min(want, Math.max(0, balance));
    const out: PointsRefundedData['programs'][number] = { programId: p.programId, returned, clawedBack, unrecovered: want - clawedBack };
    // Additional points go back as additional and are taken back first from what the sale gave as such.
    if (p.additional) {
      out.returnedAdditional = Math.min(returned, part(p.additional.spent));
      out.clawedBackAdditional = Math.min(clawedBack, part(p.additional.earned), Math.max(0, (account.extra?.[p.programId] ?? 0) + out.returnedAdditional));
    }
    return out;
  });
  const data: PointsRefundedData = { customerId: ext.customerId, saleId, day, spend: part(ext.spend), programs };
  // The month the sale counted in: the compensating entry comes off it (rolling-window tiers).
  if (typeof ext.day === 'string' && ext.day) data.saleDay = ext.day;
  return { type: EV.pointsRefunded, data };
}
