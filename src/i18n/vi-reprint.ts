/** Tiếng Việt of reprinting a receipt by number (en-reprint.ts): "in lại", "BẢN SAO". */
export const viReprint = {
  'error.NO_LAST_RECEIPT': 'Chưa có hóa đơn nào.',
  'ui.key.reprintPrompt': 'In lại hóa đơn theo số, có dấu BẢN SAO',
  'ui.hint.reprintPrompt': 'In lại số',
  'ui.key.reprintNo': 'In lại hóa đơn vừa gõ hoặc quét (để trống: hóa đơn cuối)',
  'ui.key.reprintCancel': 'Không in lại',
  'ui.key.copyAgain': 'In thêm một bản sao',
  'ui.entry.reprint': 'In lại hóa đơn số (Enter: hóa đơn cuối):',
  'ui.copy.title': 'Bản sao hóa đơn {receiptNo}',
  'ui.copy.titleReturn': 'Bản sao hóa đơn trả hàng {receiptNo}',
  'ui.notice.copyPrinted': 'Đã in lại hóa đơn {receipt}, có dấu BẢN SAO.',
  'ui.notice.copyWaiting': 'Bản sao hóa đơn {receipt} đang chờ máy in.',
  'ui.screen.reprint': 'in lại hóa đơn số',
  'ui.screen.copy': 'bản sao hóa đơn',
} satisfies Record<string, string>;
