import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import { checkoutMachine } from '../../machines/checkout.machine.js';
import { CODE_A, CODE_B, CODE_C, CODE_UNKNOWN, gatedCommit, machineWith, makeDeps, scriptedCommit, type EffectLog } from './fixtures.js';

type Snap = SnapshotFrom<typeof checkoutMachine>;

function start(commit = scriptedCommit(['ok']).logic, deps = makeDeps()) {
  const effects: EffectLog = [];
  const actor = createActor(machineWith(commit, effects), { input: deps });
  actor.start();
  const snap = (): Snap => actor.getSnapshot();
  return { actor, effects, snap, send: actor.send.bind(actor) };
}

const lineIds = (s: Snap) => s.context.cart.lines.map((l) => l.id);

describe('scanning and the cart', () => {
  it('a known scan opens a sale with a fresh id; a second scan adds to the line', () => {
    const { send, snap } = start();
    expect(snap().value).toBe('idle');
    send({ type: 'cart.scan', code: CODE_A });
    expect(snap().value).toEqual({ open: 'sale' });
    expect(snap().context.saleId).toBe('sale-1');
    send({ type: 'cart.scan', code: CODE_A, qty: 2 });
    expect(snap().context.cart.lines.map((l) => [l.sku, l.qty])).toEqual([['A', 3]]);
    expect(snap().context.priced.total).toBe(3000);
  });

  it.each([
    [CODE_UNKNOWN, 'UNKNOWN_BARCODE'],
    ['4006381333932', 'GARBLED_SCAN'], // EAN-13 with a wrong check digit: a misread, not an unknown product
    ['a b', 'GARBLED_SCAN'],
    ['  ', 'EMPTY_SCAN'],
  ])('scan %j in idle stays idle with %s and changes nothing', (code, want) => {
    const { send, snap } = start();
    send({ type: 'cart.scan', code });
    expect(snap().value).toBe('idle');
    expect(snap().context.message).toMatchObject({ code: want, level: 'error' });
    expect(snap().context.saleId).toBeNull();
    expect(snap().context.cart.lines).toEqual([]);
  });

  it('a bad scan or quantity during a sale keeps the cart and says why', () => {
    const { send, snap } = start();
    send({ type: 'cart.scan', code: CODE_A });
    const before = snap().context.cart;
    send({ type: 'cart.scan', code: CODE_UNKNOWN });
    expect(snap().context.message?.code).toBe('UNKNOWN_BARCODE');
    send({ type: 'cart.qty', lineId: 'L1', qty: 0 });
    expect(snap().context.message?.code).toBe('BAD_QUANTITY');
    send({ type: 'cart.remove', lineId: 'L9' });
    expect(snap().context.message?.code).toBe('NO_SUCH_LINE');
    expect(snap().context.cart).toBe(before);
    send({ type: 'cart.qty', lineId: 'L1', qty: 4 });
    expect(snap().context.message).toBeNull();
    expect(snap().context.priced.total).toBe(4000);
  });

  it('removing the last line returns to idle with a fresh sale', () => {
    const { send, snap } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'cart.scan', code: CODE_B });
    send({ type: 'cart.remove', lineId: 'L1' });
    expect(snap().value).toEqual({ open: 'sale' });
    send({ type: 'cart.remove', lineId: 'L2' });
    expect(snap().value).toBe('idle');
    expect(snap().context.saleId).toBeNull();
    send({ type: 'cart.scan', code: CODE_C });
    expect(snap().context.saleId).toBe('sale-2');
    expect(lineIds(snap())).toEqual(['L1']);
  });

  it('void returns to idle, reports the abandoned sale and says so', () => {
    const { send, snap, effects } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'cart.scan', code: CODE_B });
    send({ type: 'cart.void' });
    expect(snap().value).toBe('idle');
    expect(snap().context.message).toMatchObject({ code: 'SALE_VOIDED', level: 'info' });
    expect(snap().context.cart.lines).toEqual([]);
    expect(effects).toEqual([{ type: 'voided', data: { saleId: 'sale-1', total: 1500, lines: 2, tenders: 0 } }]);
  });

  it('message.clear clears the message in any state', () => {
    const { send, snap } = start();
    send({ type: 'cart.scan', code: CODE_UNKNOWN });
    send({ type: 'message.clear' });
    expect(snap().context.message).toBeNull();
  });
});

