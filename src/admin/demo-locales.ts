/**
 * The demo store in Vietnamese, Chinese and Russian (`till demo --lang vi|zh|ru`): a café-and-corner
 * shop of that country, its prices in VND / CNY / RUB minor units, its tax rates, and a loyalty
 * program shaped like the ones its shops run (the reference pages: points per money, pay with points,
 * a free coffee, a bakery discount, silver and gold levels). Every language keeps the English demo's
 * short codes (101 coffee … 704 household), categories and tier ids, so the README's codes, the free
 * coffee (SKU-101) and the bakery reward work in each.
 */
import type { TillConfig } from '../domain/config.js';
import type { Minor } from '../domain/money.js';
import type { LoyaltyProgram, TierLadder } from '../domain/loyalty/types.js';

/** [short code, name, price in minor units, category, tax class] */
export type DemoItem = [string, string, number, string, string];
/** [name, phone, tier, points now, of which earned 350 days ago (expiring within the month)] */
export type DemoMember = [string, string, string, number, number];

export interface DemoLocale {
  config: Pick<TillConfig, 'store' | 'currency' | 'locale' | 'language' | 'tax' | 'cash'> & {
    receipt: { header: string[]; footer: string[] };
    giftCardTerms: string;
    phoneCountryCode: string;
  };
  items: DemoItem[];
  program: LoyaltyProgram;
  ladder: TierLadder;
  members: DemoMember[];
  /** The active gift card: its face value and what was already spent of it. */
  giftCard: { face: Minor; spent: Minor };
  /** Names of the demo's cashier (code 1) and manager (code 2). */
  operators: { cashier: string; manager: string };
}

const tiers = (names: [string, string, string], silver: Minor, gold: Minor): TierLadder => ({
  basis: 'spend',
  demotion: false,
  tiers: [
    { id: 'standard', name: names[0], threshold: 0 },
    { id: 'silver', name: names[1], threshold: silver, discountPpm: 50_000 },
    { id: 'gold', name: names[2], threshold: gold, discountPpm: 100_000, earnMultiplierPpm: 1_500_000 },
  ],
});

const program = (
  id: string,
  name: string,
  earn: { points: number; per: Minor },
  cashback: { name: string; amount: Minor; points: number; minBalance: number },
  free: { name: string; cost: number },
  bakery: { name: string; cost: number },
): LoyaltyProgram => ({
  id,
  name,
  active: true,
  decimals: 0,
  step: 1,
  expiryDays: 365,
  rules: [{ id: 'base', perAmount: earn }],
  rewards: [
    { id: 'cashback', kind: 'cashback', name: cashback.name, cost: 1, minBalance: cashback.minBalance, value: { amount: cashback.amount, points: cashback.points }, maxSharePpm: 500_000 },
    { id: 'free-coffee', kind: 'free-product', name: free.name, cost: free.cost, sku: 'SKU-101' },
    { id: 'bakery-10', kind: 'percent', name: bakery.name, cost: bakery.cost, percentPpm: 100_000, target: { category: 'bakery' } },
  ],
});

