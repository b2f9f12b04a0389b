import { describe, expect, it } from 'vitest';
import { cautiousGuessState, guessAllowed, initialGuessState, recordGuess, restoreGuessState } from '../../../src/domain/giftcard/index.js';

const limits = { limitPerMinute: 5, cooldownSeconds: 120 };

describe('guess limiter', () => {
  it('allows five unrecognised codes in a minute, then refuses lookups for the cool-down', () => {
    let s = initialGuessState();
    for (let i = 0; i < 5; i++) {
      expect(guessAllowed(s, 1000 + i * 1000).ok).toBe(true);
      s = recordGuess(s, 1000 + i * 1000, false, limits);
    }
    const refused = guessAllowed(s, 6000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_COOLDOWN', params: { seconds: 119 } } });
    if (!refused.ok) expect(refused.error.message).toBe('Too many unrecognised gift cards. Card lookups resume in 119 seconds.');
    expect(guessAllowed(s, 5000 + 119_999).ok).toBe(false);
    expect(guessAllowed(s, 5000 + 120_000).ok).toBe(true);
  });

  it('forgets misses older than a minute', () => {
    let s = initialGuessState();
    for (let i = 0; i < 4; i++) s = recordGuess(s, i * 1000, false, limits);
    s = recordGuess(s, 61_000, false, limits);
    expect(s.misses).toEqual([2000, 3000, 61_000]);
    expect(guessAllowed(s, 61_001).ok).toBe(true);
  });

  it('does not reset the count on a recognised card', () => {
    let s = initialGuessState();
    for (let i = 0; i < 4; i++) s = recordGuess(s, i, false, limits);
    s = recordGuess(s, 10, true, limits);
    s = recordGuess(s, 11, false, limits);
    expect(guessAllowed(s, 12).ok).toBe(false);
  });

  it('honours a configured limit of one', () => {
    const s = recordGuess(initialGuessState(), 0, false, { limitPerMinute: 1, cooldownSeconds: 30 });
    expect(guessAllowed(s, 29_999)).toMatchObject({ ok: false, error: { params: { seconds: 1 } } });
  });
});

describe('8.3 the guess limiter state read back after a restart', () => {
  const L = { limitPerMinute: 5, cooldownSeconds: 60 };

  it('keeps a cool-down that is running: a valid code is still refused', () => {
    let s = initialGuessState();
    for (let i = 0; i < 5; i++) s = recordGuess(s, 1000 + i, false, L);
    const back = restoreGuessState(JSON.parse(JSON.stringify(s)), 1800, L)!;
    expect(back).toEqual(s);
    expect(guessAllowed(back, 1800)).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_COOLDOWN' } });
    expect(guessAllowed(back, 1004 + 60_000).ok).toBe(true);
  });

  it('keeps the misses of the last minute, so the count goes on where it stopped', () => {
    let s = initialGuessState();
    for (let i = 0; i < 4; i++) s = recordGuess(s, i * 1000, false, L);
    const back = restoreGuessState(s, 10_000, L)!;
    expect(back.misses).toEqual([0, 1000, 2000, 3000]);
    expect(guessAllowed(recordGuess(back, 10_000, false, L), 10_001).ok).toBe(false);
  });

  it('bounds what it trusts: no cool-down past cooldownSeconds from now, future misses count as now, at most limit - 1 misses', () => {
    expect(restoreGuessState({ misses: [], until: 9e15 }, 1000, L)).toEqual({ misses: [], until: 61_000 });
    expect(restoreGuessState({ misses: [5e12], until: 0 }, 1000, L)).toEqual({ misses: [1000], until: 0 });
    expect(restoreGuessState({ misses: [1, 2, 3, 4, 5, 6, 7], until: 0 }, 100, L)!.misses).toEqual([4, 5, 6, 7]);
    expect(restoreGuessState({ misses: [1, 2], until: 0 }, 100, { limitPerMinute: 1, cooldownSeconds: 5 })!.misses).toEqual([]);
    expect(restoreGuessState({ misses: [1], until: 50 }, 100_000, L)).toEqual({ misses: [], until: 0 });
  });

  it.each([null, 'x', [], {}, { misses: 'a', until: 0 }, { misses: [1, 'b'], until: 0 }, { misses: [], until: 'soon' }, { misses: [Infinity], until: 0 }])(
    'refuses what is not a state (%j)',
    (raw) => expect(restoreGuessState(raw, 0, L)).toBeNull(),
  );

  it('the cautious state answers a recognised card at once and cools down at the first unrecognised one', () => {
    const s = cautiousGuessState(5000, L);
    expect(guessAllowed(s, 5000).ok).toBe(true);
    expect(guessAllowed(recordGuess(s, 5000, true, L), 5001).ok).toBe(true);
    expect(guessAllowed(recordGuess(s, 5001, false, L), 5002)).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_COOLDOWN' } });
    expect(cautiousGuessState(0, { limitPerMinute: 1, cooldownSeconds: 5 })).toEqual({ misses: [], until: 0 });
  });
});
