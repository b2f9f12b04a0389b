import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  barcode,
  columnLines,
  layoutReceipt,
  qr,
  receiptBarcode,
  renderText,
  text,
  textWidth,
  wrap,
  type ReceiptSection,
} from '../../src/domain/receipt.js';
import { cases } from './receipt-cases.js';
import { buildSale, usItems, usSale, usStore } from './receipt-fixtures.js';

/** Golden receipts, right-trimmed; the test also checks that every line is exactly the paper width. */
const GOLDEN: Record<string, string[]> = {
  "us-inclusive-32": [
    "         Corner Grocery",
    "         12 Main Street",
    "     Springfield, IL 62701",
    "         Tel: 555-0100",
    "       Tax ID: 12-3456789",
    "        Open daily 7-21",
    "--------------------------------",
    "Organic Whole Milk 1 gal",
    "  2 x $4.99                $9.98",
    "Sourdough Bread            $3.50",
    "Honeycrisp Apples 3 lb family",
    "pack                       $8.99",
    "--------------------------------",
    "Subtotal                  $22.47",
    "incl. tax 5% on $3.50      $0.17",
    "incl. tax 10% on $18.97    $1.73",
    "TOTAL                     $22.47",
    "--------------------------------",
    "Card                      $10.00",
    "  Ref: AUTH 4711",
    "Cash                      $20.00",
    "Change                     $7.53",
    "--------------------------------",
    "Date: 03/14/2025, 09:26",
    "Register: R1",
    "Cashier: Alice",
    "Receipt: R1-000042",
    "",
    "       ||| RR1-000042 |||",
    "",
    "           Thank you!",
    "",
    "",
    "",
  ],
  "us-inclusive-42": [
    "              Corner Grocery",
    "              12 Main Street",
    "          Springfield, IL 62701",
    "              Tel: 555-0100",
    "            Tax ID: 12-3456789",
    "             Open daily 7-21",
    "------------------------------------------",
    "Organic Whole Milk 1 gal",
    "  2 x $4.99                          $9.98",
    "Sourdough Bread                      $3.50",
    "Honeycrisp Apples 3 lb family pack   $8.99",
    "------------------------------------------",
    "Subtotal                            $22.47",
    "incl. tax 5% on $3.50                $0.17",
    "incl. tax 10% on $18.97              $1.73",
    "TOTAL                               $22.47",
    "------------------------------------------",
    "Card                                $10.00",
    "  Ref: AUTH 4711",
    "Cash                                $20.00",
    "Change                               $7.53",
    "------------------------------------------",
    "Date: 03/14/2025, 09:26",
    "Register: R1",
    "Cashier: Alice",
    "Receipt: R1-000042",
    "",
    "            ||| RR1-000042 |||",
    "",
    "                Thank you!",
    "",
    "",
    "",
  ],
  "us-inclusive-48": [
    "                 Corner Grocery",
    "                 12 Main Street",
    "             Springfield, IL 62701",
    "                 Tel: 555-0100",
    "               Tax ID: 12-3456789",
    "                Open daily 7-21",
    "------------------------------------------------",
    "Organic Whole Milk 1 gal",
    "  2 x $4.99                                $9.98",
    "Sourdough Bread                            $3.50",
    "Honeycrisp Apples 3 lb family pack         $8.99",
    "------------------------------------------------",
    "Subtotal                                  $22.47",
    "incl. tax 5% on $3.50                      $0.17",
    "incl. tax 10% on $18.97                    $1.73",
    "TOTAL                                     $22.47",
    "------------------------------------------------",
    "Card                                      $10.00",
    "  Ref: AUTH 4711",
    "Cash                                      $20.00",
    "Change                                     $7.53",
    "------------------------------------------------",
    "Date: 03/14/2025, 09:26",
    "Register: R1",
    "Cashier: Alice",
    "Receipt: R1-000042",
    "",
    "               ||| RR1-000042 |||",
    "",
    "                   Thank you!",
    "",
    "",
    "",
  ],
  "us-exclusive-42": [
    "              Corner Grocery",
    "              12 Main Street",
    "          Springfield, IL 62701",
    "              Tel: 555-0100",
    "            Tax ID: 12-3456789",
    "             Open daily 7-21",
    "------------------------------------------",
    "Organic Whole Milk 1 gal",
    "  2 x $4.99                          $9.98",
    "Sourdough Bread                      $3.50",
    "Honeycrisp Apples 3 lb family pack   $8.99",
    "------------------------------------------",
    "Subtotal                            $22.47",
    "Tax 5% on $3.50                      $0.18",
    "Tax 10% on $18.97                    $1.90",
    "TOTAL                               $24.55",
    "------------------------------------------",
    "Card                                $10.00",
    "  Ref: AUTH 4711",
    "Cash                                $20.00",
    "Change                               $5.45",
    "------------------------------------------",
    "Date: 03/14/2025, 09:26",
    "Register: R1",
    "Cashier: Alice",
    "Receipt: R1-000042",
    "",
    "            ||| RR1-000042 |||",
    "",
    "                Thank you!",
    "",
    "",
    "",
  ],
  "vi-42": [
    "            Cửa hàng Minh Anh",
    "         12 Đường Lê Lợi, Quận 1",
    "             TP. Hồ Chí Minh",
    "            ĐT: 028 3822 1234",
    "             MST: 0312345678",
    "------------------------------------------",
    "Phở bò tái chín đặc biệt",
    "  2 x 65.000 ₫                   130.000 ₫",
    "Cà phê sữa đá                     29.000 ₫",
    "Bánh mì thịt nướng",
    "  3 x 25.000 ₫                    75.000 ₫",
    "------------------------------------------",
    "Tạm tính                         234.000 ₫",
    "gồm thuế 8% trên 75.000 ₫          5.556 ₫",
    "gồm thuế 10% trên 159.000 ₫       14.455 ₫",
    "TỔNG CỘNG                        234.000 ₫",
    "------------------------------------------",
    "Tiền mặt                         250.000 ₫",
    "Tiền thừa                         16.000 ₫",
    "------------------------------------------",
    "Thời gian: 16:26 14/03/2025",
    "Quầy: R1",
    "Thu ngân: Nguyễn Thị Hương",
    "Số HĐ: R1-000042",
    "",
    "            ||| RR1-000042 |||",
    "",
    "            Cảm ơn quý khách!",
    "",
    "",
    "",
  ],
  "vi-32-ascii": [
    "       Cua hang Minh Anh",
    "    12 Duong Le Loi, Quan 1",
    "        TP. Ho Chi Minh",
    "       DT: 028 3822 1234",
    "        MST: 0312345678",
    "--------------------------------",
    "Pho bo tai chin dac biet",
    "  2 x 65.000 VND     130.000 VND",
    "Ca phe sua da         29.000 VND",
    "Banh mi thit nuong",
    "  3 x 25.000 VND      75.000 VND",
    "--------------------------------",
    "Tam tinh             234.000 VND",
    "gom thue 8% tren 75.000 VND",
    "                       5.556 VND",
    "gom thue 10% tren 159.000 VND",
    "                      14.455 VND",
    "TONG CONG            234.000 VND",
    "--------------------------------",
    "Tien mat             250.000 VND",
    "Tien thua             16.000 VND",
    "--------------------------------",
    "Thoi gian: 16:26 14/03/2025",
    "Quay: R1",
    "Thu ngan: Nguyen Thi Huong",
    "So HD: R1-000042",
    "",
    "       ||| RR1-000042 |||",
    "",
    "       Cam on quy khach!",
    "",
    "",
    "",
  ],
  "ru-32": [
    "       Магазин «Продукты»",
    "     ул. Ленина, 5, Москва",
    "     Тел.: +7 495 123-45-67",
    "        ИНН: 7701234567",
    "--------------------------------",
    "Молоко Простоквашино 3,2% 930 мл",
    "  2 x 89,90 ₽           179,80 ₽",
    "Хлеб Бородинский         54,90 ₽",
    "Сыр Российский 200 г    249,00 ₽",
    "--------------------------------",
    "Сумма                   483,70 ₽",
    "в т.ч. НДС 10% с 54,90 ₽  4,99 ₽",
    "в т.ч. НДС 20% с 428,80 ₽",
    "                         71,47 ₽",
    "ИТОГ                    483,70 ₽",
    "--------------------------------",
    "Картой                  200,00 ₽",
    "  Код авт.: 031245",
    "Наличными               300,00 ₽",
    "Сдача                    16,30 ₽",
    "--------------------------------",
    "Дата: 14.03.2025, 12:26",
    "Касса: R1",
    "Кассир: Ирина",
    "Чек: R1-000042",
    "",
    "       ||| RR1-000042 |||",
    "",
    "      Спасибо за покупку!",
    "",
    "",
    "",
  ],
  "cn-32": [
    "            便民超市",
    "     北京市朝阳区建国路88号",
    "--------------------------------",
    "光明鲜牛奶 950毫升",
    "  2 x ¥15.90              ¥31.80",
    "五常大米 5公斤            ¥69.90",
    "--------------------------------",
    "小计                     ¥101.70",
    "含税 13%，计税 ¥101.70    ¥11.70",
    "合计                     ¥101.70",
    "--------------------------------",
    "现金                     ¥120.00",
    "找零                      ¥18.30",
    "--------------------------------",
    "日期：2025/03/14 17:26",
    "款台：R1",
    "收银员：王芳",
    "单号：R1-000042",
    "",
    "       ||| RR1-000042 |||",
    "",
    "            谢谢惠顾",
    "",
    "",
    "",
  ],
};

