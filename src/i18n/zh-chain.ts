/** Chinese of the register on a chain (docs/chain.md): holds refused, offline rules, the status line. */
export const zhChain = {
  'error.GIFT_CARD_CHAIN_BALANCE': '礼品卡 {card} 在本店各收银台合计仅剩 {available}（其余已被其他交易占用）。未保存任何内容。',
  'error.GIFT_CARD_OFFLINE': '现在不能使用礼品卡：收银台连不上本店数据库。请换一种付款方式，或等连接恢复后再试。',
  'error.GIFT_CARD_OFFLINE_LIMIT': '离线时，礼品卡 {card} 现在最多只能支付 {max}（连不上本店数据库期间的限额）。',
  'error.POINTS_CHAIN_BALANCE': '该顾客在本店各收银台合计仅剩 {available} 积分（其余已被其他交易占用）。未保存任何内容。',
  'error.POINTS_OFFLINE': '现在不能使用积分：收银台连不上本店数据库。请移除奖励，或等连接恢复后再试。',
  'error.POINTS_OFFLINE_LIMIT': '离线时，该顾客在本收银台最多还能使用 {max} 积分（数据库恢复前限额 {limit}）。',
  'ui.holding': '正在询问本店数据库…',
  'ui.chain.online': '在线',
  'ui.chain.offline': '自 {time} 离线，{count} 笔待发送',
  'ui.chain.offlineShort': '离线 {time}，待发 {count}',
} satisfies Record<string, string>;
