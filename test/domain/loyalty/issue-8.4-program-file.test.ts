import { describe, expect, it } from 'vitest';
import { readProgramText, writeProgramFile, type FileProblem } from '../../../src/domain/loyalty/program-file.js';
import { childPath, parentPath, readJson } from '../../../src/domain/json-positions.js';
import { closest } from '../../../src/domain/suggest.js';
import { currency } from '../../../src/domain/money.js';

const USD = currency('USD');

/** A valid program file as an owner writes it, one member per line. `edit` changes one line. */
const LINES = [
  '{',
  '  "programs": [{',
  '    "id": "club", "name": "Club", "decimals": 0,',
  '    "rules": [',
  '      { "id": "base", "points": 1, "perAmount": "1.00" },',
  '      { "id": "coffee", "category": "coffee", "pointsPerUnit": 5,',
  '        "cumulative": true }',
  '    ],',
  '    "rewards": [',
  '      { "id": "five", "name": "5 off", "type": "fixed", "amount": "5.00", "cost": 50,',
  '        "minBalance": 100 },',
  '      { "id": "pct", "name": "10% off", "type": "percent", "percent": 10, "cost": 10 }',
  '    ]',
  '  }]',
  '}',
];
const text = (edit: Record<number, string> = {}): string => LINES.map((l, i) => edit[i + 1] ?? l).join('\n');
/** 1-based column of `needle` in `line`, so every expected place can be checked by eye. */
const col = (line: string, needle: string): number => line.indexOf(needle) + 1;
const problems = (t: string): FileProblem[] => {
  const r = readProgramText(t, USD);
  if (r.ok) throw new Error('expected a refusal');
  return r.problems;
};

