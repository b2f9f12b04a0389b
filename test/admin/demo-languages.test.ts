/**
 * The demo store in each language (`till demo --lang vi|zh|ru`): local products and prices in the
 * local currency, a local loyalty program, the same short codes, cards and operators as the English
 * demo (README), a valid configuration; and --lang on a store that exists already.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfig, demoLocale, demoProducts, demoSeed, demoStoreConfig, DEMO_OPERATORS } from '../../src/admin/demo-store.js';
import { demoDataDir, ensureDemoStore, langArgument, langOption, openRegister, withScreenLanguage } from '../../src/admin/run.js';
import { validateConfig } from '../../src/domain/config.js';
import { currency } from '../../src/domain/money.js';
import { formatMoney } from '../../src/i18n/format.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { operatorsOf } from '../../src/store/projections/operators.js';
import { loyaltyOf, programList } from '../../src/store/projections/loyalty.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { demoGiftCards } from '../../src/admin/demo-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'till-demo-lang-'));
  dirs.push(d);
  return path.join(d, 'data');
};

const shape = (lang: string) => demoLocale(lang).items.map(([code, , , category, taxClass]) => [code, category, taxClass]);

describe.each(LANGUAGES)('the %s demo store', (lang) => {
  const l = demoLocale(lang);

  it('has a valid configuration in its language, currency and locale', () => {
    const c = demoStoreConfig(lang);
    expect(c.language).toBe(lang);
    expect(validateConfig(c)).toMatchObject({ ok: true });
    expect(currency(c.currency).code).toBe(c.currency);
  });

  it('sells the same short codes, categories and tax classes as the English demo, with local names and prices', () => {
    expect(shape(lang)).toEqual(shape('en'));
    for (const [, name, price] of l.items) {
      expect(name.trim()).not.toBe('');
      expect(Number.isSafeInteger(price) && price > 0).toBe(true);
    }
    if (lang !== 'en') expect(l.items.filter(([code, name]) => name === demoLocale('en').items.find((e) => e[0] === code)![1]).length).toBeLessThan(3);
    // The free-coffee reward names a product of the catalog; the bakery reward a category of it.
    const skus = demoProducts(lang).map((p) => p.sku);
    for (const r of l.program.rewards) {
      if (r.kind === 'free-product') expect(skus).toContain(r.sku);
      if (r.kind === 'percent' && r.target?.category) expect(l.items.some((i) => i[3] === r.target!.category)).toBe(true);
    }
  });

  it('is created with its program, tiers, customers, gift cards and the two demo operators', async () => {
    const dir = tmp();
    await ensureDemoStore(dir, { out: () => {} }, lang);
    const reg = await openRegister(dir, () => {});
    try {
      expect(reg.config.language).toBe(lang);
      const programs = programList(loyaltyOf(reg.store.state));
      expect(programs.map((p) => p.name)).toEqual([l.program.name]);
      expect(Object.values(loyaltyOf(reg.store.state).customers).map((c) => c.name).sort()).toEqual(l.members.map((m) => m[0]).sort());
      const card = findGiftCard(reg.store.state, demoGiftCards().active)!;
      expect(card.currency).toBe(l.config.currency);
      expect(card.balance).toBe(l.giftCard.face - l.giftCard.spent);
      const ops = operatorsOf(reg.store.state).byId;
      expect(Object.keys(ops).sort()).toEqual(DEMO_OPERATORS.map((o) => o.id));
      expect([ops['1'].name, ops['2'].name]).toEqual([l.operators.cashier, l.operators.manager]);
    } finally {
      await reg.stop();
      await reg.store.close();
    }
  });
});

describe('prices in the local currency, written the local way', () => {
  it.each([
    ['vi', '101', '29.000\u00a0₫'],
    ['zh', '101', '¥18.00'],
    ['ru', '206', '54,90\u00a0₽'],
  ])('%s %s', (lang, code, want) => {
    const p = demoProducts(lang).find((x) => x.barcodes.includes(code))!;
    expect(formatMoney(p.price, demoConfig(lang).currency, { locale: demoConfig(lang).locale })).toBe(want);
  });
});

describe('till demo --lang', () => {
  it('keeps one demo folder per language (the currency differs) and checks the value', () => {
    expect(path.basename(demoDataDir(undefined, 'vi'))).toBe('demo-data-vi');
    expect(path.basename(demoDataDir(undefined, 'en'))).toBe('demo-data');
    expect(path.basename(demoDataDir(undefined))).toBe('demo-data');
    expect(demoDataDir('/x/y', 'ru')).toBe('/x/y');
    expect(langArgument(['--lang', 'zh'])).toBe('zh');
    expect(langArgument(['--lang=ru'])).toBe('ru');
    expect(langOption('vi')).toBe('vi');
    expect(() => langOption('fr')).toThrow(/--lang is one of en, vi, zh, ru/);
  });

  it('on a store of another language: the screen speaks --lang, receipts the shop\'s', async () => {
    const dir = tmp();
    await ensureDemoStore(dir, { out: () => {} }, 'vi');
    expect(await ensureDemoStore(dir, { out: () => {} }, 'ru')).toBe(false);
    const c = withScreenLanguage(demoStoreConfig('vi'), 'ru');
    expect([c.language, c.receipt.language]).toEqual(['ru', 'vi']);
    const reg = await openRegister(dir, () => {}, { language: 'ru' });
    try {
      expect(reg.config.currency).toBe('VND');
      expect(reg.screenLanguage()).toBe('ru');
    } finally {
      await reg.stop();
      await reg.store.close();
    }
  });

  it('seeds are the same events whatever the day, in each language', () => {
    for (const lang of LANGUAGES) expect(demoSeed('2025-03-14', lang).map((e) => e.type)).toEqual(demoSeed('2025-03-14', 'en').map((e) => e.type));
  });
});
