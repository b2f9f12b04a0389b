import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { TillError } from '../../src/domain/errors.js';
import { runHeadless } from '../../src/headless/driver.js';
import { MAX_LINE_BYTES } from '../../src/headless/protocol.js';
import { session, startHeadless } from './support.js';

// Demo catalog: 101 Espresso 2.50 (standard 10%), 201 Croissant 2.80 (reduced 5%), 301 Still water 1.20 (standard).

describe('a whole sale over JSON Lines', () => {
  it('scan, qty, pay, cash + card, committed; journal, print and drawer after commit', async () => {
    const { h, replies } = await session([
      { id: 1, cmd: 'scan', code: '101' },
      { id: 2, cmd: 'scan', code: '201' },
      { id: 3, cmd: 'scan', code: '301' },
      { id: 4, cmd: 'qty', line: 'L1', qty: 2 },
      { id: 5, cmd: 'pay' },
      { id: 6, cmd: 'cash', amount: 500 },
      { id: 7, cmd: 'card', reference: 'AUTH-77' },
      { id: 8, cmd: 'receipt' },
      { id: 9, cmd: 'next' },
      { id: 10, cmd: 'state' },
    ]);
    expect(replies.map((r) => [r.id, r.ok, r.state.status])).toEqual([
      [1, true, 'sale'], [2, true, 'sale'], [3, true, 'sale'], [4, true, 'sale'], [5, true, 'tender'],
      [6, true, 'tender'], [7, true, 'committed'], [8, true, 'committed'], [9, true, 'idle'], [10, true, 'idle'],
    ]);
    const s4 = replies[3].state;
    // 2 x 2.50 + 2.80 + 1.20 = 9.00. Inclusive tax per line: 500/11 = 45.45 -> 45, 280*5/105 = 13.33 -> 13, 120/11 = 10.9 -> 11
    expect(s4.lines).toEqual([
      { line: 'L1', kind: 'product', sku: 'SKU-101', name: 'Espresso', qty: 2, unitPrice: 250, gross: 500, discount: 0, amount: 500, tax: 45 },
      { line: 'L2', kind: 'product', sku: 'SKU-201', name: 'Croissant', qty: 1, unitPrice: 280, gross: 280, discount: 0, amount: 280, tax: 13 },
      { line: 'L3', kind: 'product', sku: 'SKU-301', name: 'Still water 0.5 l', qty: 1, unitPrice: 120, gross: 120, discount: 0, amount: 120, tax: 11 },
    ]);
    expect(s4).toMatchObject({ saleId: 'id-1', currency: 'USD', subtotal: 900, discount: 0, tax: 69, net: 831, total: 900, due: 900, change: 0, tenders: [] });
    expect(replies[5].state).toMatchObject({ due: 400, tenders: [{ payment: 'T1', kind: 'cash', amount: 500, given: 500, change: 0 }] });
    const done = replies[6].state;
    expect(done).toMatchObject({
      status: 'committed',
      due: 0,
      change: 0,
      tenders: [{ payment: 'T1', kind: 'cash', amount: 500 }, { payment: 'T2', kind: 'card', amount: 400, reference: 'AUTH-77' }],
      lastSale: { saleId: 'id-1', receiptNo: 'R1-000001', total: 900, change: 0 },
    });
    // Committed means journaled: the reply came after the store's commit resolved.
    const sale = h.store.events.find((e) => e.type === 'sale.committed')!.data as { sale: { total: number; tenders: unknown[] } };
    expect(sale.sale.total).toBe(900);
    expect(sale.sale.tenders).toHaveLength(2);
    expect(replies[7].receipt!.receiptNo).toBe('R1-000001');
    expect(replies[7].receipt!.text).toContain('Croissant');
    expect(replies[7].receipt!.text).toContain('R1-000001');
    // runHeadless resolved after the effects settled: printed once, drawer kicked once (cash).
    expect(h.hardware.printer.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001']);
    expect(h.hardware.drawer.pulses).toBe(1);
    expect(replies[9].state).toMatchObject({ saleId: null, lines: [], total: 0, tenders: [], lastSale: { receiptNo: 'R1-000001' } });
  });

  it('cash with change and exact cash', async () => {
    const { replies } = await session([
      { cmd: 'scan', code: '101', qty: 3 },
      { cmd: 'pay' },
      { cmd: 'cash', amount: 1000 },
      { cmd: 'next' },
      { cmd: 'scan', code: '301' },
      { cmd: 'pay' },
      { cmd: 'exact' },
    ]);
    expect(replies[2].state).toMatchObject({ status: 'committed', total: 750, change: 250, lastSale: { change: 250 } });
    expect(replies[6].state).toMatchObject({ status: 'committed', total: 120, change: 0, lastSale: { receiptNo: 'R1-000002' } });
  });

  it('the reply to the covering payment waits until the sale is durable', async () => {
    const h = startHeadless();
    h.send({ id: 1, cmd: 'scan', code: '101' });
    h.send({ id: 2, cmd: 'pay' });
    await h.reply(1);
    const gate = h.store.hold();
    h.send({ id: 3, cmd: 'card', reference: 'OK' });
    await gate.reached;
    expect(h.replies()).toHaveLength(2);
    expect(h.store.events).toHaveLength(0);
    gate.release();
    const r = await h.reply(2);
    expect(r.state.status).toBe('committed');
    expect(h.store.events.map((e) => e.type)).toEqual(['sale.committed']);
    await h.end();
  });

  it('remove to empty, void, back, remove_payment, clear', async () => {
    const { replies, h } = await session([
      { id: 1, cmd: 'scan', code: '101' },
      { id: 2, cmd: 'remove', line: 'L1' },
      { id: 3, cmd: 'scan', code: '201' },
      { id: 4, cmd: 'pay' },
      { id: 5, cmd: 'card', amount: 100, reference: 'P' },
      { id: 6, cmd: 'remove_payment', payment: 'T1' },
      { id: 7, cmd: 'back' },
      { id: 8, cmd: 'void' },
      { id: 9, cmd: 'clear' },
    ]);
    expect(replies.map((r) => [r.id, r.ok, r.state.status])).toEqual([
      [1, true, 'sale'], [2, true, 'idle'], [3, true, 'sale'], [4, true, 'tender'], [5, true, 'tender'],
      [6, true, 'tender'], [7, true, 'sale'], [8, true, 'idle'], [9, true, 'idle'],
    ]);
    expect(replies[7].state.message).toEqual({ code: 'SALE_VOIDED', text: expect.any(String), level: 'info' });
    expect(replies[8].state.message).toBeUndefined();
    expect(h.store.events.map((e) => e.type)).toEqual(['sale.voided']);
  });
});

describe('error replies', () => {
  it.each([
    ['not json', 'BAD_REQUEST'],
    ['[1,2]', 'BAD_REQUEST'],
    ['"scan"', 'BAD_REQUEST'],
    ['{"id":1}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":7}', 'BAD_REQUEST'],
    ['{"id":{"a":1},"cmd":"state"}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"scan"}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"scan","code":101}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"scan","code":"101","qty":"2"}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"cash","amount":12.5}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"cash","amount":"100"}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"cash","amount":1e300}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"card","reference":5}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"qty","line":1,"qty":2}', 'BAD_REQUEST'],
    ['{"id":1,"cmd":"fly"}', 'UNKNOWN_COMMAND'],
    ['{"id":1,"cmd":"toString"}', 'UNKNOWN_COMMAND'],
    ['{"id":1,"cmd":"pay"}', 'INVALID_IN_STATE'],
    ['{"id":1,"cmd":"void"}', 'INVALID_IN_STATE'],
    ['{"id":1,"cmd":"next"}', 'INVALID_IN_STATE'],
    ['{"id":1,"cmd":"commit"}', 'INVALID_IN_STATE'],
    ['{"id":1,"cmd":"cash","amount":100}', 'INVALID_IN_STATE'],
    ['{"id":1,"cmd":"receipt"}', 'NO_LAST_RECEIPT'],
    ['{"id":1,"cmd":"scan","code":"4006381333931"}', 'UNKNOWN_BARCODE'],
    ['{"id":1,"cmd":"scan","code":"4006381333932"}', 'GARBLED_SCAN'],
    ['{"id":1,"cmd":"scan","code":""}', 'EMPTY_SCAN'],
    ['{"id":1,"cmd":"scan","code":"101","qty":0}', 'BAD_QUANTITY'],
  ])('%s -> %s, and the driver keeps going', async (line, code) => {
    const { replies } = await session([line, { id: 2, cmd: 'state' }]);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ ok: false, error: { code, message: expect.any(String) }, state: { status: 'idle' } });
    expect(replies[0].error!.message.length).toBeGreaterThan(3);
    expect(replies[1]).toMatchObject({ id: 2, ok: true });
  });

  it('refusals inside a sale carry the domain code and leave the sale as it was', async () => {
    const { replies } = await session([
      { id: 1, cmd: 'scan', code: '101' },
      { id: 2, cmd: 'qty', line: 'L9', qty: 2 },
      { id: 3, cmd: 'qty', line: 'L1', qty: 10000 },
      { id: 4, cmd: 'remove', line: 'L9' },
      { id: 5, cmd: 'pay' },
      { id: 6, cmd: 'cash', amount: 0 },
      { id: 7, cmd: 'cash', amount: -5 },
      { id: 8, cmd: 'cash', amount: 9_000_000_000_000 },
      { id: 9, cmd: 'card', amount: 251, reference: 'X' },
      { id: 10, cmd: 'card', amount: 100 },
      { id: 11, cmd: 'remove_payment', payment: 'T7' },
      { id: 12, cmd: 'card', amount: 100, reference: 'X' },
      { id: 13, cmd: 'back' },
      { id: 14, cmd: 'scan', code: '101' },
    ]);
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error!.code));
    expect(codes).toEqual([
      'ok', 'NO_SUCH_LINE', 'BAD_QUANTITY', 'NO_SUCH_LINE', 'ok', 'BAD_AMOUNT', 'BAD_AMOUNT', 'ABSURD_AMOUNT',
      'TENDER_EXCEEDS_DUE', 'CARD_REFERENCE_REQUIRED', 'NO_SUCH_TENDER', 'ok', 'REMOVE_PAYMENTS_FIRST', 'SCAN_IN_TENDER',
    ]);
    expect(replies[8].error!.message).toBe('Only cash can pay more than is due.');
    const last = replies.at(-1)!.state;
    expect(last).toMatchObject({ status: 'tender', total: 250, due: 150, lines: [{ qty: 1 }], tenders: [{ amount: 100 }] });
    expect(last.message).toMatchObject({ code: 'SCAN_IN_TENDER', level: 'error' });
  });

  it('a failed commit is DISK_FULL with status commit_failed; commit retries the same sale', async () => {
    const h = startHeadless();
    h.store.failNext(new TillError('DISK_FULL', 'The disk is full.'));
    for (const r of [{ id: 1, cmd: 'scan', code: '101' }, { id: 2, cmd: 'pay' }, { id: 3, cmd: 'cash', amount: 300 }, { id: 4, cmd: 'scan', code: '101' }, { id: 5, cmd: 'commit' }]) h.send(r);
    const replies = await h.end();
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'DISK_FULL' }, state: { status: 'commit_failed', tenders: [{ kind: 'cash', given: 300, change: 50 }] } });
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'INVALID_IN_STATE' } });
    expect(replies[4]).toMatchObject({ ok: true, state: { status: 'committed', lastSale: { total: 250, change: 50 } } });
    expect(h.store.commits.filter((c) => c.events[0].type === 'sale.committed').map((c) => c.id)).toEqual(['id-1', 'id-1']);
    expect(h.hardware.printer.jobs).toHaveLength(1);
  });

  it('a commit failure that is not a TillError is COMMIT_FAILED', async () => {
    const h = startHeadless();
    h.store.failNext(new Error('EIO: i/o error'));
    for (const r of [{ cmd: 'scan', code: '101' }, { cmd: 'pay' }, { cmd: 'exact' }]) h.send(r);
    const replies = await h.end();
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'COMMIT_FAILED', message: expect.stringContaining('EIO') }, state: { status: 'commit_failed' } });
  });

  it('a stopped register answers REGISTER_STOPPED', async () => {
    const h = startHeadless();
    h.register.actor.stop();
    h.send({ id: 1, cmd: 'scan', code: '101' });
    expect((await h.end())[0]).toMatchObject({ id: 1, ok: false, error: { code: 'REGISTER_STOPPED' } });
  });

  it('an unexpected failure is INTERNAL_ERROR and the driver keeps going', async () => {
    const h = startHeadless();
    h.register.receiptText = () => {
      throw new Error('boom');
    };
    for (const r of [{ cmd: 'scan', code: '101' }, { cmd: 'pay' }, { cmd: 'exact' }, { id: 4, cmd: 'receipt' }, { id: 5, cmd: 'state' }]) h.send(r);
    const replies = await h.end();
    expect(replies[3]).toMatchObject({ id: 4, ok: false, error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('boom') } });
    expect(replies[4]).toMatchObject({ id: 5, ok: true });
  });
});

