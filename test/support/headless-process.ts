/**
 * `till headless` as a child process, driven one request and reply at a time (replies come in
 * order, one per line). Used by the end-to-end tests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Client {
  child: ChildProcessWithoutNullStreams;
  /** Sends one request and resolves with its reply (replies come in order, one per line). */
  ask(req: unknown): Promise<any>;
  /** Ends stdin and resolves with the exit code and stderr. */
  close(): Promise<{ code: number | null; stderr: string }>;
}

export function startTill(dataDir: string, env: Record<string, string> = {}): Client {
  const child = spawn(process.execPath, [join(ROOT, 'bin/till.js'), 'headless', '--data', dataDir], { cwd: ROOT, env: { ...process.env, TILL_DATA: '', ...env } });
  let buf = '';
  let stderr = '';
  const replies: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(line);
      else replies.push(line);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const queued = replies.shift();
      if (queued !== undefined) return resolve(queued);
      waiting.push(resolve);
      void exited.then((code) => reject(new Error(`till exited (${code}) before replying: ${stderr}`)));
    });
  return {
    child,
    async ask(req) {
      child.stdin.write(`${typeof req === 'string' ? req : JSON.stringify(req)}\n`);
      return JSON.parse(await next());
    },
    async close() {
      child.stdin.end();
      return { code: await exited, stderr };
    },
  };
}

