/**
 * `till giftcard` in the manager's language (issue 13): every subcommand's --help, create, show,
 * list, block, unblock, load, adjust, expire, liability and its refusals, in vi, zh and ru — compared
 * with the English output of the same command, no English word left; CJK columns aligned in terminal
 * columns; Russian counts through the plural rules.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { textWidth } from '../../src/domain/receipt-text.js';
import { translate } from '../../src/i18n/index.js';
import { englishLeft } from '../support/english-left.js';

let dir = '';
let n = 0;
const now = () => new Date('2026-12-03T10:00:00Z');
async function till(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data', join(dir, 'data'), ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, now });
  return { code, out: out.join('\n'), err: err.join('\n'), text: [...out, ...err].join('\n') };
}
const csv = () => join(dir, `cards-${++n}.csv`);
/** The code of the first card of a CSV the command wrote. */
const firstCode = (file: string) => readFileSync(file, 'utf8').split('\n')[1].split(',')[0];

// What each language keeps as typed: subcommand names, states and options' values, CSV/JSON words.
const KEPT = ['create', 'show', 'block', 'unblock', 'load', 'adjust', 'expire', 'list', 'liability', 'pending', 'active', 'blocked', 'expired', 'depleted', 'batch-'];

/** Runs one command in en, vi, zh and ru (argv per language: each may act on its own card). */
async function inEveryLanguage(argv: (lang: string) => string[] | Promise<string[]>, allow: string[] = []) {
  const all: Record<string, Awaited<ReturnType<typeof till>>> = {};
  for (const lang of ['en', 'vi', 'zh', 'ru']) all[lang] = await till('--lang', lang, ...(await argv(lang)));
  const strip = (t: string) => t.replace(/\/tmp\/\S+/g, 'FILE').replace(/\*{4}\w{4}/g, 'CARD').replace(/batch [0-9a-f-]+|批次 [0-9a-f-]+|lô [0-9a-f-]+|партия [0-9a-f-]+/g, 'BATCH');
  for (const lang of ['vi', 'zh', 'ru']) {
    expect(all[lang].code, `${lang}: ${all[lang].text}`).toBe(all.en.code);
    expect(englishLeft(strip(all.en.text), strip(all[lang].text), [...KEPT, ...allow]), `${lang}:\n${all[lang].text}`).toEqual([]);
  }
  return all;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'till-gc-lang-'));
  expect((await till('init')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('till giftcard speaks vi, zh and ru', () => {
  it('--help and every subcommand\'s --help', async () => {
    const top = await inEveryLanguage(() => ['giftcard', '--help']);
    expect(top.zh.out).toMatch(/^用法：till giftcard <子命令>/);
    for (const sub of ['create', 'show', 'block', 'unblock', 'load', 'adjust', 'expire', 'list', 'liability']) {
      const h = await inEveryLanguage(() => ['giftcard', sub, '--help'], ['value', 'price', 'count', 'expires', 'days', 'customer', 'operator', 'json', 'amount', 'reason', 'extend', 'state', 'from', 'to', 'as-of', 'giftcards.defaultvaliditydays']);
      expect(h.ru.out, sub).toMatch(/^Использование: till giftcard /);
    }
  });

  it('create, show, list, block, unblock, load, adjust: their lines and tables', async () => {
    const files: Record<string, string> = {};
    const created = await inEveryLanguage((lang) => ['giftcard', 'create', '--value', '20.00', '--count', '2', '--csv', (files[lang] = csv())]);
    expect(created.ru.out).toMatch(/^Выпущено активных карт: 2, номинал 20.00 USD \(партия [0-9a-f-]+\)\. Коды записаны в /);
    const code = firstCode(files.en);
    const show = await inEveryLanguage(() => ['giftcard', 'show', code], ['back-office']);
    // Labels aligned in terminal columns: every value starts at the same column, CJK counted as two.
    const starts = show.zh.out.split('\n').slice(1, 5).map((l) => textWidth(/^\s*\S+：\s*/.exec(l)?.[0] ?? ''));
    expect(new Set(starts).size, show.zh.out).toBe(1);
    expect(show.vi.out).toMatch(/^Thẻ quà tặng \*{4}\w{4}\n  Trạng thái: đang dùng\n  Số dư:      20.00 USD\n  Mệnh giá:   20.00 USD, giá bán 20.00\n/);
    const list = await inEveryLanguage(() => ['giftcard', 'list']);
    expect(list.zh.out.split('\n')[0]).toBe(`卡号${' '.repeat(6)}状态${' '.repeat(14)}余额  有效期${' '.repeat(6)}会员`);
    // Rows line up with the heading in terminal columns: the balance ends where its heading does.
    const end = (line: string, what: string) => textWidth(line.slice(0, line.indexOf(what) + what.length));
    expect(end(list.zh.out.split('\n')[1], '20.00')).toBe(end(list.zh.out.split('\n')[0], '余额'));
    expect(list.ru.out.split('\n').at(-1)).toBe('страница 1 из 1 (карты 1–8 из 8, в порядке выпуска)');
    // The English run blocked the card first; each language then blocks and unblocks its own.
    const codes: Record<string, string> = { en: code, vi: firstCode(files.vi), zh: firstCode(files.zh), ru: firstCode(files.ru) };
    const block = await inEveryLanguage((lang) => ['giftcard', 'block', codes[lang], '--reason', 'lost']);
    expect(block.zh.out).toMatch(/^已冻结礼品卡 \*{4}\w{4}：已冻结，余额 20\.00 USD。$/);
    await inEveryLanguage((lang) => ['giftcard', 'unblock', codes[lang], '--reason', 'found']);
    const load = await inEveryLanguage((lang) => ['giftcard', 'load', codes[lang], '--amount', '5.00']);
    expect(load.ru.out).toMatch(/^Подарочная карта \*{4}\w{4} пополнена: активна, остаток 25\.00 USD\.$/);
    const adjust = await inEveryLanguage((lang) => ['giftcard', 'adjust', codes[lang], '--amount', '-1.00', '--reason', 'typo']);
    expect(adjust.vi.out).toMatch(/^Đã điều chỉnh thẻ quà tặng \*{4}\w{4}: đang dùng, số dư 24\.00 USD\.$/);
    const history = await inEveryLanguage((lang) => ['giftcard', 'show', codes[lang]], ['back-office', 'lost', 'found', 'typo']);
    expect(history.ru.out).toMatch(/исправление +-1\.00 +24\.00/);
  });

  it('expire and liability, with Russian counts', async () => {
    const dry = await inEveryLanguage(() => ['giftcard', 'expire', '--dry-run']);
    expect(dry.ru.out).toBe('Пробный запуск: просрочено: 0 карт, сгорело 0.00 USD. Ничего не изменено.');
    const liab = await inEveryLanguage(() => ['giftcard', 'liability', '--as-of', '2027-12-31']);
    expect(liab.ru.out.split('\n')[1]).toMatch(/^  Остаток на \d+ картах \(активных\) +\d/);
    expect(liab.zh.out.split('\n')[0]).toBe('礼品卡未兑付余额（USD）');
    expect([1, 2, 5, 21].map((k) => translate('ru', 'cli.giftcard.expireSummary', { n: k, amount: '0' }))).toEqual([
      'просрочено: 1 карта, сгорело 0',
      'просрочено: 2 карты, сгорело 0',
      'просрочено: 5 карт, сгорело 0',
      'просрочено: 21 карта, сгорело 0',
    ]);
    expect(translate('ru', 'cli.giftcard.liability.outstanding', { n: 21 })).toBe('Остаток на 21 карте (активных)');
  });

  it('refusals: usage mistakes, an unknown card, a blocked one, an expired one', async () => {
    const wrong = await inEveryLanguage(() => ['giftcard', 'frobnicate'], ['frobnicate']);
    expect(wrong.vi.err).toBe('không có lệnh con "frobnicate"; chọn một trong create, show, block, unblock, load, adjust, expire, list, liability (xem --help)');
    const noCsv = await inEveryLanguage(() => ['giftcard', 'create', '--value', '5']);
    expect(noCsv.zh.err).toMatch(/^必须指定 --csv 文件：新卡的卡号写在这里/);
    const amount = await inEveryLanguage(() => ['giftcard', 'create', '--value', 'lots', '--csv', csv()], ['lots']);
    expect(amount.ru.err).toMatch(/^--value — сумма в USD, например "20.00", получено "lots"/);
    const f = csv();
    expect((await till('giftcard', 'create', '--value', '5', '--csv', f)).code).toBe(0);
    const code = firstCode(f);
    const reason = await inEveryLanguage(() => ['giftcard', 'block', code]);
    expect(reason.ru.err).toBe('Укажите причину (--reason).');
    expect((await till('giftcard', 'block', code, '--reason', 'x')).code).toBe(0);
    const blocked = await inEveryLanguage(() => ['giftcard', 'load', code, '--amount', '1']);
    expect(blocked.zh.err).toMatch(/^礼品卡 \*{4}\w{4} 已冻结。请找店长。$/);
    const unknown = await inEveryLanguage(() => ['giftcard', 'show', 'GC0000000000000000000A'], []);
    expect(unknown.vi.code).toBe(1);
  });
});
