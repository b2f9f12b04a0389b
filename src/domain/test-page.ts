/**
 * The printer test page of `till doctor --print-test`: the shop's own texts (name, address, header,
 * footer: each in whatever language the shop wrote it), a sample line in the shop's language and in
 * every language whose code page the printer setting can print, a Code128 of a receipt-style code and
 * a QR - the three things a receipt needs the printer to get right. Pure: config in, ReceiptDoc out;
 * the ESC/POS renderer picks the code page exactly as it does for a receipt.
 */
import type { TillConfig } from './config.js';
import { barcode, cut, feed, qr, separator, text, type ReceiptBlock, type ReceiptDoc } from './receipt-doc.js';
import { asciiBlock, safeBlock } from './receipt.js';

/** A line per language with the letters its code page must carry. */
export const SAMPLES: Record<string, string> = {
  en: 'English: The quick brown fox 0123456789 $',
  de: 'Deutsch: Grüße, Größe, Straße €',
  fr: 'Français: déjà, garçon, où, çà €',
  es: 'Español: año, niño, acción ¿¡',
  vi: 'Tiếng Việt: Cảm ơn quý khách ₫',
  ru: 'Русский: Спасибо за покупку',
  uk: 'Українська: Дякуємо за покупку ґ є ї',
  zh: '中文：谢谢惠顾 ¥',
};

const lang = (locale: string) => locale.toLowerCase().split(/[-_]/)[0];

/** Which sample lines go on the page: the shop's language first, then those sharing its code page. */
export function testPageLanguages(cfg: Pick<TillConfig, 'language' | 'locale'>): string[] {
  const own = [lang(cfg.language), lang(cfg.locale)].filter((l, i, a) => SAMPLES[l] && a.indexOf(l) === i);
  // One receipt is printed in one code page: Latin languages share Windows-1252, Cyrillic ones CP866.
  const family: Record<string, string[]> = { en: ['en', 'de', 'fr', 'es'], de: ['en', 'de', 'fr', 'es'], fr: ['en', 'de', 'fr', 'es'], es: ['en', 'de', 'fr', 'es'], ru: ['ru', 'uk', 'en'], uk: ['uk', 'ru', 'en'], vi: ['vi', 'en'], zh: ['zh', 'en'] };
  const all = own.flatMap((l) => family[l] ?? [l]);
  return [...new Set([...own, ...all, ...(all.length ? [] : ['en'])])];
}

export function layoutTestPage(cfg: TillConfig, opts: { when: string; host: string }): ReceiptDoc {
  const width = cfg.receipt.width;
  const shop = [cfg.store.name, ...cfg.store.address, ...cfg.receipt.header].filter((l) => l.trim());
  const code = `${cfg.codes.receiptPrefix}TEST-0001`;
  const blocks: ReceiptBlock[] = [
    text('TILL PRINTER TEST', { align: 'center', bold: true, size: 'double' }),
    text(`${opts.host}  ${opts.when}`, { align: 'center' }),
    separator('='),
    ...shop.map((l) => text(l, { align: 'center' })),
    ...(shop.length ? [separator('-')] : []),
    ...testPageLanguages(cfg).map((l) => text(SAMPLES[l])),
    ...cfg.receipt.footer.filter((l) => l.trim()).map((l) => text(l, { align: 'center' })),
    separator('-'),
    text(`Paper width: ${width} columns, the ruler below fills one line exactly:`),
    text('1234567890'.repeat(5).slice(0, width)),
    text('Code128 (scan it: the scanner should read the text below it):'),
    barcode(code),
    text('QR:'),
    qr(`till printer test ${code} ${opts.when}`),
    feed(2),
    cut(),
  ];
  // The shop's texts are cleaned as on a receipt; ASCII mode transliterates them (the samples too).
  const safe = blocks.map(safeBlock);
  return { width, locale: cfg.locale, ascii: cfg.display.ascii, blocks: cfg.display.ascii ? safe.map(asciiBlock) : safe };
}
