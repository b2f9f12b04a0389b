/**
 * Store errors. Every message names what a cashier or an installer needs: the file, the line where
 * that applies, and the command that verifies or repairs. The code is stable for logs and clients.
 */
import { TillError } from '../domain/errors.js';
import type { StoreErrorCode } from './types.js';

export class StoreError extends TillError {
  declare readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(code, message, params);
    this.name = 'StoreError';
  }
}

export const isStoreError = (e: unknown): e is StoreError => e instanceof StoreError;

/** Commands named in messages. The CLI accepts --data on every command. */
export const VERIFY_CMD = 'till journal verify';
export const REBUILD_CMD = 'till store rebuild';
export const RESTORE_CMD = 'till init --from-backup DIR';
export const REPAIR_CMD = 'till store repair';

export function corrupt(file: string, line: number | undefined, what: string, fix: string): StoreError {
  const where = line === undefined ? file : `${file} line ${line}`;
  return new StoreError('STORE_CORRUPT', `The store cannot start: ${where}: ${what}. ${fix}`, {
    file,
    what,
    ...(line === undefined ? {} : { line }),
  });
}

export const journalFix = (dataDir: string) =>
  `Nothing was changed. Run \`${VERIFY_CMD} --data ${dataDir}\` to list the damage, then \`${REPAIR_CMD} --data ${dataDir}\`: it keeps every intact event, sets the damaged journal aside and lists what it could not keep (or restore the last backup with \`${RESTORE_CMD}\` into an empty folder).`;
/** What `till journal verify` advises for damage in the journal (it is not start-up: the store may well start). */
export const journalDamageFix = (dataDir: string) =>
  `Close the register and run \`${REPAIR_CMD} --data ${dataDir}\`: it keeps every intact event, sets the damaged journal aside and lists what it could not keep (or restore the last backup with \`${RESTORE_CMD}\` into an empty folder).`;
export const snapshotFix = (dataDir: string) =>
  `The journal is the record of truth: run \`${VERIFY_CMD} --data ${dataDir}\`, then \`${REBUILD_CMD} --data ${dataDir}\` to rebuild the snapshot from it.`;

/**
 * Maps a file-system failure during a write to the code the checkout shows. The sale stays open:
 * the message says what happened and that nothing was saved, so retrying is safe.
 */
export function fromFsError(err: unknown, file: string, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const detail = (err as Error)?.message ?? String(err);
  const tail = `Nothing was saved (${doing}, ${file}).`;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StoreError('DISK_FULL', `The disk is full. ${tail} Free space on the register's storage, then retry.`, { file, errno: code });
    case 'EROFS':
      return new StoreError('READ_ONLY', `The storage is read-only (SD card locked or failing). ${tail} Check the card, restart, then retry.`, { file, errno: code });
    case 'EACCES':
    case 'EPERM':
      return new StoreError('PERMISSION', `No permission to write the store. ${tail} The data folder must belong to the user running till.`, { file, errno: code });
    default:
      return new StoreError('IO_ERROR', `The store could not be written: ${detail}. ${tail} Retry; if it keeps failing check the storage.`, { file, errno: code || 'unknown' });
  }
}
