/** Vietnamese texts of `till loyalty`: the keys of en-cli-loyalty.ts. */
export const viCliLoyalty = {
  'cli.loyalty.usage': `Cách dùng: till loyalty <lệnh con> [tùy chọn] [--data THƯ_MỤC]     (till loyalty <lệnh con> --help)

Lệnh con:
  program   đặt chương trình, quy tắc tích điểm, quà đổi điểm và hạng từ tệp JSON; xem; xuất ra
  adjust    cộng hoặc trừ điểm trên thẻ, kèm lý do
  accrue    tặng điểm hàng loạt cho khách hàng theo bộ lọc (mỗi đợt chỉ tặng một lần)
  expire    ghi nhận điểm đã quá hạn
  tiers     xét lại hạng (lên hạng, và xuống hạng nếu có cài đặt)`,
  'cli.loyalty.help.program': `Cách dùng: till loyalty program set TỆP.json [--dry-run]
       till loyalty program list [--json]
       till loyalty program export [TỆP.json]
"set" tạo mới hoặc thay các chương trình có trong tệp (theo id) và, nếu tệp có "tiers", cả bậc hạng;
chương trình không có trong tệp giữ nguyên (dừng một chương trình: "active": false). "export" ghi
các chương trình và hạng hiện tại theo cùng định dạng, để sửa rồi đặt lại. "list --json" in ra đúng
như sổ nhật ký lưu: tiền theo đơn vị nhỏ nhất, điểm theo đơn vị, tỷ lệ theo ppm. Xem docs/loyalty.md.`,
  'cli.loyalty.help.adjust': `Cách dùng: till loyalty adjust THẺ --points [+|-]N --reason LÝ_DO [--program ID] [--additional] [--operator ID]
Cộng hoặc trừ điểm bằng tay; lý do được giữ trong lịch sử của thẻ. Không bao giờ xuống dưới 0.
--additional: điểm thưởng (khuyến mãi) — cộng theo chương trình khuyến mãi, hoặc trừ điểm thưởng.`,
  'cli.loyalty.help.accrue': `Cách dùng: till loyalty accrue --points N --reason LÝ_DO [bộ lọc] [--program ID] [--batch ID] [--dry-run]
                           [--additional [--expires-days N]]
Cộng N điểm cho mọi khách hàng khớp bộ lọc (thẻ bị khóa thì không). --additional cộng thành điểm
thưởng (khuyến mãi): được dùng trước điểm chính, hết hạn sau --expires-days N ngày hoặc theo
"additionalExpiryDays" của chương trình (nếu không thì "expiryDays"), in riêng trên hóa đơn và lịch sử.
  --spend-min SỐ_TIỀN  --spend-max SỐ_TIỀN   tổng chi tiêu từ trước đến nay trong khoảng này (kể cả hai đầu)
  --tier ID                                 khách hàng thuộc hạng này
  --last-purchase-before NGÀY  --last-purchase-after NGÀY
--dry-run cho biết bao nhiêu khách hàng và vài người mẫu. Mỗi đợt chỉ cộng một lần: cùng yêu cầu trong
cùng ngày (hoặc cùng --batch ID) không cộng cho ai hai lần, lần chạy bị ngắt sẽ tiếp tục từ chỗ dừng.`,
  'cli.loyalty.help.expire': `Cách dùng: till loyalty expire [--dry-run]
       till loyalty expire --dry-run --as-of NGÀY [--sample N]
Ghi nhận điểm đã quá hạn (chương trình có "expiryDays"). Điểm cũ nhất hết hạn trước.
--as-of NGÀY xem trước số điểm đến NGÀY đó không còn dùng được (các lô hết hạn đến hết ngày đó), kèm N
khách hàng đầu tiên (mặc định 10) theo ngày: để lên kế hoạch nhắc khách hoặc khuyến mãi. Không ghi gì.`,
  'cli.loyalty.help.tiers': `Cách dùng: till loyalty tiers review [--dry-run]
Chuyển khách hàng sang hạng họ đạt được hôm nay: luôn lên hạng, chỉ xuống hạng khi bậc hạng có
"demotion": true. Chạy theo lịch cửa hàng muốn (ví dụ mỗi tháng một lần bằng cron).`,
  'cli.loyalty.unknownSub': 'till loyalty không có lệnh con "{sub}"',
  // program
  'cli.loyalty.program.none': 'Chưa có chương trình tích điểm. Tạo bằng: till loyalty program set TỆP.json',
  'cli.loyalty.program.exists': '{file} đã có; hãy chọn tệp mới',
  'cli.loyalty.program.wrote': 'Đã ghi {n} chương trình vào {file}.',
  'cli.loyalty.program.wroteTiers': 'Đã ghi {n} chương trình và các hạng vào {file}.',
  'cli.loyalty.program.expected': 'cần: till loyalty program set TỆP.json | list | export [TỆP]',
  'cli.loyalty.program.cannotRead': 'Không đọc được {file}: {error}. Không thay đổi gì.',
  'cli.loyalty.program.problem': '{file}: {key}: {message} [{code}]',
  'cli.loyalty.program.problemAt': '{file}, dòng {line}, cột {column}: {key}: {message} [{code}]',
  'cli.loyalty.program.problems': '{file} có {n} lỗi. Không thay đổi gì.',
  'cli.loyalty.program.rewardMissing': 'lưu ý: quà {program}/{reward}: sản phẩm {sku} chưa có trong danh mục',
  'cli.loyalty.program.dryRun': 'Chạy thử: không thay đổi gì.',
  'cli.loyalty.program.stray': 'lưu ý: {n} khách hàng đang ở hạng không còn trong bậc hạng; hãy chạy: till loyalty tiers review',
  'cli.loyalty.program.saved': 'Đã lưu {n} chương trình.',
  'cli.loyalty.program.savedTiers': 'Đã lưu {n} chương trình và các hạng.',
  'cli.loyalty.program.savedNoTiers': 'Đã lưu {n} chương trình; đã bỏ các hạng.',
  // adjust
  'cli.loyalty.adjust.pointsNumber': '--points phải là số điểm, ví dụ +10 hoặc -2{fraction}',
  'cli.loyalty.adjust.added': 'Đã cộng {points} điểm cho {name} ({card}): còn {balance} điểm{extra}.',
  'cli.loyalty.adjust.addedAdditional': 'Đã cộng {points} điểm thưởng cho {name} ({card}): còn {balance} điểm{extra}.',
  'cli.loyalty.adjust.removed': 'Đã trừ {points} điểm của {name} ({card}): còn {balance} điểm{extra}.',
  'cli.loyalty.adjust.removedAdditional': 'Đã trừ {points} điểm thưởng của {name} ({card}): còn {balance} điểm{extra}.',
  'cli.loyalty.adjust.extra': ' ({points} điểm thưởng)',
  // accrue
  'cli.loyalty.accrue.pointsPositive': '--points phải là số điểm lớn hơn 0',
  'cli.loyalty.accrue.reasonRequired': 'cần có --reason: lý do được giữ trong lịch sử của từng thẻ',
  'cli.loyalty.accrue.amount': '{what} phải là số tiền bằng {cur}, nhận được {got}',
  'cli.loyalty.date': '{what} phải là ngày dạng YYYY-MM-DD',
  'cli.loyalty.accrue.noTier': 'Không có hạng "{tier}".',
  'cli.loyalty.accrue.expiresWithout': '--expires-days đi cùng --additional (điểm thưởng có hạn dùng riêng)',
  'cli.loyalty.accrue.expiresDays': '--expires-days phải là số ngày nguyên từ 1 đến 36500',
  'cli.loyalty.accrue.what': '{points} điểm ({program}) cho {n} khách hàng, đợt {batch}',
  'cli.loyalty.accrue.whatUntil': '{points} điểm thưởng ({program}) cho {n} khách hàng, đợt {batch}, hết hạn {date}',
  'cli.loyalty.accrue.whatForever': '{points} điểm thưởng ({program}) cho {n} khách hàng, đợt {batch}, không hết hạn',
  'cli.loyalty.accrue.dryRun': 'Chạy thử: sẽ cộng {what}.',
  'cli.loyalty.accrue.dryRunAlready': 'Chạy thử: sẽ cộng {what}; đợt này đã cộng cho {done} người.',
  'cli.loyalty.accrue.alreadyDone': 'Không cần làm gì: đợt {batch} đã cộng cho {n} khách hàng.',
  'cli.loyalty.accrue.noMatch': 'Không có khách hàng nào khớp bộ lọc.',
  'cli.loyalty.accrue.crediting': 'Đang cộng điểm',
  'cli.loyalty.accrue.credited': 'Đã cộng {what}.',
  // expire
  'cli.loyalty.expire.none': 'Không có điểm nào hết hạn ngày {date}.',
  'cli.loyalty.expire.dryRun': 'Chạy thử: {n} số dư sẽ mất {summary}.',
  'cli.loyalty.expire.expired': 'Đã ghi hết hạn {summary} trên {n} số dư.',
  'cli.loyalty.expire.part': '{points} điểm của {program}',
  'cli.loyalty.expire.asOfDry': '--as-of xem trước điểm sẽ hết hạn đến một ngày: thêm --dry-run (điểm được ghi hết hạn đúng ngày bằng till loyalty expire)',
  'cli.loyalty.expire.asOfAhead': '--as-of nhìn về phía trước: cho ngày hôm nay ({today}) hoặc ngày sau đó',
  'cli.loyalty.expire.sample': '--sample phải là số nguyên khách hàng cần liệt kê',
  'cli.loyalty.expire.previewNone': 'Chạy thử: đến {date} không có điểm nào hết hạn.',
  'cli.loyalty.expire.preview': 'Chạy thử: đến {date}, {n} số dư sẽ mất {summary}.',
  'cli.loyalty.expire.previewToday': 'Chạy thử: đến {date}, {n} số dư sẽ mất {summary} (trong đó {today} đã quá hạn từ hôm nay).',
  'cli.loyalty.expire.previewRow': '  {who}  |  {points} điểm của {program} từ {date}',
  'cli.loyalty.expire.previewMore': '  … và {n} người nữa (--sample N để xem thêm)',
  'cli.loyalty.expire.previewEnd': 'Điểm dùng trước ngày đó trừ vào điểm cũ nhất và sẽ không hết hạn. Không thay đổi gì.',
  // tiers
  'cli.loyalty.tiers.expected': 'cần: till loyalty tiers review [--dry-run]',
  'cli.loyalty.tiers.counts': '{up} lượt lên hạng, {down} lượt xuống hạng',
  'cli.loyalty.tiers.none': 'Xét hạng: {text}.',
  'cli.loyalty.tiers.dryRun': 'Chạy thử: {text}.',
  'cli.loyalty.tiers.recorded': 'Đã ghi {text}.',
  // the program and tier-ladder lines of program list/set (src/domain/loyalty/admin-view.ts)
  'cli.loyalty.view.active': "đang chạy",
  'cli.loyalty.view.stopped': "đã dừng",
  'cli.loyalty.view.dates': " từ {start} đến {end}",
  'cli.loyalty.view.program': "{id}: {name} [{state}]{dates}; điểm lấy {decimals} chữ số thập phân, làm tròn xuống theo bước {step}{expiry}{additional}",
  'cli.loyalty.view.expiry': "; hết hạn sau {days} ngày",
  'cli.loyalty.view.additionalExpiry': "; điểm thưởng hết hạn sau {days} ngày",
  'cli.loyalty.view.perAmount': "{points} điểm mỗi {amount}",
  'cli.loyalty.view.perUnit': "{points} điểm mỗi sản phẩm",
  'cli.loyalty.view.perOrder': "{points} điểm mỗi đơn",
  'cli.loyalty.view.onSku': " cho mã {sku}",
  'cli.loyalty.view.onCategory': " cho nhóm hàng {category}",
  'cli.loyalty.view.cumulative': " (cộng thêm vào mức cơ bản)",
  'cli.loyalty.view.replaces': " (thay mức cơ bản)",
  'cli.loyalty.view.minQty': "tối thiểu {n} sản phẩm",
  'cli.loyalty.view.minAmount': "tối thiểu {amount}",
  'cli.loyalty.view.minAmountExcl': "tối thiểu {amount} chưa thuế",
  'cli.loyalty.view.rule': "  quy tắc {id}: {parts}{on}{min}{additional}",
  'cli.loyalty.view.ruleAdditional': " (điểm thưởng)",
  'cli.loyalty.view.reward': "  quà {text}",
  'cli.loyalty.view.cost': "{points} điểm",
  'cli.loyalty.view.costNeeds': "{points} điểm, cần có {min}",
  'cli.loyalty.view.cashback': "{id}: {name} — {amount} cho mỗi {points} điểm, theo bước {step}{max}",
  'cli.loyalty.view.cashbackMax': ", tối đa {percent}% hóa đơn",
  'cli.loyalty.view.fixed': "{id}: {name} — giảm {amount}, đổi {cost}",
  'cli.loyalty.view.percent': "{id}: {name} — giảm {percent}%{target}{max}, đổi {cost}",
  'cli.loyalty.view.percentMax': " (tối đa {amount})",
  'cli.loyalty.view.free': "{id}: {name} — tặng {sku}, đổi {cost}",
  'cli.loyalty.view.tiersBySpend': "hạng theo chi tiêu{period}{demotion}:",
  'cli.loyalty.view.tiersByPoints': "hạng theo điểm tích trong {program}{period}{demotion}:",
  'cli.loyalty.view.period': " trong {n} tháng gần nhất",
  'cli.loyalty.view.lifetime': " (từ trước đến nay)",
  'cli.loyalty.view.demotion': ", xét xuống hạng",
  'cli.loyalty.view.tier': "  {id}: {name} từ {threshold}{perks}",
  'cli.loyalty.view.thresholdPoints': "{points} điểm",
  'cli.loyalty.view.discount': "giảm {percent}%",
  'cli.loyalty.view.multiplier': "x{n} điểm",
  'cli.loyalty.view.tierCashback': "hoàn {percent}% bằng điểm {program}",
  'cli.loyalty.view.price': "    giá {what}: {price}",
  'cli.loyalty.view.priceSku': "mã {sku}",
  'cli.loyalty.view.priceCategory': "nhóm hàng {category}",
  'cli.loyalty.view.priceOff': "giảm {percent}%",
  'cli.loyalty.view.minPart': "; {min}",
  'cli.loyalty.view.list': ", ",
  // the refusals of the customer and program lookups (shared with till customer and till giftcard)
  'cli.loyalty.nameCustomer': "hãy chỉ rõ khách hàng bằng số thẻ, số điện thoại hoặc mã khách hàng",
  'cli.error.CUSTOMER_AMBIGUOUS': "{n} khách hàng có cùng số điện thoại {ref}; hãy chỉ rõ bằng số thẻ.",
  'cli.error.CUSTOMER_UNKNOWN': "Không có khách hàng nào có thẻ, số điện thoại hoặc mã \"{ref}\". Thử: till customer find {ref}",
  'cli.loyalty.noProgram': "Không có chương trình \"{id}\" (các chương trình: {programs}).",
  'cli.loyalty.none': "chưa có",
  'cli.loyalty.noPrograms': "Cửa hàng chưa có chương trình tích điểm: till loyalty program set TỆP.json",
  'cli.loyalty.severalPrograms': "cửa hàng có nhiều chương trình: hãy chọn một bằng --program ({programs})",
};
