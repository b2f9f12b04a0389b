/**
 * `till loyalty` in the manager's language (issue 13): --help of the command and of every
 * subcommand, program set/export, adjust, accrue, expire (and its --as-of preview), tiers review and
 * the refusals, in vi, zh and ru — compared with the English output of the same command, no English
 * word left; Russian counts of points, programs, customers and balances through the plural rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/index.js';
import { englishLeft } from '../support/english-left.js';
import { Harness, PROGRAM_FILE } from './loyalty-harness.js';

let h: Harness;
const LANGS = ['en', 'vi', 'zh', 'ru'] as const;
const NAMES: Record<string, string> = { en: 'Ann Lee', vi: 'Nguyễn Văn An', zh: '王芳', ru: 'Ольга Смирнова' };
const PHONES: Record<string, string> = { en: '0901000001', vi: '0901000002', zh: '0901000003', ru: '0901000004' };
/** What every language keeps as typed: subcommands, JSON keys, program and tier ids, the customers' names. */
const KEPT = ['program', 'set', 'list', 'export', 'adjust', 'accrue', 'expire', 'tiers', 'review', 'active', 'false', 'true', 'demotion',
  'expirydays', 'additionalexpirydays', 'ppm', 'cron', 'std', 'silver', ...Object.values(NAMES).flatMap((n) => n.split(' '))];

type Run = { code: number; out: string; err: string; text: string };
async function till(lang: string, argv: string[]): Promise<Run> {
  const code = await h.run('--lang', lang, ...argv);
  return { code, out: h.out.join('\n'), err: h.err.join('\n'), text: [...h.out, ...h.err].join('\n') };
}

/** One command in en, vi, zh, ru (argv per language: each may act on its own customer). */
async function inEveryLanguage(argv: (lang: string) => string[], allow: string[] = []): Promise<Record<string, Run>> {
  const all: Record<string, Run> = {};
  for (const lang of LANGS) all[lang] = await till(lang, argv(lang));
  const strip = (t: string) => t.replace(/\/tmp\/\S+/g, 'FILE').replace(/\baccrue-\d{4}-\d\d-\d\d-[0-9a-f]+/g, 'BATCH');
  for (const lang of LANGS.slice(1)) {
    expect(all[lang].code, `${lang}: ${all[lang].text}`).toBe(all.en.code);
    expect(englishLeft(strip(all.en.text), strip(all[lang].text), [...KEPT, ...allow]), `${lang}:\n${all[lang].text}`).toEqual([]);
  }
  return all;
}

/** A program with every kind of rule, reward and tier perk (for the program and ladder lines). */
const RICH_FILE = {
  programs: [
    PROGRAM_FILE.programs[0],
    {
      id: 'bonus', name: 'Bonus club', decimals: 1, step: 0.5, expiryDays: 365, additionalExpiryDays: 30, start: '2025-01-01', end: '2025-12-31',
      rules: [
        { id: 'unit', pointsPerUnit: 2, category: 'bakery', cumulative: true, minQty: 2 },
        { id: 'order', pointsPerOrder: 5, minAmount: '50.00', additional: true },
      ],
      rewards: [
        { id: 'ten', name: 'Ten off', type: 'fixed', amount: '10.00', cost: 100, minBalance: 150 },
        { id: 'pct', name: 'Coffee -20', type: 'percent', percent: 20, max: '5.00', cost: 50, category: 'coffee' },
      ],
    },
  ],
  tiers: {
    basis: 'spend', demotion: true, periodMonths: 12,
    levels: [{ id: 'std', name: 'Standard', threshold: 0, discount: 5, earnMultiplier: 1.5 }, { id: 'silver', name: 'Silver', threshold: '1000.00', discount: 5 }],
  },
};
const PROGRAM_WORDS = ['cb', 'cashback', 'base', 'cash', 'bonus', 'club', 'unit', 'order', 'ten', 'off', 'pct', 'coffee', 'bakery', 'standard', 'vnd'];

const cardOf = async (lang: string): Promise<string> => Object.values((await h.slice()).customers).find((c) => c.name === NAMES[lang])!.card;

beforeAll(async () => {
  h = await new Harness().init();
  expect(await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE))).toBe(0);
  for (const l of LANGS) expect(await h.run('customer', 'add', '--name', NAMES[l], '--phone', PHONES[l])).toBe(0);
});
afterAll(() => h.cleanup());

