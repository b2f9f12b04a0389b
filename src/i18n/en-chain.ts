/** English of the register on a chain (docs/chain.md): holds refused, offline rules, the status line. */
export const enChain = {
  'error.GIFT_CARD_CHAIN_BALANCE': "Gift card {card} has {available} left across the shop's registers (other sales hold the rest). Nothing was saved.",
  'error.GIFT_CARD_OFFLINE': "Gift cards cannot be taken now: the register cannot reach the shop's database. Take another payment, or try again when it is back.",
  'error.GIFT_CARD_OFFLINE_LIMIT': "Offline, gift card {card} can pay at most {max} now (the limit while the shop's database cannot be reached).",
  'error.POINTS_CHAIN_BALANCE': "The customer has {available} points left across the shop's registers (other sales hold the rest). Nothing was saved.",
  'error.POINTS_OFFLINE': "Points cannot be spent now: the register cannot reach the shop's database. Remove the reward, or try again when it is back.",
  'error.POINTS_OFFLINE_LIMIT': "Offline, this customer can spend at most {max} more points here (limit {limit} until the shop's database is back).",
  'ui.holding': "Asking the shop's database…",
  'ui.chain.online': 'online',
  'ui.chain.offline': 'offline since {time}, {count, plural, one {# sale} other {# sales}} to send',
  'ui.chain.offlineShort': 'offline {time}, {count} to send',
} satisfies Record<string, string>;
