/**
 * `till customer` in the manager's language (issue 13): --help of every subcommand, add, find, show
 * (details and history), edit, block, unblock and import, in vi, zh and ru — compared with the English
 * output of the same command, no English word left; Russian counts through the plural rules.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { translate } from '../../src/i18n/index.js';
import { englishLeft } from '../support/english-left.js';

let dir = '';
const now = () => new Date('2026-12-03T10:00:00Z');
async function till(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data', join(dir, 'data'), ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, now });
  return { code, out: out.join('\n'), err: err.join('\n'), text: [...out, ...err].join('\n') };
}

const KEPT = ['e-mail', 'add', 'find', 'show', 'edit', 'block', 'unblock', 'regrade', 'import', 'json'];
/** One command in en, vi, zh, ru (argv per language: each may act on its own customer). */
async function inEveryLanguage(argv: (lang: string) => string[], allow: string[] = []) {
  const all: Record<string, Awaited<ReturnType<typeof till>>> = {};
  for (const lang of ['en', 'vi', 'zh', 'ru']) all[lang] = await till('--lang', lang, ...argv(lang));
  const strip = (t: string) => t.replace(/\/tmp\/\S+/g, 'FILE').replace(/\bc_[0-9a-z]+/g, 'ID');
  for (const lang of ['vi', 'zh', 'ru']) {
    expect(all[lang].code, `${lang}: ${all[lang].text}`).toBe(all.en.code);
    expect(englishLeft(strip(all.en.text), strip(all[lang].text), [...KEPT, ...allow]), `${lang}:\n${all[lang].text}`).toEqual([]);
  }
  return all;
}