export const DEMO_VI: DemoLocale = {
  config: {
    store: { name: 'Cà Phê & Tạp Hóa Minh Anh', address: ['12 Lê Lợi, P. Bến Nghé, Quận 1', 'TP. Hồ Chí Minh'], taxId: '0312345678', phone: '028 3822 1234' },
    currency: 'VND',
    locale: 'vi-VN',
    language: 'vi',
    tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } },
    cash: { roundingUnit: 1 },
    receipt: { header: ['Mở cửa 7:00 - 21:00 mỗi ngày'], footer: ['Cảm ơn quý khách!', 'Giữ hóa đơn để đổi trả hàng.'] },
    giftCardTerms: 'Chỉ dùng tại cửa hàng. Không quy đổi thành tiền mặt.',
    phoneCountryCode: '84',
  },
  items: [
    ['101', 'Cà phê sữa đá', 29_000, 'coffee', 'standard'],
    ['102', 'Cà phê đen đá', 25_000, 'coffee', 'standard'],
    ['103', 'Bạc xỉu', 32_000, 'coffee', 'standard'],
    ['104', 'Cà phê muối', 35_000, 'coffee', 'standard'],
    ['105', 'Cà phê trứng', 40_000, 'coffee', 'standard'],
    ['106', 'Cappuccino', 45_000, 'coffee', 'standard'],
    ['107', 'Trà đá', 5_000, 'tea', 'standard'],
    ['108', 'Trà sen vàng', 39_000, 'tea', 'standard'],
    ['109', 'Trà sữa trân châu đường đen', 35_000, 'tea', 'standard'],
    ['201', 'Bánh mì thịt nướng', 25_000, 'bakery', 'reduced'],
    ['202', 'Bánh mì ốp la', 20_000, 'bakery', 'reduced'],
    ['203', 'Bánh bao nhân thịt trứng cút', 15_000, 'bakery', 'reduced'],
    ['204', 'Bánh sừng bò bơ', 30_000, 'bakery', 'reduced'],
    ['205', 'Bánh bông lan trứng muối', 45_000, 'bakery', 'reduced'],
    ['206', 'Bánh mì sandwich nguyên cám', 38_000, 'bakery', 'reduced'],
    ['301', 'Nước suối Lavie 500ml', 6_000, 'drinks', 'standard'],
    ['302', 'Nước khoáng có ga 500ml', 10_000, 'drinks', 'standard'],
    ['303', 'Nước cam ép 330ml', 25_000, 'drinks', 'standard'],
    ['304', 'Coca-Cola lon 330ml', 12_000, 'drinks', 'standard'],
    ['305', 'Nước tăng lực Sting', 12_000, 'drinks', 'standard'],
    ['306', 'Nước dừa tươi', 20_000, 'drinks', 'standard'],
    ['401', "Snack khoai tây Lay's", 15_000, 'snacks', 'standard'],
    ['402', 'Đậu phộng rang muối', 12_000, 'snacks', 'standard'],
    ['403', 'Sô-cô-la đen 70%', 45_000, 'snacks', 'standard'],
    ['404', 'Bánh gạo One One', 18_000, 'snacks', 'standard'],
    ['405', 'Mì Hảo Hảo tôm chua cay', 4_500, 'snacks', 'standard'],
    ['501', 'Sữa tươi Vinamilk 1 lít', 34_000, 'dairy', 'reduced'],
    ['502', 'Sữa chua Vinamilk', 7_000, 'dairy', 'reduced'],
    ['503', 'Bơ lạt 200g', 65_000, 'dairy', 'reduced'],
    ['504', 'Phô mai Con Bò Cười', 35_000, 'dairy', 'reduced'],
    ['601', 'Chuối già (nải)', 25_000, 'produce', 'zero'],
    ['602', 'Xoài cát Hòa Lộc 1kg', 60_000, 'produce', 'zero'],
    ['603', 'Chanh không hạt 500g', 15_000, 'produce', 'zero'],
    ['701', 'Khăn giấy rút', 10_000, 'household', 'standard'],
    ['702', 'Pin AA (vỉ 4 viên)', 28_000, 'household', 'standard'],
    ['703', 'Sạc điện thoại USB-C', 150_000, 'household', 'standard'],
    ['704', 'Ly giữ nhiệt', 120_000, 'household', 'standard'],
  ],
  // 1 điểm mỗi 10.000 ₫; 1 điểm = 1.000 ₫ (tối đa nửa đơn, từ 20 điểm).
  program: program(
    'than-thiet',
    'Khách hàng thân thiết',
    { points: 1, per: 10_000 },
    { name: 'Dùng điểm trừ tiền', amount: 1_000, points: 1, minBalance: 20 },
    { name: 'Tặng 1 cà phê sữa đá', cost: 30 },
    { name: 'Giảm 10% bánh', cost: 20 },
  ),
  ladder: tiers(['Thành viên', 'Bạc', 'Vàng'], 2_000_000, 5_000_000),
  members: [
    ['Nguyễn Thị Lan', '090 123 4567', 'standard', 120, 40],
    ['Trần Văn Minh', '091 234 5678', 'gold', 480, 0],
    ['Lê Hoàng Anh', '093 345 6789', 'silver', 20, 0],
  ],
  giftCard: { face: 500_000, spent: 125_000 },
  operators: { cashier: 'Nguyễn Thị Hương', manager: 'Trần Quốc Bảo' },
};

