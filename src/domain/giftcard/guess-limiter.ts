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

/**
 * The limiter's state as read back after a restart (the store keeps it per register, so restarting
 * the register does not buy a guesser a fresh minute). Anything that is not a state gives null; a
 * state is trusted only as far as it can be: a cool-down never lasts longer than `cooldownSeconds`
 * from now (a clock set back or an edited file cannot lock the register for good), and misses dated
 * in the future count as made now.
 */
export function restoreGuessState(raw: unknown, nowMs: number, limits: GuessLimits): GuessState | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const { misses, until } = raw as { misses?: unknown; until?: unknown };
  if (!Array.isArray(misses) || !misses.every((t) => typeof t === 'number' && Number.isFinite(t))) return null;
  if (typeof until !== 'number' || !Number.isFinite(until)) return null;
  const kept = (misses as number[])
    .map((t) => Math.min(t, nowMs))
    .filter((t) => nowMs - t < WINDOW_MS)
    .sort((a, b) => a - b);
  // At most limit - 1 misses: a state that reached the limit would be cooling down instead.
  kept.splice(0, Math.max(0, kept.length - Math.max(0, limits.limitPerMinute - 1)));
  const cap = nowMs + limits.cooldownSeconds * 1000;
  return { misses: kept, until: until > nowMs ? Math.min(until, cap) : 0 };
}

/**
 * The state to start from when the saved one cannot be read (damaged or unreadable file): the
 * minute's allowance is taken to be used up but for one code, so a recognised card is answered at
 * once and the first unrecognised one starts the cool-down. Nothing is known, so nothing is given away.
 */
export function cautiousGuessState(nowMs: number, limits: GuessLimits): GuessState {
  return { misses: Array.from({ length: Math.max(0, limits.limitPerMinute - 1) }, () => nowMs), until: 0 };
}
