/** Chinese (Simplified) texts of `till loyalty`: the keys of en-cli-loyalty.ts. */
export const zhCliLoyalty = {
  'cli.loyalty.usage': `用法：till loyalty <子命令> [选项] [--data 目录]     （till loyalty <子命令> --help）

子命令：
  program   从 JSON 文件设置积分方案、积分规则、兑换奖励和会员等级；查看；导出
  adjust    在会员卡上增加或扣减积分，需填原因
  accrue    按条件给会员批量赠送积分（同一批次只赠送一次）
  expire    记录已过期的积分
  tiers     重新评定会员等级（升级；如已设置，也会降级）`,
  'cli.loyalty.help.program': `用法：till loyalty program set 文件.json [--dry-run]
      till loyalty program list [--json]
      till loyalty program export [文件.json]
“set” 新建或替换文件中的积分方案（按 id），文件中有 "tiers" 时也替换会员等级；文件中没有的方案保持
不变（停用方案："active": false）。“export” 按同样格式写出当前的方案和等级，便于修改后重新设置。
“list --json” 按流水账保存的原样输出：金额为最小货币单位，积分为积分单位，比例为 ppm。详见 docs/loyalty.md。`,
  'cli.loyalty.help.adjust': `用法：till loyalty adjust 会员卡 --points [+|-]N --reason 原因 [--program ID] [--additional] [--operator ID]
手动增加或扣减积分；原因记入该卡的流水。积分不会低于零。
--additional：附加（促销）积分——活动赠送，或扣减附加积分。`,
  'cli.loyalty.help.accrue': `用法：till loyalty accrue --points N --reason 原因 [筛选条件] [--program ID] [--batch ID] [--dry-run]
                           [--additional [--expires-days N]]
给每位符合筛选条件的会员赠送 N 积分（冻结的会员卡除外）。使用 --additional 时赠送为附加（促销）积分：先于
基本积分使用，在 --expires-days N 天后过期，或按方案的 "additionalExpiryDays"（否则 "expiryDays"），
在小票和流水中单独显示。
  --spend-min 金额  --spend-max 金额        累计消费在此范围内（含两端）
  --tier ID                                 此等级的会员
  --last-purchase-before 日期  --last-purchase-after 日期
--dry-run 显示会有多少会员以及几个示例。一个批次只赠送一次：同一天的相同请求（或相同的 --batch ID）
不会给任何人重复赠送，中途中断的运行会从中断处继续。`,
  'cli.loyalty.help.expire': `用法：till loyalty expire [--dry-run]
      till loyalty expire --dry-run --as-of 日期 [--sample N]
记录已过有效期的积分（设有 "expiryDays" 的方案）。最早的积分先过期。
--as-of 日期 预览到该日期不能再使用的积分（在该日或之前到期的积分），并按日期列出前 N 位会员（默认 10
位）：用于安排提醒或促销活动。不做任何记录。`,
  'cli.loyalty.help.tiers': `用法：till loyalty tiers review [--dry-run]
把会员调整到今天符合的等级：升级总会进行，降级仅在等级设置中有 "demotion": true 时进行。按门店需要的
周期运行（例如用 cron 每月一次）。`,
  'cli.loyalty.unknownSub': 'till loyalty 没有子命令“{sub}”',
  // program
  'cli.loyalty.program.none': '还没有积分方案。创建方法：till loyalty program set 文件.json',
  'cli.loyalty.program.exists': '{file} 已存在；请换一个新文件',
  'cli.loyalty.program.wrote': '已将 {n} 个方案写入 {file}。',
  'cli.loyalty.program.wroteTiers': '已将 {n} 个方案及会员等级写入 {file}。',
  'cli.loyalty.program.expected': '应为：till loyalty program set 文件.json | list | export [文件]',
  'cli.loyalty.program.cannotRead': '无法读取 {file}：{error}。没有做任何更改。',
  'cli.loyalty.program.problem': '{file}：{key}：{message} [{code}]',
  'cli.loyalty.program.problemAt': '{file}，第 {line} 行第 {column} 列：{key}：{message} [{code}]',
  'cli.loyalty.program.problems': '{file} 有 {n} 处问题。没有做任何更改。',
  'cli.loyalty.program.rewardMissing': '注意：奖励 {program}/{reward}：商品 {sku} 还不在商品目录中',
  'cli.loyalty.program.dryRun': '试运行：没有做任何更改。',
  'cli.loyalty.program.stray': '注意：{n} 位会员的等级已不在等级设置中；请运行：till loyalty tiers review',
  'cli.loyalty.program.saved': '已保存 {n} 个方案。',
  'cli.loyalty.program.savedTiers': '已保存 {n} 个方案及会员等级。',
  'cli.loyalty.program.savedNoTiers': '已保存 {n} 个方案；会员等级已删除。',
  // adjust
  'cli.loyalty.adjust.pointsNumber': '--points 须为积分数，例如 +10 或 -2{fraction}',
  'cli.loyalty.adjust.added': '已给 {name}（{card}）增加 {points} 积分：余额 {balance}{extra}。',
  'cli.loyalty.adjust.addedAdditional': '已给 {name}（{card}）增加 {points} 附加积分：余额 {balance}{extra}。',
  'cli.loyalty.adjust.removed': '已从 {name}（{card}）扣减 {points} 积分：余额 {balance}{extra}。',
  'cli.loyalty.adjust.removedAdditional': '已从 {name}（{card}）扣减 {points} 附加积分：余额 {balance}{extra}。',
  'cli.loyalty.adjust.extra': '（其中附加积分 {points}）',
  // accrue
  'cli.loyalty.accrue.pointsPositive': '--points 须为大于 0 的积分数',
  'cli.loyalty.accrue.reasonRequired': '必须填写 --reason：它会记入每张会员卡的流水',
  'cli.loyalty.accrue.amount': '{what} 须为 {cur} 金额，收到的是 {got}',
  'cli.loyalty.date': '{what} 须为 YYYY-MM-DD 格式的日期',
  'cli.loyalty.accrue.noTier': '没有等级“{tier}”。',
  'cli.loyalty.accrue.expiresWithout': '--expires-days 须与 --additional 一起使用（附加积分有自己的有效期）',
  'cli.loyalty.accrue.expiresDays': '--expires-days 须为 1 到 36500 之间的整数天数',
  'cli.loyalty.accrue.what': '{points} 积分（{program}）给 {n} 位会员，批次 {batch}',
  'cli.loyalty.accrue.whatUntil': '{points} 附加积分（{program}）给 {n} 位会员，批次 {batch}，{date} 过期',
  'cli.loyalty.accrue.whatForever': '{points} 附加积分（{program}）给 {n} 位会员，批次 {batch}，永不过期',
  'cli.loyalty.accrue.dryRun': '试运行：将赠送 {what}。',
  'cli.loyalty.accrue.dryRunAlready': '试运行：将赠送 {what}；此批次已赠送 {done} 位。',
  'cli.loyalty.accrue.alreadyDone': '无需操作：批次 {batch} 已给 {n} 位会员赠送过。',
  'cli.loyalty.accrue.noMatch': '没有会员符合筛选条件。',
  'cli.loyalty.accrue.crediting': '正在赠送',
  'cli.loyalty.accrue.credited': '已赠送 {what}。',
  // expire
  'cli.loyalty.expire.none': '{date} 没有到期的积分。',
  'cli.loyalty.expire.dryRun': '试运行：{n} 个积分账户将过期 {summary}。',
  'cli.loyalty.expire.expired': '已在 {n} 个积分账户上记录过期 {summary}。',
  'cli.loyalty.expire.part': '{program} 的 {points} 积分',
  'cli.loyalty.expire.asOfDry': '--as-of 预览到某日将过期的积分：请加 --dry-run（积分在到期当天由 till loyalty expire 记录过期）',
  'cli.loyalty.expire.asOfAhead': '--as-of 只能向后看：请填今天（{today}）或之后的日期',
  'cli.loyalty.expire.sample': '--sample 须为要列出的会员人数（整数）',
  'cli.loyalty.expire.previewNone': '试运行：到 {date} 没有积分过期。',
  'cli.loyalty.expire.preview': '试运行：到 {date}，{n} 个积分账户将过期 {summary}。',
  'cli.loyalty.expire.previewToday': '试运行：到 {date}，{n} 个积分账户将过期 {summary}（其中 {today} 个今天已过期）。',
  'cli.loyalty.expire.previewRow': '  {who}  |  {program} 的 {points} 积分，自 {date}',
  'cli.loyalty.expire.previewMore': '  … 还有 {n} 位（用 --sample N 列出更多）',
  'cli.loyalty.expire.previewEnd': '在此之前使用的积分先扣最早的，不会过期。没有做任何更改。',
  // tiers
  'cli.loyalty.tiers.expected': '应为：till loyalty tiers review [--dry-run]',
  'cli.loyalty.tiers.counts': '升级 {up} 人，降级 {down} 人',
  'cli.loyalty.tiers.none': '等级评定：{text}。',
  'cli.loyalty.tiers.dryRun': '试运行：{text}。',
  'cli.loyalty.tiers.recorded': '已记录：{text}。',
  // the program and tier-ladder lines of program list/set (src/domain/loyalty/admin-view.ts)
  'cli.loyalty.view.active': "启用",
  'cli.loyalty.view.stopped': "已停用",
  'cli.loyalty.view.dates': " {start} 至 {end}",
  'cli.loyalty.view.program': "{id}：{name} [{state}]{dates}；积分保留 {decimals} 位小数，按 {step} 向下取整{expiry}{additional}",
  'cli.loyalty.view.expiry': "；{days} 天后过期",
  'cli.loyalty.view.additionalExpiry': "；附加积分 {days} 天后过期",
  'cli.loyalty.view.perAmount': "每 {amount} 得 {points} 积分",
  'cli.loyalty.view.perUnit': "每件得 {points} 积分",
  'cli.loyalty.view.perOrder': "每单得 {points} 积分",
  'cli.loyalty.view.onSku': "，适用商品 {sku}",
  'cli.loyalty.view.onCategory': "，适用品类 {category}",
  'cli.loyalty.view.cumulative': "（在基础积分上叠加）",
  'cli.loyalty.view.replaces': "（替代基础积分）",
  'cli.loyalty.view.minQty': "至少 {n} 件",
  'cli.loyalty.view.minAmount': "满 {amount}",
  'cli.loyalty.view.minAmountExcl': "满 {amount}（不含税）",
  'cli.loyalty.view.rule': "  规则 {id}：{parts}{on}{min}{additional}",
  'cli.loyalty.view.ruleAdditional': "（附加积分）",
  'cli.loyalty.view.reward': "  奖励 {text}",
  'cli.loyalty.view.cost': "{points} 积分",
  'cli.loyalty.view.costNeeds': "{points} 积分，需余额 {min}",
  'cli.loyalty.view.cashback': "{id}：{name} — 每 {points} 积分抵 {amount}，以 {step} 为单位{max}",
  'cli.loyalty.view.cashbackMax': "，最多抵单笔的 {percent}%",
  'cli.loyalty.view.fixed': "{id}：{name} — 减 {amount}，需 {cost}",
  'cli.loyalty.view.percent': "{id}：{name} — 打 {percent}% 折扣{target}{max}，需 {cost}",
  'cli.loyalty.view.percentMax': "（最多 {amount}）",
  'cli.loyalty.view.free': "{id}：{name} — 免费送 {sku}，需 {cost}",
  'cli.loyalty.view.tiersBySpend': "会员等级按消费金额{period}{demotion}：",
  'cli.loyalty.view.tiersByPoints': "会员等级按 {program} 所得积分{period}{demotion}：",
  'cli.loyalty.view.period': "（最近 {n} 个月）",
  'cli.loyalty.view.lifetime': "（累计）",
  'cli.loyalty.view.demotion': "，评定时可降级",
  'cli.loyalty.view.tier': "  {id}：{name}，起点 {threshold}{perks}",
  'cli.loyalty.view.thresholdPoints': "{points} 积分",
  'cli.loyalty.view.discount': "优惠 {percent}%",
  'cli.loyalty.view.multiplier': "积分 x{n}",
  'cli.loyalty.view.tierCashback': "返 {percent}% 为 {program} 积分",
  'cli.loyalty.view.price': "    会员价 {what}：{price}",
  'cli.loyalty.view.priceSku': "商品 {sku}",
  'cli.loyalty.view.priceCategory': "品类 {category}",
  'cli.loyalty.view.priceOff': "优惠 {percent}%",
  'cli.loyalty.view.minPart': "；{min}",
  'cli.loyalty.view.list': "，",
  // the refusals of the customer and program lookups (shared with till customer and till giftcard)
  'cli.loyalty.nameCustomer': "请用会员卡号、手机号或会员编号指明会员",
  'cli.error.CUSTOMER_AMBIGUOUS': "有 {n} 位会员使用手机号 {ref}；请用会员卡号指明。",
  'cli.error.CUSTOMER_UNKNOWN': "没有会员卡号、手机号或编号为“{ref}”的会员。试试：till customer find {ref}",
  'cli.loyalty.noProgram': "没有积分方案“{id}”（现有方案：{programs}）。",
  'cli.loyalty.none': "无",
  'cli.loyalty.noPrograms': "门店还没有积分方案：till loyalty program set 文件.json",
  'cli.loyalty.severalPrograms': "门店有多个积分方案：请用 --program 指定一个（{programs}）",
};
