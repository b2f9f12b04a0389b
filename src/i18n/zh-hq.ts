/** Chinese texts of head office on the chain: the keys of en-hq.ts. */
export const zhHq = {
  'cli.summary.hq': '连锁总部：发布商品目录、会员、积分方案和设置；各收银台的 Z 报表',
  'hq.usage': `用法：till hq publish [--take-over] [--json] [--data 总部目录]
      till hq report [--day 日期 | --from 日期 --to 日期] [--register R] [--csv | --json] [--data 目录]
      till hq status [--json] [--data 目录]

publish  把总部的店（一个用 till import、till customer、till loyalty 编辑的 till 数据目录）作为一个
         新版本发送到连锁数据库：商品及其条码和分类、会员（身份和等级）、积分方案、等级阶梯和共享设置。
         各收银台拉取（till sync pull；运行中的收银台每隔几秒自动拉取）。第一个发布的店成为总部；
         其他店会被拒绝，除非加 --take-over。
report   从连锁数据库读取各收银台在 日期（默认今天）或 日期 至 日期（本地日期，含首尾）关闭的 Z 报表：
         每个 Z 一行，另加合计。--csv 输出表格。
status   连锁的版本、由谁发布，以及每台收银台的日志在总账中的位置。
数据库取自数据目录 till.config.json 中的 chain.url。`,
  'sync.hq.usage': `用法：till sync pull [--json] [--data 目录]
      till sync join --register 编号 [--url URL] [--replace] [--config 文件] [--json] [--data 目录]

pull   把总部的商品目录、会员、方案和共享设置写入本收银台的日志（作为它已认识的目录、会员和方案事件）；
       拉取两次不改变任何内容，中断的拉取会接着进行。运行中的收银台每隔几秒自动拉取。
join   在空的数据目录中根据连锁数据库新建收银台：总部的各项内容、全部礼品卡和积分余额，以及把它与共享
       历史相连的第一条日志事件。
       --replace：此编号已在连锁中（原收银台被替换）：新收银台接续小票号，并以新的总账编号发送自己的日志。
       --config 文件：本收银台自己的设置（硬件、打印机、语言）作为起点。`,
  'hq.published': '已向 {where} 发布版本 {version}：变更 {products} 个商品、{customers} 位会员、{programs} 个方案、{tiers} 个等级阶梯、{settings} 项设置；删除 {removed} 项。',
  'hq.unchanged': '自版本 {version} 以来没有变化：未发布任何内容。',
  'hq.report.title': 'Z 报表 {from} – {to}（{currency}），来自 {where}',
  'hq.report.head': '收银台       Z  关闭时间          笔数       合计         税额   退货     现金差额',
  'hq.report.total': '合计',
  'hq.report.payments': '付款：{list}',
  'hq.report.none': '这些日期内没有关闭的 Z 报表。',
  'hq.report.noZ': '这些日期内没有 Z：{registers}',
  'hq.report.received': '收银台 {register}：数据库已收到其日志至事件 {seq}（最后发送 {at}）。',
  'hq.report.alertsHead': '透支警报（{count}）：离线时超出余额的兑付，需逐条与顾客处理：',
  'hq.report.alertCard': '  {register}  {at}  礼品卡 ****{last4} 透支 {amount}（当时余额 {balance}）；{told}',
  'hq.report.alertPoints': '  {register}  {at}  {customer} 的积分超用 {amount}（当时余额 {balance}）；{told}',
  'hq.report.alertTold': '已在收银台显示',
  'hq.report.alertUntold': '尚未在收银台显示（下次上传时显示）',
  'hq.status.head': '连锁 {chain}（{where}）：总部版本 {version}，由店 {master} 发布（{currency}）。',
  'hq.status.never': '连锁 {chain}（{where}）：总部尚未发布。',
  'hq.status.register': '  {ledger}  收银台 {register}  事件 {seq}  最后发送 {at}',
  'hq.status.never.sent': '从未',
  'sync.pull.done': '已拉取总部版本 {version}：读取 {items} 项，写入日志 {events} 个事件。',
  'sync.pull.current': '已与总部版本 {version} 一致：无需写入。',
  'sync.pull.settings': '设置 {keys} 已写入 till.config.json（运行中的收银台在下次启动时使用）。',
  'sync.pull.skipped': '有 {n} 项无法读取，已略过。',
  'sync.join.done': '已作为收银台 {register}（总账编号 {ledger}）加入连锁，按总部版本 {version} 初始化：{products} 个商品、{customers} 位会员、{programs} 个方案、{cards} 张礼品卡、{points} 个积分余额。',
  'sync.join.replaced': '它替换原来使用此编号的收银台：小票号从 {receipt} 之后继续；旧日志原样保留在总账中。',
  'sync.join.overspent': '连锁中有 {n} 个余额为负，已按 0 初始化：请先处理（警报在数据库中）。',
  'sync.join.next': '启动：till start --data {dir}',
  'sync.join.needsUrl': 'till sync join 需要连锁数据库：--url postgres://用户@主机:5432/库名（或 --config 文件中的 chain.url）。',
  'sync.join.needsRegister': 'till sync join 需要 --register 编号：这台收银台的编号。',
  'sync.join.exists': '{dir} 中已有店：join 会新建一个店。请选择空的数据目录。',
  "error.HQ_CURRENCY": "连锁以 {chain} 记账；此店使用 {store}。未做任何更改。",
  "error.HQ_NOT_MASTER": "另一家店在向此连锁发布总部数据（店 {master}）。请从那个数据目录发布，或加 --take-over 让此店成为总部。未发布任何内容。",
  "error.HQ_REGISTER_EXISTS": "收银台“{register}”已在连锁中。要替换它（旧数据目录已丢失或停用），请加 --replace 再次运行 till sync join；新收银台请用新编号。未创建任何内容。",
  "hq.needsSub": "till hq 需要 publish、report、status 之一",
  "hq.needsSubGot": "till hq 需要 publish、report、status 之一，收到“{got}”",
  "hq.csvOrJson": "--csv 和 --json 只能选一个",
  "hq.dayOrRange": "--day 和 --from/--to 只能选一种",
  "hq.rangeTogether": "--from 和 --to 要一起给",
  "hq.dates": "日期格式为 YYYY-MM-DD",
  "hq.fromAfterTo": "--from 不能晚于 --to",
} as const;
