/**
 * The back office speaks the shop's language (issue 13): `--lang` before the command, else TILL_LANG,
 * else the store's configured language, else English — for `till --help`, the command summaries and
 * the frame of every command's messages. `--lang` after a command stays the command's own option.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../src/cli.js';
import { hasMessage, LANGUAGES } from '../../src/i18n/index.js';
import { extractLang } from '../../src/admin/cli-language.js';

const dirs: string[] = [];
const savedEnv = process.env.TILL_LANG;
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env.TILL_LANG;
  else process.env.TILL_LANG = savedEnv;
});

/** A data folder whose configuration names a language (nothing else is read to pick it). */
function storeIn(language: string | null): string {
  const d = mkdtempSync(join(tmpdir(), 'till-cli-lang-'));
  dirs.push(d);
  if (language) writeFileSync(join(d, 'till.config.json'), JSON.stringify({ language }));
  return d;
}

async function till(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, readSecret: async () => '1234' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the language of the back office', () => {
  it('every command has a summary in every language', () => {
    for (const c of COMMANDS) for (const lang of LANGUAGES) expect(hasMessage(`cli.summary.${c.name}`, lang), `${lang} cli.summary.${c.name}`).toBe(true);
  });

  it.each([
    ['vi', 'Các lệnh:', 'kiểm tra máy: máy quét'],
    ['zh', '命令：', '检查收银机'],
    ['ru', 'Команды:', 'проверить кассу'],
    ['en', 'Commands:', 'check the kiosk'],
  ])('till --lang %s --help', async (lang, heading, doctor) => {
    const r = await till('--data', storeIn(null), '--lang', lang, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(heading);
    expect(r.out).toMatch(new RegExp(`^  doctor +${doctor}`, 'm'));
    // Every command is listed, each with its summary in that language.
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c.name} +\\S`, 'm'));
  });

  it('follows the store’s language, TILL_LANG over it, --lang over both', async () => {
    const ru = storeIn('ru');
    delete process.env.TILL_LANG;
    expect((await till('--data', ru, 'help')).out).toContain('Команды:');
    process.env.TILL_LANG = 'zh';
    expect((await till('--data', ru, 'help')).out).toContain('命令：');
    expect((await till('--data', ru, '--lang', 'vi', 'help')).out).toContain('Các lệnh:');
    process.env.TILL_LANG = 'klingon'; // not a language of the register: ignored
    expect((await till('--data', ru, 'help')).out).toContain('Команды:');
    // A broken or missing configuration never stops the command from answering: English.
    const broken = storeIn(null);
    writeFileSync(join(broken, 'till.config.json'), '{ not json');
    delete process.env.TILL_LANG;
    expect((await till('--data', broken, 'help')).out).toContain('Commands:');
  });

  it('the frame of the messages: an unknown command, a usage mistake', async () => {
    const d = storeIn('vi');
    const unknown = await till('--data', d, 'nonsense');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Không có lệnh "nonsense"\./);
    const usage = await till('--data', d, 'giftcard', 'frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/\(xem --help\)$/);
  });

  it('a language the register does not speak is a usage error naming the ones it does', async () => {
    const r = await till('--data', storeIn(null), '--lang', 'fr', 'help');
    expect(r.code).toBe(2);
    expect(r.err).toBe('--lang is one of en, vi, zh, ru, got "fr" (see --help)');
  });

  it('--lang after the command is the command’s own option', () => {
    expect(extractLang(['--lang', 'vi', 'doctor'])).toEqual({ lang: 'vi', rest: ['doctor'] });
    expect(extractLang(['--lang=zh', 'report', 'x'])).toEqual({ lang: 'zh', rest: ['report', 'x'] });
    expect(extractLang(['operator', 'add', '--lang', 'ru'])).toEqual({ lang: undefined, rest: ['operator', 'add', '--lang', 'ru'] });
    expect(extractLang(['demo', '--lang', 'vi'])).toEqual({ lang: undefined, rest: ['demo', '--lang', 'vi'] });
  });

  it('till operator speaks it: added, the list in terminal columns, refusals in the till’s words', async () => {
    const d = storeIn(null);
    expect((await till('--data', d, 'init')).code).toBe(0);
    const cfg = join(d, 'till.config.json');
    const { readFileSync } = await import('node:fs');
    writeFileSync(cfg, JSON.stringify({ ...JSON.parse(readFileSync(cfg, 'utf8')), language: 'zh' }));
    delete process.env.TILL_LANG;
    expect((await till('--data', d, 'operator', 'add', '--id', '2', '--name', '李娜', '--role', 'manager')).out).toBe('已新增店长 李娜（工号 2）。');
    expect((await till('--data', d, 'operator', 'add', '--id', 'anna', '--name', 'Anna', '--role', 'cashier', '--lang', 'ru')).out).toBe('已新增收银员 Anna（工号 anna，界面语言 Русский）。');
    // Every column starts at the same terminal column whether its cells are Chinese or Latin.
    expect((await till('--data', d, 'operator', 'list')).out.split('\n')).toEqual([
      '工号  姓名  角色    工牌  语言  状态',
      '2     李娜  店长          shop  启用',
      'anna  Anna  收银员        ru    启用',
    ]);
    expect((await till('--data', d, '--lang', 'ru', 'operator', 'disable', 'anna')).out).toBe('Anna (anna) отключён: больше не может входить и подтверждать операции.');
    const refused = await till('--data', d, '--lang', 'vi', 'operator', 'disable', 'nobody');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('Không có nhân viên nào có mã hoặc thẻ này.');
    // In English the refusal keeps the back office's own details.
    expect((await till('--data', d, '--lang', 'en', 'operator', 'disable', '2')).err).toBe('李娜 is the only manager: add another manager first.');
    expect((await till('--data', d, '--lang', 'zh', 'operator', 'add', '--help')).out).toMatch(/^用法：till operator add --id 工号/);
  });

  it('till import, till backup and till init speak it', async () => {
    const d = storeIn(null);
    expect((await till('--data', d, '--lang', 'ru', 'init')).out).toMatch(/^Магазин создан в .* \(валюта USD, касса R1\)\.\nИсправьте /);
    expect((await till('--data', d, '--lang', 'vi', 'init')).err).toMatch(/^Đã có cửa hàng trong .*\. Không thay đổi gì\.$/);
    const csv = join(d, 'p.csv');
    writeFileSync(csv, 'sku,barcode,name,price,category,tax_class\nA1,4006381333931,Cà phê,1.50,drinks,standard\n');
    expect((await till('--data', d, '--lang', 'zh', 'import', csv, '--dry-run')).out).toBe('试运行：1 个商品（新增 1，更新 0），报告 0 行。没有做任何更改。');
    expect((await till('--data', d, '--lang', 'ru', 'import', join(d, 'missing.csv'))).err).toMatch(/^Не удалось прочитать .*missing\.csv: ENOENT\. Ничего не загружено\.$/);
    expect((await till('--data', d, '--lang', 'zh', 'backup', join(d, 'bk'))).out).toMatch(/^已备份 \d+ 个事件（\d+ 个文件，\d+ 字节）到 .*bk。\n恢复：till init --from-backup /);
  });
});