describe('receipt golden text', () => {
  it.each(Object.keys(cases))('%s', (name) => {
    const doc = cases[name]();
    const out = renderText(doc, doc.width);
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.split('\n').slice(0, -1);
    for (const l of lines) expect(textWidth(l), JSON.stringify(l)).toBe(doc.width);
    expect(lines.map((l) => l.trimEnd())).toEqual(GOLDEN[name]);
  });

  it('ascii receipts are pure ASCII', () => {
    expect(renderText(cases['vi-32-ascii']())).toMatch(/^[\x20-\x7e\n]+$/);
  });
});

const cfg = { store: usStore, header: [], footer: [], ascii: false, receiptPrefix: 'R', timeZone: 'UTC', width: 42 as const, locale: 'en-US' };

describe('layoutReceipt', () => {
  it('puts the receipt number with its prefix in a Code128 block and ends with a cut', () => {
    const doc = layoutReceipt(usSale('inclusive'), cfg);
    expect(doc.blocks).toContainEqual(barcode('RR1-000042'));
    expect(receiptBarcode('R', 'R1-000042')).toBe('RR1-000042');
    expect(doc.blocks[doc.blocks.length - 1]).toEqual({ type: 'cut' });
    expect(doc.blocks.some((b) => b.type === 'text' && /drawer/i.test(b.text))).toBe(false);
  });

  it('shows the store name double size and bold, and TOTAL double size', () => {
    const doc = layoutReceipt(usSale('inclusive'), cfg);
    expect(doc.blocks[0]).toEqual({ type: 'text', text: 'Corner Grocery', align: 'center', bold: true, size: 'double' });
    expect(doc.blocks).toContainEqual({ type: 'columns', left: 'TOTAL', right: '$22.47', bold: true, size: 'double' });
  });

  it('prints line discounts under their line and order discounts in the summary, adding up to the total', () => {
    const items = usItems.map(([p, q]) => [p, q] as [typeof p, number]);
    const sale = buildSale(
      items,
      { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5 } },
      (total) => [{ kind: 'cash', amount: total }],
      { currency: 'USD' },
      [{ id: 'd1', label: 'Gold', source: 'tier', kind: 'percent', value: 100000 }],
    );
    const lines = renderText(layoutReceipt(sale, cfg)).split('\n').map((l) => l.trimEnd());
    expect(lines).toContain('Subtotal                            $22.47');
    // A tier's discount carries the tier's name, said as a member discount.
    expect(lines).toContain('Gold member discount                -$2.25');
    expect(lines).toContain('TOTAL                               $20.22');
    expect(sale.total).toBe(2022);
  });

  it('includes feature sections after the tenders, and leaves out a section that throws', () => {
    const giftCard: ReceiptSection = (_sale, ctx) => [text('GIFT CARD', { align: 'center', bold: true }), text('ABCD EFGH JKLM NPQR'), barcode('GCABCDEFGHJKLMNPQR'), qr('GCABCDEFGHJKLMNPQR'), text(`Balance ${ctx.money(5000)}`)];
    const broken: ReceiptSection = () => {
      throw new Error('boom');
    };
    const none: ReceiptSection = () => [];
    const out = renderText(layoutReceipt(usSale('inclusive'), { ...cfg, sections: [giftCard, broken, none] }));
    const lines = out.split('\n').map((l) => l.trimEnd());
    const change = lines.findIndex((l) => l.startsWith('Change'));
    const gc = lines.indexOf('                GIFT CARD');
    expect(gc).toBeGreaterThan(change);
    expect(lines).toContain('        ||| GCABCDEFGHJKLMNPQR |||');
    expect(lines).toContain('         [QR] GCABCDEFGHJKLMNPQR');
    expect(lines).toContain('Balance $50.00');
    expect(gc).toBeLessThan(lines.findIndex((l) => l.startsWith('Date:')));
  });

  it('labels come from the catalog in the receipt language (falls back to English)', () => {
    const out = renderText(layoutReceipt(usSale('inclusive'), { ...cfg, language: 'xx' }));
    expect(out).toContain('Subtotal');
  });
});

