/** English of reprinting a receipt by number (issue 11, src/receipt-copies.ts). */
export const enReprint = {
  'error.NO_LAST_RECEIPT': 'There is no receipt yet.',
  'ui.key.reprintPrompt': 'Reprint a receipt by number, marked COPY',
  'ui.hint.reprintPrompt': 'Reprint no.',
  'ui.key.reprintNo': 'Reprint the typed or scanned receipt (alone: the last)',
  'ui.key.reprintCancel': 'Do not reprint',
  'ui.key.copyAgain': 'Print another copy',
  'ui.entry.reprint': 'Reprint receipt no. (Enter: the last):',
  'ui.copy.title': 'Copy of receipt {receiptNo}',
  'ui.copy.titleReturn': 'Copy of return receipt {receiptNo}',
  'ui.notice.copyPrinted': 'Receipt {receipt} printed again, marked COPY.',
  'ui.notice.copyWaiting': 'The copy of receipt {receipt} waits for the printer.',
  'ui.screen.reprint': 'reprint receipt no.',
  'ui.screen.copy': 'receipt copy',
} satisfies Record<string, string>;
