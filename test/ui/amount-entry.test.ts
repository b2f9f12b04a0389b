/**
 * Amount entry (issue 11): "1.50" then a tender key is that amount and that key — `*` card, Enter
 * cash, `+` exact — never the text "1.50*"; the locale's decimal separator works as well as "." and ",".
 */
import { describe, expect, test } from 'vitest';
import { handleKey, type KeyView } from '../../src/ui/input/handle-key.js';
import { initialInput, type InputState } from '../../src/ui/input/state.js';
import { decodeKeys } from '../../src/ui/keys/decode.js';
import { decimalSeparator } from '../../src/ui/selectors.js';

const tender = (over: Partial<KeyView> = {}): KeyView => ({
  screen: 'tender',
  lineIds: ['L1'],
  tenderIds: [],
  currency: 'USD',
  pageRows: 10,
  receiptLines: 0,
  helpLines: 30,
  ...over,
});

/** Keystrokes one chunk each, as a person types; `burst` marks every key as part of a scanner burst. */
function run(keys: string[], v: KeyView, burst = false, s: InputState = initialInput()) {
  const events: unknown[] = [];
  for (const chunk of keys)
    for (const k of decodeKeys(chunk)) {
      const r = handleKey(s, burst ? { ...k, burst: true } : k, v);
      s = r.state;
      events.push(...r.events);
    }
  return { s, events };
}

describe('a decimal amount, then the tender key', () => {
  test('1.50 * is the card key with 1.50: the approval code is asked next', () => {
    const r = run([...'1.50', '*'], tender());
    expect(r.s).toMatchObject({ entry: '', card: { amount: 150 } });
    const done = run([...'A1', '\r'], tender(), false, r.s);
    expect(done.events).toEqual([{ type: 'tender.card', reference: 'A1', amount: 150 }]);
  });

  test('1.50 Enter is cash; 1,50 Enter too', () => {
    expect(run([...'1.50', '\r'], tender()).events).toEqual([{ type: 'tender.cash', amount: 150 }]);
    expect(run([...'1,50', '\r'], tender()).events).toEqual([{ type: 'tender.cash', amount: 150 }]);
  });

  test('1.50 + is the exact key: it says the typed amount is waiting, and types nothing', () => {
    const r = run([...'1.50', '+'], tender());
    expect(r.events).toEqual([]);
    expect(r.s.entry).toBe('1.50');
    expect(r.s.notice?.key).toBe('ui.notice.entryPendingAmount');
  });

  test('1.50 - removes the selected payment, like 150 -', () => {
    const v = tender({ tenderIds: ['T1'] });
    expect(run([...'1.50', '-'], v).events).toEqual([{ type: 'tender.remove', tenderId: 'T1' }]);
    expect(run([...'150', '-'], v).events).toEqual([{ type: 'tender.remove', tenderId: 'T1' }]);
  });

  test('a code with letters keeps its symbols as text, and so does a scanner burst', () => {
    expect(run([...'GC1.5*'], tender()).s.entry).toBe('GC1.5*');
    expect(run([...'1.5*'], tender(), true).s.entry).toBe('1.5*');
  });

  test('the gift-card value prompt: 12.50 Enter loads 12.50', () => {
    expect(run([...'12.50', '\r'], tender({ screen: 'cardAmount' })).events).toEqual([{ type: 'giftcard.amount', amount: 1250 }]);
  });
});

describe("the locale's decimal separator", () => {
  test('is read from the locale', () => {
    expect(decimalSeparator('en-US')).toBe('.');
    expect(decimalSeparator('ru-RU')).toBe(',');
    expect(decimalSeparator('vi-VN')).toBe(',');
    expect(decimalSeparator('ar-EG')).toBe('٫');
    expect(decimalSeparator('not a locale!')).toBe('.');
  });

  test('ru-RU: 1,50 * is a card payment of 1.50 (and "." still works)', () => {
    const v = tender({ decimal: ',' });
    expect(run([...'1,50', '*'], v).s.card).toEqual({ amount: 150 });
    expect(run([...'1.50', '*'], v).s.card).toEqual({ amount: 150 });
  });

  test('ar-EG: the Arabic decimal separator is typed, parsed and not mistaken for a letter', () => {
    const v = tender({ decimal: '٫' });
    const typed = run([...'2٫75'], v);
    expect(typed.s.entry).toBe('2٫75');
    expect(run(['\r'], v, false, typed.s).events).toEqual([{ type: 'tender.cash', amount: 275 }]);
    expect(run([...'2٫75', '*'], v).s.card).toEqual({ amount: 275 });
  });

  test('more decimals than the currency has is refused, not rounded', () => {
    expect(run([...'1.505', '\r'], tender()).s.notice).toMatchObject({ key: 'ui.notice.badAmount', params: { text: '1.505' } });
    expect(run([...'1.5', '\r'], tender({ currency: 'VND' })).s.notice?.key).toBe('ui.notice.badAmount');
  });
});
