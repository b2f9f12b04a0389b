/**
 * The demo's counter items (issue 11): what has no barcode of its own — filter coffee in three
 * sizes, sold from the quick keys with the croissant and the espresso; an open-price
 * "miscellaneous" item (code 900); a deli salad sold from price labels (prefix 20, item code 12345:
 * 2012345012349 is 12.34); loose bananas sold by weight (prefix 28, item 61001: 2861001007508 is
 * 0.750 kg). Names and prices in each language of the demo (demo-locales.ts).
 */
import type { Product } from '../domain/catalog.js';
import type { QuickKeysConfig } from '../domain/quick-keys.js';

type Lang = 'en' | 'vi' | 'zh' | 'ru';
type Names = Record<Lang, string>;

// [sku, barcodes, names, price per language (minor units; bananas per kg), category, tax class, flags]
const ITEMS: [string, string[], Names, Record<Lang, number>, string, string, Partial<Product>][] = [
  ['SKU-COF-S', [], { en: 'Filter coffee S', vi: 'Cà phê phin nhỏ', zh: '滴滤咖啡 小杯', ru: 'Кофе фильтр S' }, { en: 200, vi: 25_000, zh: 1_500, ru: 15_000 }, 'coffee', 'standard', {}],
  ['SKU-COF-M', [], { en: 'Filter coffee M', vi: 'Cà phê phin vừa', zh: '滴滤咖啡 中杯', ru: 'Кофе фильтр M' }, { en: 250, vi: 30_000, zh: 1_800, ru: 18_000 }, 'coffee', 'standard', {}],
  ['SKU-COF-L', [], { en: 'Filter coffee L', vi: 'Cà phê phin lớn', zh: '滴滤咖啡 大杯', ru: 'Кофе фильтр L' }, { en: 300, vi: 35_000, zh: 2_200, ru: 22_000 }, 'coffee', 'standard', {}],
  ['SKU-MISC', ['900'], { en: 'Miscellaneous', vi: 'Hàng khác', zh: '其他商品', ru: 'Разное' }, { en: 0, vi: 0, zh: 0, ru: 0 }, 'misc', 'standard', { openPrice: true }],
  ['SKU-DELI', ['12345'], { en: 'Deli salad', vi: 'Salad quầy deli', zh: '熟食沙拉', ru: 'Салат из кулинарии' }, { en: 0, vi: 0, zh: 0, ru: 0 }, 'deli', 'reduced', { openPrice: true }],
  ['SKU-BAN-KG', ['61001'], { en: 'Bananas, loose', vi: 'Chuối cân', zh: '散装香蕉', ru: 'Бананы на развес' }, { en: 240, vi: 35_000, zh: 800, ru: 12_000 }, 'produce', 'zero', { soldBy: 'weight' }],
];

const langOf = (lang: string): Lang => (['vi', 'zh', 'ru'].includes(lang) ? (lang as Lang) : 'en');

export function demoCounterProducts(lang = 'en'): Product[] {
  const l = langOf(lang);
  return ITEMS.map(([sku, barcodes, names, prices, category, taxClass, flags]) => ({ sku, barcodes, name: names[l], price: prices[l], category, taxClass, ...flags }));
}

const TITLES: Record<Lang, [string, string]> = { en: ['Coffee & bakery', 'Other'], vi: ['Cà phê & bánh', 'Khác'], zh: ['咖啡和面包', '其他'], ru: ['Кофе и выпечка', 'Другое'] };

/** The demo's grid: coffee sizes, the espresso drinks and the bakery on page 1, the rest on page 2. */
export function demoQuickKeys(lang = 'en'): QuickKeysConfig {
  const [first, second] = TITLES[langOf(lang)];
  return {
    pages: [
      {
        title: first,
        keys: [
          { key: '1', sku: 'SKU-COF-S' },
          { key: '2', sku: 'SKU-COF-M' },
          { key: '3', sku: 'SKU-COF-L' },
          { key: '4', sku: 'SKU-101' },
          { key: '5', sku: 'SKU-102' },
          { key: '6', sku: 'SKU-103' },
          { key: '7', sku: 'SKU-201' },
          { key: '8', sku: 'SKU-202' },
          { key: '9', sku: 'SKU-204' },
          { key: '0', sku: 'SKU-205' },
        ],
      },
      {
        title: second,
        keys: [
          { key: '1', sku: 'SKU-MISC' },
          { key: '2', sku: 'SKU-DELI' },
          { key: '3', sku: 'SKU-107' },
          { key: '4', sku: 'SKU-301' },
        ],
      },
    ],
  };
}
