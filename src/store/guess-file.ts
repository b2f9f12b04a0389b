/**
 * The gift-card guess limiter's state on disk: `DATA/giftcard-guesses.json` (0600), one per register
 * (a data folder belongs to one register). It is rewritten on every change the limiter makes (temp
 * file, fsync, rename, folder fsync) before the register answers, so a register killed right after
 * the miss that started a cool-down comes back still cooling down.
 *
 * It never stops the register: a missing file is a register that has not seen a miss; a damaged or
 * unreadable one is replaced by the cautious state (one unrecognised code before a cool-down) and
 * reported in till.log without its contents; a write that fails is reported there once and the
 * limiter keeps working in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cautiousGuessState, initialGuessState, restoreGuessState, type GuessLimits, type GuessState } from '../domain/giftcard/guess-limiter.js';
import { FILE_MODE } from './fs-ops.js';
import { appendLog } from './notices.js';

export const GUESS_FILE = 'giftcard-guesses.json';
/** The wrong-PIN throttle of sign-in and approval (src/session.ts), kept the same way. */
export const PIN_GUESS_FILE = 'pin-guesses.json';

export interface GuessStateFile {
  /** The saved state as of now, or the cautious one if it cannot be read. Never throws. */
  load(nowMs: number, limits: GuessLimits): GuessState;
  /** Writes the state durably; a failure is logged (once per run of failures), never thrown. */
  save(state: GuessState): void;
}

export function guessStateFile(dataDir: string, now: () => Date = () => new Date(), name: string = GUESS_FILE, what = 'gift-card lookups'): GuessStateFile {
  const file = path.join(dataDir, name);
  const GUESS_FILE = name;
  let failing = false;
  const log = (level: string, code: string, message: string) => appendLog(dataDir, `${now().toISOString()} ${level} ${code} ${message}`);
  return {
    load(nowMs, limits) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return initialGuessState();
        log('WARNING', 'GUESS_STATE_UNREADABLE', `${GUESS_FILE} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): ${what} start cautious (one miss before a cool-down).`);
        return cautiousGuessState(nowMs, limits);
      }
      let restored: GuessState | null = null;
      try {
        restored = restoreGuessState(JSON.parse(text), nowMs, limits);
      } catch {
        /* not JSON: as damaged */
      }
      if (restored) return restored;
      log('WARNING', 'GUESS_STATE_UNREADABLE', `${GUESS_FILE} is damaged: ${what} start cautious (one miss before a cool-down); it is rewritten at the next change.`);
      return cautiousGuessState(nowMs, limits);
    },
    save(state) {
      const tmp = `${file}.tmp`;
      try {
        const fd = fs.openSync(tmp, 'w', FILE_MODE);
        try {
          fs.fchmodSync(fd, FILE_MODE); // a leftover temp file keeps no wider mode
          fs.writeSync(fd, `${JSON.stringify({ misses: state.misses, until: state.until })}\n`);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(tmp, file);
        const dir = fs.openSync(dataDir, 'r');
        try {
          fs.fsyncSync(dir);
        } finally {
          fs.closeSync(dir);
        }
        failing = false;
      } catch (e) {
        if (!failing) log('WARNING', 'GUESS_STATE_NOT_SAVED', `${GUESS_FILE} could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): the cool-down of ${what} holds while the register runs but not across a restart.`);
        failing = true;
      }
    },
  };
}
