import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { charsetFor, code128ModuleWidth, drawerKick, renderEscPos } from '../../hardware/printer/escpos.js';
import { encodeText, printable } from '../../hardware/printer/escpos-charset.js';
import { barcode, columns, cut, qr, text, type ReceiptDoc } from '../../src/domain/receipt-doc.js';
import { cases } from '../domain/receipt-cases.js';

const hex = (b: Uint8Array | number[] | Buffer) => Buffer.from(b as Uint8Array).toString('hex');
const has = (hay: Uint8Array, needle: Uint8Array | number[] | Buffer) => hex(hay).match(/../g)!.join(' ').includes(hex(needle).match(/../g)!.join(' '));
const at = (hay: Uint8Array, needle: Uint8Array | number[] | Buffer) => Buffer.from(hay).indexOf(Buffer.from(needle as Uint8Array));
const doc = (blocks: ReceiptDoc['blocks'], locale = 'en-US', width: 32 | 42 | 48 = 42): ReceiptDoc => ({ width, locale, ascii: false, blocks });

const ESC_INIT = [0x1b, 0x40];
const CHINESE_OFF = [0x1c, 0x2e];

describe('renderEscPos', () => {
  it('starts with ESC @, leaves Chinese mode and selects the code page (WPC1252 for en)', () => {
    const b = renderEscPos(cases['us-inclusive-42'](), { width: 42, locale: 'en-US' });
    expect(hex(b.slice(0, 7))).toBe(hex([...ESC_INIT, ...CHINESE_OFF, 0x1b, 0x74, 16]));
  });

  it('Russian: PC866 (ESC t 17) and the Cyrillic bytes of "Молоко"', () => {
    const b = renderEscPos(cases['ru-32'](), { width: 32, locale: 'ru-RU' });
    expect(hex(b.slice(0, 7))).toBe(hex([...ESC_INIT, ...CHINESE_OFF, 0x1b, 0x74, 17]));
    expect(has(b, [0x8c, 0xae, 0xab, 0xae, 0xaa, 0xae])).toBe(true); // М о л о к о in CP866
    // ₽ is not in CP866: spelled RUB before the line was laid out, so the amount still ends at column 32.
    expect(has(b, [...iconv.encode('Хлеб Бородинский       54,90 RUB', 'cp866'), 0x0a])).toBe(true);
  });

  it('Russian on WPC1251 when asked', () => {
    const b = renderEscPos(cases['ru-32'](), { width: 32, charset: 'wpc1251' });
    expect(has(b, [0x1b, 0x74, 46])).toBe(true);
    expect(has(b, iconv.encode('Молоко', 'win1251'))).toBe(true);
  });

  it('Vietnamese: WPC1258 (ESC t 52), ₫ and base letter + combining tone mark', () => {
    const b = renderEscPos(cases['vi-42'](), { width: 42, locale: 'vi-VN' });
    expect(has(b, [0x1b, 0x74, 52])).toBe(true);
    // "Phở" = P h ơ(0xF5) + hook above (0xD2)
    expect(has(b, [0x50, 0x68, 0xf5, 0xd2])).toBe(true);
    // "130.000 ₫" — ₫ is 0xFE in CP1258; Intl's no-break space is sent as a plain space
    expect(has(b, Buffer.from([...Buffer.from('130.000 ', 'latin1'), 0xfe]))).toBe(true);
    expect(has(b, [0xa0])).toBe(false);
    expect(hex(encodeText('ệ', 'wpc1258'))).toBe('eaf2');
  });

  it('Chinese: FS & (double-byte mode) and GBK bytes; ¥ printed as the fullwidth ￥', () => {
    const b = renderEscPos(cases['cn-32'](), { width: 32, locale: 'zh-CN' });
    expect(hex(b.slice(0, 4))).toBe(hex([...ESC_INIT, 0x1c, 0x26]));
    expect(has(b, iconv.encode('光明鲜牛奶', 'gbk'))).toBe(true);
    expect(has(b, [0xa3, 0xa4, ...Buffer.from('15.90')])).toBe(true);
    expect(has(b, CHINESE_OFF)).toBe(false);
  });

  it('ascii docs and the ascii charset send only 7-bit text', () => {
    const b = renderEscPos(cases['vi-32-ascii'](), { width: 32 });
    expect(hex(b.slice(0, 7))).toBe(hex([...ESC_INIT, ...CHINESE_OFF, 0x1b, 0x74, 0]));
    const b2 = renderEscPos(cases['ru-32'](), { width: 32, charset: 'ascii' });
    expect(has(b2, Buffer.from('Moloko'))).toBe(true);
    // Text bytes only: drop the QR/barcode-free command bytes by checking there is no byte >= 0x80 at all.
    expect([...b2].every((x) => x < 0x80)).toBe(true);
  });

  it('Code128 via GS k 73 with code set B, module width fitted to the paper, HRI below', () => {
    const b = renderEscPos(cases['us-inclusive-32'](), { width: 32 });
    const data = Buffer.from('RR1-000042');
    expect(has(b, [0x1d, 0x6b, 0x49, data.length + 2, 0x7b, 0x42, ...data])).toBe(true);
    expect(has(b, [0x1d, 0x48, 0x02])).toBe(true); // HRI below
    expect(has(b, [0x1d, 0x77, 0x02])).toBe(true); // 58 mm: module width 2
    expect(has(renderEscPos(cases['us-inclusive-42'](), { width: 42 }), [0x1d, 0x77, 0x03])).toBe(true);
    expect(code128ModuleWidth('RR1-000042', 384)).toBe(2);
    expect(code128ModuleWidth('X'.repeat(40), 384)).toBe(0);
  });

  it('a barcode that cannot fit or is not Code128 B prints as text', () => {
    const b = renderEscPos(doc([barcode('X'.repeat(40)), barcode('Ж')], 'ru-RU', 32), { width: 32 });
    expect(has(b, [0x1d, 0x6b])).toBe(false);
    expect(has(b, Buffer.from('X'.repeat(32)))).toBe(true);
  });

  it('QR via GS ( k: model 2, size, correction M, store (byte length), print', () => {
    const b = renderEscPos(doc([qr('GC1234ABCD5678EF', 5)]), { width: 42 });
    const data = Buffer.from('GC1234ABCD5678EF');
    expect(has(b, [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])).toBe(true);
    expect(has(b, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x05])).toBe(true);
    expect(has(b, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31])).toBe(true);
    expect(has(b, [0x1d, 0x28, 0x6b, data.length + 3, 0x00, 0x31, 0x50, 0x30, ...data])).toBe(true);
    expect(has(b, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30])).toBe(true);
    const u = renderEscPos(doc([qr('Đơn 牛')]), { width: 42 });
    const ub = Buffer.from('Đơn 牛', 'utf8');
    expect(has(u, [0x1d, 0x28, 0x6b, ub.length + 3, 0x00, 0x31, 0x50, 0x30, ...ub])).toBe(true);
  });

  it('ends with GS V 0 (full cut); the library then sends ESC @, and nothing is printed after it', () => {
    const b = renderEscPos(cases['us-inclusive-42'](), { width: 42 });
    const cutAt = at(b, [0x1d, 0x56, 0x00]);
    expect(cutAt).toBeGreaterThan(0);
    expect(hex(b.slice(cutAt))).toBe(hex([0x1d, 0x56, 0x00, ...ESC_INIT]));
  });

  it('re-selects the code page after a cut when more follows', () => {
    const b = renderEscPos(doc([text('Молоко'), cut(), text('Молоко'), cut()], 'ru-RU'), { width: 42 });
    const afterCut = b.slice(at(b, [0x1d, 0x56, 0x00]) + 3);
    expect(hex(afterCut.slice(0, 7))).toBe(hex([...ESC_INIT, ...CHINESE_OFF, 0x1b, 0x74, 17]));
    expect(has(afterCut, [0x8c, 0xae, 0xab, 0xae, 0xaa, 0xae])).toBe(true);
  });

  it('never kicks the drawer from a receipt', () => {
    for (const name of Object.keys(cases)) {
      const d = cases[name]();
      expect(has(renderEscPos(d, { width: d.width }), [0x1b, 0x70]), name).toBe(false);
    }
  });

  it('double size: ESC ! 0x30 and lines of half the width; bold ESC E', () => {
    const b = renderEscPos(doc([columns('TOTAL', '$24.55', { bold: true, size: 'double' })]), { width: 42 });
    expect(has(b, [0x1b, 0x45, 0x01, 0x1b, 0x21, 0x30, ...Buffer.from('TOTAL          $24.55'), 0x0a, 0x1b, 0x21, 0x00, 0x1b, 0x45, 0x00])).toBe(true);
  });

  it('lays out centered text with spaces and drops trailing spaces', () => {
    const b = renderEscPos(doc([text('Thank you!', { align: 'center' })], 'en-US', 32), { width: 32 });
    expect(has(b, [...Buffer.from(' '.repeat(11) + 'Thank you!'), 0x0a])).toBe(true);
  });
});

