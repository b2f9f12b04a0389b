/**
 * The keys of a return without a receipt and of an exchange's new items (src/ui/input/exchange-keys.ts),
 * pure: which return-machine events a key sends, and what it refuses before sending anything.
 */
import { describe, expect, it } from 'vitest';
import { addItem, itemEvent, itemsKey, type ItemKeyView } from '../../src/ui/input/exchange-keys.js';
import { handleKey, type KeyView } from '../../src/ui/input/handle-key.js';
import { initialInput, uiScreen, type InputState } from '../../src/ui/input/state.js';
import { routeScan } from '../../src/ui/input/scan-route.js';
import type { Key } from '../../src/ui/keys/decode.js';

const key = (ch: string): Key => ({ name: 'char', ch, seq: ch });
const named = (name: Key['name']): Key => ({ name, seq: '' });
const skuOf = (code: string) => ({ '101': 'SKU-101', '2000001000007': 'SKU-101', '201': 'SKU-201' })[code];
const view = (over: Partial<ItemKeyView> = {}): ItemKeyView => ({ backItems: [], newItems: [], skuOf, exchangeDue: 0, hasReceipt: false, refundMode: 'cash', currency: 'USD', decimal: '.', ...over });
const s0 = (over: Partial<InputState> = {}): InputState => ({ ...initialInput(), ...over });

describe('items of a return without a receipt and of an exchange', () => {
  it('the same product by another code is the same entry, one more; a new one is added at the end', () => {
    const rows = [{ code: '101', sku: 'SKU-101', qty: 2 }];
    expect(itemEvent('returnItems', rows, '2000001000007', 1, skuOf)).toEqual({ event: { type: 'return.item', code: '101', qty: 3 }, index: 0 });
    expect(itemEvent('exchange', rows, '201', 2, skuOf)).toEqual({ event: { type: 'return.exchangeItem', code: '201', qty: 2 }, index: 1 });
  });

  it('"3*201" and a pending 3 * are three; an absurd quantity is refused before anything is sent', () => {
    expect(addItem(s0(), 'returnItems', '3*201', view()).returns).toEqual([{ type: 'return.item', code: '201', qty: 3 }]);
    expect(addItem(s0({ qty: 3 }), 'exchange', '201', view()).returns).toEqual([{ type: 'return.exchangeItem', code: '201', qty: 3 }]);
    const absurd = addItem(s0(), 'returnItems', '99999*201', view());
    expect(absurd.returns).toBeUndefined();
    expect(absurd.state.notice).toMatchObject({ key: 'error.BAD_QUANTITY', level: 'error' });
    const q = itemsKey(s0({ entry: '99999' }), 'returnItems', 'qty', key('*'), view());
    expect([q.returns, q.state.notice?.key, q.state.qty]).toEqual([undefined, 'error.BAD_QUANTITY', null]);
  });

  it('Enter adds what is typed, or (nothing typed) asks to commit; + and - change the selected item, 0 takes it off', () => {
    expect(itemsKey(s0({ entry: '201' }), 'returnItems', 'returnAdd', named('enter'), view()).returns).toEqual([{ type: 'return.item', code: '201', qty: 1 }]);
    expect(itemsKey(s0(), 'returnItems', 'returnAdd', named('enter'), view()).returns).toEqual([{ type: 'return.commit' }]);
    const rows = [{ code: '101', sku: 'SKU-101', qty: 1 }];
    expect(itemsKey(s0(), 'returnItems', 'returnMore', key('+'), view({ backItems: rows })).returns).toEqual([{ type: 'return.item', code: '101', qty: 2 }]);
    expect(itemsKey(s0(), 'returnItems', 'returnLess', key('-'), view({ backItems: rows })).returns).toEqual([{ type: 'return.item', code: '101', qty: 0 }]);
    expect(itemsKey(s0({ exchange: { row: 0 } }), 'exchange', 'returnLess', key('-'), view({ newItems: rows })).returns).toEqual([{ type: 'return.exchangeItem', code: '101', qty: 0 }]);
  });

  it('F8 pays the typed cash, or exactly what is due; not an amount is refused; F9 then the approval code pays by card', () => {
    expect(itemsKey(s0({ exchange: { row: 0 }, entry: '5' }), 'exchange', 'exchangeCash', named('f8'), view({ exchangeDue: 220 })).returns).toEqual([{ type: 'return.pay', kind: 'cash', amount: 500 }]);
    expect(itemsKey(s0({ exchange: { row: 0 } }), 'exchange', 'exchangeCash', named('f8'), view({ exchangeDue: 220 })).returns).toEqual([{ type: 'return.pay', kind: 'cash', amount: 220 }]);
    const bad = itemsKey(s0({ exchange: { row: 0 }, entry: 'x5' }), 'exchange', 'exchangeCash', named('f8'), view({ exchangeDue: 220 }));
    expect([bad.returns, bad.state.notice?.key]).toEqual([undefined, 'ui.notice.badAmount']);
    const card = itemsKey(s0({ exchange: { row: 0 } }), 'exchange', 'exchangeCard', named('f9'), view({ exchangeDue: 220 }));
    expect(card.state.card).toEqual({ amount: null });
    const noRef = itemsKey({ ...card.state, entry: '' }, 'exchange', 'card', named('enter'), view({ exchangeDue: 220 }));
    expect([noRef.returns, noRef.state.notice?.key]).toEqual([undefined, 'error.CARD_REFERENCE_REQUIRED']);
    expect(itemsKey({ ...card.state, entry: 'A1B2' }, 'exchange', 'card', named('enter'), view({ exchangeDue: 220 })).returns).toEqual([{ type: 'return.pay', kind: 'card', amount: 220, reference: 'A1B2' }]);
  });

  it('F6 toggles cash and a new gift card without a receipt, cash and the way it was paid with one', () => {
    expect(itemsKey(s0(), 'returnItems', 'refundMode', named('f6'), view()).returns).toEqual([{ type: 'return.mode', mode: 'giftcard' }]);
    expect(itemsKey(s0(), 'returnItems', 'refundMode', named('f6'), view({ refundMode: 'giftcard' })).returns).toEqual([{ type: 'return.mode', mode: 'cash' }]);
    expect(itemsKey(s0({ exchange: { row: 0 } }), 'exchange', 'refundMode', named('f6'), view({ hasReceipt: true, refundMode: 'original' })).returns).toEqual([{ type: 'return.mode', mode: 'cash' }]);
  });

  it('Tab shows the exchange and back; Esc there clears the entry first, then goes back; Esc on the items cancels the return', () => {
    const x = itemsKey(s0({ entry: '20' }), 'returnItems', 'exchangeSide', named('tab'), view());
    expect(x.state.exchange).toEqual({ row: 0 });
    expect(uiScreen('returnItems', x.state)).toBe('exchange');
    expect(uiScreen('return', x.state)).toBe('exchange');
    const typed = itemsKey({ ...x.state, entry: '7' }, 'exchange', 'exchangeSide', named('escape'), view());
    expect([typed.state.exchange, typed.state.entry]).toEqual([{ row: 0 }, '']);
    expect(itemsKey(typed.state, 'exchange', 'exchangeSide', named('escape'), view()).state.exchange).toBeNull();
    expect(itemsKey(s0(), 'returnItems', 'returnCancel', named('escape'), view()).returns).toEqual([{ type: 'return.cancel' }]);
  });
});