describe('tender', () => {
  it('tender.start needs a non-empty cart', () => {
    const { send, snap } = start();
    const idle = snap();
    send({ type: 'tender.start' });
    expect(snap()).toBe(idle);
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    expect(snap().value).toEqual({ open: 'tender' });
  });

  it('refuses a card overpay, keeps paid payments, and going back needs the payments removed', () => {
    const { send, snap } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.card', amount: 1001, reference: 'X1' });
    expect(snap().context.message).toMatchObject({ code: 'TENDER_EXCEEDS_DUE', params: { due: 1000 } });
    expect(snap().context.tenders).toEqual([]);
    send({ type: 'tender.card', amount: 300, reference: ' ' });
    expect(snap().context.message?.code).toBe('CARD_REFERENCE_REQUIRED');
    send({ type: 'tender.cash', amount: 400 });
    expect(snap().context.tenders).toMatchObject([{ id: 'T1', kind: 'cash', amount: 400 }]);
    send({ type: 'tender.cancel' });
    expect(snap().value).toEqual({ open: 'tender' });
    expect(snap().context.message?.code).toBe('REMOVE_PAYMENTS_FIRST');
    send({ type: 'tender.remove', tenderId: 'T9' });
    expect(snap().context.message?.code).toBe('NO_SUCH_TENDER');
    send({ type: 'tender.remove', tenderId: 'T1' });
    send({ type: 'tender.cancel' });
    expect(snap().value).toEqual({ open: 'sale' });
  });

  it('cash partial + card remainder: committing, then committed; print after commit, drawer because cash', async () => {
    const gate = gatedCommit();
    const { send, snap, effects, actor } = start(gate.logic);
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'cart.scan', code: CODE_B });
    send({ type: 'cart.scan', code: CODE_C });
    send({ type: 'tender.start' });
    send({ type: 'tender.cash', amount: 1000 });
    expect(snap().value).toEqual({ open: 'tender' });
    send({ type: 'tender.card', reference: 'AUTH-42' }); // no amount: the remainder
    expect(snap().value).toBe('committing');
    expect(gate.waiting).toHaveLength(1);
    expect(gate.waiting[0].input).toMatchObject({ saleId: 'sale-1', tenders: [{ kind: 'cash', amount: 1000 }, { kind: 'card', amount: 750, reference: 'AUTH-42' }] });
    // Nothing leaves the register before the sale is durable.
    expect(effects).toEqual([]);
    gate.release();
    await waitFor(actor, (s) => s.matches('committed'));
    expect(snap().context.lastSale).toMatchObject({ saleId: 'sale-1', total: 1750, change: 0 });
    expect(effects.map((e) => e.type)).toEqual(['print', 'drawer']);
    expect(effects[0].data).toBe(snap().context.lastSale);
  });

  it('card only: print but no drawer', async () => {
    const { send, effects, actor } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.card', reference: 'OK' });
    await waitFor(actor, (s) => s.matches('committed'));
    expect(effects.map((e) => e.type)).toEqual(['print']);
  });

  it('cash with change: the committed sale carries the change', async () => {
    const { send, actor } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.cash', amount: 5000 });
    const s = await waitFor(actor, (x) => x.matches('committed'));
    expect(s.context.lastSale).toMatchObject({ total: 1000, change: 4000 });
  });

  it('void in tender after a card payment asks to reverse it on the terminal', () => {
    const { send, snap, effects } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.card', amount: 100, reference: 'R' });
    send({ type: 'cart.void' });
    expect(snap().value).toBe('idle');
    expect(snap().context.message?.code).toBe('SALE_VOIDED_REVERSE_CARD');
    expect(effects).toEqual([{ type: 'voided', data: { saleId: 'sale-1', total: 1000, lines: 1, tenders: 1 } }]);
  });
});

describe('commit failure and after the sale', () => {
  it('a failed commit goes to commitFailed with the store code; retry commits the same sale; no effect before', async () => {
    const commit = scriptedCommit(['fail', 'ok']);
    const { send, snap, effects, actor } = start(commit.logic);
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.exact' });
    await waitFor(actor, (s) => s.matches({ open: 'commitFailed' }));
    expect(snap().context.message).toMatchObject({ code: 'DISK_FULL', level: 'error' });
    expect(effects).toEqual([]);
    // The cart and tenders are kept; scanning does nothing there.
    send({ type: 'cart.scan', code: CODE_B });
    expect(snap().context.cart.lines).toHaveLength(1);
    send({ type: 'commit.retry' });
    await waitFor(actor, (s) => s.matches('committed'));
    expect(commit.inputs.map((i) => i.saleId)).toEqual(['sale-1', 'sale-1']);
    expect(effects.map((e) => e.type)).toEqual(['print', 'drawer']);
  });

  it('a non-TillError commit failure is COMMIT_FAILED; void from commitFailed abandons the sale', async () => {
    const gate = gatedCommit();
    const { send, snap, actor, effects } = start(gate.logic);
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.card', reference: 'OK' });
    gate.waiting.shift()!.reject(new Error('EIO'));
    await waitFor(actor, (s) => s.matches({ open: 'commitFailed' }));
    expect(snap().context.message?.code).toBe('COMMIT_FAILED');
    send({ type: 'cart.void' });
    expect(snap().value).toBe('idle');
    expect(effects.map((e) => e.type)).toEqual(['voided']);
  });

  it('committed: sale.next starts over; a scan starts the next sale at once; the receipt can be viewed and reprinted', async () => {
    const { send, snap, actor, effects } = start();
    send({ type: 'cart.scan', code: CODE_A });
    send({ type: 'tender.start' });
    send({ type: 'tender.card', reference: 'OK' });
    await waitFor(actor, (s) => s.matches('committed'));
    const last = snap().context.lastSale;
    send({ type: 'receipt.view' });
    expect(snap().value).toBe('receipt');
    send({ type: 'receipt.reprint' });
    expect(effects.at(-1)).toEqual({ type: 'reprint', data: last });
    send({ type: 'receipt.close' });
    expect(snap().value).toBe('idle');
    expect(snap().context.lastSale).toBe(last);
    send({ type: 'receipt.view' });
    expect(snap().value).toBe('receipt');
    send({ type: 'sale.next' });
    send({ type: 'cart.scan', code: CODE_B });
    send({ type: 'tender.start' });
    send({ type: 'tender.cash', amount: 500 });
    await waitFor(actor, (s) => s.matches('committed'));
    send({ type: 'cart.scan', code: CODE_C });
    expect(snap().value).toEqual({ open: 'sale' });
    expect(snap().context.saleId).toBe('sale-3');
    expect(snap().context.tenders).toEqual([]);
    expect(snap().context.cart.lines.map((l) => l.sku)).toEqual(['C']);
  });

  it('idle without a last sale: receipt.view says there is none', () => {
    const { send, snap } = start();
    send({ type: 'receipt.view' });
    expect(snap().value).toBe('idle');
    expect(snap().context.message?.code).toBe('NO_LAST_RECEIPT');
  });
});
