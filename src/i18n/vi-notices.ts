/** Tiếng Việt: thông báo của kho dữ liệu cho quản lý (en-notices.ts). */
export const viNotices = {
  'notice.STORE_TORN_TAIL': 'Mất điện khi đang lưu: một giao dịch chưa xác nhận ({bytes} byte) đã bị cắt khỏi cuối {file}. Giao dịch này chưa từng được báo cho thu ngân; mọi đơn đã xác nhận đều còn nguyên.',
  'notice.SNAPSHOT_REBUILT': 'Không dùng store.json: {why}. Số dư đã được tính lại từ nhật ký và store.json đã được ghi lại.',
  'notice.SNAPSHOT_DISCARDED': 'Không dùng store.json: tệp không khớp với nhật ký ({why}). Số dư thẻ quà tặng và điểm lấy theo nhật ký; tệp đã được cất riêng thành {aside}.',
  'notice.LOCK_TAKEN_OVER': 'Đã tiếp quản một khóa cũ bị bỏ lại ({detail}).',
  'notice.STORE_DAMAGED': 'Nhật ký bị hỏng ở phần lịch sử cũ ({where}: {detail}). Vẫn bán hàng được; thanh toán bằng thẻ quà tặng và điểm bị từ chối cho đến khi sửa xong. Quản lý: đóng quầy, chạy `till store repair --data {dir}` (giữ mọi sự kiện còn nguyên và cất riêng phần hỏng).',
  'notice.CHAIN_OVERSPEND_CARD': 'Thẻ quà tặng {card} bị tiêu lố {shortfall} khi mất kết nối (số dư hiện tại {balance}). Quản lý: xử lý với khách; cơ sở dữ liệu chuỗi vẫn giữ bản ghi.',
  'notice.CHAIN_OVERSPEND_POINTS': 'Điểm của {subject} bị tiêu lố {shortfall} khi mất kết nối (số dư hiện tại {balance}). Quản lý: xử lý với khách; cơ sở dữ liệu chuỗi vẫn giữ bản ghi.',
} satisfies Record<string, string>;
