/** 中文 of reprinting a receipt by number (en-reprint.ts): "重打", "副本". */
export const zhReprint = {
  'error.NO_LAST_RECEIPT': '还没有小票。',
  'ui.key.reprintPrompt': '按号码重打小票，标注副本',
  'ui.hint.reprintPrompt': '按号重打',
  'ui.key.reprintNo': '重打输入或扫描的小票（不输入：最后一张）',
  'ui.key.reprintCancel': '不重打',
  'ui.key.copyAgain': '再打一张副本',
  'ui.entry.reprint': '重打小票号（Enter：最后一张）：',
  'ui.copy.title': '小票 {receiptNo} 副本',
  'ui.copy.titleReturn': '退货小票 {receiptNo} 副本',
  'ui.notice.copyPrinted': '小票 {receipt} 已重打，标注副本。',
  'ui.notice.copyWaiting': '小票 {receipt} 的副本正在等待打印机。',
  'ui.screen.reprint': '重打小票号',
  'ui.screen.copy': '小票副本',
} satisfies Record<string, string>;
