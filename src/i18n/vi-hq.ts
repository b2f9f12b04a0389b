/** Vietnamese texts of head office on the chain: the keys of en-hq.ts. */
export const viHq = {
  'cli.summary.hq': 'trụ sở chính trên chuỗi: phát hành danh mục, khách hàng, chương trình và cài đặt; báo cáo Z của mọi quầy',
  'hq.usage': `Cách dùng: till hq publish [--take-over] [--json] [--data THƯ_MỤC_TRỤ_SỞ]
       till hq report [--day NGÀY | --from NGÀY --to NGÀY] [--register R] [--csv | --json] [--data THƯ_MỤC]
       till hq status [--json] [--data THƯ_MỤC]

publish  Gửi cửa hàng của trụ sở chính (một thư mục dữ liệu till, sửa bằng till import, till customer
         và till loyalty) lên cơ sở dữ liệu của chuỗi thành một phiên bản mới: sản phẩm cùng mã vạch và
         nhóm hàng, khách hàng (danh tính và hạng), chương trình khách hàng thân thiết, thang hạng và các
         cài đặt dùng chung. Các quầy tự kéo về (till sync pull; quầy đang chạy thì vài giây một lần).
         Cửa hàng phát hành đầu tiên trở thành trụ sở chính; cửa hàng khác bị từ chối trừ khi có --take-over.
report   Báo cáo Z của mọi quầy từ cơ sở dữ liệu của chuỗi, đóng vào NGÀY (mặc định hôm nay) hoặc từ NGÀY
         đến NGÀY (ngày địa phương, tính cả hai đầu): mỗi Z một dòng và dòng tổng. --csv cho bảng tính.
status   Phiên bản của chuỗi, ai phát hành, và nhật ký của từng quầy trong sổ cái.
Cơ sở dữ liệu là chain.url trong till.config.json của thư mục dữ liệu.`,
  'sync.hq.usage': `Cách dùng: till sync pull [--json] [--data THƯ_MỤC]
       till sync join --register MÃ [--url URL] [--replace] [--config TỆP] [--json] [--data THƯ_MỤC]

pull   Đưa danh mục, khách hàng, chương trình và cài đặt dùng chung của trụ sở chính vào nhật ký của
       quầy này (dưới dạng các sự kiện danh mục, khách hàng và chương trình quen thuộc); kéo hai lần
       không đổi gì, lần kéo bị ngắt sẽ tiếp tục. Quầy đang chạy tự kéo vài giây một lần.
join   Tạo một quầy trong thư mục dữ liệu trống từ cơ sở dữ liệu của chuỗi: các mục của trụ sở chính,
       mọi số dư thẻ quà tặng và điểm, và sự kiện đầu tiên của nhật ký nối nó với lịch sử chung.
       --replace: mã quầy đã có trong chuỗi (quầy cũ được thay): quầy mới tiếp tục số hóa đơn và gửi
       nhật ký riêng dưới một mã sổ cái mới.
       --config TỆP: cài đặt riêng của quầy này (phần cứng, máy in, ngôn ngữ) để bắt đầu.`,
  'hq.published': 'Đã phát hành phiên bản {version} lên {where}: đổi {products} sản phẩm, {customers} khách hàng, {programs} chương trình, {tiers} thang hạng, {settings} cài đặt; gỡ {removed}.',
  'hq.unchanged': 'Không có gì thay đổi kể từ phiên bản {version}: không phát hành gì.',
  'hq.report.title': 'Báo cáo Z {from} – {to} ({currency}) từ {where}',
  'hq.report.head': 'quầy         Z  đóng lúc          số bán     tổng cộng    thuế   trả hàng  chênh tiền mặt',
  'hq.report.total': 'TỔNG',
  'hq.report.payments': 'Thanh toán: {list}',
  'hq.report.none': 'Không có báo cáo Z nào được đóng trong những ngày này.',
  'hq.report.noZ': 'Không có Z trong những ngày này: {registers}',
  'hq.report.received': 'Quầy {register}: cơ sở dữ liệu có nhật ký của quầy đến sự kiện {seq} (gửi lần cuối {at}).',
  'hq.report.alertsHead': 'Cảnh báo tiêu quá ({count}): dùng vượt số dư khi mất kết nối, cần xử lý từng trường hợp với khách:',
  'hq.report.alertCard': '  {register}  {at}  thẻ quà tặng ****{last4} bị tiêu quá {amount} (số dư khi đó {balance}); {told}',
  'hq.report.alertPoints': '  {register}  {at}  điểm của {customer} bị dùng quá {amount} (số dư khi đó {balance}); {told}',
  'hq.report.alertTold': 'đã hiện tại quầy',
  'hq.report.alertUntold': 'chưa hiện tại quầy (sẽ hiện ở lần gửi tới)',
  'hq.status.head': 'Chuỗi {chain} tại {where}: trụ sở chính phiên bản {version}, do cửa hàng {master} phát hành ({currency}).',
  'hq.status.never': 'Chuỗi {chain} tại {where}: trụ sở chính chưa phát hành lần nào.',
  'hq.status.register': '  {ledger}  quầy {register}  sự kiện {seq}  gửi lần cuối {at}',
  'hq.status.never.sent': 'chưa bao giờ',
  'sync.pull.done': 'Đã kéo phiên bản {version} của trụ sở chính: đọc {items} mục, ghi {events} sự kiện vào nhật ký.',
  'sync.pull.current': 'Đã khớp với phiên bản {version} của trụ sở chính: không có gì để ghi.',
  'sync.pull.settings': 'Đã ghi các cài đặt {keys} vào till.config.json (quầy đang chạy dùng chúng từ lần khởi động sau).',
  'sync.pull.skipped': '{n} mục không đọc được và đã bị bỏ qua.',
  'sync.join.done': 'Đã gia nhập chuỗi với quầy {register} (mã sổ cái {ledger}), khởi tạo từ phiên bản {version} của trụ sở chính: {products} sản phẩm, {customers} khách hàng, {programs} chương trình, {cards} thẻ quà tặng, {points} số dư điểm.',
  'sync.join.replaced': 'Quầy này thay cho quầy từng mang mã này: số hóa đơn tiếp tục sau {receipt}; nhật ký cũ vẫn giữ nguyên trong sổ cái.',
  'sync.join.overspent': '{n} số dư âm trong chuỗi được khởi tạo bằng 0: hãy xử lý chúng trước (cảnh báo nằm trong cơ sở dữ liệu).',
  'sync.join.next': 'Khởi động bằng: till start --data {dir}',
  'sync.join.needsUrl': 'till sync join cần cơ sở dữ liệu của chuỗi: --url postgres://NGƯỜI_DÙNG@MÁY:5432/CSDL (hoặc chain.url trong --config TỆP).',
  'sync.join.needsRegister': 'till sync join cần --register MÃ: mã quầy mà máy này sẽ mang.',
  'sync.join.exists': 'Đã có cửa hàng trong {dir}: join tạo cửa hàng mới. Hãy chọn một thư mục dữ liệu trống.',
  "error.HQ_CURRENCY": "Chuỗi ghi sổ bằng {chain}; cửa hàng này dùng {store}. Không có gì thay đổi.",
  "error.HQ_NOT_MASTER": "Một cửa hàng khác đang phát hành dữ liệu trụ sở chính cho chuỗi này (cửa hàng {master}). Hãy phát hành từ thư mục dữ liệu đó, hoặc thêm --take-over để cửa hàng này làm trụ sở chính. Không phát hành gì.",
  "error.HQ_REGISTER_EXISTS": "Quầy \"{register}\" đã có trong chuỗi. Muốn thay nó (thư mục dữ liệu cũ bị mất hoặc ngừng dùng), hãy chạy lại till sync join với --replace; quầy mới thì lấy mã mới. Không tạo gì.",
  "hq.needsSub": "till hq cần một trong publish, report, status",
  "hq.needsSubGot": "till hq cần một trong publish, report, status, nhận được \"{got}\"",
  "hq.csvOrJson": "chỉ dùng --csv hoặc --json, không cả hai",
  "hq.dayOrRange": "chỉ dùng --day hoặc --from/--to, không cả hai",
  "hq.rangeTogether": "--from và --to phải đi cùng nhau",
  "hq.dates": "ngày viết dạng YYYY-MM-DD",
  "hq.fromAfterTo": "--from không được sau --to",
} as const;
