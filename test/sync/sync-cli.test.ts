/**
 * `till sync` as a process (the production bundle): a push killed after the database committed but
 * before the register heard it, or before the commit, and a push SIGKILLed from outside halfway,
 * double nothing on the next push; `till sync status` says online, or offline since HH:MM with the
 * sales still to send; setup and a missing configuration answer with messages, not stack traces.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { readSyncState } from '../../src/store/sync-state.js';
import { freePort, pgAvailable } from '../support/pg-server.js';
import { cardBooks, chainServer, freshDb, issueCard, query, registerFolder, spendSale } from './support.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const till = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/till.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TILL_DATA: '', ...env }, timeout: 60_000 });

describe.runIf(pgAvailable())('till sync', () => {
  const server = chainServer();

  async function folderWithSales(n: number) {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const code = await issueCard(store, 1_000_000);
    for (let i = 0; i < n; i++) await spendSale(store, 'R1', [[code, 100]]);
    const seq = store.state.meta.seq;
    await store.close();
    return { url, dir, code, seq };
  }

  const eventCount = async (url: string) => Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM events'))[0].n);

  it('killed after the database committed (before the register heard) or before the commit: the next push doubles nothing', async () => {
    const { url, dir, code, seq } = await folderWithSales(5);
    const killedBefore = till(['sync', 'push', '--data', dir], { TILL_FAILPOINTS: 'sync-sent=1' });
    expect(killedBefore.signal).toBe('SIGKILL');
    expect(await eventCount(url)).toBe(0);
    const killedAfter = till(['sync', 'push', '--data', dir], { TILL_FAILPOINTS: 'sync-committed=1' });
    expect(killedAfter.signal).toBe('SIGKILL');
    expect(await eventCount(url)).toBe(seq);
    expect(readSyncState(dir).acked).toBe(0); // it never heard the acknowledgement
    const again = till(['sync', 'push', '--data', dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Sent 0 event(s) (0 sale(s))`);
    expect(await eventCount(url)).toBe(seq);
    expect(await cardBooks(url)).toEqual([{ code, balance: 1_000_000 - 500, overspent: 0, moved: 1_000_000 - 500 }]);
    const status = till(['sync', 'status', '--data', dir]);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^online: everything sent .* \(acknowledged up to event 7\)/);
  });

  it('a push SIGKILLed from outside halfway is finished by the next one, every event once', async () => {
    const { url, dir, code, seq } = await folderWithSales(600);
    const child = spawn(process.execPath, [join(ROOT, 'bin/till.js'), 'sync', 'push', '--data', dir], { cwd: ROOT, stdio: 'ignore' });
    // Kill it once the first batches are in, while later ones are on their way.
    for (let i = 0; i < 400 && (await eventCount(url)) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = await eventCount(url);
    expect(partial).toBeGreaterThan(0);
    const again = till(['sync', 'push', '--data', dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(await eventCount(url)).toBe(seq);
    expect(await query(url, 'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM events')).toEqual([{ n: seq, d: seq }]);
    expect(await cardBooks(url)).toEqual([{ code, balance: 1_000_000 - 600 * 100, overspent: 0, moved: 1_000_000 - 600 * 100 }]);
  });

  it('status offline: "offline since HH:MM, N sales to send"; exit 1 with the reason', async () => {
    const { dir } = await folderWithSales(3);
    const cfgFile = join(dir, 'till.config.json');
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, chain: { ...cfg.chain, url: `postgres://till@127.0.0.1:${await freePort()}/till`, timeoutMs: 500 } }));
    const r = till(['sync', 'status', '--data', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^offline since \d\d:\d\d, 3 sale\(s\) to send \(5 transaction\(s\) after event 0\)\./);
    expect(r.stdout).toContain('cannot be reached');
    expect(r.stderr).toBe('');
    const j = till(['sync', 'status', '--json', '--data', dir]);
    expect(JSON.parse(j.stdout)).toMatchObject({ online: false, pendingSales: 3, pendingTransactions: 5, error: { code: 'CHAIN_UNREACHABLE' } });
    const push = till(['sync', 'push', '--data', dir]);
    expect(push.status).toBe(1);
    expect(push.stderr).toMatch(/cannot be reached .* keeps selling/);
    expect(push.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('setup creates the ledger once; without chain.url the command says how to configure it', async () => {
    const name = `t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await query(server().url, `CREATE DATABASE ${name}`);
    const url = server().url.replace(/\/till$/, `/${name}`);
    const { dir, store } = await registerFolder('R1', url);
    await store.close();
    const first = till(['sync', 'setup', '--data', dir]);
    expect(first.stdout, first.stderr).toMatch(/^Created the till ledger/);
    expect(till(['sync', 'setup', '--data', dir]).stdout).toMatch(/is up to date/);
    const cfgFile = join(dir, 'till.config.json');
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, chain: { ...cfg.chain, url: server().url.replace(/\/till$/, '/nosuchdb') } }));
    const missing = till(['sync', 'push', '--data', dir]);
    expect(missing.stderr).toMatch(/does not exist\. Create it \(createdb\) and run: till sync setup/);
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, chain: { ...cfg.chain, url: '' } }));
    const alone = till(['sync', 'status', '--data', dir]);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toMatch(/stands alone: till.config.json has no chain.url/);
  });
});
