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
} satisfies Record<string, string>;
