/**
 * The worker thread's side of the proof of the balances (balance-proof.ts, `proveInWorker`). At
 * full scale the fold of the whole journal parses a million lines and builds a second loyalty table;
 * in the register's own thread that garbage kept V8's young generation at its largest and the old
 * generation grown for minutes, beside the sales (docs/performance.md, issue 12). Here it runs in
 * an isolate of its own with a small young generation (`resourceLimits`), and all of it is freed
 * when the worker ends.
 *
 * Protocol (messages from the register's thread, in this order):
 *  1. `cut`: the journal position (seq) of a consistent cut of the live money slices, taken in one
 *     synchronous step between two commits, with their plain members (structured clone of that
 *     moment) and the names of their compact members;
 *  2. per compact member, `table` (its header, compact/table.ts `TableDump`) and `rows` (whole rows,
 *     transferred ArrayBuffers), then `end`.
 * The worker folds the journal from its first line up to exactly that seq (checking every line as
 * the in-thread proof does) and compares the fold with the cut. It answers once: `proven`,
 * `different` (with what differed) or `damaged`. Equal at the cut means equal now: the live state
 * went on from the cut by folding the same committed events with the same projections.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compare, moneyModules } from './balance-proof.js';
import { tableOf } from './compact/record.js';
import { JournalFold, type Damage } from './journal-fold.js';
import { compactMembersOf } from './projections/compact-members.js';
import type { CompactTable, TableDump } from './compact/table.js';
import type { StoreState } from './types.js';

/** What the worker is started with (`workerData`). */
export interface ProofWorkerData {
  kind: 'till-proof';
  dir: string;
}

export type ToProofWorker =
  | { type: 'cut'; seq: number; slices: Record<string, unknown>; tables: [string, string][]; rows: SharedArrayBuffer }
  | { type: 'table'; slice: string; member: string; header: TableDump }
  /** `length` bytes of whole rows in the shared buffer (or in `bytes`, one row too big for it). */
  | { type: 'rows'; slice: string; member: string; length: number; bytes?: ArrayBuffer }
  | { type: 'end' };

export type FromProofWorker = { type: 'ready' } | { type: 'ack' } | { type: 'proven' } | { type: 'different'; differences: string[] } | { type: 'damaged'; damage: Damage } | { type: 'failed'; message: string };

function run(data: ProofWorkerData): void {
  const port = parentPort!;
  const modules = moneyModules();
  const names = modules.map((m) => m.name);
  let cut: { seq: number; state: StoreState } | null = null;
  let shared: SharedArrayBuffer | null = null;
  let folded: Promise<{ damage?: Damage; fold: JournalFold }> | null = null;
  const tables = new Map<string, CompactTable>();
  const send = (m: FromProofWorker) => port.postMessage(m);
  const fail = (e: unknown) => {
    send({ type: 'failed', message: (e as Error)?.message ?? String(e) });
    port.close();
  };
  send({ type: 'ready' });
  port.on('message', (m: ToProofWorker) => {
    try {
      if (m.type === 'cut') {
        const state = { meta: { seq: m.seq } } as unknown as StoreState;
        for (const [k, v] of Object.entries(m.slices)) state[k] = v;
        for (const [slice, member] of m.tables) {
          const make = compactMembersOf(slice)?.[member];
          if (!make) throw new Error(`${slice}.${member} is not a compact member`);
          const rec = make();
          (state[slice] as Record<string, unknown>)[member] = rec;
          tables.set(`${slice}.${member}`, tableOf(rec)!);
        }
        cut = { seq: m.seq, state };
        shared = m.rows;
        const fold = new JournalFold(data.dir, modules);
        // Up to exactly the cut's seq: the journal holds it (the live store had folded it), maybe more.
        const p = fold.catchUp(() => m.seq, () => false).then((r) => ('damage' in r ? { fold, damage: r.damage } : { fold }));
        p.catch(() => {}); // a failed read is answered at `end`
        folded = p;
      } else if (m.type === 'table') tables.get(`${m.slice}.${m.member}`)!.restore(m.header);
      else if (m.type === 'rows') {
        tables.get(`${m.slice}.${m.member}`)!.appendRows(Buffer.from(m.bytes ?? shared!, 0, m.length));
        send({ type: 'ack' });
      }
      else if (m.type === 'end') {
        for (const t of tables.values()) t.restored();
        const c = cut!;
        void folded!
          .then(async ({ fold, damage }) => {
            if (damage) send({ type: 'damaged', damage });
            else {
              const differences = (await compare(c.state, fold.state, names, () => false)) ?? [];
              send(differences.length === 0 ? { type: 'proven' } : { type: 'different', differences });
            }
            port.close();
          })
          .catch(fail);
      }
    } catch (e) {
      fail(e);
    }
  });
}

const wd = workerData as ProofWorkerData | undefined;
if (parentPort && wd?.kind === 'till-proof') run(wd);
