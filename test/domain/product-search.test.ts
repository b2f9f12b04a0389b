import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildProductIndex, foldText } from '../../src/domain/product-search.js';
import type { Product } from '../../src/domain/catalog.js';

const p = (sku: string, name: string): Product => ({ sku, barcodes: [], name, price: 100, category: 'c', taxClass: 'standard' });
const CATALOG = [
  p('SKU-101', 'Cà phê sữa đá'),
  p('SKU-102', 'Cà phê đen'),
  p('SKU-103', 'Bánh mì thịt'),
  p('SKU-201', 'Круассан'),
  p('SKU-202', 'Кофе латте'),
  p('SKU-203', 'Ёжик в тумане'),
  p('SKU-301', '越南咖啡'),
  p('SKU-302', '拿铁咖啡'),
  p('SKU-303', '牛角包'),
  p('ESP', 'Espresso'),
  p('CROI', 'Croissant'),
];
const names = (xs: Product[]) => xs.map((x) => x.name);

describe('product search', () => {
  const idx = buildProductIndex(CATALOG);

  it('Vietnamese without diacritics: "ca phe" finds both Cà phê, "da" finds đá, "banh mi" Bánh mì', () => {
    expect(names(idx.search('ca phe', 10))).toEqual(['Cà phê sữa đá', 'Cà phê đen']);
    expect(names(idx.search('sua da', 10))).toEqual(['Cà phê sữa đá']);
    expect(names(idx.search('BANH MI', 10))).toEqual(['Bánh mì thịt']);
    // typed with the marks it matches too
    expect(names(idx.search('phê đen', 10))).toEqual(['Cà phê đen']);
  });

  it('Cyrillic is case-insensitive, ё is е; substrings match', () => {
    expect(names(idx.search('КОФЕ', 10))).toEqual(['Кофе латте']);
    expect(names(idx.search('уасс', 10))).toEqual(['Круассан']);
    expect(names(idx.search('ежик', 10))).toEqual(['Ёжик в тумане']);
  });

  it('CJK substrings: one character and two', () => {
    expect(names(idx.search('咖啡', 10))).toEqual(['越南咖啡', '拿铁咖啡']);
    expect(names(idx.search('包', 10))).toEqual(['牛角包']);
  });

  it('by sku; an exact sku comes first; the limit is kept; nothing for an empty query', () => {
    expect(names(idx.search('sku-2', 10))).toEqual(['Круассан', 'Кофе латте', 'Ёжик в тумане']);
    expect(names(idx.search('esp', 10))).toEqual(['Espresso']);
    expect(idx.search('croi', 10)[0].sku).toBe('CROI');
    expect(idx.search('sku', 2)).toHaveLength(2);
    expect(idx.search('  ', 10)).toEqual([]);
    expect(idx.search('zzz', 10)).toEqual([]);
  });

  it('finds exactly what a substring test over every product finds (property)', () => {
    const alphabet = ['a', 'b', 'c', 'à', 'Đ', 'к', 'Ё', '咖', '啡', ' ', '1'];
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), word, (ns, q) => {
        const cat = ns.map((n, i) => p(`S${i}`, n));
        const got = buildProductIndex(cat).search(q, 1000).map((x) => x.sku).sort();
        const words = foldText(q).split(' ').filter(Boolean);
        const want = words.length === 0 ? [] : cat.filter((x) => words.every((w) => foldText(x.name).includes(w) || foldText(x.sku).includes(w))).map((x) => x.sku).sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