export const DEMO_ZH: DemoLocale = {
  config: {
    store: { name: '便民咖啡超市', address: ['北京市朝阳区建国路88号'], taxId: '91110105MA01ABCD2X', phone: '010-8765 4321' },
    currency: 'CNY',
    locale: 'zh-CN',
    language: 'zh',
    tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 13, reduced: 9, zero: 0 } },
    // 现金抹零到角: cash is rounded to 0.10 (the fen is not handed out).
    cash: { roundingUnit: 10 },
    receipt: { header: ['营业时间 7:00-21:00'], footer: ['谢谢惠顾，欢迎再次光临！', '请保留小票，七日内凭票退换'] },
    giftCardTerms: '仅限本店使用，不兑换现金。',
    phoneCountryCode: '86',
  },
  items: [
    ['101', '美式咖啡', 1_800, 'coffee', 'standard'],
    ['102', '拿铁咖啡', 2_200, 'coffee', 'standard'],
    ['103', '卡布奇诺', 2_200, 'coffee', 'standard'],
    ['104', '生椰拿铁', 2_500, 'coffee', 'standard'],
    ['105', '澳白', 2_400, 'coffee', 'standard'],
    ['106', '冰滴咖啡', 2_800, 'coffee', 'standard'],
    ['107', '茉莉花茶', 1_200, 'tea', 'standard'],
    ['108', '铁观音', 1_500, 'tea', 'standard'],
    ['109', '珍珠奶茶', 1_500, 'tea', 'standard'],
    ['201', '鲜肉包子', 350, 'bakery', 'reduced'],
    ['202', '煎饼果子', 800, 'bakery', 'reduced'],
    ['203', '油条', 250, 'bakery', 'reduced'],
    ['204', '牛角包', 1_200, 'bakery', 'reduced'],
    ['205', '蛋黄酥', 600, 'bakery', 'reduced'],
    ['206', '全麦吐司', 1_590, 'bakery', 'reduced'],
    ['301', '农夫山泉 550毫升', 200, 'drinks', 'standard'],
    ['302', '苏打水 500毫升', 400, 'drinks', 'standard'],
    ['303', '鲜榨橙汁 330毫升', 650, 'drinks', 'standard'],
    ['304', '可口可乐 330毫升', 350, 'drinks', 'standard'],
    ['305', '现磨豆浆', 400, 'drinks', 'standard'],
    ['306', '椰子水', 1_000, 'drinks', 'standard'],
    ['401', '薯片 原味', 990, 'snacks', 'standard'],
    ['402', '盐焗花生', 690, 'snacks', 'standard'],
    ['403', '黑巧克力 70%', 1_990, 'snacks', 'standard'],
    ['404', '旺旺雪饼', 590, 'snacks', 'standard'],
    ['405', '红烧牛肉面', 450, 'snacks', 'standard'],
    ['501', '光明鲜牛奶 950毫升', 1_590, 'dairy', 'reduced'],
    ['502', '原味酸奶', 650, 'dairy', 'reduced'],
    ['503', '黄油 200克', 2_990, 'dairy', 'reduced'],
    ['504', '奶酪棒', 1_590, 'dairy', 'reduced'],
    ['601', '香蕉 1公斤', 790, 'produce', 'zero'],
    ['602', '红富士苹果 1公斤', 1_280, 'produce', 'zero'],
    ['603', '柠檬 4个', 990, 'produce', 'zero'],
    ['701', '抽纸', 500, 'household', 'standard'],
    ['702', '5号电池 4节', 1_200, 'household', 'standard'],
    ['703', 'USB-C 充电器', 5_900, 'household', 'standard'],
    ['704', '保温杯', 8_900, 'household', 'standard'],
  ],
  // 消费1元积1分；100积分抵1元（最多抵一半，满100分可用）。
  program: program(
    'huiyuan',
    '会员积分',
    { points: 1, per: 100 },
    { name: '积分抵现', amount: 100, points: 100, minBalance: 100 },
    { name: '免费美式咖啡', cost: 200 },
    { name: '烘焙九折', cost: 100 },
  ),
  ladder: tiers(['普通会员', '银卡会员', '金卡会员'], 200_000, 500_000),
  members: [
    ['王芳', '138 0013 8000', 'standard', 1_200, 400],
    ['李伟', '139 1234 5678', 'gold', 4_800, 0],
    ['张敏', '137 2345 6789', 'silver', 150, 0],
  ],
  giftCard: { face: 50_000, spent: 12_500 },
  operators: { cashier: '李娜', manager: '陈刚' },
};

