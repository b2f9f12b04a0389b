/** 简体中文 of returns and refunds (issue 10, en-returns.ts): 退货, 退款. */
export const zhReturns = {
  // ------------------------------------------------------------ errors: planning a return (src/domain/returns)
  'error.ALREADY_RETURNED': '小票 {receipt} 上的商品已全部退货。',
  'error.RETURN_NOTHING': '请选择要退的行和数量。',
  'error.RETURN_LINE_UNKNOWN': '此小票上没有第 {line} 行。',
  'error.RETURN_TOO_MANY': '{name}：售出 {sold}，已退 {returned}，最多还能退 {returnable}。',
  'error.RETURN_CURRENCY': '小票 {receipt} 以 {currency} 付款；此收银机以另一种货币退款。',
  'error.GIFT_CARD_USED': '此小票售出的礼品卡 {card} 已被使用，不能再退。',
  'error.REFUND_CARD_BLOCKED': '礼品卡 {card} 已冻结，退款不能退回卡中。店长可改退现金。',
  'error.REFUND_CARD_EXPIRED': '礼品卡 {card} 已于 {date} 过期，退款不能退回卡中。店长可改退现金。',
  // ------------------------------------------------------------ the X / Z / sales report: returns
  'shift.report.returnsTitle': '退货',
  'shift.report.returnsCount': '退货笔数',
  'shift.report.returnsItems': '退回件数',
  'shift.report.returnsDiscounts': '冲回折扣',
  'shift.report.returnsTotal': '退款合计',
  'shift.report.refundRow': '退款：{method}（{count}）',
  'shift.report.netSales': '销售减退货',
  'shift.report.cashRefunds': '现金退款（{count}）',
  'shift.report.gcReturned': '未使用退回（{count}）',
  'shift.report.gcRefunded': '退回卡内（{count}）',
};
