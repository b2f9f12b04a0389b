import { describe, expect, it } from 'vitest';
import { layoutTestPage, testPageLanguages } from '../../src/domain/test-page.js';
import { renderText } from '../../src/domain/receipt-text.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';

describe('printer test page', () => {
  it('the shop language first, then the languages its code page also prints', () => {
    expect(testPageLanguages({ language: 'vi', locale: 'vi-VN' })).toEqual(['vi', 'en']);
    expect(testPageLanguages({ language: 'ru', locale: 'ru-RU' })).toEqual(['ru', 'uk', 'en']);
    expect(testPageLanguages({ language: 'en', locale: 'de-DE' })).toEqual(['en', 'de', 'fr', 'es']);
    expect(testPageLanguages({ language: 'xx', locale: 'xx' })).toEqual(['en']);
  });

  it('ASCII mode transliterates every text; the page fits the paper width', () => {
    const cfg = { ...DEFAULT_CONFIG, language: 'ru', locale: 'ru-RU', store: { ...DEFAULT_CONFIG.store, name: 'Магазин' }, display: { ascii: true }, receipt: { ...DEFAULT_CONFIG.receipt, width: 32 as const } };
    const doc = layoutTestPage(cfg, { when: '2026-03-14 10:00', host: 'kiosk' });
    const txt = renderText(doc, 32);
    expect(txt).toContain('Magazin');
    expect(txt).toContain('Russkij: Spasibo za pokupku');
    expect(txt).toContain('12345678901234567890123456789012');
    expect(txt.split('\n').filter(Boolean).every((l) => l.length === 32)).toBe(true);
    expect(doc.blocks.filter((b) => b.type === 'barcode' || b.type === 'qr').map((b) => b.type)).toEqual(['barcode', 'qr']);
  });
});
