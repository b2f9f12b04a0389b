/** Receipt configurations for the golden tests (text here, bytes in test/hardware). */
import { layoutReceipt, type ReceiptConfig } from '../../src/domain/receipt.js';
import type { ReceiptDoc } from '../../src/domain/receipt-doc.js';
import { cnSale, ruSale, usSale, usStore, viSale } from './receipt-fixtures.js';

const base: Omit<ReceiptConfig, 'width' | 'locale'> = {
  store: usStore,
  header: ['Open daily 7-21'],
  footer: ['Thank you!'],
  ascii: false,
  receiptPrefix: 'R',
  timeZone: 'UTC',
};

const viStore = { name: 'Cửa hàng Minh Anh', address: ['12 Đường Lê Lợi, Quận 1', 'TP. Hồ Chí Minh'], taxId: '0312345678', phone: '028 3822 1234' };
const ruStore = { name: 'Магазин «Продукты»', address: ['ул. Ленина, 5, Москва'], taxId: '7701234567', phone: '+7 495 123-45-67' };
const cnStore = { name: '便民超市', address: ['北京市朝阳区建国路88号'], taxId: '', phone: '' };

export const cases: Record<string, () => ReceiptDoc> = {
  'us-inclusive-32': () => layoutReceipt(usSale('inclusive'), { ...base, width: 32, locale: 'en-US' }),
  'us-inclusive-42': () => layoutReceipt(usSale('inclusive'), { ...base, width: 42, locale: 'en-US' }),
  'us-inclusive-48': () => layoutReceipt(usSale('inclusive'), { ...base, width: 48, locale: 'en-US' }),
  'us-exclusive-42': () => layoutReceipt(usSale('exclusive'), { ...base, width: 42, locale: 'en-US' }),
  'vi-42': () => layoutReceipt(viSale(), { ...base, store: viStore, header: [], footer: ['Cảm ơn quý khách!'], width: 42, locale: 'vi-VN', timeZone: 'Asia/Ho_Chi_Minh' }),
  'vi-32-ascii': () => layoutReceipt(viSale(), { ...base, store: viStore, header: [], footer: ['Cảm ơn quý khách!'], width: 32, locale: 'vi-VN', ascii: true, timeZone: 'Asia/Ho_Chi_Minh' }),
  'ru-32': () => layoutReceipt(ruSale(), { ...base, store: ruStore, header: [], footer: ['Спасибо за покупку!'], width: 32, locale: 'ru-RU', timeZone: 'Europe/Moscow' }),
  'cn-32': () => layoutReceipt(cnSale(), { ...base, store: cnStore, header: [], footer: ['谢谢惠顾'], width: 32, locale: 'zh-CN', timeZone: 'Asia/Shanghai' }),
};
