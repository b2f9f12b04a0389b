/**
 * The catalogs beside English: the same keys, the same {slots}, well-formed plural forms with every
 * CLDR category the language has, and really translated. A key added to en.ts without its vi, zh
 * and ru translation fails here (docs/languages.md).
 */
import { describe, expect, it } from 'vitest';
import { en, LANGUAGES, translate } from '../../src/i18n/index.js';
import { vi } from '../../src/i18n/vi.js';
import { zh } from '../../src/i18n/zh.js';
import { ru } from '../../src/i18n/ru.js';
import { argumentsOf, messageProblem, pluralsOf } from '../../src/i18n/message.js';
import { formatUnits } from '../../src/domain/loyalty/units.js';
import { pointsText } from '../../src/ui/loyalty-view.js';
import { makeFmt } from '../../src/ui/selectors.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { setLanguage } from '../../src/i18n/index.js';

const CATALOGS: Record<string, Record<string, string>> = { vi, zh, ru };

/** Entries that are rightly the same as the English (codes, slots only, words every language borrows). */
// The doctor's technical words an installer types or reads as they are in every language: the HID and
// GPIO topics, the USB HID usage page, the apt command.
const TECHNICAL = ['cli.doctor.topic.hid', 'cli.doctor.topic.gpio', 'cli.doctor.hid.usagePage', 'cli.doctor.gpio.installGpiod'];
const SAME_AS_ENGLISH: Record<string, string[]> = {
  vi: ['ui.entry.pin', 'ui.screen.pin', 'ui.form.email', 'cli.customer.show.email', 'ui.products.perKg', 'ui.cart.weighed', 'receipt.weightTimesPrice', ...TECHNICAL],
  zh: [...TECHNICAL],
  ru: ['ui.form.email', 'cli.customer.show.email', ...TECHNICAL],
};
const onlySlots = (s: string) => !/\p{L}/u.test(s.replace(/\{[^}]*\}/g, '').replace(/\b[xZ]\b/g, ''));

describe.each(Object.keys(CATALOGS))('the %s catalog', (lang) => {
  const cat = CATALOGS[lang];
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  it('is one of the register\'s languages', () => expect(LANGUAGES).toContain(lang));

  it('has every key of English and no other', () => {
    expect(Object.keys(en).filter((k) => !(k in cat))).toEqual([]);
    expect(Object.keys(cat).filter((k) => !(k in en))).toEqual([]);
  });

  it('uses the same {slots} as English in every message', () => {
    const differ = Object.keys(en).filter((k) => k in cat && argumentsOf(cat[k]).join() !== argumentsOf(en[k as keyof typeof en]).join());
    expect(differ.map((k) => `${k}: en {${argumentsOf(en[k as keyof typeof en])}} ${lang} {${argumentsOf(cat[k])}}`)).toEqual([]);
  });

  it('has well-formed messages, none empty, plurals with every category of the language', () => {
    for (const [k, v] of Object.entries(cat)) {
      expect(v.trim(), k).not.toBe('');
      expect(messageProblem(v), `${k}: ${v}`).toBeNull();
      for (const p of pluralsOf(v)) for (const c of categories) expect(p.selectors, `${k}: plural {${p.arg}} lacks "${c}"`).toContain(c);
    }
  });

  it('is translated: no message is the English one unless it is only codes and slots', () => {
    const same = Object.keys(en).filter((k) => cat[k] === en[k as keyof typeof en] && !onlySlots(cat[k]) && !SAME_AS_ENGLISH[lang].includes(k));
    expect(same).toEqual([]);
  });
});

describe('English plurals', () => {
  it('have one and other', () => {
    for (const [k, v] of Object.entries(en)) for (const p of pluralsOf(v)) expect(p.selectors, k).toEqual(expect.arrayContaining(['one', 'other']));
  });
});

describe('points in Russian go through the plural rules', () => {
  it.each([
    [1, 0, '1 балл'],
    [2, 0, '2 балла'],
    [5, 0, '5 баллов'],
    [21, 0, '21 балл'],
    [5, 1, '0,5 балла'],
    [11, 0, '11 баллов'],
    [104, 0, '104 балла'],
  ])('%i units with %i decimals', (units, decimals, want) => {
    expect(translate('ru', 'ui.points', { points: formatUnits(units, decimals) })).toBe(want);
    setLanguage('ru');
    try {
      expect(pointsText(units, decimals, makeFmt(DEFAULT_CONFIG))).toBe(want);
    } finally {
      setLanguage('en');
    }
  });

  it('and in the other languages', () => {
    expect(['en', 'vi', 'zh'].map((l) => translate(l, 'ui.points', { points: '1' }))).toEqual(['1 pt', '1 điểm', '1 积分']);
    expect(['en', 'vi', 'zh'].map((l) => translate(l, 'ui.points', { points: '1250' }))).toEqual(['1,250 pts', '1.250 điểm', '1,250 积分']);
    expect(translate('ru', 'status.waiting', { n: 3 })).toBe('3 чека ждут');
    expect(translate('ru', 'status.waiting', { n: 25 })).toBe('25 чеков ждут');
  });
});

describe('every screen of the key table has a name in every language', () => {
  it('ui.screen.<screen> exists for each of SCREENS (the help screen and docs/keys.md print them)', async () => {
    const { SCREENS } = await import('../../src/ui/keys/table.js');
    const all: Record<string, Record<string, string>> = { en, ...CATALOGS };
    for (const lang of LANGUAGES) for (const s of SCREENS) expect(Object.hasOwn(all[lang], `ui.screen.${s}`), `${lang} ui.screen.${s}`).toBe(true);
  });
});