describe('drawerKick', () => {
  it('is ESC p m t1 t2 with the pulse timing node-thermal-printer omits', () => {
    expect(hex(drawerKick())).toBe('1b70003c78');
    expect(hex(drawerKick(5, 100, 100))).toBe('1b70013232');
  });
});

describe('charsets', () => {
  it('chooses by locale, then by content', () => {
    expect(charsetFor('ru-RU')).toBe('pc866');
    expect(charsetFor('uk')).toBe('pc866');
    expect(charsetFor('vi-VN')).toBe('wpc1258');
    expect(charsetFor('zh-CN')).toBe('gb18030');
    expect(charsetFor('en-US')).toBe('wpc1252');
    expect(charsetFor('en-US', 'Молоко')).toBe('pc866');
    expect(charsetFor('en-US', 'Phở')).toBe('wpc1258');
    expect(charsetFor('en-US', '牛奶')).toBe('gb18030');
  });

  it('printable() keeps what the page has and spells the rest', () => {
    expect(printable('Сыр «Российский» 249,00 ₽', 'pc866')).toBe('Сыр "Российский" 249,00 RUB');
    expect(printable('Phở bò 65.000 ₫', 'wpc1258')).toBe('Phở bò 65.000 ₫');
    expect(printable('Phở bò', 'wpc1252')).toBe('Pho bò');
    expect(printable('¥15.90 牛奶', 'gb18030')).toBe('￥15.90 牛奶');
    expect(printable('牛奶', 'pc866')).toBe('????');
  });
});