describe('issue 8.4 program files accept typos', () => {
  it('reads the valid file', () => {
    const r = readProgramText(text(), USD);
    expect(r.ok && r.file.programs[0].rules[1]).toEqual({ id: 'coffee', target: { category: 'coffee' }, perUnit: 5, cumulative: true });
    expect(r.ok && r.file.programs[0].rewards[0]).toMatchObject({ minBalance: 100 });
  });

  it('refuses "cumulativ": true naming the key, the line and the key meant (the rule no longer silently replaces the base)', () => {
    expect(problems(text({ 7: '        "cumulativ": true }' }))).toEqual([{
      key: 'programs[0].rules[1].cumulativ', code: 'PROGRAM_UNKNOWN_KEY', line: 7, column: 9,
      reason: 'UNKNOWN_KEY_NEAR', params: expect.objectContaining({ key: '"cumulativ"', near: 'cumulative', what: { key: 'cli.loyalty.problem.what.rule' } }),
      message: 'unknown key "cumulativ" — did you mean "cumulative"? A rule may have: id, sku, category, points, perAmount, pointsPerUnit, pointsPerOrder, minQty, minAmount, taxIncluded, cumulative, additional',
    }]);
  });

  it('refuses "minBalanse": 100 (no reward without its minimum)', () => {
    const [p, ...more] = problems(text({ 11: '        "minBalanse": 100 },' }));
    expect(more).toEqual([]);
    expect(p).toMatchObject({ key: 'programs[0].rewards[0].minBalanse', code: 'PROGRAM_UNKNOWN_KEY', line: 11, column: 9 });
    expect(p.message).toMatch(/^unknown key "minBalanse" — did you mean "minBalance"\? A "fixed" reward may have: id, name, type, cost, minBalance, amount$/);
  });

  it('refuses a rule with both "sku" and "category" as ambiguous, at the second of them', () => {
    const line = '      { "id": "coffee", "category": "coffee", "sku": "ESP", "pointsPerUnit": 5,';
    const [p, ...more] = problems(text({ 6: line }));
    expect(more).toEqual([]);
    expect(p).toMatchObject({ key: 'programs[0].rules[1].sku', code: 'PROGRAM_AMBIGUOUS_TARGET', line: 6, column: col(line, '"sku"') });
    expect(p.message).toMatch(/not both/);
    const [q] = problems(text({ 12: '      { "id": "pct", "name": "10% off", "type": "percent", "percent": 10, "cost": 10, "sku": "A", "category": "b" }' }));
    expect(q).toMatchObject({ key: 'programs[0].rewards[1].category', code: 'PROGRAM_AMBIGUOUS_TARGET', line: 12 });
  });

  it('refuses a zero, negative or non-numeric perAmount with a clear message, never "ratio with zero denominator"', () => {
    for (const bad of ['"0"', '0', '"0.00"', '"-1"', '-5', '"abc"', 'true', '[]']) {
      const line = `      { "id": "base", "points": 1, "perAmount": ${bad} },`;
      const ps = problems(text({ 5: line }));
      expect(ps).toHaveLength(1);
      expect(ps[0]).toMatchObject({ key: 'programs[0].rules[0].perAmount', code: 'PROGRAM_BAD_VALUE', line: 5, column: col(line, `: ${bad}`) + 2 });
      expect(ps[0].message).toMatch(/^must be an amount greater than 0 in USD such as "1.00" \(at most 2 decimals\), got /);
    }
    expect(problems(text({ 5: '      { "id": "base", "points": 0, "perAmount": "1.00" },' }))[0]).toMatchObject({ key: 'programs[0].rules[0].points' });
    expect(problems(text({ 5: '      { "id": "base", "perAmount": "1.00" },' }))[0]).toMatchObject({ key: 'programs[0].rules[0].points', line: 5, column: 7 });
  });

  it('reports percent 150 once, saying what is allowed', () => {
    for (const bad of ['150', '0', '"ten"', '-3']) {
      const line = `      { "id": "pct", "name": "10% off", "type": "percent", "percent": ${bad}, "cost": 10 }`;
      const ps = problems(text({ 12: line }));
      expect(ps).toHaveLength(1);
      expect(ps[0]).toMatchObject({ key: 'programs[0].rewards[1].percent', line: 12, column: col(line, `: ${bad},`) + 2 });
      expect(ps[0].message).toBe(`must be a percentage more than 0 and at most 100 with at most 4 decimals, got ${bad}`);
    }
  });

  it('refuses keys that belong to another level or another reward type, and non-boolean switches', () => {
    expect(problems(text({ 10: '      { "id": "five", "name": "5 off", "type": "fixed", "amount": "5.00", "cost": 50, "max": "1.00",' }))[0]).toMatchObject({ key: 'programs[0].rewards[0].max', code: 'PROGRAM_UNKNOWN_KEY', line: 10 });
    expect(problems(text({ 7: '        "cumulative": "true" }' }))[0]).toMatchObject({ key: 'programs[0].rules[1].cumulative', code: 'PROGRAM_BAD_VALUE', message: 'must be true or false (without quotes), got "true"' });
    expect(problems(text({ 3: '    "id": "club", "name": "Club", "decimals": 0, "Active": false,' }))[0].message).toMatch(/did you mean "active"\?/);
    expect(problems(text({ 1: '{ "tiers": { "levels": [{ "id": "a", "name": "A", "threshold": 0, "discont": 5 }] },' }))[0]).toMatchObject({ key: 'tiers.levels[0].discont', line: 1 });
    expect(problems(text({ 12: '      { "id": "x", "name": "X", "type": "constructor", "cost": 1 }' }))[0]).toMatchObject({ key: 'programs[0].rewards[1].type' });
    expect(problems(text({ 3: '    "id": "club", "name": "Club\\u001bp", "decimals": 0,' }))[0]).toMatchObject({ key: 'programs[0].name', message: 'must not hold a control character (U+001B)' });
  });

  it('refuses a key given twice in one object (JSON.parse would keep the last unseen) and bad JSON with its place', () => {
    const twice = '        "cumulative": true, "cumulative": false }';
    expect(problems(text({ 7: twice }))).toEqual([{
      key: '(file)', code: 'PROGRAM_FILE_SYNTAX', line: 7, column: twice.lastIndexOf('"cumulative"') + 1,
      reason: 'FILE_SYNTAX', params: { detail: { key: 'cli.json.KEY_TWICE', params: { key: '"cumulative"', line: 7 } } },
      message: 'is not valid JSON: the key "cumulative" is given twice in one object (first at line 7); keep one',
    }]);
    expect(problems(text({ 7: '        "cumulative": true, }' }))[0]).toMatchObject({ code: 'PROGRAM_FILE_SYNTAX', line: 7, column: col('        "cumulative": true, }', '}'), message: 'is not valid JSON: a comma before "}" is not allowed in JSON; remove it' });
    expect(problems(text({ 8: '    ], // rules' }))[0]).toMatchObject({ line: 8, column: col('    ], // rules', '//'), message: 'is not valid JSON: JSON has no comments; remove it' });
    expect(problems('{"programs": [')[0]).toMatchObject({ line: 1, column: 15 });
    expect(problems(`${'['.repeat(10_000)}`)[0].message).toMatch(/nested more than 64 levels/);
  });

  it('reads back what export writes, under the strict rules', () => {
    const r = readProgramText(text(), USD);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(readProgramText(JSON.stringify(writeProgramFile(r.file.programs, null, USD), null, 2), USD)).toEqual({ ok: true, file: { programs: r.file.programs } });
  });
});

describe('the position-aware JSON reader', () => {
  it('gives JSON.parse values and a place for every path', () => {
    const t = '{"a": [1, {"b c": "x\\u00e9\\n"}],\n "__proto__": {"d": -1.5e2}, "e": null}';
    const r = readJson(t);
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.value).toEqual(JSON.parse(t));
    expect(Object.getPrototypeOf(r.doc.value)).toBe(Object.prototype);
    const [l1, l2] = t.split('\n');
    expect(r.doc.locate('a[1]["b c"]')).toEqual({ line: 1, column: col(l1, '"x') });
    expect(r.doc.locate('a[1]["b c"]', 'key')).toEqual({ line: 1, column: col(l1, '"b c"') });
    expect(r.doc.locate('__proto__.d')).toEqual({ line: 2, column: col(l2, '-1.5') });
    expect(r.doc.locate('__proto__.missing')).toEqual({ line: 2, column: col(l2, '{') });
  });
  it('paths and parents agree', () => {
    for (const [parent, key] of [['', 'a'], ['a', 0], ['a[0]', 'b'], ['a', 'odd key'], ['x["q\\"r"]', 'y']] as const)
      expect(parentPath(childPath(parent, key))).toBe(parent);
  });
  it('suggests the closest known name, or none', () => {
    expect(closest('cumulativ', ['cumulative', 'category'])).toEqual(['cumulative']);
    expect(closest('PERAMOUNT', ['perAmount'])).toEqual(['perAmount']);
    expect(closest('zzzzz', ['id', 'name', 'cost'])).toEqual([]);
  });
});
