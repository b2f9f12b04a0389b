import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CONFIG, validateConfig, type TillConfig } from '../../src/domain/config.js';
import { cashQuestion, giftCardMaxValue, largestNoteOf, plausibilityLimits, qtyQuestion, totalQuestion } from '../../src/domain/plausibility.js';

const config = (over: Partial<TillConfig> = {}): TillConfig => ({ ...DEFAULT_CONFIG, ...over });

describe('plausibility limits from the configuration, with defaults per currency', () => {
  it('the largest note comes from the one table of notes and coins', () => {
    expect(largestNoteOf('USD')).toBe(10_000);
    expect(largestNoteOf('EUR')).toBe(50_000);
    expect(largestNoteOf('VND')).toBe(500_000);
    expect(largestNoteOf('RUB')).toBe(500_000);
    expect(largestNoteOf('CNY')).toBe(10_000);
    expect(largestNoteOf('KWD')).toBe(0); // no table: not known
  });

  it('defaults: 10 times due, 100 of anything, total above 100 notes, a gift card at most 10 notes', () => {
    expect(plausibilityLimits(config())).toEqual({ cashTimesDue: 10, largestNote: 10_000, qtyAbove: 100, saleTotalAbove: 1_000_000 });
    expect(plausibilityLimits(config({ currency: 'VND' }))).toEqual({ cashTimesDue: 10, largestNote: 500_000, qtyAbove: 100, saleTotalAbove: 50_000_000 });
    expect(giftCardMaxValue(config())).toBe(100_000);
    expect(giftCardMaxValue(config({ currency: 'VND' }))).toBe(5_000_000);
  });

  it('a currency without a table: the sale-total and gift-card limits apply only when set', () => {
    const kwd = config({ currency: 'KWD' });
    expect(plausibilityLimits(kwd)).toEqual({ cashTimesDue: 10, largestNote: 0, qtyAbove: 100, saleTotalAbove: 0 });
    expect(giftCardMaxValue(kwd)).toBeNull();
    const set = config({ currency: 'KWD', plausibility: { ...DEFAULT_CONFIG.plausibility, largestNote: '20', saleTotalAbove: '5000' }, giftCards: { ...DEFAULT_CONFIG.giftCards, maxValue: '300.500' } });
    expect(plausibilityLimits(set)).toMatchObject({ largestNote: 20_000, saleTotalAbove: 5_000_000 });
    expect(giftCardMaxValue(set)).toBe(300_500);
  });

  it('configured values are read in the store currency; "0" switches the total question off', () => {
    const c = config({ plausibility: { cashTimesDue: 5, largestNote: '50', qtyAbove: 20, saleTotalAbove: '0' } });
    expect(plausibilityLimits(c)).toEqual({ cashTimesDue: 5, largestNote: 5_000, qtyAbove: 20, saleTotalAbove: 0 });
  });

  it('the configuration refuses what is not a count or an amount, naming the key', () => {
    const r = validateConfig({ plausibility: { cashTimesDue: -1, largestNote: 'lots', qtyAbove: 10_000 }, giftCards: { maxValue: 500 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.key).sort()).toEqual(['giftCards.maxValue', 'plausibility.cashTimesDue', 'plausibility.largestNote', 'plausibility.qtyAbove']);
    const good = validateConfig({ plausibility: { saleTotalAbove: '2500.00' }, giftCards: { maxValue: '' } });
    expect(good.ok).toBe(true);
  });
});

describe('the questions', () => {
  const usd = plausibilityLimits(config());

  it('99999 typed with 7.00 due is asked about; one note for a coffee is not', () => {
    expect(cashQuestion(99_999, 700, usd, 'USD')).toMatchObject({ code: 'CONFIRM_CASH', params: { amount: '999.99 USD', amountMinor: 99_999, due: '7.00 USD', dueMinor: 700 } });
    expect(cashQuestion(10_000, 700, usd, 'USD')).toBeNull(); // 100.00: more than 10x due, but one note
    expect(cashQuestion(10_001, 1_001, usd, 'USD')).toBeNull(); // not more than 10x due
    expect(cashQuestion(10_001, 1_000, usd, 'USD')).not.toBeNull();
  });

  it('the cash rule asks exactly when both conditions hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (given, due) => {
        const asked = cashQuestion(given, due, usd, 'USD') !== null;
        expect(asked).toBe(given > due * 10 && given > 10_000);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('without a known note the times-due rule alone asks; 0 times switches cash questions off', () => {
    const kwd = plausibilityLimits(config({ currency: 'KWD' }));
    expect(cashQuestion(11_000, 1_000, kwd, 'KWD')?.params.amount).toBe('11.000 KWD');
    expect(cashQuestion(10_000, 1_000, kwd, 'KWD')).toBeNull();
    expect(cashQuestion(99_999_999, 1, { ...usd, cashTimesDue: 0 }, 'USD')).toBeNull();
  });

  it('a quantity above the limit asks, naming the product; a total above the limit asks unless already said yes to', () => {
    expect(qtyQuestion(101, 'Espresso', usd)).toMatchObject({ code: 'CONFIRM_QTY', text: 'Quantity 101 of Espresso: is that right?' });
    expect(qtyQuestion(100, 'Espresso', usd)).toBeNull();
    expect(totalQuestion(1_000_001, 0, usd, 'USD')).toMatchObject({ code: 'CONFIRM_TOTAL', params: { total: '10000.01 USD', limit: '10000.00 USD' } });
    expect(totalQuestion(1_000_000, 0, usd, 'USD')).toBeNull();
    expect(totalQuestion(2_000_000, 2_000_000, usd, 'USD')).toBeNull();
    expect(totalQuestion(2_000_001, 2_000_000, usd, 'USD')).not.toBeNull();
  });
});
