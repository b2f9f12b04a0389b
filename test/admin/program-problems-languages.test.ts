/**
 * A refused program file (`till loyalty program set FILE.json`) in the manager's language (issue 13):
 * the domain gives each problem a reason and its values, the catalogs the words. Every reason is
 * reached from a real file and read in vi, zh and ru with no English word of the English text left
 * and no slot open; the JSON reader's refusals too; Russian counts through the plural rules; the CLI
 * prints them in the output's language.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { currency } from '../../src/domain/money.js';
import { readJson } from '../../src/domain/json-positions.js';
import { problemText, readProgramFile, readProgramText, type FileProblem } from '../../src/domain/loyalty/program-file.js';
import { PROBLEM_REASONS } from '../../src/domain/loyalty/program-file-fields.js';
import { FILE_KEYS, LADDER_KEYS, PROGRAM_KEYS, REWARD_KEYS, RULE_KEYS, TIER_KEYS, TIER_PRICE_KEYS } from '../../src/domain/loyalty/program-file-keys.js';
import { sayText } from '../../src/i18n/said.js';
import { en } from '../../src/i18n/index.js';
import { englishLeft } from '../support/english-left.js';

const USD = currency('USD');
const CATALOG = { hasSku: (s: string) => s === '101', categories: () => ['bakery', 'coffee'] };
const P = { id: 'p', name: 'P', rules: [{ id: 'r', points: 1, perAmount: '1.00' }], rewards: [] };
const L0 = { id: 'a', name: 'A', threshold: 0 };
const withRule = (rule: object) => ({ programs: [{ ...P, rules: [rule] }] });
const withReward = (reward: object) => ({ programs: [{ ...P, rewards: [reward] }] });
const withTier = (tier: object, ladder: object = {}) => ({ tiers: { levels: [{ ...L0, ...tier }], ...ladder } });
const withPrices = (prices: unknown) => withTier({ prices });

/** A file for every reason the reader gives (read with the catalog above). */
const FILES: Record<string, unknown> = {
  FILE_NOT_OBJECT: [],
  UNKNOWN_KEY: { programs: [{ ...P, qqqqqqqq: 1 }] },
  UNKNOWN_KEY_NEAR: { programs: [{ ...P, activ: true }] },
  ID_BAD: { programs: [{ ...P, id: 'bad id' }] },
  ID_TWICE: { programs: [P, P] },
  TEXT_EMPTY: { programs: [{ ...P, name: '' }] },
  TEXT_CONTROL: { programs: [{ ...P, name: 'P\u001bp' }] },
  BOOL_BAD: { programs: [{ ...P, active: 'yes' }] },
  REQUIRED: withReward({ id: 'w', name: 'W', type: 'fixed', cost: 1 }),
  MONEY_BAD: withRule({ id: 'r', pointsPerUnit: 1, minAmount: 'x' }),
  MONEY_POSITIVE: withRule({ id: 'r', points: 1, perAmount: '0' }),
  POINTS_BAD: withReward({ id: 'w', name: 'W', type: 'fixed', cost: 1, amount: '1.00', minBalance: 'x' }),
  POINTS_POSITIVE: { programs: [{ ...P, step: 'x' }] },
  POSITIVE: { programs: [{ ...P, step: 0 }] },
  PERCENT_RANGE: withReward({ id: 'w', name: 'W', type: 'cashback', value: '1.00', maxShare: 150 }),
  PERCENT_POSITIVE: withReward({ id: 'w', name: 'W', type: 'percent', cost: 1, percent: 0 }),
  NUMBER_RANGE: withTier({ earnMultiplier: -1 }),
  INT_RANGE: { programs: [{ ...P, decimals: 5 }] },
  DAY_BAD: { programs: [{ ...P, start: '2025-13-45' }] },
  TARGET_BOTH: withRule({ id: 'r', sku: '101', category: 'bakery', pointsPerUnit: 1 }),
  LIST_BAD: { programs: [{ ...P, rules: 5 }] },
  OBJECT_BAD: { programs: [{ ...P, rules: [5] }] },
  RULE_POINTS_NEEDED: withRule({ id: 'r', perAmount: '1.00' }),
  RULE_POINTS_BAD: withRule({ id: 'r', points: 0, perAmount: '1.00' }),
  RULE_TOO_FINE: withRule({ id: 'r', points: '0.00000000000000000001', perAmount: '1.00' }),
  RULE_NO_POINTS: withRule({ id: 'r' }),
  CUMULATIVE_UNTARGETED: withRule({ id: 'r', pointsPerUnit: 1, cumulative: true }),
  REWARD_TYPE_BAD: withReward({ id: 'w', name: 'W', type: 'voucher' }),
  FREE_SKU_REQUIRED: withReward({ id: 'w', name: 'W', type: 'free-product', cost: 1 }),
  END_BEFORE_START: { programs: [{ ...P, start: '2025-02-01', end: '2025-01-01' }] },
  TIERS_NOT_OBJECT: { tiers: 5 },
  BASIS_BAD: withTier({}, { basis: 'visits' }),
  LADDER_PROGRAM: withTier({}, { basis: 'points' }),
  LEVELS_BAD: { tiers: { levels: [] } },
  CASHBACK_NO_PROGRAM: withTier({ cashback: 1 }),
  CASHBACK_NO_VALUE: { programs: [P], tiers: { programId: 'p', levels: [{ ...L0, cashback: 1 }] } },
  FIRST_THRESHOLD: withTier({ threshold: '10.00' }),
  THRESHOLD_ORDER: { tiers: { levels: [L0, { id: 'b', name: 'B', threshold: 0 }] } },
  PRICES_BAD: withPrices(5),
  PRICE_TARGET_NONE: withPrices([{ price: '1.00' }]),
  PRICE_BOTH: withPrices([{ sku: '101', price: '1.00', percent: 5 }]),
  PRICE_NONE: withPrices([{ sku: '101' }]),
  SKU_PRICED_TWICE: withPrices([{ sku: '101', price: '1.00' }, { sku: '101', price: '2.00' }]),
  CATEGORY_PRICED_TWICE: withPrices([{ category: 'bakery', percent: 5 }, { category: 'bakery', percent: 10 }]),
  SKU_UNKNOWN: withPrices([{ sku: '999', price: '1.00' }]),
  CATEGORY_UNKNOWN: withPrices([{ category: 'qqqqqqqqqq', percent: 5 }]),
  CATEGORY_UNKNOWN_NEAR: withPrices([{ category: 'bakeyr', percent: 5 }]),
};
/** Texts for every refusal of the JSON reader, and the one problem a text gives (FILE_SYNTAX). */
const JSON_TEXTS: Record<string, string> = {
  COMMENT: '{ // no\n}',
  FILE_ENDS: '{"programs":',
  SINGLE_QUOTES: "{'programs': []}",
  UNEXPECTED: '{"programs" []}',
  TOO_DEEP: '['.repeat(70),
  KEY_TWICE: '{"tiers": null, "tiers": null}',
  TRAILING_COMMA: '{"programs": [],}',
  STRING_UNCLOSED: '{"programs',
  U_ESCAPE: '{"\\u12": 1}',
  BAD_ESCAPE: '{"\\x": 1}',
  STRING_LINE: '{"a\nb": 1}',
  STRING_CONTROL: '{"a\tb": 1}',
  TEXT_AFTER: '{} x',
};
// What every language keeps: the file's keys and values (what one types), JSON's words.
const KEPT = [
  'programs', 'tiers', 'perAmount', 'pointsPerUnit', 'pointsPerOrder', 'points', 'spend', 'start', 'programId', 'cashback', 'percent', 'basis',
  'true', 'false', 'null', 'uxxxx', 'fixed', 'voucher', 'free-product', 'yes', 'bakery', 'bakeyr', 'qqqqqqqq', 'qqqqqqqqqq', 'activ', 'active',
  'free', 'visits', 'bad', 'cumulative', 'minAmount', 'step', 'decimals', 'earnMultiplier', 'maxShare', 'minBalance', 'rules', 'name',
  ...FILE_KEYS, ...PROGRAM_KEYS, ...RULE_KEYS, ...Object.values(REWARD_KEYS).flat(), ...LADDER_KEYS, ...TIER_KEYS, ...TIER_PRICE_KEYS,
];

