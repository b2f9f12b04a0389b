import { describe, expect, it } from 'vitest';
import { guessAllowed, initialGuessState, recordGuess } from '../../../src/domain/giftcard/index.js';

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