describe('till loyalty speaks vi, zh and ru', () => {
  it('--help of the command and of every subcommand', async () => {
    const top = await inEveryLanguage(() => ['loyalty', '--help']);
    expect(top.vi.out).toMatch(/^Cách dùng: till loyalty <lệnh con>/);
    for (const sub of ['program', 'adjust', 'accrue', 'expire', 'tiers']) {
      const page = await inEveryLanguage(() => ['loyalty', sub, '--help']);
      expect(page.ru.out, sub).toMatch(new RegExp(`^Использование: till loyalty ${sub}`));
      expect(page.zh.out, sub).toMatch(new RegExp(`^用法：till loyalty ${sub}`));
    }
  });

  it('program set and list (the program, its rules and rewards, the tier ladder), export', async () => {
    const file = h.file('p2.json', RICH_FILE);
    const set = await inEveryLanguage(() => ['loyalty', 'program', 'set', file, '--dry-run'], PROGRAM_WORDS);
    expect(set.ru.out.split('\n').at(-1)).toBe('Пробный запуск: ничего не изменено.');
    expect(set.ru.out).toContain('\n  std: Standard от 0.00 USD — скидка 5%, баллы x1.5\n');
    const list = await inEveryLanguage(() => ['loyalty', 'program', 'list'], PROGRAM_WORDS);
    expect(list.vi.out.split('\n')[0]).toBe('cb: Cashback 1% [đang chạy]; điểm lấy 0 chữ số thập phân, làm tròn xuống theo bước 1; hết hạn sau 30 ngày');
    const exp = await inEveryLanguage((l) => ['loyalty', 'program', 'export', h.file(`x-${l}.json`, '{}')]);
    expect(exp.zh.err).toMatch(/已存在；请换一个新文件（见 --help）$/);
    const bad = await inEveryLanguage(() => ['loyalty', 'program', 'bogus']);
    expect(bad.vi.err).toMatch(/cần: till loyalty program set TỆP\.json/);
  });

  it('adjust, accrue, expire, tiers review', async () => {
    const add = await inEveryLanguage((l) => ['loyalty', 'adjust', PHONES[l], '--points', '+10', '--reason', 'phone order'], ['phone', 'order']);
    expect(add.ru.out).toMatch(/^Начислено 10 баллов: Ольга Смирнова \(\d{13}\), баланс 10\.$/);
    expect(add.zh.out).toMatch(/^已给 王芳（\d{13}）增加 10 积分：余额 10。$/);
    const sub = await inEveryLanguage((l) => ['loyalty', 'adjust', PHONES[l], '--points', '-3', '--reason', 'typo'], ['typo']);
    expect(sub.vi.out).toMatch(/^Đã trừ 3 điểm của Nguyễn Văn An \(\d{13}\): còn 7 điểm\.$/);
    const extra = await inEveryLanguage((l) => ['loyalty', 'adjust', PHONES[l], '--points', '1', '--additional', '--reason', 'promo'], ['promo']);
    expect(extra.ru.out).toMatch(/^Начислено дополнительных: 1 балл: .*, баланс 8 \(из них дополнительных 1\)\.$/);

    const dry = await inEveryLanguage((l) => ['loyalty', 'accrue', '--points', '5', '--reason', `gift ${l}`, '--dry-run'], ['gift', 'cb']);
    expect(dry.ru.out.split('\n')[0]).toMatch(/^Пробный запуск: будет начислено 5 баллов \(cb\) 4 покупателям, партия accrue-/);
    await inEveryLanguage((l) => ['loyalty', 'accrue', '--points', '5', '--reason', `gift ${l}`, '--batch', `b-${l}`], ['gift', 'cb']);
    const again = await inEveryLanguage((l) => ['loyalty', 'accrue', '--points', '5', '--reason', `gift ${l}`, '--batch', `b-${l}`], ['gift', 'cb']);
    expect(again.zh.out).toBe('无需操作：批次 b-zh 已给 4 位会员赠送过。');
    await inEveryLanguage(() => ['loyalty', 'accrue', '--points', '5', '--reason', 'x', '--tier', 'gold'], ['gold']);
    await inEveryLanguage(() => ['loyalty', 'accrue', '--points', '0', '--reason', 'x']);

    const none = await inEveryLanguage(() => ['loyalty', 'expire']);
    expect(none.vi.out).toBe('Không có điểm nào hết hạn ngày 2025-03-10.');
    const ahead = await inEveryLanguage(() => ['loyalty', 'expire', '--dry-run', '--as-of', '2025-06-01', '--sample', '1'], ['cb']);
    expect(ahead.ru.out.split('\n')[0]).toBe('Пробный запуск: к 2025-06-01 сгорит 112 баллов программы cb на 4 счёта.');
    await inEveryLanguage(() => ['loyalty', 'expire', '--as-of', '2025-06-01']);
    const tiers = await inEveryLanguage(() => ['loyalty', 'tiers', 'review', '--dry-run']);
    expect(tiers.ru.out).toBe('Грейды: 0 повышений, 0 понижений.');
    await inEveryLanguage(() => ['loyalty', 'nothing-such'], ['nothing-such']);
    const who = await inEveryLanguage(() => ['loyalty', 'adjust', '0999999999', '--points', '1', '--reason', 'x']);
    expect(who.ru.err).toBe('Покупателя с картой, телефоном или id «0999999999» нет. Попробуйте: till customer find 0999999999');
    const prog = await inEveryLanguage((l) => ['loyalty', 'adjust', PHONES[l], '--points', '1', '--reason', 'x', '--program', 'nope'], ['nope', 'cb']);
    expect(prog.zh.err).toBe('没有积分方案“nope”（现有方案：cb）。');
    await inEveryLanguage(() => ['loyalty', 'adjust', '--points', '1']);
    expect(await cardOf('ru')).toMatch(/^\d{13}$/);
  });

  it('Russian counts: 1, 2, 5, 21', () => {
    const ru = (key: string, n: number) => translate('ru', key, { n, points: n, program: 'cb', batch: 'b', summary: 'S', file: 'f.json' });
    expect([1, 2, 5, 21].map((n) => ru('cli.loyalty.accrue.what', n))).toEqual([
      '1 балл (cb) 1 покупателю, партия b',
      '2 балла (cb) 2 покупателям, партия b',
      '5 баллов (cb) 5 покупателям, партия b',
      '21 балл (cb) 21 покупателю, партия b',
    ]);
    expect([1, 2, 5, 21].map((n) => ru('cli.loyalty.program.saved', n))).toEqual(['Сохранено: 1 программу.', 'Сохранено: 2 программы.', 'Сохранено: 5 программ.', 'Сохранено: 21 программу.']);
    expect([1, 2, 5, 21].map((n) => ru('cli.loyalty.expire.expired', n))).toEqual(['Сгорело S на 1 счёт.', 'Сгорело S на 2 счёта.', 'Сгорело S на 5 счетов.', 'Сгорело S на 21 счёт.']);
    expect(translate('ru', 'cli.loyalty.tiers.counts', { up: 21, down: 2 })).toBe('21 повышение, 2 понижения');
  });
});
