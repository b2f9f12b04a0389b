import { describe, expect, it } from 'vitest';
import { argumentsOf, formatMessage, messageProblem, pluralCategory, pluralsOf } from '../../src/i18n/message.js';

const RU = '{n, plural, one {# балл} few {# балла} many {# баллов} other {# балла}}';

describe('plural messages (CLDR rules through Intl.PluralRules)', () => {
  it.each([
    [1, '1 балл'],
    [2, '2 балла'],
    [5, '5 баллов'],
    [11, '11 баллов'],
    [21, '21 балл'],
    [22, '22 балла'],
    [0, '0 баллов'],
    [0.5, '0,5 балла'],
    ['1.5', '1,5 балла'],
    ['12.50', '12,50 балла'],
    [1234, '1\u00a0234 балла'],
  ])('Russian: %s', (n, want) => {
    expect(formatMessage(RU, { n }, 'ru')).toBe(want);
  });

  it('English one/other counts visible decimals ("1.0 points" is plural, as CLDR says)', () => {
    const EN = '{n, plural, one {# point} other {# points}}';
    expect(formatMessage(EN, { n: 1 }, 'en')).toBe('1 point');
    expect(formatMessage(EN, { n: '1.0' }, 'en')).toBe('1.0 points');
    expect(formatMessage(EN, { n: 1234 }, 'en')).toBe('1,234 points');
  });

  it('Vietnamese and Chinese have one form; # is written in the language', () => {
    expect(formatMessage('{n, plural, other {# điểm}}', { n: 1234 }, 'vi')).toBe('1.234 điểm');
    expect(formatMessage('{n, plural, other {#积分}}', { n: 1234 }, 'zh')).toBe('1,234积分');
  });

  it('exact branches win over categories; branches hold slots of their own', () => {
    const T = '{n, plural, =0 {Chưa có hóa đơn chờ in} other {# hóa đơn chờ in trên {printer}}}';
    expect(formatMessage(T, { n: 0 }, 'vi')).toBe('Chưa có hóa đơn chờ in');
    expect(formatMessage(T, { n: 3, printer: 'P1' }, 'vi')).toBe('3 hóa đơn chờ in trên P1');
  });

  it('a plural without its value, or with a value that is no number, stays as written', () => {
    expect(formatMessage(`Có ${RU}`, { other: 1 }, 'ru')).toBe(`Có ${RU}`);
    expect(formatMessage(RU, { n: 'many' }, 'ru')).toBe(RU);
  });

  it('never throws: a malformed template fills what it can', () => {
    for (const bad of ['{n, plural, one {x}}', '{n, plural, one {x} other {y}', '{a', '}', '{n, select, a {x} other {y}}', '{n, plural, one {{m, plural, other {x}}} other {y}}'])
      expect(messageProblem(bad), bad).not.toBeNull();
    expect(formatMessage('{a} and {b', { a: 1 }, 'en')).toBe('1 and {b');
    expect(messageProblem(RU)).toBeNull();
    expect(messageProblem('plain text, {slot} and # here')).toBeNull();
  });

  it('lists the arguments and plural branches a template uses', () => {
    expect(argumentsOf(`{name}: ${RU} ({extra})`)).toEqual(['extra', 'n', 'name']);
    expect(argumentsOf('{n, plural, one {# on {a}} other {# on {b}}}')).toEqual(['a', 'b', 'n']);
    expect(pluralsOf(RU)).toEqual([{ arg: 'n', selectors: ['one', 'few', 'many', 'other'] }]);
  });

  it('categories are CLDR\'s', () => {
    expect([1, 2, 5, 21, 0.5].map((n) => pluralCategory('ru', n))).toEqual(['one', 'few', 'many', 'one', 'other']);
    expect(pluralCategory('vi', 1)).toBe('other');
    expect(pluralCategory('zh', 1)).toBe('other');
    expect(pluralCategory('en', 1, 1)).toBe('other');
  });
});