export const DEMO_RU: DemoLocale = {
  config: {
    store: { name: 'Кафе-магазин «Уголок»', address: ['ул. Ленина, д. 5', 'Москва, 125009'], taxId: '7701234567', phone: '+7 495 123-45-67' },
    currency: 'RUB',
    locale: 'ru-RU',
    language: 'ru',
    tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 20, reduced: 10, zero: 0 } },
    cash: { roundingUnit: 1 },
    receipt: { header: ['Ежедневно 7:00–21:00'], footer: ['Спасибо за покупку!', 'Сохраняйте чек для возврата.'] },
    giftCardTerms: 'Действует в нашем магазине. На деньги не обменивается.',
    phoneCountryCode: '7',
  },
  items: [
    ['101', 'Эспрессо', 15_000, 'coffee', 'standard'],
    ['102', 'Капучино', 22_000, 'coffee', 'standard'],
    ['103', 'Латте', 24_000, 'coffee', 'standard'],
    ['104', 'Американо', 17_000, 'coffee', 'standard'],
    ['105', 'Раф ванильный', 26_000, 'coffee', 'standard'],
    ['106', 'Какао с маршмеллоу', 18_000, 'coffee', 'standard'],
    ['107', 'Чай чёрный', 12_000, 'tea', 'standard'],
    ['108', 'Чай с чабрецом', 14_000, 'tea', 'standard'],
    ['109', 'Иван-чай', 13_000, 'tea', 'standard'],
    ['201', 'Пирожок с капустой', 6_500, 'bakery', 'reduced'],
    ['202', 'Пирожок с яблоком', 6_500, 'bakery', 'reduced'],
    ['203', 'Сырники со сметаной', 18_000, 'bakery', 'reduced'],
    ['204', 'Круассан', 12_000, 'bakery', 'reduced'],
    ['205', 'Блины с творогом', 16_000, 'bakery', 'reduced'],
    ['206', 'Хлеб Бородинский', 5_490, 'bakery', 'reduced'],
    ['301', 'Вода «Святой Источник» 0,5 л', 4_500, 'drinks', 'standard'],
    ['302', 'Минеральная вода «Ессентуки» 0,5 л', 8_900, 'drinks', 'standard'],
    ['303', 'Сок яблочный 1 л', 13_900, 'drinks', 'standard'],
    ['304', 'Морс клюквенный 0,5 л', 9_900, 'drinks', 'standard'],
    ['305', 'Квас «Очаковский» 1,5 л', 11_900, 'drinks', 'standard'],
    ['306', 'Лимонад «Тархун» 0,5 л', 8_900, 'drinks', 'standard'],
    ['401', 'Семечки жареные 200 г', 12_900, 'snacks', 'standard'],
    ['402', 'Сушки с маком 300 г', 8_900, 'snacks', 'standard'],
    ['403', 'Шоколад «Алёнка» 90 г', 9_900, 'snacks', 'standard'],
    ['404', 'Пряник тульский', 14_900, 'snacks', 'standard'],
    ['405', 'Орешки со сгущёнкой', 19_900, 'snacks', 'standard'],
    ['501', 'Молоко «Простоквашино» 3,2% 930 мл', 8_990, 'dairy', 'reduced'],
    ['502', 'Кефир 1% 900 г', 7_990, 'dairy', 'reduced'],
    ['503', 'Масло сливочное 82,5% 180 г', 19_990, 'dairy', 'reduced'],
    ['504', 'Сыр «Российский» 200 г', 24_900, 'dairy', 'reduced'],
    ['601', 'Бананы 1 кг', 12_990, 'produce', 'zero'],
    ['602', 'Яблоки «Гренни Смит» 1 кг', 16_990, 'produce', 'zero'],
    ['603', 'Картофель 2,5 кг', 14_990, 'produce', 'zero'],
    ['701', 'Салфетки бумажные', 5_900, 'household', 'standard'],
    ['702', 'Батарейки АА (4 шт.)', 29_900, 'household', 'standard'],
    ['703', 'Зарядное устройство USB-C', 99_000, 'household', 'standard'],
    ['704', 'Термокружка', 79_000, 'household', 'standard'],
  ],
  // 1 балл за каждые 20 ₽; 1 балл = 1 ₽ (не больше половины чека, от 100 баллов).
  program: program(
    'bonus',
    'Бонусная программа',
    { points: 1, per: 2_000 },
    { name: 'Оплата баллами', amount: 100, points: 1, minBalance: 100 },
    { name: 'Эспрессо в подарок', cost: 150 },
    { name: 'Скидка 10% на выпечку', cost: 100 },
  ),
  ladder: tiers(['Базовый', 'Серебряный', 'Золотой'], 1_000_000, 3_000_000),
  members: [
    ['Смирнова Ольга', '+7 916 123-45-67', 'standard', 320, 120],
    ['Иванов Дмитрий', '+7 925 234-56-78', 'gold', 1_480, 0],
    ['Кузнецов Алексей', '+7 903 345-67-89', 'silver', 150, 0],
  ],
  giftCard: { face: 300_000, spent: 75_000 },
  operators: { cashier: 'Ирина Петрова', manager: 'Сергей Волков' },
};
