/** Vietnamese of the register on a chain (docs/chain.md): holds refused, offline rules, the status line. */
export const viChain = {
  'error.GIFT_CARD_CHAIN_BALANCE': 'Thẻ quà tặng {card} chỉ còn {available} trên các quầy của cửa hàng (phần còn lại đang được giữ cho đơn khác). Chưa lưu gì.',
  'error.GIFT_CARD_OFFLINE': 'Hiện không nhận thẻ quà tặng: quầy không kết nối được cơ sở dữ liệu của cửa hàng. Hãy nhận cách thanh toán khác, hoặc thử lại khi có kết nối.',
  'error.GIFT_CARD_OFFLINE_LIMIT': 'Khi mất kết nối, thẻ quà tặng {card} chỉ được trả tối đa {max} lúc này (hạn mức khi không kết nối được cơ sở dữ liệu của cửa hàng).',
  'error.POINTS_CHAIN_BALANCE': 'Khách hàng chỉ còn {available} điểm trên các quầy của cửa hàng (phần còn lại đang được giữ cho đơn khác). Chưa lưu gì.',
  'error.POINTS_OFFLINE': 'Hiện không dùng được điểm: quầy không kết nối được cơ sở dữ liệu của cửa hàng. Hãy bỏ phần thưởng, hoặc thử lại khi có kết nối.',
  'error.POINTS_OFFLINE_LIMIT': 'Khi mất kết nối, khách hàng này chỉ được dùng thêm tối đa {max} điểm tại quầy này (hạn mức {limit} cho đến khi có kết nối lại).',
  'ui.holding': 'Đang hỏi cơ sở dữ liệu của cửa hàng…',
  'ui.chain.online': 'trực tuyến',
  'ui.chain.offline': 'mất kết nối từ {time}, {count} đơn chờ gửi',
  'ui.chain.offlineShort': 'mất mạng {time}, {count} chờ gửi',
} satisfies Record<string, string>;
