/**
 * Parking through headless (docs/headless.md "Parked sales"): the same codes as the till screen.
 * Over a real store, which folds the parked-sales slice.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { cleanupStores, realStore, runLines } from './real-store.js';

afterEach(cleanupStores);

describe('headless park, parked, recall, park_discard', () => {
  test('park lists the sale; recall restores it; the codes of refusals are the UI\'s', async () => {
    const store = await realStore([]);
    const r = await runLines(store, [
      { id: 0, cmd: 'shift_open', float: 0 },
      { id: 1, cmd: 'park' },
      { id: 2, cmd: 'scan', code: '101' },
      { id: 3, cmd: 'scan', code: '301' },
      { id: 4, cmd: 'pay' },
      { id: 5, cmd: 'card', amount: 100, reference: 'OK1' },
      { id: 6, cmd: 'park' },
      { id: 7, cmd: 'remove_payment', payment: 'T1' },
      { id: 8, cmd: 'park' },
      { id: 9, cmd: 'parked' },
      { id: 10, cmd: 'shift_close', counted: 0, print: false },
      { id: 11, cmd: 'recall', park: 'nope' },
      { id: 12, cmd: 'recall' },
    ]);
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'INVALID_IN_STATE' } });
    expect(r[6]).toMatchObject({ ok: false, error: { code: 'PARK_HAS_PAYMENTS' }, state: { status: 'tender' } });
    expect(r[8]).toMatchObject({ ok: true, state: { status: 'idle', lines: [], message: { code: 'SALE_PARKED', level: 'info' } } });
    expect(r[9].parked).toEqual([expect.objectContaining({ no: 1, lines: 2, currency: 'USD', operator: expect.objectContaining({ id: expect.any(String) }), interrupted: null })]);
    expect(r[9].parked[0].total).toBe(r[4].state.total);
    expect(r[10]).toMatchObject({ ok: false, error: { code: 'PARKED_SALES_OPEN' } });
    expect(r[10].error.message).toContain('1 parked sale is');
    expect(r[11]).toMatchObject({ ok: false, error: { code: 'PARKED_SALE_GONE' }, state: { status: 'idle' } });
    expect(r[12]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test('recall, then pay; a discard is journaled and the park is gone', async () => {
    const store = await realStore([]);
    const first = await runLines(store, [
      { id: 1, cmd: 'scan', code: '101' },
      { id: 2, cmd: 'park' },
      { id: 3, cmd: 'scan', code: '201' },
      { id: 4, cmd: 'park' },
      { id: 5, cmd: 'parked' },
    ]);
    const [p1, p2] = first[4].parked;
    const r = await runLines(store, [
      { id: 1, cmd: 'recall', park: p1.parkId },
      { id: 2, cmd: 'parked' },
      { id: 3, cmd: 'pay' },
      { id: 4, cmd: 'exact' },
      { id: 5, cmd: 'park_discard', park: p2.parkId },
      { id: 6, cmd: 'park_discard', park: p2.parkId },
      { id: 7, cmd: 'parked' },
    ]);
    expect(r[0]).toMatchObject({ ok: true, state: { status: 'sale', message: { code: 'SALE_RECALLED' } } });
    expect(r[1].parked.map((p: { no: number }) => p.no)).toEqual([2]);
    expect(r[3].state.status).toBe('committed');
    expect(r[4]).toMatchObject({ ok: true, parked: [expect.objectContaining({ no: 2 })] });
    expect(r[5]).toMatchObject({ ok: false, error: { code: 'PARKED_SALE_GONE' } });
    expect(r[6].parked).toEqual([]);
  });
});