const LANGS = ['vi', 'zh', 'ru'] as const;

function check(p: Pick<FileProblem, 'reason' | 'params'>, lang: string): void {
  const english = problemText(p, 'en');
  const text = problemText(p, lang);
  expect(text, `${p.reason} ${lang}`).not.toBe(english);
  expect(text, `${p.reason} ${lang}: ${text}`).not.toMatch(/\{[A-Za-z]+\}|cli\.(json|loyalty)\./);
  expect(englishLeft(english, text, KEPT), `${p.reason} ${lang}: ${text}`).toEqual([]);
}

describe("a program file's problems", () => {
  const found = new Map<string, FileProblem>();
  for (const [reason, raw] of Object.entries(FILES)) {
    const r = readProgramFile(raw, USD, [], undefined, CATALOG);
    const p = r.ok ? undefined : r.problems.find((x) => x.reason === reason);
    if (p) found.set(reason, p);
  }

  it('are reasons with values in the domain, every reason reached from a file (but one no field asks)', () => {
    expect(Object.keys(FILES).filter((k) => !found.has(k))).toEqual([]);
    expect(PROBLEM_REASONS.filter((k) => !found.has(k))).toEqual(['FILE_SYNTAX', 'NUMBER_POSITIVE']);
    expect(found.get('UNKNOWN_KEY_NEAR')).toMatchObject({ key: 'programs[0].activ', code: 'PROGRAM_UNKNOWN_KEY', params: { key: '"activ"', near: 'active' } });
    // The English is the catalog's, word for word what it was before the reasons had codes.
    expect(found.get('BOOL_BAD')?.message).toBe('must be true or false (without quotes), got "yes"');
    expect(found.get('UNKNOWN_KEY_NEAR')?.message).toBe(
      'unknown key "activ" — did you mean "active"? A program may have: id, name, active, start, end, decimals, step, expiryDays, additionalExpiryDays, rules, rewards',
    );
  });

  it('have words in every catalog for every reason', () => {
    for (const reason of PROBLEM_REASONS) expect(Object.hasOwn(en, `cli.loyalty.problem.${reason}`), reason).toBe(true);
  });

  it.each(LANGS)('read in %s: every one, no English word left, no slot open', (lang) => {
    for (const p of found.values()) check(p, lang);
    check({ reason: 'NUMBER_POSITIVE', params: { max: '100', decimals: 4, got: { key: 'cli.loyalty.problem.got.value', params: { value: '0' } } } }, lang);
  });

  it.each(LANGS)('in %s, a file that is not JSON says why, for every refusal of the reader', (lang) => {
    for (const [code, text] of Object.entries(JSON_TEXTS)) {
      const j = readJson(text);
      expect(j.ok ? null : j.problem.key, text).toBe(`cli.json.${code}`);
      const r = readProgramText(text, USD);
      const p = r.ok ? undefined : r.problems[0];
      expect(p?.reason).toBe('FILE_SYNTAX');
      check(p!, lang);
    }
  });

  it('what the reader expected is words too: every kind of place', () => {
    const expected = ['{"a": x}', '{1: 2}', '{"a" 1}', '{"a": 1 "b": 2}', '[1 2]'].map((t) => {
      const j = readJson(t);
      return j.ok ? '' : (j.problem.params!.expected as { key: string }).key;
    });
    expect(expected).toEqual(['VALUE', 'KEY', 'COLON', 'MEMBER_END', 'ELEMENT_END'].map((w) => `cli.json.expect.${w}`));
    const j = readJson('{"a" 1}');
    expect(j.ok ? '' : sayText(j.problem, 'ru')).toBe('лишний символ "1"; ожидалось: ":" после ключа "a"');
    expect(j.ok ? '' : j.message).toBe('unexpected "1" where ":" after the key "a" was expected');
  });

  it('Russian counts of decimals: 0, 1, 2, 4, 21', () => {
    const money = (decimals: number) => problemText({ reason: 'MONEY_BAD', params: { currency: 'RUB', example: '5.00', decimals, got: { key: 'cli.loyalty.problem.got.list' } } }, 'ru');
    expect([0, 1, 2, 4, 21].map(money)).toEqual([
      'нужна сумма в RUB, например "5.00" (без знаков после запятой), а указан список',
      'нужна сумма в RUB, например "5.00" (не больше 1 знака после запятой), а указан список',
      'нужна сумма в RUB, например "5.00" (не больше 2 знаков после запятой), а указан список',
      'нужна сумма в RUB, например "5.00" (не больше 4 знаков после запятой), а указан список',
      'нужна сумма в RUB, например "5.00" (не больше 21 знака после запятой), а указан список',
    ]);
  });
});

