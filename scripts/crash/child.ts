/**
 * One `till headless` child process with a request/reply helper. Replies are matched by id; when the
 * process dies every pending request rejects, so a driver loop ends at the kill.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface Reply {
  id: number;
  ok: boolean;
  error?: { code: string; message: string };
  state: {
    status: string;
    saleId: string | null;
    total: number;
    due: number;
    lines: { line: string; kind: string; name: string; unitPrice: number; amount: number }[];
    tenders: { payment: string; kind: string; amount: number }[];
    lastSale?: { saleId: string; receiptNo: string; total: number };
    customer?: { id: string; points: Record<string, number> };
    loyalty?: { customerId: string; programs: { programId: string; earned: number; spent: number; balanceBefore: number; balanceAfter: number }[] };
    balance?: { balance: number; state: string };
    [k: string]: unknown;
  };
  customers?: { id: string; card: string; points: Record<string, number> }[];
  receipt?: { receiptNo: string; text: string };
  /** Shift commands (docs/headless.md, "The shift"). */
  shift?: { shiftId: string; expectedCash: number } | null;
  report?: { kind: string; z: number | null; text: string };
}

export class ChildGone extends Error {}

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  send(cmd: Record<string, unknown>): Promise<Reply>;
  /** Resolves with the signal or exit code when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function startHeadless(dataDir: string, env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'till.js'), 'headless', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let err = '';
  let gone = false;
  proc.stderr.on('data', (d) => (err = (err + d.toString()).slice(-4000)));
  proc.stdin.on('error', () => {}); // EPIPE after a kill
  createInterface({ input: proc.stdout }).on('line', (line) => {
    let r: Reply;
    try {
      r = JSON.parse(line);
    } catch {
      return;
    }
    const p = pending.get(r.id);
    if (p) {
      pending.delete(r.id);
      p.resolve(r);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      gone = true;
      for (const p of pending.values()) p.reject(new ChildGone(`till headless ended (${signal ?? code})`));
      pending.clear();
      resolve({ code, signal });
    }),
  );
  return {
    proc,
    exited,
    stderr: () => err,
    send(cmd) {
      if (gone) return Promise.reject(new ChildGone('till headless has ended'));
      const id = nextId++;
      return new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        proc.stdin.write(`${JSON.stringify({ id, ...cmd })}\n`);
      });
    },
  };
}
