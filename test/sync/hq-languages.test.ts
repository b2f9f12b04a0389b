/**
 * Head office's commands in the manager's language (issue 13's rule for new output): `till hq
 * publish|report|status --help` and output, `till sync pull|join` output and the head-office
 * refusals (HQ_NOT_MASTER, HQ_REGISTER_EXISTS) in vi, zh and ru — no English word of the English
 * output left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { initStore } from '../../src/store/open.js';
import { writeConfig } from '../../src/store/config-file.js';
import { demoConfig } from '../../src/admin/demo-store.js';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';
import { englishLeft } from '../support/english-left.js';
import { freshDb, query } from './support.js';

async function till(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const LANGS = ['vi', 'zh', 'ru'] as const;
const dirs: string[] = [];

async function folder(id: string, url: string, seed: { type: string; data: unknown }[] = []) {
  const dir = mkdtempSync(join(tmpdir(), `till-hq-lang-${id}-`));
  dirs.push(dir);
  const c = demoConfig();
  writeConfig(dir, { ...c, register: { id }, chain: { ...c.chain, url } });
  await (await initStore(dir, { currency: c.currency, register: id }, seed)).close();
  return dir;
}

describe.runIf(pgAvailable())('head office speaks vi, zh and ru', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(async () => {
    await server?.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('help, publish, status, report, pull, join and the refusals: no English word left', async () => {
    const url = await freshDb(server);
    const tax = Object.keys(demoConfig().tax.classes)[0];
    const hq = await folder('HQ', url, [{ type: 'catalog.upserted', data: { products: [{ sku: 'A', barcodes: ['901'], name: 'Tea', price: 100, category: 'drinks', taxClass: tax }] } }]);
    const r1 = await folder('R1', url);
    // Ids (uuids) and names the outputs carry are the same in every language.
    const ids = async () => {
      const [h] = await query<{ chain_id: string; master_store: string | null }>(url, 'SELECT chain_id::text, master_store FROM hq_head');
      return (`${h.chain_id} ${h.master_store ?? ''}`.match(/[\p{L}][\p{L}_'’-]*/gu) ?? []).map((w) => w.toLowerCase());
    };
    const check = async (args: string[], run: (lang: string) => Promise<{ code: number; out: string; err: string }>, allow: string[] = []) => {
      const en = await run('en');
      for (const lang of LANGS) {
        const r = await run(lang);
        expect(r.code, `${lang} ${args.join(' ')}`).toBe(en.code);
        expect(englishLeft(`${en.out}\n${en.err}`, `${r.out}\n${r.err}`, [...allow, ...(await ids())]), `${lang}: ${r.out}\n${r.err}`).toEqual([]);
      }
      return en;
    };
    await check(['hq', '--help'], (l) => till('--lang', l, 'hq', '--help'), ['publish', 'report', 'status']);
    await check(['sync', 'pull', '--help'], (l) => till('--lang', l, 'sync', 'pull', '--help'), ['setup', 'status', 'push', 'pull', 'join']);
    // Each language publishes in turn: the first publishes version 1, the others find nothing changed.
    const first = await till('--lang', 'en', 'hq', 'publish', '--data', hq);
    expect(first.out).toMatch(/^Published version 1/);
    await check(['hq', 'publish'], (l) => till('--lang', l, 'hq', 'publish', '--data', hq));
    await check(['hq', 'status'], (l) => till('--lang', l, 'hq', 'status', '--data', hq));
    await check(['hq', 'publish', 'from a register'], (l) => till('--lang', l, 'hq', 'publish', '--data', r1));
    const pulled = await till('--lang', 'ru', 'sync', 'pull', '--data', r1);
    expect(pulled.out).toMatch(/^Получена версия головного офиса 1/);
    await check(['sync', 'pull'], (l) => till('--lang', l, 'sync', 'pull', '--data', r1));
    await check(['hq', 'report'], (l) => till('--lang', l, 'hq', 'report', '--data', hq));
    await check(['hq', 'report', '--csv', '--json'], (l) => till('--lang', l, 'hq', 'report', '--csv', '--json', '--data', hq));
    let n = 0;
    const joined = await check(['sync', 'join'], (l) => till('--lang', l, 'sync', 'join', '--register', `R${++n + 1}`, '--url', url, '--data', join(mkdtempSync(join(tmpdir(), 'till-hq-lang-j-')), 'd')), ['tea']);
    expect(joined.out).toMatch(/^Joined the chain as register R2/);
    await check(['sync', 'join', 'taken'], (l) => till('--lang', l, 'sync', 'join', '--register', 'R2', '--url', url, '--data', join(mkdtempSync(join(tmpdir(), 'till-hq-lang-k-')), 'd')));
  });
});
