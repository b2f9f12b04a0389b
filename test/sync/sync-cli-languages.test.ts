/**
 * `till sync` in the manager's language (issue 13): --help, push, status online and offline, and the
 * chain's refusals (CHAIN_NOT_CONFIGURED, CHAIN_SCHEMA_*, CHAIN_UNREACHABLE, SYNC_REGISTER_TAKEN,
 * SYNC_CHAIN_MISMATCH) in vi, zh and ru — no English word of the English output left, the counts
 * through the Russian plural rules.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { chainError } from '../../src/sync/db.js';
import { translate } from '../../src/i18n/index.js';
import { refusalText } from '../../src/admin/refusal.js';
import { TillError } from '../../src/domain/errors.js';
import { openStore } from '../../src/store/open.js';
import { freePort, pgAvailable } from '../support/pg-server.js';
import { chainServer, freshDb, issueCard, query, registerFolder, spendSale } from './support.js';
import { englishLeft } from '../support/english-left.js';

async function till(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const LANGS = ['vi', 'zh', 'ru'] as const;
/** Every line of each language against the English one: the same command, no English word left. */
async function inEveryLanguage(args: string[], allow: string[] = []) {
  const en = await till('--lang', 'en', ...args);
  const all: Record<string, { code: number; out: string; err: string }> = { en };
  for (const lang of LANGS) {
    const r = await till('--lang', lang, ...args);
    expect(r.code, `${lang} ${args.join(' ')}`).toBe(en.code);
    expect(englishLeft(`${en.out}\n${en.err}`, `${r.out}\n${r.err}`, allow), `${lang}: ${r.out}\n${r.err}`).toEqual([]);
    all[lang] = r;
  }
  return all;
}

describe('the chain\'s refusals have the back office\'s words in every language', () => {
  const url = 'postgres://till@db.example:5432/till';
  const errors: TillError[] = [
    chainError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, url),
    chainError({ code: '28P01', message: 'password authentication failed' }, url),
    chainError({ code: '3D000', message: 'database does not exist' }, url),
    chainError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self signed certificate' }, url),
    chainError({ code: '42P01', message: 'relation does not exist' }, url),
  ];
  it.each(LANGS)('%s: every code renders with its details, no slot left open', (lang) => {
    for (const e of errors) {
      const text = refusalText(e, lang);
      expect(text, e.code).not.toBe(e.message);
      expect(text).toContain('db.example:5432/till');
      expect(text).not.toMatch(/[{}]/);
      expect(englishLeft(e.message, text, ['connect', 'password', 'authentication', 'failed', 'database', 'does', 'not', 'exist', 'self', 'signed', 'certificate', 'relation']), text).toEqual([]);
    }
    for (const [code, params] of [
      ['CHAIN_SCHEMA_MISSING', { where: 'db:5432/till' }],
      ['CHAIN_SCHEMA_OLD', { where: 'db:5432/till', have: 1, need: 2 }],
      ['CHAIN_SCHEMA_NEW', { where: 'db:5432/till', have: 3, need: 2 }],
      ['CHAIN_NOT_CONFIGURED', {}],
      ['SYNC_REGISTER_TAKEN', { register: 'R1' }],
      ['SYNC_CHAIN_MISMATCH', { register: 'R1', acked: 7, next: 9 }],
    ] as const) {
      const text = refusalText(new TillError(code, 'english', params), lang);
      expect(text, code).toBe(translate(lang, `cli.error.${code}`, params));
      expect(text).not.toMatch(/\{[a-z]+\}/);
    }
  });

  it('Russian counts of sales and events follow the plural rules (1, 2, 5, 21)', () => {
    const line = (n: number) => translate('ru', 'cli.sync.offline', { sales: n, transactions: n, acked: 0 });
    expect(line(1)).toBe('нет связи, к отправке 1 продажа (1 транзакция после события 0).');
    expect(line(2)).toBe('нет связи, к отправке 2 продажи (2 транзакции после события 0).');
    expect(line(5)).toBe('нет связи, к отправке 5 продаж (5 транзакций после события 0).');
    expect(line(21)).toBe('нет связи, к отправке 21 продажа (21 транзакция после события 0).');
    expect(translate('ru', 'cli.sync.sent', { inserted: 5, sales: 21, where: 'db', duplicates: 0, acked: 9 })).toBe('Отправлено 5 событий (21 продажа) в db; уже было там: 0. Подтверждено до события 9.');
  });
});

