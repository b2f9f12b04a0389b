/**
 * `till journal` and `till store` in the manager's language (issue 13): --help, verify (healthy and
 * damaged), tail, rebuild, repair — no English word of the English output left (the store's own
 * diagnostic of a damaged line is quoted as it is), Russian counts through the plural rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/admin/command.js';
import { journalCommand } from '../../src/admin/journal.js';
import { storeCommand } from '../../src/admin/store-cmd.js';
import { initStore } from '../../src/store/index.js';
import { translate } from '../../src/i18n/index.js';
import { saleEvent, seg1, tmpDir } from '../store/helpers.js';
import { englishLeft } from '../support/english-left.js';

async function run(cmd: typeof journalCommand, argv: string[], dataDir: string, language: string) {
  const out: string[] = [];
  const err: string[] = [];
  const c: CommandContext = { dataDir, out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, now: () => new Date('2026-12-03T10:00:00Z'), language };
  const code = await cmd.run(argv, c);
  return { code, text: [...out, ...err].join('\n') };
}

async function store(sales = 3): Promise<string> {
  const dir = tmpDir('journal-lang');
  const s = await initStore(dir, { currency: 'USD', register: 'R1' });
  for (let i = 1; i <= sales; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
  await s.close();
  return dir;
}

const SUBS = ['verify', 'tail', 'rebuild', 'repair', 'json'];

/** Runs the same command in en, vi, zh, ru (each on its own copy of the store when it writes). */
async function inEveryLanguage(cmd: typeof journalCommand, argv: string[], make: () => Promise<string>, allow: string[] = []) {
  const en = await run(cmd, argv, await make(), 'en');
  const all: Record<string, { code: number; text: string }> = { en };
  // The store's diagnostics (what is wrong with a line) are quoted as they are: taken out before comparing.
  const norm = (t: string) => t.replace(/\/tmp\/[^\s`]+/g, 'DIR');
  const quoted = [...norm(en.text).matchAll(/(?:^PROBLEM \S+(?: line \d+)?: |the journal is damaged: |^  \S+ line \d+(?: \(event \d+\))?(?: tx \S+)?: )(.*)$/gm)].map((m) => m[1]);
  const unquoted = (t: string) => quoted.reduce((acc, q) => acc.split(q).join(' '), norm(t));
  for (const lang of ['vi', 'zh', 'ru']) {
    const r = await run(cmd, argv, await make(), lang);
    expect(r.code).toBe(en.code);
    expect(englishLeft(unquoted(en.text), unquoted(r.text), [...SUBS, ...allow]), `${lang}:\n${r.text}`).toEqual([]);
    all[lang] = r;
  }
  return all;
}

/** A store whose second sale line was altered: verify finds it, repair sets it aside. */
async function damaged(): Promise<string> {
  const dir = await store();
  fs.writeFileSync(seg1(dir), fs.readFileSync(seg1(dir), 'utf8').replace('R1-000002', 'R1-000003'));
  return dir;
}

describe('till journal and till store speak vi, zh and ru', () => {
  it('--help of both', async () => {
    const j = await inEveryLanguage(journalCommand, ['--help'], async () => '/nowhere');
    expect(j.zh.text).toMatch(/^用法：till journal verify/);
    const s = await inEveryLanguage(storeCommand, ['--help'], async () => '/nowhere', ['damaged-', 'repaired']);
    expect(s.vi.text).toMatch(/^Cách dùng: till store rebuild/);
  });

  it('verify on a healthy store, rebuild, repair of an intact journal', async () => {
    const v = await inEveryLanguage(journalCommand, ['verify'], () => store());
    expect(v.ru.text.split('\n')[0]).toBe('Журнал: сегментов — 1, 4 события в 4 транзакциях, последнее событие 4.');
    const r = await inEveryLanguage(storeCommand, ['rebuild'], () => store());
    expect(r.ru.text).toBe('Снимок построен заново из 4 событий журнала (последнее событие 4).');
    expect(r.zh.text).toBe('已用 4 个流水账事件重建快照（最后一个事件 4）。');
    const i = await inEveryLanguage(storeCommand, ['repair'], () => store(0));
    expect(i.ru.text).toBe('Журнал цел (1 событие); чинить нечего. Ничего не изменено.');
  });

  it('verify of a damaged journal, rebuild refused, repair', async () => {
    const v = await inEveryLanguage(journalCommand, ['verify'], damaged);
    expect(v.vi.code).toBe(1);
    expect(v.vi.text).toMatch(/^LỖI .* dòng 3: /m);
    expect(v.vi.text).toMatch(/^Tìm thấy \d+ lỗi\.$/m);
    const r = await inEveryLanguage(storeCommand, ['rebuild'], damaged);
    expect(r.ru.text).toMatch(/^Снимок нельзя построить заново, журнал повреждён: /);
    const p = await inEveryLanguage(storeCommand, ['repair'], damaged, ['sale']);
    expect(p.ru.text).toMatch(/^Исправлено: сохранено целых событий — \d+ /);
    expect(p.zh.text).toMatch(/请用纸质小票核对这些交易/);
  });

  it('Russian plurals of the verify and repair counts (1, 2, 5, 21)', () => {
    const line = (n: number) => translate('ru', 'cli.store.couldNotKeep', { lines: n, txs: n });
    expect([1, 2, 5, 21].map(line)).toEqual([
      'Не удалось сохранить 1 строку в 1 транзакции:',
      'Не удалось сохранить 2 строки в 2 транзакциях:',
      'Не удалось сохранить 5 строк в 5 транзакциях:',
      'Не удалось сохранить 21 строку в 21 транзакции:',
    ]);
    expect(translate('ru', 'cli.store.rebuilt', { events: 21, seq: 21 })).toBe('Снимок построен заново из 21 события журнала (последнее событие 21).');
    expect(translate('ru', 'cli.journal.summary', { segments: 1, events: 2, transactions: 1, last: 2 })).toBe('Журнал: сегментов — 1, 2 события в 1 транзакции, последнее событие 2.');
  });

  it('tail keeps its columns (type names and ids are the journal\'s own)', async () => {
    const dir = await store();
    const en = await run(journalCommand, ['tail', '-n', '2'], dir, 'en');
    expect((await run(journalCommand, ['tail', '-n', '2'], dir, 'ru')).text).toBe(en.text);
    expect((await run(journalCommand, ['tail', '-n', 'x'], dir, 'zh')).text).toBe('-n 必须是 1 或以上的整数事件个数（见 --help）');
  });
});
