/** Русский of reprinting a receipt by number (en-reprint.ts): "копия чека". */
export const ruReprint = {
  'error.NO_LAST_RECEIPT': 'Чеков ещё не было.',
  'ui.key.reprintPrompt': 'Напечатать чек по номеру ещё раз, с пометкой КОПИЯ',
  'ui.hint.reprintPrompt': 'Копия по №',
  'ui.key.reprintNo': 'Копия чека по номеру или скану (пусто: последнего)',
  'ui.key.reprintCancel': 'Не печатать копию',
  'ui.key.copyAgain': 'Напечатать ещё одну копию',
  'ui.entry.reprint': 'Копия чека № (Enter: последнего):',
  'ui.copy.title': 'Копия чека {receiptNo}',
  'ui.copy.titleReturn': 'Копия чека возврата {receiptNo}',
  'ui.notice.copyPrinted': 'Чек {receipt} напечатан ещё раз с пометкой КОПИЯ.',
  'ui.notice.copyWaiting': 'Копия чека {receipt} ждёт принтер.',
  'ui.screen.reprint': 'повтор чека по номеру',
  'ui.screen.copy': 'копия чека',
} satisfies Record<string, string>;
