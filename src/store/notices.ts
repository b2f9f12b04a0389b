/**
 * Store notices: what start-up recovery and the background verification found that a manager must
 * hear about. Each is kept in memory for the register (message line, headless state) and appended
 * once to DATA/till.log (0600), the register's log of store events.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FILE_MODE } from './fs-ops.js';
import type { RecoveryReport, StoreNotice } from './types.js';

export const LOG_FILE = 'till.log';

/** Appends a line to DATA/till.log; a log that cannot be written never stops the register. */
export function appendLog(dataDir: string, line: string): void {
  try {
    const file = path.join(dataDir, LOG_FILE);
    fs.appendFileSync(file, `${line}\n`, { mode: FILE_MODE });
  } catch {
    /* best effort: the notice is still shown on screen */
  }
}

export class NoticeBoard {
  readonly list: StoreNotice[] = [];
  private readonly listeners = new Set<(n: StoreNotice) => void>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date,
  ) {}

  raise(code: StoreNotice['code'], level: StoreNotice['level'], message: string, sticky = false, text?: StoreNotice['text']): StoreNotice {
    const n: StoreNotice = { code, level, message, at: this.now().toISOString(), sticky, ...(text ? { text } : {}) };
    this.list.push(n);
    appendLog(this.dataDir, `${n.at} ${level.toUpperCase()} ${code} ${message}`);
    for (const fn of this.listeners) fn(n);
    return n;
  }

  on(fn: (n: StoreNotice) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The notices start-up recovery calls for. */
  fromRecovery(r: RecoveryReport): void {
    if (r.tornBytes > 0) {
      const file = r.tornFile ? path.relative(this.dataDir, r.tornFile) : 'the journal';
      this.raise(
        'STORE_TORN_TAIL',
        'warning',
        `Power cut while saving: an unconfirmed transaction (${r.tornBytes} bytes) was cut from the end of ${file}. It was never confirmed to the cashier; every confirmed sale is kept.`,
        false,
        { key: 'notice.STORE_TORN_TAIL', params: { bytes: r.tornBytes, file } },
      );
    }
    if (r.snapshotDiscarded)
      this.raise('SNAPSHOT_DISCARDED', 'warning', `store.json was not used: ${r.snapshotDiscarded}. The balances were rebuilt from the journal and store.json was rewritten.`, false, {
        key: 'notice.SNAPSHOT_REBUILT',
        params: { why: r.snapshotDiscarded },
      });
    if (r.lockTakenOver)
      this.raise('LOCK_TAKEN_OVER', 'warning', `A stale lock was taken over (${r.lockTakenOver}).`, false, { key: 'notice.LOCK_TAKEN_OVER', params: { detail: r.lockTakenOver } });
  }
}
