import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/domain/config.js';

describe('giftCards configuration', () => {
  it('has defaults and names a wrong value by its key', () => {
    const v = validateConfig({});
    expect(v.ok && v.config.giftCards).toEqual({ sellMode: 'generate', defaultValidityDays: 365, terms: expect.any(String), guessLimitPerMinute: 5, cooldownSeconds: 60, maxValue: '', topUp: false });
    const ok = validateConfig({ giftCards: { sellMode: 'scan-preset', defaultValidityDays: 0 } });
    expect(ok.ok && ok.config.giftCards).toMatchObject({ sellMode: 'scan-preset', defaultValidityDays: 0, guessLimitPerMinute: 5 });
    const bad = validateConfig({ giftCards: { sellMode: 'scan', guessLimitPerMinute: 0, cooldownSeconds: 1.5, topUp: 'yes' } });
    expect(bad.ok ? [] : bad.problems.map((p) => p.key)).toEqual(['giftCards.sellMode', 'giftCards.guessLimitPerMinute', 'giftCards.cooldownSeconds', 'giftCards.topUp']);
  });
});
