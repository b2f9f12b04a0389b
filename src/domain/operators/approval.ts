/**
 * Which actions need a manager's PIN on the spot (config `approvals`). The approver's operator id is
 * journaled with the action (`approvedBy`). A store without operators has no sign-in and so nobody
 * to approve: the caller passes `enforced: false` and nothing is asked.
 */
import type { TillConfig } from '../config.js';

export type ApprovalAction = 'void' | 'refund' | 'returnWithoutReceipt' | 'priceOverride' | 'lineDiscount' | 'noSale' | 'paidOut' | 'loyaltyAdjust';

export interface ApprovalFacts {
  /** Void: payments on the sale and its line count. */
  tenders?: number;
  lines?: number;
  /** Refund: the money goes back another way than it came (cash instead): always a manager's choice. */
  managerChoice?: boolean;
}

export function needsApproval(rules: TillConfig['approvals'], action: ApprovalAction, facts: ApprovalFacts = {}): boolean {
  if (action === 'void') return (rules.voidWithTenders && (facts.tenders ?? 0) > 0) || (facts.lines ?? 0) > rules.voidLinesOver;
  if (action === 'refund') return rules.refund || facts.managerChoice === true;
  return rules[action];
}

/** The cashier-facing name of the action, for "Manager PIN to approve: …". */
export const ACTION_LABEL: Record<ApprovalAction, string> = {
  void: 'void the sale',
  refund: 'refund',
  returnWithoutReceipt: 'return without a receipt',
  priceOverride: 'change the price',
  lineDiscount: 'discount the line',
  noSale: 'open the drawer (no sale)',
  paidOut: 'pay cash out',
  loyaltyAdjust: 'adjust points',
};
