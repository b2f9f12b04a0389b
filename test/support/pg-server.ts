/**
 * A throwaway PostgreSQL server for tests and benchmarks (issue 15): `initdb` into a temp folder, a
 * free TCP port on 127.0.0.1, the unix socket inside the temp folder, started as a child process and
 * removed again by `stop()`. Nothing is shared with a PostgreSQL the machine may already run.
 *
 * Binaries: `postgres`/`initdb` on PATH, else Debian's /usr/lib/postgresql/<major>/bin (what
 * `apt-get install postgresql` puts there; .ci/run installs it). PostgreSQL refuses to run as root:
 * under root the cluster folder is given to the `postgres` system user (Debian's package creates it)
 * and the server runs as that user (the spawn's uid/gid), so CI, which runs as root, works too.
 *
 * Start-up measured on the development machine (2 cores shared with other sessions;
 * scripts/chain/pg-start.ts): initdb --no-sync 0.8 s idle, 2.4-2.9 s under load; the server accepts
 * connections 0.04-0.15 s after spawn (docs/chain.md, "Tests").
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** postgres://till@127.0.0.1:PORT/till (trust auth: a test cluster only). */
  url: string;
  port: number;
  /** The folder holding the unix socket (.s.PGSQL.PORT). */
  socketDir: string;
  dataDir: string;
  /** initdb and first start, ms. */
  timings: { initdbMs: number; startMs: number };
  /** Stops the server (fast shutdown) and keeps the cluster; `start()` brings it back on the same port. */
  halt(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes the cluster. */
  stop(): Promise<void>;
}

/** The folder with `postgres` and `initdb`, or null when this machine has no PostgreSQL server. */
export function pgBinDir(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb'))) return dir;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const m of majors) if (existsSync(join(base, m, 'bin', 'postgres'))) return join(base, m, 'bin');
  return null;
}

/** Tests that need PostgreSQL run when it is there; with TILL_REQUIRE_PG=1 (.ci/run) its absence fails them instead. */
export const pgAvailable = (): boolean => {
  const ok = pgBinDir() !== null;
  if (!ok && process.env.TILL_REQUIRE_PG === '1') throw new Error('TILL_REQUIRE_PG=1 but no PostgreSQL server binaries were found (install Debian\'s postgresql package).');
  return ok;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Who runs the server: the current user, or `postgres` when we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('Running as root, and there is no "postgres" user to run the test server as (PostgreSQL refuses root): install Debian\'s postgresql package or run as another user.');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** `port`: that port instead of a free one (a demo server, scripts/chain/pg-start.ts --serve). */
export async function startPgServer(opts: { settings?: Record<string, string>; port?: number } = {}): Promise<PgServer> {
  const bin = pgBinDir();
  if (!bin) throw new Error('No PostgreSQL server binaries (postgres, initdb) on PATH or in /usr/lib/postgresql/*/bin.');
  const user = runAs();
  const root = mkdtempSync(join(tmpdir(), 'till-pg-'));
  const dataDir = join(root, 'data');
  if (user) {
    chownSync(root, user.uid, user.gid);
    chmodSync(root, 0o700);
  }
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const t0 = performance.now();
  const init = spawnSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'till', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { encoding: 'utf8', ...ids });
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  }
  const initdbMs = performance.now() - t0;
  const port = opts.port ?? (await freePort());
  // Durability settings off: a test cluster is thrown away, and fsync on 2 shared cores costs seconds.
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: root,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '100',
    shared_buffers: '16MB',
    ...opts.settings,
  };
  let child: ChildProcess | null = null;
  let log = '';

  const start = async (): Promise<void> => {
    const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    const c = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...ids });
    child = c;
    log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 30 s:\n${log}`)), 30_000);
      c.stderr!.on('data', (b: Buffer) => {
        log += b.toString();
        if (log.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (${code}) while starting:\n${log}`));
      });
    });
  };

  const halt = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGINT'); // fast shutdown: open sessions are ended, like a restart of a real server
    });
  };

  const t1 = performance.now();
  try {
    await start();
  } catch (e) {
    await halt();
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const startMs = performance.now() - t1;
  // The test database, owned by the superuser "till".
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'till', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE till');
    } finally {
      await admin.end();
    }
  } catch (e) {
    await halt();
    rmSync(root, { recursive: true, force: true });
    throw new Error(`CREATE DATABASE failed: ${(e as Error).message}`);
  }

  return {
    url: `postgres://till@127.0.0.1:${port}/till`,
    port,
    socketDir: root,
    dataDir,
    timings: { initdbMs, startMs },
    halt,
    start,
    async stop() {
      await halt();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
