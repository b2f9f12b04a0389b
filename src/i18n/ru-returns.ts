/** Русский of returns and refunds (issue 10, en-returns.ts): возврат, возврат денег. */
export const ruReturns = {
  // ------------------------------------------------------------ errors: planning a return (src/domain/returns)
  'error.ALREADY_RETURNED': 'Все товары по чеку {receipt} уже возвращены.',
  'error.RETURN_NOTHING': 'Выберите позиции и количество для возврата.',
  'error.RETURN_LINE_UNKNOWN': 'Позиции {line} в этом чеке нет.',
  'error.RETURN_TOO_MANY': '{name}: продано {sold}, уже возвращено {returned}, вернуть можно не больше {returnable}.',
  'error.RETURN_CURRENCY': 'Чек {receipt} оплачен в {currency}; эта касса возвращает деньги в другой валюте.',
  'error.GIFT_CARD_USED': 'Подарочной картой {card} из этого чека уже пользовались: вернуть её нельзя.',
  'error.REFUND_CARD_BLOCKED': 'Подарочная карта {card} заблокирована: вернуть деньги на неё нельзя. Менеджер может вернуть наличными.',
  'error.REFUND_CARD_EXPIRED': 'Срок подарочной карты {card} истёк {date}: вернуть деньги на неё нельзя. Менеджер может вернуть наличными.',
  // ------------------------------------------------------------ the X / Z / sales report: returns
  'shift.report.returnsTitle': 'ВОЗВРАТЫ',
  'shift.report.returnsCount': 'Возвраты',
  'shift.report.returnsItems': 'Возвращено товаров',
  'shift.report.returnsDiscounts': 'Отменённые скидки',
  'shift.report.returnsTotal': 'Итого возвращено',
  'shift.report.refundRow': 'возврат: {method} ({count})',
  'shift.report.netSales': 'Продажи за вычетом возвратов',
  'shift.report.cashRefunds': 'Возвраты наличными ({count})',
  'shift.report.gcReturned': 'Возвращены неиспользованными ({count})',
  'shift.report.gcRefunded': 'Возвращено на карты ({count})',
};
