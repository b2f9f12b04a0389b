/** Russian of the register on a chain (docs/chain.md): holds refused, offline rules, the status line. */
export const ruChain = {
  'error.GIFT_CARD_CHAIN_BALANCE': 'На подарочной карте {card} по всем кассам магазина осталось {available} (остальное удержано другими продажами). Ничего не сохранено.',
  'error.GIFT_CARD_OFFLINE': 'Подарочные карты сейчас не принимаются: касса не может связаться с базой данных магазина. Примите другую оплату или повторите, когда связь вернётся.',
  'error.GIFT_CARD_OFFLINE_LIMIT': 'Без связи подарочная карта {card} может оплатить сейчас не больше {max} (лимит, пока база данных магазина недоступна).',
  'error.POINTS_CHAIN_BALANCE': 'У покупателя по всем кассам магазина осталось {available} баллов (остальное удержано другими продажами). Ничего не сохранено.',
  'error.POINTS_OFFLINE': 'Баллы сейчас нельзя списать: касса не может связаться с базой данных магазина. Уберите награду или повторите, когда связь вернётся.',
  'error.POINTS_OFFLINE_LIMIT': 'Без связи этот покупатель может списать здесь ещё не больше {max} баллов (лимит {limit}, пока база данных недоступна).',
  'ui.holding': 'Запрос к базе данных магазина…',
  'ui.chain.online': 'онлайн',
  'ui.chain.offline': 'офлайн с {time}, {count, plural, one {# продажа} few {# продажи} many {# продаж} other {# продажи}} к отправке',
  'ui.chain.offlineShort': 'офлайн с {time}, к отправке {count}',
} satisfies Record<string, string>;