describe('till loyalty program set prints them in the output\'s language', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  async function till(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('ru and zh: each problem at its line, with its code; nothing saved', async () => {
    const d = mkdtempSync(join(tmpdir(), 'till-program-lang-'));
    dirs.push(d);
    expect((await till('--data', d, 'init')).code).toBe(0);
    const f = join(d, 'p.json');
    writeFileSync(f, ['{ "programs": [{', '  "id": "club", "name": "Club", "activ": true,', '  "rules": [{ "id": "base", "points": 0, "perAmount": "1.00" }]', '}] }'].join('\n'));
    const ru = await till('--data', d, '--lang', 'ru', 'loyalty', 'program', 'set', f);
    expect(ru.code).toBe(1);
    expect(ru.err.split('\n')).toEqual([
      `${f}, строка 2, столбец 33: programs[0].activ: неизвестный ключ "activ" — может быть, "active"? Программа может содержать: id, name, active, start, end, decimals, step, expiryDays, additionalExpiryDays, rules, rewards [PROGRAM_UNKNOWN_KEY]`,
      `${f}, строка 3, столбец 39: programs[0].rules[0].points: нужно число баллов больше 0, например "0.01" или 1, а указано 0 [PROGRAM_BAD_VALUE]`,
      `${f}: 2 ошибки. Ничего не изменено.`,
    ]);
    writeFileSync(f, '{ "programs": [], }');
    const zh = await till('--data', d, '--lang', 'zh', 'loyalty', 'program', 'set', f);
    expect(zh.err.split('\n')).toEqual([`${f}，第 1 行第 19 列：(file)：不是有效的 JSON：JSON 中 "}" 前不能有逗号，请删除 [PROGRAM_FILE_SYNTAX]`, `${f} 有 1 处问题。没有做任何更改。`]);
    expect((await till('--data', d, 'loyalty', 'program', 'list')).out).not.toContain('club');
  });
});
