/**
 * The demo store: a small café-and-corner-shop catalog with real-looking EAN-13 barcodes and a
 * short three-digit code on every product so a person can type a "scan" by hand.
 */
import { ean13 } from '../domain/catalog.js';
import type { Product } from '../domain/catalog.js';
import { DEFAULT_CONFIG, type TillConfig } from '../domain/config.js';

// [short code, name, price in cents, category, tax class]
const ITEMS: [string, string, number, string, string][] = [
  ['101', 'Espresso', 250, 'coffee', 'standard'],
  ['102', 'Cappuccino', 380, 'coffee', 'standard'],
  ['103', 'Latte', 420, 'coffee', 'standard'],
  ['104', 'Americano', 300, 'coffee', 'standard'],
  ['105', 'Flat white', 400, 'coffee', 'standard'],
  ['106', 'Iced coffee with condensed milk', 350, 'coffee', 'standard'],
  ['107', 'Green tea', 220, 'tea', 'standard'],
  ['108', 'Jasmine tea', 240, 'tea', 'standard'],
  ['109', 'Chai latte', 390, 'tea', 'standard'],
  ['201', 'Croissant', 280, 'bakery', 'reduced'],
  ['202', 'Pain au chocolat', 320, 'bakery', 'reduced'],
  ['203', 'Banh mi', 450, 'bakery', 'reduced'],
  ['204', 'Blueberry muffin', 300, 'bakery', 'reduced'],
  ['205', 'Cinnamon roll', 340, 'bakery', 'reduced'],
  ['206', 'Sourdough loaf', 650, 'bakery', 'reduced'],
  ['301', 'Still water 0.5 l', 120, 'drinks', 'standard'],
  ['302', 'Sparkling water 0.5 l', 140, 'drinks', 'standard'],
  ['303', 'Orange juice 0.33 l', 260, 'drinks', 'standard'],
  ['304', 'Cola 0.33 l', 180, 'drinks', 'standard'],
  ['305', 'Kvass 0.5 l', 190, 'drinks', 'standard'],
  ['306', 'Coconut water', 230, 'drinks', 'standard'],
  ['401', 'Potato chips', 199, 'snacks', 'standard'],
  ['402', 'Salted peanuts', 149, 'snacks', 'standard'],
  ['403', 'Dark chocolate bar', 259, 'snacks', 'standard'],
  ['404', 'Granola bar', 129, 'snacks', 'standard'],
  ['405', 'Rice crackers', 179, 'snacks', 'standard'],
  ['501', 'Milk 1 l', 139, 'dairy', 'reduced'],
  ['502', 'Natural yoghurt', 99, 'dairy', 'reduced'],
  ['503', 'Butter 200 g', 289, 'dairy', 'reduced'],
  ['504', 'Cheddar 200 g', 449, 'dairy', 'reduced'],
  ['601', 'Bananas (bunch)', 199, 'produce', 'zero'],
  ['602', 'Apples 1 kg', 299, 'produce', 'zero'],
  ['603', 'Limes (4)', 149, 'produce', 'zero'],
  ['701', 'Paper napkins', 189, 'household', 'standard'],
  ['702', 'AA batteries (4)', 599, 'household', 'standard'],
  ['703', 'Phone charger USB-C', 1299, 'household', 'standard'],
  ['704', 'Reusable cup', 899, 'household', 'standard'],
];

export function demoProducts(): Product[] {
  return ITEMS.map(([code, name, price, category, taxClass], i) => ({
    sku: `SKU-${code}`,
    // GS1 prefix 20-29 is for in-store use: these never collide with a real product's barcode.
    barcodes: [ean13(`200000${String(100000 + i * 7).slice(-6)}`), code],
    name,
    price,
    category,
    taxClass,
  }));
}

export function demoConfig(): TillConfig {
  return {
    ...DEFAULT_CONFIG,
    store: { name: 'Demo Cafe & Corner Shop', address: ['12 Harbour Street', 'Springfield'], taxId: 'VAT 123 456 789', phone: '+1 555 0100' },
    currency: 'USD',
    locale: 'en-US',
    register: { id: 'R1' },
    operators: [{ id: 'demo', name: 'Demo Cashier' }],
    tax: { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } },
    receipt: { width: 42, header: ['Open daily 7:00-21:00'], footer: ['Thank you for shopping with us!', 'Keep this receipt for returns.'] },
  };
}
