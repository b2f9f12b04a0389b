import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { statusOf, toHeadlessState } from '../../src/headless/state.js';
import { parseRequest, COMMAND_NAMES } from '../../src/headless/protocol.js';
import { CODE_A, machineWith, makeDeps, scriptedCommit } from '../machines/fixtures.js';

describe('statusOf', () => {
  it.each([
    ['idle', 'idle'],
    [{ open: 'sale' }, 'sale'],
    [{ open: 'tender' }, 'tender'],
    [{ open: 'commitFailed' }, 'commit_failed'],
    [{ open: 'cardAmount' }, 'card_amount'],
    ['committing', 'committing'],
    ['committed', 'committed'],
    ['receipt', 'receipt'],
    ['balance', 'balance'],
  ] as const)('%j -> %s', (value, want) => expect(statusOf(value)).toBe(want));

  it('a state the protocol does not know is an error, not a silent guess', () => {
    expect(() => statusOf('elsewhere')).toThrow(RangeError);
  });
});

describe('toHeadlessState', () => {
  it('is plain JSON with integer money and no undefined fields; the message text can come from the catalog', () => {
    const actor = createActor(machineWith(scriptedCommit(['ok']).logic), { input: makeDeps() }).start();
    actor.send({ type: 'cart.scan', code: CODE_A, qty: 2 });
    actor.send({ type: 'tender.start' });
    actor.send({ type: 'tender.card', amount: 5000, reference: 'X' });
    const s = toHeadlessState(actor.getSnapshot(), { messageText: (m) => `[${m.code}]` });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s).toEqual({
      status: 'tender',
      saleId: 'sale-1',
      currency: 'USD',
      lines: [{ line: 'L1', kind: 'product', sku: 'A', name: 'Alpha', qty: 2, unitPrice: 1000, gross: 2000, discount: 0, amount: 2000, tax: 182 }],
      subtotal: 2000,
      discount: 0,
      discounts: [],
      net: 1818,
      tax: 182,
      total: 2000,
      tenders: [],
      due: 2000,
      change: 0,
      message: { code: 'TENDER_EXCEEDS_DUE', text: '[TENDER_EXCEEDS_DUE]', level: 'error' },
    });
    actor.stop();
  });
});

describe('parseRequest', () => {
  it('maps every command to one event, query or service', () => {
    const samples: Record<string, object> = {
      scan: { code: '1' }, qty: { line: 'L1', qty: 2 }, remove: { line: 'L1' }, cash: { amount: 1 }, card: { reference: 'r' },
      remove_payment: { payment: 'T1' }, giftcard_sell: { amount: 1 }, giftcard_amount: { amount: 1 }, giftcard_check: { code: 'GC' },
      giftcard_pay: { code: 'GC' }, customer_attach: { customer: 'c1' }, reward_apply: { program: 'p', reward: 'r', points: 'max' }, reward_remove: { discount: 'x' },
      customer_search: { query: 'an' }, sign_in: { operator: 'anna', pin: '1234' }, unlock: { pin: '1234' }, customer_create: { name: 'An', phone: '0901234567' },
      shift_open: { float: 0 }, cash_in: { amount: 1, reason: 'r' }, cash_out: { amount: 1, reason: 'r' }, shift_close: { counted: 0 },
      return_open: { receipt: 'R1-000001' }, return_line: { line: 'L1', qty: 1 }, return_refund: { refund: 'cash' },
      recall: { park: 'p1' }, park_discard: { park: 'p1' },
      return_item: { code: '101', qty: 1 }, return_exchange_item: { code: '201' }, return_pay: { tender: 'cash', amount: 100 }, return_customer: { card: '2700000000014' },
      add: { sku: 'SKU-101' }, price: { amount: 450 }, product_search: { query: 'ca phe' },
    };
    for (const cmd of COMMAND_NAMES) {
      const r = parseRequest(JSON.stringify({ id: 1, cmd, ...samples[cmd] }));
      expect(r.kind, cmd).not.toBe('invalid');
      expect(r.id).toBe(1);
    }
    expect(parseRequest('{"cmd":"card","amount":5,"reference":"R"}')).toEqual({ kind: 'event', cmd: 'card', event: { type: 'tender.card', amount: 5, reference: 'R' } });
    expect(parseRequest('{"cmd":"scan","code":"1","qty":3}')).toEqual({ kind: 'event', cmd: 'scan', event: { type: 'cart.scan', code: '1', qty: 3, source: 'headless' } });
  });
});