const NAMES: Record<string, string> = { en: 'Ann Lee', vi: 'Nguyễn Văn An', zh: '王芳', ru: 'Ольга Смирнова' };
const PHONES: Record<string, string> = { en: '0901000001', vi: '0901000002', zh: '0901000003', ru: '0901000004' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'till-cust-lang-'));
  expect((await till('init')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('till customer speaks vi, zh and ru', () => {
  it('--help of the command and of every subcommand', async () => {
    const top = await inEveryLanguage(() => ['customer', '--help']);
    expect(top.vi.out).toMatch(/^Cách dùng: till customer <lệnh con>/);
    for (const sub of ['add', 'find', 'show', 'edit', 'block', 'unblock', 'regrade', 'import']) {
      const h = await inEveryLanguage(() => ['customer', sub, '--help'], ['ngu', 'an', 'nguyễn', 'văn', 'name', 'phone', 'email', 'card', 'tier', 'points']);
      expect(h.ru.out, sub).toMatch(/^Использование: till customer /);
    }
  });

  it('add, find, show, edit, block, unblock: lines and the customer\'s page', async () => {
    const add = await inEveryLanguage((l) => ['customer', 'add', '--name', NAMES[l], '--phone', PHONES[l]], Object.values(NAMES).flatMap((n) => n.split(' ')));
    expect(add.zh.out).toMatch(/^已新建 王芳，会员卡 \d{13}。$/);
    const find = await inEveryLanguage((l) => ['customer', 'find', PHONES[l]], Object.values(NAMES).flatMap((n) => n.split(' ')));
    expect(find.ru.out.split('\n').at(-1)).toBe('страница 1 из 1 (покупатели 1–1 из 1, сначала лучшие совпадения)');
    const edit = await inEveryLanguage((l) => ['customer', 'edit', PHONES[l], '--email', `${l}@example.com`], ['example', 'com']);
    expect(edit.vi.out).toMatch(/^Đã cập nhật e-mail của thẻ \d{13}\.$/);
    const block = await inEveryLanguage((l) => ['customer', 'block', PHONES[l], '--reason', 'lost card'], [...Object.values(NAMES).flatMap((n) => n.split(' '))]);
    expect(block.ru.out).toMatch(/^Карта \d{13} \(Ольга Смирнова\) заблокирована\.$/);
    await inEveryLanguage((l) => ['customer', 'unblock', PHONES[l], '--reason', 'found'], Object.values(NAMES).flatMap((n) => n.split(' ')));
    const show = await inEveryLanguage((l) => ['customer', 'show', PHONES[l]], [...Object.values(NAMES).flatMap((n) => n.split(' ')), 'example', 'com', 'lost', 'card', 'found', 'back-office', 'op1', 'standard', 'silver', 'gold']);
    expect(show.vi.out.split('\n').slice(1, 3)).toEqual([expect.stringMatching(/^  thẻ         \d{13}$/), '  điện thoại  0901000002']);
    expect(show.zh.out).toMatch(/\n {2}流水（最新的在前）：\n/);
    const none = await inEveryLanguage(() => ['customer', 'find', 'nobody-at-all'], ['nobody-at-all']);
    expect(none.zh.out).toBe('没有会员匹配“nobody-at-all”。');
  });

  it('import, dry run, with Russian counts', async () => {
    const csv = join(dir, 'c.csv');
    writeFileSync(csv, 'name,phone\nA One,0902000001\nB Two,0902000002\n');
    const dry = await inEveryLanguage(() => ['customer', 'import', csv, '--dry-run'], ['one', 'two']);
    expect(dry.ru.out).toBe('Пробный запуск: 2 покупателя, с замечаниями: 0 строк. Ничего не изменено.');
    expect([1, 2, 5, 21].map((n) => translate('ru', 'cli.customer.importSummary', { n, rejected: n }))).toEqual([
      '1 покупатель, с замечаниями: 1 строка',
      '2 покупателя, с замечаниями: 2 строки',
      '5 покупателей, с замечаниями: 5 строк',
      '21 покупатель, с замечаниями: 21 строка',
    ]);
    const missing = await inEveryLanguage(() => ['customer', 'import', join(dir, 'none.csv')]);
    expect(missing.vi.err).toMatch(/^Không đọc được .*none\.csv: ENOENT\. Chưa nhập gì\.$/);
  });

  it('import: every row’s reason and the whole-file refusals', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'name,phone,email,card,tier\n,0903000001,,,\nC Three,12,,,\nD Four,0901000001,,,\nE Five,0903000005,not-mail,,\nF Six,0903000006,,1234,\nG Seven,0903000007,,,platinum\nH Eight,0903000008\n');
    const rows = await inEveryLanguage(() => ['customer', 'import', csv, '--dry-run'], ['three', 'four', 'five', 'six', 'seven', 'eight', 'not-mail', 'platinum', 'name', 'phone', 'email', 'card', 'tier', 'points']);
    expect(rows.en.err.split('\n').map((l) => l.replace(/^.*bad\.csv:/, ''))).toEqual([
      '2: Enter the customer’s name.', '3: Enter a phone number of 6 to 15 digits.', '4: Another customer has this phone number.', '5: That e-mail address is not valid.',
      '6: A card number is 13 digits starting with 27, with a valid check digit.', '7: There is no tier "platinum".', '8: has 2 fields, the header has 5',
    ]);
    expect(rows.ru.err.split('\n').at(-1)).toMatch(/bad\.csv:8: 2 поля, а в заголовке 5$/);
    expect(rows.zh.err.split('\n')[5]).toMatch(/bad\.csv:7: 没有等级“platinum”。$/);
    expect([1, 2, 5, 21].map((n) => translate('ru', 'cli.customer.reason.FIELD_COUNT', { fields: n, header: 3 }))).toEqual(['1 поле, а в заголовке 3', '2 поля, а в заголовке 3', '5 полей, а в заголовке 3', '21 поле, а в заголовке 3']);
    writeFileSync(csv, 'name,phone,shoe\nA,0904000001,42\n');
    const cols = await inEveryLanguage(() => ['customer', 'import', csv], ['shoe']);
    expect(cols.vi.err).toMatch(/bad\.csv: cột không rõ: shoe\. Chưa nhập gì\.$/);
    writeFileSync(csv, '');
    const empty = await inEveryLanguage(() => ['customer', 'import', csv]);
    expect(empty.ru.err).toMatch(/bad\.csv: файл пуст\. /);
  });
});