describe('column arithmetic', () => {
  it('counts CJK as 2 columns and combining marks as 0', () => {
    expect(textWidth('牛奶')).toBe(4);
    expect(textWidth('Phở')).toBe(3);
    expect(textWidth('Pho\u031b\u0309')).toBe(3);
  });

  it('never splits a wide character across the edge', () => {
    expect(wrap('ab牛奶', 5)).toEqual(['ab牛', '奶']);
    expect(wrap('光明鲜牛奶光明鲜牛奶光明鲜牛奶光明鲜牛奶', 32)).toEqual(['光明鲜牛奶光明鲜牛奶光明鲜牛奶光', '明鲜牛奶']);
  });

  it('keeps a hanging indent', () => {
    expect(wrap('  Ref: a very long reference text', 16)).toEqual(['  Ref: a very', '  long reference', '  text']);
  });

  it('puts the amount on the last line of a wrapped name, or on its own line', () => {
    expect(columnLines('Honeycrisp Apples 3 lb family pack', '$8.99', 32)).toEqual(['Honeycrisp Apples 3 lb family   ', 'pack                       $8.99']);
    expect(columnLines('incl. tax 20% on 428,80 ₽', '71,47 ₽', 32)).toEqual(['incl. tax 20% on 428,80 ₽       ', '                         71,47 ₽']);
    expect(columnLines('五常大米五常大米五常大米五常', '¥69.90', 32)).toEqual(['五常大米五常大米五常大米五常    ', '                          ¥69.90']);
  });

  it('every rendered line is exactly the width, for any text', () => {
    fc.assert(
      fc.property(fc.constantFrom(32, 42, 48), fc.string({ unit: fc.constantFrom('a', ' ', '牛', 'ở', 'Ж', 'x', '-') }), fc.string({ maxLength: 60 }), (w, left, right) => {
        const doc = { width: w as 32, locale: 'en', ascii: false, blocks: [text(left, { align: 'center' }), { type: 'columns' as const, left, right }] };
        for (const l of renderText(doc).split('\n').slice(0, -1)) expect(textWidth(l)).toBe(w);
      }),
    );
  });
});
