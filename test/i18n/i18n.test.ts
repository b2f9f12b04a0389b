import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { en, errorMessage, hasMessage, registerCatalog, setLanguage, t, translate, translator } from '../../src/i18n/index.js';
import { TillError } from '../../src/domain/errors.js';
import { argumentsOf, messageProblem } from '../../src/i18n/message.js';
import { vi } from '../../src/i18n/vi.js';
import { zh } from '../../src/i18n/zh.js';
import { ru } from '../../src/i18n/ru.js';
import { sourceFiles, throwSites, type ThrowSite } from '../support/throw-sites.js';

afterEach(() => setLanguage('en'));

describe('t', () => {
  it('fills {param} placeholders', () => {
    expect(t('error.BAD_QUANTITY', { max: 9999 })).toBe('Quantity must be 1 to 9999.');
    expect(t('error.UNKNOWN_BARCODE', { code: '4006381333931' })).toBe('No product has barcode 4006381333931.');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(t('error.BAD_QUANTITY')).toBe('Quantity must be 1 to {max}.');
    expect(t('error.BAD_QUANTITY', { other: 1 })).toBe('Quantity must be 1 to {max}.');
  });

  it('shows the key for a missing message and never throws', () => {
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t(undefined as unknown as string)).toBe('undefined');
    expect(t('error.BAD_QUANTITY', null as unknown as undefined)).toBe('Quantity must be 1 to {max}.');
    expect(t('__proto__')).toBe('__proto__');
    expect(t('constructor')).toBe('constructor');
  });

  it('falls back from region to language to English', () => {
    registerCatalog('xx', { 'receipt.total': 'TOTAL-XX' });
    registerCatalog('xx-YY', { 'receipt.change': 'Change-XXYY' });
    const tx = translator('xx-YY');
    expect(tx('receipt.change')).toBe('Change-XXYY');
    expect(tx('receipt.total')).toBe('TOTAL-XX');
    expect(tx('receipt.subtotal')).toBe('Subtotal');
    expect(translate('zz', 'receipt.subtotal')).toBe('Subtotal');
    setLanguage('xx_yy');
    expect(t('receipt.change')).toBe('Change-XXYY');
    expect(hasMessage('receipt.change')).toBe(true);
    expect(hasMessage('nope')).toBe(false);
  });
});

describe('errorMessage', () => {
  it('resolves a TillError through the catalog with its params', () => {
    expect(errorMessage(new TillError('CART_FULL', 'x', { max: 500 }))).toBe('A sale can hold at most 500 lines.');
  });
  it('falls back to the error message, then the code', () => {
    expect(errorMessage({ code: 'SOMETHING_NEW', message: 'Something new went wrong.' })).toBe('Something new went wrong.');
    expect(errorMessage({ code: 'SOMETHING_NEW' })).toBe('SOMETHING_NEW');
  });
});

/**
 * Every code the checkout core (cart, tender, sale) can refuse with, and every store code, has an
 * English message. Feature modules (gift cards, loyalty) add their keys with their code; errorMessage() falls
 * back to the error's own English text meanwhile.
 */
describe('catalog coverage', () => {
  const codes = new Set<string>();
  for (const file of ['src/domain/cart.ts', 'src/domain/tender.ts', 'src/domain/sale.ts']) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\b(?:fail|refuse|new TillError)\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]);
  }
  {
    const src = readFileSync('src/store/types.ts', 'utf8');
    const union = /type StoreErrorCode\s*=([^;]+);/.exec(src)?.[1] ?? '';
    for (const m of union.matchAll(/'([A-Z_]+)'/g)) codes.add(m[1]);
  }
  for (const c of ['BAD_QUANTITY', 'CART_FULL', 'NO_SUCH_LINE', 'QTY_NOT_ALLOWED', 'ALREADY_PAID', 'BAD_AMOUNT', 'ABSURD_AMOUNT',
    'TENDER_EXCEEDS_DUE', 'NO_SUCH_TENDER', 'EMPTY_SALE', 'NOT_COVERED', 'STORE_MISSING', 'STORE_CORRUPT', 'DISK_FULL', 'READ_ONLY',
    'PERMISSION', 'IO_ERROR', 'STORE_LOCKED', 'UNKNOWN_BARCODE', 'GARBLED_SCAN', 'EMPTY_SCAN', 'PRINTER_NONE', 'PRINTER_OFFLINE',
    'PAPER_OUT', 'PRINTER_ERROR']) codes.add(c);

  it.each([...codes].sort())('has a message for %s', (code) => {
    expect(Object.prototype.hasOwnProperty.call(en, `error.${code}`)).toBe(true);
  });

  it('has no empty templates and only well-formed placeholders', () => {
    for (const [k, v] of Object.entries(en)) {
      expect(v.trim(), k).not.toBe('');
      expect(messageProblem(v), k).toBeNull();
    }
  });
});

/**
 * Every refusal the register or the back office can show, wherever it is raised: a code written with
 * its English at the throw site has its words in every catalog (`error.<CODE>`, the back office's
 * `cli.error.<CODE>`, an info's `ui.info.<CODE>`), so the screen, headless and the CLI say it in the
 * configured language; and an English text built from values at the site passes those values as
 * params, the catalog's slots among them (else errorMessage and refusalText show the English).
 */
