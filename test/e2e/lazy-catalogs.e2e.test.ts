/**
 * The production build holds the vi, zh and ru catalogs as JSON strings parsed on first use
 * (scripts/build/build.mjs, "lazy catalogs"; issue 12). What a cashier or manager reads must be the
 * sources' own words: the build's output and the sources' output are compared, per language, and
 * the catalogs' part files must make the build stale when edited (build.json lists them).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

function till(args: string[], sources: boolean): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/till.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TILL_DATA: '', TILL_LANG: '', TILL_SOURCES: sources ? '1' : '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return `${r.status}\n${r.stdout}\n${r.stderr}`;
}

describe('lazy catalogs in the build say what the sources say', () => {
  for (const lang of ['vi', 'zh', 'ru']) {
    it(`${lang}: --help and a sub-command's help, build = sources`, () => {
      for (const args of [['--lang', lang, '--help'], ['--lang', lang, 'giftcard', '--help']]) {
        const built = till(args, false);
        expect(built).toBe(till(args, true));
        expect(built).not.toMatch(/Usage:/); // translated, not the English fallback
      }
    }, 240_000);
  }

  it('build.json lists the catalogs\' part files, so editing one makes the build stale', () => {
    const { sources } = JSON.parse(readFileSync(join(ROOT, 'dist/build.json'), 'utf8')) as { sources: string[] };
    for (const f of ['src/i18n/ru.ts', 'src/i18n/ru-shift.ts', 'src/i18n/zh-cli.ts', 'src/i18n/vi-doctor.ts']) expect(sources).toContain(f);
  });
});
