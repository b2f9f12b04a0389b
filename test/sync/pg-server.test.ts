/**
 * The throwaway PostgreSQL of the chain tests (test/support/pg-server.ts): it starts (as the
 * `postgres` user when we are root), answers on TCP and on its own unix socket, survives a restart
 * with its data, and leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';

describe.runIf(pgAvailable())('test PostgreSQL server', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(() => server?.stop());

  it('answers on TCP and on the unix socket in its temp folder, and keeps data over a restart', async () => {
    expect(server.timings.initdbMs).toBeGreaterThan(0);
    const tcp = new pg.Client(server.url);
    await tcp.connect();
    const v = await tcp.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    expect(v.rows[0].v).toMatch(/^\d+/);
    await tcp.query('CREATE TABLE t (x int)');
    await tcp.query('INSERT INTO t VALUES (42)');
    await tcp.end();
    expect(existsSync(`${server.socketDir}/.s.PGSQL.${server.port}`)).toBe(true);

    await server.halt();
    const down = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    await expect(down.connect()).rejects.toThrow();
    await server.start();

    const sock = new pg.Client({ host: server.socketDir, port: server.port, user: 'till', database: 'till' });
    await sock.connect();
    expect((await sock.query<{ x: number }>('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
    await sock.end();
  });

  it('is gone after stop()', async () => {
    const s = await startPgServer();
    await s.stop();
    expect(existsSync(s.socketDir)).toBe(false);
  });
});
