import { describe, expect, test } from 'vitest';
import { handleKey, type KeyView } from '../../src/ui/input/handle-key.js';
import { initialInput, type InputState } from '../../src/ui/input/state.js';
import { decodeKeys } from '../../src/ui/keys/decode.js';

const view = (over: Partial<KeyView> = {}): KeyView => ({
  screen: 'sale',
  lineIds: ['L1', 'L2'],
  tenderIds: [],
  currency: 'USD',
  pageRows: 10,
  receiptLines: 0,
  helpLines: 30,
  ...over,
});

/** Feeds keystrokes (one chunk each) and collects the events. */
function run(keys: string[], v: KeyView, s: InputState = initialInput()) {
  const events: unknown[] = [];
  let quit = false;
  for (const chunk of keys)
    for (const k of decodeKeys(chunk)) {
      const r = handleKey(s, k, v);
      s = r.state;
      events.push(...r.events);
      quit ||= r.quit === true;
    }
  return { s, events, quit };
}

describe('entry line', () => {
  test('a quantity outside 1..9999 is refused and the entry cleared', () => {
    const a = run(['0', '*'], view());
    expect(a.s.qty).toBeNull();
    expect(a.s.notice?.key).toBe('error.BAD_QUANTITY');
    const b = run([...'10000', '*'], view());
    expect(b.s.qty).toBeNull();
  });

  test('Backspace after * brings the digits back to the entry line', () => {
    const r = run(['1', '2', '*', '\x7f'], view());
    expect(r.s).toMatchObject({ entry: '12', qty: null });
  });

  test('the scan carries the quantity and the keyboard source', () => {
    const r = run(['2', '*', '1', '0', '1', '\r'], view());
    expect(r.events).toEqual([{ type: 'cart.scan', code: '101', qty: 2, source: 'keyboard' }]);
  });

  test('* with nothing typed explains what to do', () => {
    expect(run(['*'], view()).s.notice?.key).toBe('ui.notice.qtyFirst');
  });

  test('+ with a code typed does not silently drop it', () => {
    const r = run(['1', '0', '1', '+'], view());
    expect(r.events).toEqual([]);
    expect(r.s.notice?.key).toBe('ui.notice.entryPending');
  });

  test('the gift-card value entry takes only digits and separators', () => {
    const r = run(['1', '2', ',', '5', 'x', 'Z'], view({ screen: 'cardAmount' }));
    expect(r.s.entry).toBe('12,5');
    expect(run(['\r'], view({ screen: 'cardAmount' }), r.s).events).toEqual([{ type: 'giftcard.amount', amount: 1250 }]);
  });

  test('on the payment screen a code with letters is a scan (a gift card paying), digits are cash', () => {
    expect(run([...'GC7K', '\r'], view({ screen: 'tender' })).events).toEqual([{ type: 'cart.scan', code: 'GC7K', source: 'keyboard' }]);
    expect(run([...'12,5', '\r'], view({ screen: 'tender' })).events).toEqual([{ type: 'tender.cash', amount: 1250 }]);
  });

  test('the card reference takes any printable text, including shortcut symbols', () => {
    const r = run(['*', 'A', '-', '/', '+', '7', '\r'], view({ screen: 'tender' }));
    expect(r.events).toEqual([{ type: 'tender.card', reference: 'A-/+7' }]);
    expect(r.s.card).toBeNull();
  });

  test('an amount with more decimals than the currency has is refused before the machine', () => {
    const r = run(['1', '.', '2', '3', '4', '\r'], view({ screen: 'tender' }));
    expect(r.events).toEqual([]);
    expect(r.s.notice).toMatchObject({ key: 'ui.notice.badAmount', params: { text: '1.234' } });
  });
});

describe('selection', () => {
  test('follows the newest line until moved; clamps at the ends', () => {
    let r = run(['\x1b[A', '\x1b[A', '\x1b[A'], view({ lineIds: ['L1', 'L2', 'L3'] }));
    expect(r.s.line).toMatchObject({ id: 'L1', follow: false });
    r = run(['-'], view({ lineIds: ['L1', 'L2', 'L3'] }), r.s);
    expect(r.events).toEqual([{ type: 'cart.remove', lineId: 'L1' }]);
  });

  test('PgDn in the help overlay stops at the last page', () => {
    const r = run(['?', '\x1b[6~', '\x1b[6~', '\x1b[6~', '\x1b[6~'], view());
    expect(r.s.help).toEqual({ top: 20 });
  });
});

describe('quitting', () => {
  test('Ctrl+C between sales quits at once; in a sale only when pressed twice', () => {
    expect(run(['\x03'], view({ screen: 'idle' })).quit).toBe(true);
    expect(run(['\x03'], view()).quit).toBe(false);
    expect(run(['\x03', '\x03'], view()).quit).toBe(true);
  });
});