describe('every code thrown in src/ and machines/', () => {
  const sites = throwSites(sourceFiles(['src', 'machines']));
  const catalogs: Record<string, Record<string, string>> = { en, vi, zh, ru };
  const lineOf = (x: ThrowSite) => readFileSync(x.file, 'utf8').split('\n')[x.line - 1];
  // Not words one reads in a language: the session's empty success ('OK'); a bad --lang or --data,
  // read before the language is known. Known and left (issue 13's report): --operator's list.
  const exempt = (x: ThrowSite) => x.code === 'OK' || (x.code === 'USAGE' && (/'--(lang|data) needs|--lang is one of/.test(lineOf(x)) || x.file === 'src/admin/operator-arg.ts'));
  const keysOf = (x: ThrowSite) => [`error.${x.code}`, `cli.error.${x.code}`, `ui.info.${x.code}`];
  const spoken = sites.filter((x) => x.message === 'literal' && !exempt(x));
  /**
   * Sites whose words exist but whose English is built from values the catalog cannot have (or needs
   * values the site lacks), so some details stay English: the configuration's and the store's
   * diagnostics (a file, a path, what is damaged), the shift and gift-card lookups of the back office.
   * A new one fails here; one fixed must leave the list.
   */
  const KNOWN = new Set([
    'src/admin/giftcard.ts GIFT_CARD_UNKNOWN', 'src/admin/init.ts CONFIG_INVALID',
    'src/admin/report.ts SHIFT_NOT_OPEN', 'src/admin/run.ts STORE_MISSING', 'src/admin/run.ts CONFIG_INVALID', 'src/admin/scanner-config.ts CONFIG_INVALID',
    'src/admin/shift.ts SHIFT_NOT_OPEN', 'src/admin/sync-hq.ts STORE_MISSING', 'src/domain/quick-keys.ts CONFIG_INVALID', 'src/headless/driver.ts INTERNAL_ERROR',
    'src/store/till-store.ts BAD_EVENT', 'src/sync/holds.ts GIFT_CARD_UNKNOWN', 'src/sync/holds.ts INSUFFICIENT_BALANCE', 'src/sync/identity.ts STORE_CORRUPT',
    'src/sync/tender-holds.ts CONFIG_INVALID', 'machines/return.logic.ts BAD_QUANTITY', 'src/domain/returns/plan.ts RETURN_TOO_MANY',
    'src/store/backup.ts STORE_CORRUPT', 'src/store/backup.ts STORE_EXISTS', 'src/store/backup.ts STORE_MISSING', 'src/store/load.ts STORE_MISSING',
    'src/store/open.ts STORE_EXISTS', 'src/store/open.ts STORE_MISSING', 'src/store/read-state.ts STORE_MISSING', 'src/store/repair.ts STORE_MISSING',
    'src/store/repair.ts STORE_CORRUPT', 'src/store/verify.ts STORE_MISSING',
  ]);

  it('say their values in the language: the register (errorMessage) and the back office (refusalText)', async () => {
    const { refusalText } = await import('../../src/admin/refusal.js');
    expect(errorMessage(new TillError('INSUFFICIENT_POINTS', 'Not enough points.', { need: 50, available: 10 }), 'ru')).toBe('Недостаточно баллов.');
    expect(errorMessage(new TillError('POINTS_EXCEED_LIMIT', 'x', { max: 21 }), 'ru')).toBe('В этом чеке можно списать не больше 21 балла.');
    expect(errorMessage(new TillError('LAST_MANAGER', 'x', { name: '李娜' }), 'zh')).toBe('李娜 是唯一的店长：请先添加另一位店长。');
    const e = new TillError('EXPORT_FAILED', translate('en', 'cli.error.EXPORT_FAILED', { file: '/x/cards.csv.tmp', error: 'EACCES' }), { file: '/x/cards.csv.tmp', error: 'EACCES' });
    expect(refusalText(e, 'en')).toBe('Cannot write /x/cards.csv.tmp: EACCES. No card was created.');
    expect(refusalText(e, 'ru')).toBe('Не удалось записать /x/cards.csv.tmp: EACCES. Ни одна карта не создана.');
    expect(refusalText(e, 'zh')).toBe('无法写入 /x/cards.csv.tmp：EACCES。没有创建任何卡。');
  });

  it('are found (the scan reads the sources)', () => {
    expect(sites.length).toBeGreaterThan(300);
    expect(sites.find((x) => x.code === 'EXPORT_FAILED')).toMatchObject({ file: 'src/admin/giftcard.ts', message: 'worded' });
    expect(sites.find((x) => x.code === 'LAST_MANAGER')).toMatchObject({ message: 'literal', interpolated: true, params: ['name'] });
  });

  it('have words in en, vi, zh and ru', () => {
    const missing: string[] = [];
    for (const x of spoken)
      for (const [lang, cat] of Object.entries(catalogs)) if (!keysOf(x).some((k) => Object.hasOwn(cat, k))) missing.push(`${x.file}:${x.line} ${x.code} (${lang})`);
    expect(missing).toEqual([]);
  });

  it('built from values, pass the values as params, and the words use no slot the site does not fill', () => {
    const problems = new Map<string, string>();
    for (const x of spoken) {
      const key = keysOf(x).find((k) => Object.hasOwn(en, k));
      if (!key) continue;
      const slots = argumentsOf(en[key as keyof typeof en]);
      const open = x.params === null ? [] : slots.filter((s) => !(x.params ?? []).includes(s));
      if (x.interpolated && x.params === undefined) problems.set(`${x.file} ${x.code}`, `${x.line}: English built from values, no params`);
      else if (open.length) problems.set(`${x.file} ${x.code}`, `${x.line}: ${key} needs {${open.join('}, {')}}`);
    }
    expect([...problems].filter(([k]) => !KNOWN.has(k)).map(([k, v]) => `${k} ${v}`)).toEqual([]);
    expect([...KNOWN].filter((k) => !problems.has(k))).toEqual([]);
  });
});
