/**
 * English messages of returns and refunds (issue 10, "Returns and refunds"): refusals, the return
 * screen and the return receipt. Spread into the English catalog (en.ts) so `errorMessage` and `t`
 * find them.
 */
export const enReturns = {
  // ------------------------------------------------------------ errors: planning a return (src/domain/returns)
  'error.ALREADY_RETURNED': 'Everything on receipt {receipt} has already been returned.',
  'error.RETURN_NOTHING': 'Choose the lines and quantities that come back.',
  'error.RETURN_LINE_UNKNOWN': 'Line {line} is not on this receipt.',
  'error.RETURN_TOO_MANY': '{name}: {sold} sold, {returned} already returned, at most {returnable} can come back.',
  'error.RETURN_CURRENCY': 'Receipt {receipt} was paid in {currency}; this register refunds in another currency.',
  'error.GIFT_CARD_USED': 'Gift card {card} sold on this receipt has been used: it can no longer be returned.',
  'error.REFUND_CARD_BLOCKED': 'Gift card {card} is blocked: the refund cannot go back onto it. A manager may refund it in cash.',
  'error.REFUND_CARD_EXPIRED': 'Gift card {card} expired on {date}: the refund cannot go back onto it. A manager may refund it in cash.',
  // ------------------------------------------------------------ the X / Z / sales report: returns (src/domain/shift/report-layout.ts)
  'shift.report.returnsTitle': 'RETURNS',
  'shift.report.returnsCount': 'Returns',
  'shift.report.returnsItems': 'Items returned',
  'shift.report.returnsDiscounts': 'Discounts reversed',
  'shift.report.returnsTotal': 'Total refunded',
  'shift.report.refundRow': 'refunded {method} ({count})',
  'shift.report.netSales': 'Sales less returns',
  'shift.report.cashRefunds': 'Cash refunds ({count})',
  'shift.report.gcReturned': 'Returned unspent ({count})',
  'shift.report.gcRefunded': 'Refunded onto cards ({count})',
  // ------------------------------------------------------------ the till: receipts, lookups, the return receipt
  'error.RECEIPT_UNKNOWN': 'Receipt {receipt} is not one this store issued (another store or register?). Check the number.',
  'error.RECEIPT_IS_RETURN': '{receipt} is the receipt of a return: a return cannot be returned. Scan the receipt of the sale.',
  'error.RECEIPT_UNREADABLE': 'The sale of receipt {receipt} cannot be read from the journal. Ask the manager to run `till journal verify`.',
  'error.RETURN_OPEN': 'A return is open: finish it or cancel it (Esc) first.',
  'error.REFUND_EXCEEDS_DRAWER': 'The drawer holds {available} by the shift’s totals: it cannot pay out {amount}. A manager may refund another way.',
  'error.RETURN_SAVED': 'This return was saved already. Look it up by its receipt.',
  'return.receipt.title': 'RETURN',
  'return.receipt.original': 'Goods back from receipt {receiptNo} of {date}',
  'return.receipt.discountBack': '  Discount as sold',
  'return.receipt.total': 'REFUND',
  'return.receipt.refundedTitle': 'Refunded:',
  'return.receipt.cashInstead': 'Refunded in cash by the manager’s choice',
  'return.receipt.cardBalance': 'Gift card {card} balance',
  'return.receipt.cardReturned': 'Gift card {card} returned: blocked',
  'return.receipt.pointsBack': '  Points given back',
  'return.receipt.pointsTaken': '  Points taken back',
  'return.receipt.pointsUnrecovered': '  Already spent, not taken back',
  'return.receipt.pointsBalance': '  Points balance',
  'return.receipt.tier': 'Tier now: {tier}',
  'return.receipt.approvedBy': 'Approved by: {operator}',
} satisfies Record<string, string>;
