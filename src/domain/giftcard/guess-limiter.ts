/**
 * Guess limiting per register: at most `limitPerMinute` unrecognised codes (unknown or bad check —
 * counted alike, like their message) in any 60-second window; reaching the limit refuses every code
 * lookup for `cooldownSeconds`. A recognised card does not reset the count, so mixing in one real card
 * does not buy a guesser more tries. Pure state in, state out; the caller owns the clock.
 */
import { ok, type Result } from '../errors.js';
import { refuse } from './errors.js';

export interface GuessLimits {
  limitPerMinute: number;
  cooldownSeconds: number;
}

export interface GuessState {
  /** Times (ms) of recent unrecognised codes, oldest first, within the last minute. */
  misses: number[];
  /** Lookups are refused until this time (ms); 0 = not cooling down. */
  until: number;
}

export const initialGuessState = (): GuessState => ({ misses: [], until: 0 });

const WINDOW_MS = 60_000;

/** May a code be looked up now? Refusal: GIFT_CARD_COOLDOWN with the seconds left. */
export function guessAllowed(s: GuessState, nowMs: number): Result<true> {
  if (nowMs < s.until) return refuse('GIFT_CARD_COOLDOWN', { seconds: Math.ceil((s.until - nowMs) / 1000) });
  return ok(true);
}

/** Record the outcome of a lookup that was allowed. */
export function recordGuess(s: GuessState, nowMs: number, recognised: boolean, limits: GuessLimits): GuessState {
  const misses = s.misses.filter((t) => nowMs - t < WINDOW_MS);
  if (recognised) return { misses, until: s.until };
  misses.push(nowMs);
  if (misses.length >= limits.limitPerMinute) return { misses: [], until: nowMs + limits.cooldownSeconds * 1000 };
  return { misses, until: s.until };
}
