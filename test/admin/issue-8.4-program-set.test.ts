/** Issue 8.4 through the CLI: `till loyalty program set` refuses a file with typos, names file, line and key, and writes nothing. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, PROGRAM_FILE } from './loyalty-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().init();
  expect(await h.run('loyalty', 'program', 'set', h.file('p.json', JSON.stringify(PROGRAM_FILE, null, 2)))).toBe(0);
});
afterEach(() => h.cleanup());

/** A digest of the journal (every event ever committed), to show a refused file committed nothing. */
const journalDigest = (): string => {
  const dir = path.join(h.data, 'journal');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  return hash.digest('hex');
};

/** PROGRAM_FILE as an owner would edit it: pretty-printed, one line changed by `edit`. */
const edited = (edit: (p: typeof PROGRAM_FILE.programs[0]) => void): string => {
  const f = structuredClone(PROGRAM_FILE);
  edit(f.programs[0]);
  return JSON.stringify(f, null, 2);
};

describe('issue 8.4 till loyalty program set refuses typos', () => {
  // [typo, edit, text where the problem is (its first character is the place named), message after the place]
  it.each([
    ['cumulativ', (p: any) => void p.rules.push({ id: 'coffee', category: 'coffee', pointsPerUnit: 5, cumulativ: true }), '"cumulativ"',
      /^programs\[0\]\.rules\[1\]\.cumulativ: unknown key "cumulativ" — did you mean "cumulative"\? A rule may have: id, sku, category, .* \[PROGRAM_UNKNOWN_KEY\]$/],
    ['minBalanse', (p: any) => void (p.rewards[0].minBalanse = 100), '"minBalanse"',
      /^programs\[0\]\.rewards\[0\]\.minBalanse: unknown key "minBalanse" — did you mean "minBalance"\? A "cashback" reward may have: .* \[PROGRAM_UNKNOWN_KEY\]$/],
    ['sku and category', (p: any) => void Object.assign(p.rules[0], { sku: 'ESP', category: 'coffee' }), '"category"',
      /^programs\[0\]\.rules\[0\]\.category: a rule targets one product \("sku"\) or one category \("category"\), not both.* \[PROGRAM_AMBIGUOUS_TARGET\]$/],
    ['perAmount "0"', (p: any) => void (p.rules[0].perAmount = '0'), '"0"',
      /^programs\[0\]\.rules\[0\]\.perAmount: must be an amount greater than 0 in USD such as "1.00" \(at most 2 decimals\), got "0" \[PROGRAM_BAD_VALUE\]$/],
    ['percent 150', (p: any) => void p.rewards.push({ id: 'pct', name: 'P', type: 'percent', percent: 150, cost: 10 }), '150',
      /^programs\[0\]\.rewards\[1\]\.percent: must be a percentage more than 0 and at most 100 with at most 4 decimals, got 150 \[PROGRAM_BAD_VALUE\]$/],
  ])('%s: one problem with file, line and key; nothing committed', async (_name, edit, needle, message) => {
    const before = journalDigest();
    const programs = (await h.slice()).programs;
    const text = edited(edit);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(needle)) + 1;
    const column = lines[line - 1].indexOf(needle) + 1;
    const f = h.file('typo.json', text);
    expect(await h.run('loyalty', 'program', 'set', f)).toBe(1);
    expect(h.err).toHaveLength(2);
    const prefix = `${f}, line ${line}, column ${column}: `;
    expect(h.err[0].slice(0, prefix.length)).toBe(prefix);
    expect(h.err[0].slice(prefix.length)).toMatch(message);
    expect(h.err[1]).toBe(`${f} has 1 problem(s). Nothing was changed.`);
    expect(journalDigest()).toBe(before);
    expect((await h.slice()).programs).toEqual(programs);
  });

  it('a file that is not JSON is refused with its line and column', async () => {
    const f = h.file('bad.json', '{\n  "programs": [\n    { "id": "x", },\n  ]\n}\n');
    expect(await h.run('loyalty', 'program', 'set', f)).toBe(1);
    expect(h.err[0]).toBe(`${f}, line 3, column 18: (file): is not valid JSON: a comma before "}" is not allowed in JSON; remove it [PROGRAM_FILE_SYNTAX]`);
  });
});
