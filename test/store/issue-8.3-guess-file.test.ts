/**
 * 8.3 The guessing cool-down survives a restart: the limiter's state is kept per register in
 * DATA/giftcard-guesses.json (0600, fsync + rename). A missing, damaged or unwritable file never stops
 * the register and gives nothing away.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GUESS_FILE, guessStateFile } from '../../src/store/guess-file.js';
import { guessAllowed, recordGuess, initialGuessState } from '../../src/domain/giftcard/index.js';
import { initStore, openStore } from '../../src/store/open.js';
import { LOG_FILE } from '../../src/store/notices.js';
import { tmpDir } from './helpers.js';

const L = { limitPerMinute: 5, cooldownSeconds: 60 };
const dirs: string[] = [];
const dir = () => {
  const d = tmpDir('guess');
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const coolingDown = (t: number) => {
  let s = initialGuessState();
  for (let i = 0; i < 5; i++) s = recordGuess(s, t + i, false, L);
  return s;
};

describe('8.3 the guess limiter state file', () => {
  it('saves durably with mode 0600 and reads back the cool-down', () => {
    const d = dir();
    const s = coolingDown(1_000_000);
    guessStateFile(d).save(s);
    const file = path.join(d, GUESS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    const back = guessStateFile(d).load(1_000_800, L);
    expect(guessAllowed(back, 1_000_800)).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_COOLDOWN' } });
  });

  it('a missing file is a register that has seen no miss', () => {
    expect(guessStateFile(dir()).load(5, L)).toEqual(initialGuessState());
  });

  it.each([
    ['not JSON', '{"misses":[1,2'],
    ['not a state', '{"misses":"many","until":0}'],
  ])('a damaged file (%s) starts cautious and says so in till.log without its contents', (_what, text) => {
    const d = dir();
    fs.writeFileSync(path.join(d, GUESS_FILE), text);
    const s = guessStateFile(d).load(10_000, L);
    expect(s).toEqual({ misses: [10_000, 10_000, 10_000, 10_000], until: 0 });
    const log = fs.readFileSync(path.join(d, LOG_FILE), 'utf8');
    expect(log).toMatch(/GUESS_STATE_UNREADABLE/);
    expect(log).not.toContain(text);
  });

  it('a file that cannot be read (a folder in its place) starts cautious too', () => {
    const d = dir();
    fs.mkdirSync(path.join(d, GUESS_FILE));
    expect(guessStateFile(d).load(7, L).misses).toHaveLength(4);
  });

  it('a write that fails is logged once and never thrown', () => {
    const d = dir();
    fs.mkdirSync(path.join(d, GUESS_FILE)); // rename onto a folder fails
    fs.mkdirSync(path.join(d, GUESS_FILE, 'x'));
    const f = guessStateFile(d);
    expect(() => f.save(coolingDown(1))).not.toThrow();
    expect(() => f.save(coolingDown(2))).not.toThrow();
    const lines = fs.readFileSync(path.join(d, LOG_FILE), 'utf8').split('\n').filter((l) => l.includes('GUESS_STATE_NOT_SAVED'));
    expect(lines).toHaveLength(1);
  });

  it('a store opened again on the same folder reads what the first one saved', async () => {
    const d = dir();
    const a = await initStore(d, { currency: 'USD', register: 'R1' }, [], { verifyHistory: false });
    a.guesses.save(coolingDown(Date.now()));
    await a.close();
    const b = await openStore(d, { register: 'R1', verifyHistory: false });
    try {
      expect(guessAllowed(b.guesses.load(Date.now(), L), Date.now()).ok).toBe(false);
    } finally {
      await b.close();
    }
  });
});
