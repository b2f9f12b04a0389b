/**
 * Points on a refund of a committed sale, in proportion to the money refunded: the points the sale
 * spent come back, the points it earned are taken back. Rounding favours the customer (both floor).
 * Taking back never drives a balance below zero: what cannot be recovered is recorded, not owed.
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
    return { programId: p.programId, returned, clawedBack, unrecovered: want - clawedBack };
  });
  return { type: EV.pointsRefunded, data: { customerId: ext.customerId, saleId, day, spend: part(ext.spend), programs } };
}