describe('from the ready screen and through the scan routing table', () => {
  const kv = (over: Partial<KeyView> = {}): KeyView => ({ screen: 'idle', lineIds: [], tenderIds: [], currency: 'USD', pageRows: 10, receiptLines: 0, helpLines: 0, ...over });
  it('F5 and Ctrl+N open a return without a receipt from the ready and paid screens and the receipt prompt', () => {
    const f5: Key = { name: 'f5', seq: '' };
    expect(handleKey(s0(), f5, kv()).returns).toEqual([{ type: 'return.openNoReceipt' }]);
    expect(handleKey(s0(), { name: 'char', ch: 'n', ctrl: true, seq: '\x0e' }, kv({ screen: 'committed' })).returns).toEqual([{ type: 'return.openNoReceipt' }]);
    expect(handleKey(s0({ overlay: { kind: 'returnReceipt' } }), f5, kv()).returns).toEqual([{ type: 'return.openNoReceipt' }]);
  });

  it('a scanned product is an item on the side shown, a loyalty card its customer; a gift card or another receipt is refused', () => {
    const v = { ...kv({ screen: 'returnItems' }), backItems: [], newItems: [], skuOf };
    expect(routeScan(s0(), { code: '201', source: 'keyboard' }, 'product', v).returns).toEqual([{ type: 'return.item', code: '201', qty: 1 }]);
    expect(routeScan(s0({ exchange: { row: 0 } }), { code: '201', source: 'keyboard' }, 'product', v).returns).toEqual([{ type: 'return.exchangeItem', code: '201', qty: 1 }]);
    // A loyalty card attaches its customer (the machine refuses it on a receipt return); a gift card waits.
    expect(routeScan(s0(), { code: '2700000000014', source: 'keyboard' }, 'loyalty', v).returns).toEqual([{ type: 'return.customer', card: '2700000000014' }]);
    const card = routeScan(s0(), { code: 'GC123', source: 'keyboard' }, 'giftcard', v);
    expect([card.returns, card.state.notice?.key]).toEqual([undefined, 'error.SCAN_IN_RETURN']);
    expect(routeScan(s0(), { code: 'RR1-000001', source: 'keyboard' }, 'receipt', v).state.notice?.key).toBe('error.RETURN_OPEN');
  });
});