describe.runIf(pgAvailable())('till sync speaks vi, zh and ru', () => {
  const server = chainServer();

  it('--help, push, status online; status offline with the reason; no chain configured', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const code = await issueCard(store, 10_000);
    await spendSale(store, 'R1', [[code, 100]]);
    await spendSale(store, 'R1', [[code, 200]]);
    await store.close();
    const help = await inEveryLanguage(['sync', '--help'], ['setup', 'status', 'push', 'pull', 'join']);
    expect(help.ru.out).toMatch(/^Использование: till sync setup/);
    expect((await till('--lang', 'ru', '--data', dir, 'sync', 'push')).out).toMatch(/^Отправлено 4 события \(2 продажи\) в .*; уже было там: 0\. Подтверждено до события 4\.$/);
    const push = await inEveryLanguage(['--data', dir, 'sync', 'push']);
    expect(push.zh.out).toMatch(/^已向 .* 上传 0 个事件（0 笔销售）；\d+ 个已经存在。已确认到第 4 个事件。$/);
    const online = await inEveryLanguage(['--data', dir, 'sync', 'status']);
    expect(online.vi.out).toMatch(/^trực tuyến: đã gửi hết tới /);

    const cfgFile = join(dir, 'till.config.json');
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, chain: { ...cfg.chain, url: `postgres://till@127.0.0.1:${await freePort()}/till`, timeoutMs: 500 } }));
    const store2 = await openStore(dir, { register: 'R1', operator: 'o' });
    await spendSale(store2 as never, 'R1', [[code, 100]]);
    await store2.close();
    const offline = await inEveryLanguage(['--data', dir, 'sync', 'status'], ['econnrefused']);
    expect(offline.ru.code).toBe(1);
    expect(offline.ru.out).toMatch(/^нет связи с \d\d:\d\d, к отправке 1 продажа \(1 транзакция после события 4\)\.\nБаза данных сети 127\.0\.0\.1:\d+\/till недоступна/);
    const pushOff = await inEveryLanguage(['--data', dir, 'sync', 'push'], ['econnrefused']);
    expect(pushOff.zh.err).toMatch(/^无法连接 127\.0\.0\.1:\d+\/till 的连锁数据库/);

    writeFileSync(cfgFile, JSON.stringify({ ...cfg, chain: { ...cfg.chain, url: '' } }));
    const alone = await inEveryLanguage(['--data', dir, 'sync', 'status']);
    expect(alone.vi.err).toMatch(/^Quầy này đang chạy riêng lẻ: till.config.json chưa có chain.url/);
    const wrong = await inEveryLanguage(['--data', dir, 'sync', 'pull-everything'], ['setup', 'status', 'push', 'pull', 'join', 'pull-everything']);
    expect(wrong.ru.err).toBe('till sync: нужна одна из команд setup, status, push, pull, join, получено «pull-everything» (см. --help)');
  });

  it('a database without the ledger; a register id taken by another journal; a journal that does not continue the chain', async () => {
    const name = `t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await query(server().url, `CREATE DATABASE ${name}`);
    const bare = server().url.replace(/\/till$/, `/${name}`);
    const { dir: noLedger, store: s0 } = await registerFolder('R0', bare);
    await s0.close();
    const missing = await inEveryLanguage(['--data', noLedger, 'sync', 'push']);
    expect(missing.ru.err).toMatch(/^В базе .* ещё нет реестра till\. Создайте его один раз: till sync setup$/);
    const setup = await inEveryLanguage(['--data', noLedger, 'sync', 'setup']);
    expect(setup.zh.out).toMatch(/中的 till 总账已是最新。$/);

    const url = await freshDb(server());
    const { dir: a, store: sa } = await registerFolder('R1', url);
    await spendSale(sa, 'R1', []);
    const copy = mkdtempSync(join(tmpdir(), 'till-chain-copy-'));
    await sa.close();
    cpSync(a, copy, { recursive: true });
    expect((await till('--data', a, 'sync', 'push')).code).toBe(0);
    const { dir: other, store: sb } = await registerFolder('R1', url);
    await sb.close();
    const taken = await inEveryLanguage(['--data', other, 'sync', 'push']);
    expect(taken.vi.err).toBe('Mã quầy "R1" đã có trong chuỗi với một sổ nhật ký khác. Hãy đặt cho quầy này mã riêng (register.id trong till.config.json); quầy thay thế tham gia bằng mã mới (docs/chain.md).');

    // The copy goes on with a sale of its own after the one the chain already holds: it does not continue.
    const sa2 = await openStore(a, { register: 'R1', operator: 'o' });
    await spendSale(sa2 as never, 'R1', []);
    await sa2.close();
    expect((await till('--data', a, 'sync', 'push')).code).toBe(0);
    const sc = await openStore(copy, { register: 'R1', operator: 'o' });
    await spendSale(sc as never, 'R1', []);
    await spendSale(sc as never, 'R1', []);
    await sc.close();
    const mismatch = await inEveryLanguage(['--data', copy, 'sync', 'push'], ['register', 'that', 'joins', 'later']);
    expect(mismatch.ru.err).toMatch(/^Журнал кассы «R1» не продолжает то, что хранит для неё сеть \(в сети есть событие \d+; событие \d+ этого журнала за ним не следует\)/);
  });
});
