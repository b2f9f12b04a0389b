/** 简体中文：数据存储给店长的提示（en-notices.ts）。 */
export const zhNotices = {
  'notice.STORE_TORN_TAIL': '保存时断电：一笔未确认的交易（{bytes} 字节）已从 {file} 末尾删除。该交易从未向收银员确认；所有已确认的销售都在。',
  'notice.SNAPSHOT_REBUILT': '未使用 store.json：{why}。余额已根据流水重新计算，store.json 已重写。',
  'notice.SNAPSHOT_DISCARDED': '未使用 store.json：与流水不一致（{why}）。礼品卡和积分余额以流水为准；该文件已另存为 {aside}。',
  'notice.LOCK_TAKEN_OVER': '已接管一个失效的锁（{detail}）。',
  'notice.STORE_DAMAGED': '流水的早期记录已损坏（{where}：{detail}）。可以继续销售；修复前拒收礼品卡和积分支付。店长：关闭收银台，运行 `till store repair --data {dir}`（保留所有完好的记录，损坏部分另存）。',
  'notice.CHAIN_OVERSPEND_CARD': '礼品卡 {card} 在离线时超额消费 {shortfall}（当前余额 {balance}）。店长：请与顾客结清；连锁数据库保留了记录。',
  'notice.CHAIN_OVERSPEND_POINTS': '{subject} 的积分在离线时超额使用 {shortfall}（当前余额 {balance}）。店长：请与顾客结清；连锁数据库保留了记录。',
} satisfies Record<string, string>;