describe('lines and framing', () => {
  it('echoes number and string ids, omits a missing one, ignores empty lines, accepts CRLF', async () => {
    const { replies } = await session(['', '   ', '{"id":"a-1","cmd":"state"}\r', '{"cmd":"state"}', '{"id":0,"cmd":"state"}']);
    expect(replies.map((r) => r.id)).toEqual(['a-1', undefined, 0]);
    expect('id' in replies[1]).toBe(false);
  });

  it('a line longer than the limit is refused and skipped; the next line is answered', async () => {
    const { replies } = await session([`{"id":1,"cmd":"scan","code":"${'9'.repeat(MAX_LINE_BYTES)}"}`, { id: 2, cmd: 'state' }]);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(replies[1]).toMatchObject({ id: 2, ok: true });
  });

  it('lines split across chunks and many lines in one chunk keep their order', async () => {
    const h = startHeadless();
    const all = Buffer.from(Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i, cmd: i % 2 ? 'state' : 'scan', code: '101', note: 'phở ₫' })).join('\n') + '\n');
    // Odd chunk sizes cut lines (and multi-byte characters) anywhere.
    for (let i = 0; i < all.length; i += 37) h.raw(all.subarray(i, i + 37));
    const replies = await h.end();
    expect(replies.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(replies.at(-1)!.state.lines[0].qty).toBe(25);
  });

  it('a last line without a newline is still answered; runHeadless resolves at end of input', async () => {
    const h = startHeadless();
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    input.end('{"id":1,"cmd":"state"}');
    await runHeadless(h.register, { input, output });
    expect(JSON.parse(Buffer.concat(chunks).toString())).toMatchObject({ id: 1, ok: true, state: { status: 'idle' } });
    await h.end();
  });
});
