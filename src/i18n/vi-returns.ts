/** Tiếng Việt of returns and refunds (issue 10, en-returns.ts): "trả hàng", "hoàn tiền". */
export const viReturns = {
  // ------------------------------------------------------------ errors: planning a return (src/domain/returns)
  'error.ALREADY_RETURNED': 'Mọi món trên hóa đơn {receipt} đã được trả lại.',
  'error.RETURN_NOTHING': 'Chọn dòng và số lượng khách trả lại.',
  'error.RETURN_LINE_UNKNOWN': 'Dòng {line} không có trên hóa đơn này.',
  'error.RETURN_TOO_MANY': '{name}: đã bán {sold}, đã trả {returned}, chỉ được trả thêm tối đa {returnable}.',
  'error.RETURN_CURRENCY': 'Hóa đơn {receipt} thanh toán bằng {currency}; quầy này hoàn tiền bằng loại tiền khác.',
  'error.GIFT_CARD_USED': 'Thẻ quà tặng {card} bán trên hóa đơn này đã được dùng: không trả lại được nữa.',
  'error.REFUND_CARD_BLOCKED': 'Thẻ quà tặng {card} đã bị khóa: không hoàn tiền vào thẻ được. Quản lý có thể hoàn bằng tiền mặt.',
  'error.REFUND_CARD_EXPIRED': 'Thẻ quà tặng {card} đã hết hạn ngày {date}: không hoàn tiền vào thẻ được. Quản lý có thể hoàn bằng tiền mặt.',
  // ------------------------------------------------------------ the X / Z / sales report: returns
  'shift.report.returnsTitle': 'TRẢ HÀNG',
  'shift.report.returnsCount': 'Lượt trả hàng',
  'shift.report.returnsItems': 'Số món trả lại',
  'shift.report.returnsDiscounts': 'Giảm giá hoàn lại',
  'shift.report.returnsTotal': 'Tổng tiền hoàn',
  'shift.report.refundRow': 'hoàn bằng {method} ({count})',
  'shift.report.netSales': 'Doanh thu trừ trả hàng',
  'shift.report.cashRefunds': 'Hoàn tiền mặt ({count})',
  'shift.report.gcReturned': 'Trả lại chưa dùng ({count})',
  'shift.report.gcRefunded': 'Hoàn vào thẻ ({count})',
};
