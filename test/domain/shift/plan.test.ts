/**
 * Shift plans: what each step refuses (code, nothing built) and the one event it builds otherwise.
 * Denomination counts per currency.
 */
import { describe, expect, it } from 'vitest';
import { countRows, countTotal, denominationsOf, DENOMINATIONS } from '../../../src/domain/denominations.js';
import { currency } from '../../../src/domain/money.js';
import { checkNoSale, emptyTotals, noSaleEvent, planCashMove, planClose, planOpen, type Shift } from '../../../src/domain/shift/index.js';

const shift = (over: Partial<Shift> = {}): Shift => ({
  shiftId: 'S1', register: 'R1', openedAt: '2025-03-14T08:00:00.000Z', openedBy: 'op1', float: 10_000, auto: false,
  totals: emptyTotals(), firstSeq: 5, lastSeq: 5, ...over,
});
const withCashSales = (cash: number) => {
  const s = shift();
  s.totals.cash.sales = cash;
  return s;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('denominations', () => {
  it('has a table for VND, USD, EUR, RUB and CNY in minor units, largest first, and none for other currencies', () => {
    for (const c of ['VND', 'USD', 'EUR', 'RUB', 'CNY']) {
      const values = DENOMINATIONS[c].map((d) => d.value);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(new Set(values).size).toBe(values.length);
      // Every value is a whole number of minor units of that currency.
      expect(values.every((v) => Number.isSafeInteger(v) && v > 0)).toBe(true);
    }
    expect(DENOMINATIONS.VND[0].value).toBe(500_000); // the 500,000 dong note; dong has no minor unit
    expect(currency('VND').exponent).toBe(0);
    expect(DENOMINATIONS.EUR.map((d) => d.value)).toContain(1); // the 1-cent coin
    expect(denominationsOf('KWD')).toBeNull();
  });

  it('totals a count and refuses unknown values, negative or fractional pieces, and currencies counted as one amount', () => {
    expect(countTotal({ '5000': 1, '2000': 2, '100': 3, '25': 4 }, 'USD')).toEqual({ ok: true, value: 5000 + 4000 + 300 + 100 });
    expect(countTotal({ '500000': 2, '200': 5 }, 'VND')).toEqual({ ok: true, value: 1_001_000 });
    expect(code(countTotal({ '300': 1 }, 'USD'))).toBe('BAD_COUNT');
    expect(code(countTotal({ '100': -1 }, 'USD'))).toBe('BAD_COUNT');
    expect(code(countTotal({ '100': 1.5 }, 'USD'))).toBe('BAD_COUNT');
    expect(code(countTotal({ '100': '2' }, 'USD'))).toBe('BAD_COUNT');
    expect(code(countTotal([1, 2], 'USD'))).toBe('BAD_COUNT');
    expect(code(countTotal({ '1000': 1 }, 'KWD'))).toBe('COUNT_NOT_SUPPORTED');
    expect(countRows({ '100': 3, '5000': 1 })).toEqual([{ value: 5000, pieces: 1, amount: 5000 }, { value: 100, pieces: 3, amount: 300 }]);
  });
});

describe('planOpen', () => {
  const req = { shiftId: 'S2', register: 'R1', float: 10_000, currency: 'USD' };
  it('builds shift.opened with the float and its count without zero rows', () => {
    const r = planOpen(undefined, { ...req, count: { '5000': 1, '2000': 2, '1000': 1, '100': 0 } });
    expect(r).toEqual({ ok: true, value: { type: 'shift.opened', data: { shiftId: 'S2', register: 'R1', float: 10_000, count: { '5000': 1, '2000': 2, '1000': 1 } } } });
  });
  it('refuses a second open shift, a negative or fractional float, and a count that does not add up to it', () => {
    expect(code(planOpen(shift(), req))).toBe('SHIFT_ALREADY_OPEN');
    expect(code(planOpen(undefined, { ...req, float: -1 }))).toBe('BAD_AMOUNT');
    expect(code(planOpen(undefined, { ...req, float: 10.5 }))).toBe('BAD_AMOUNT');
    expect(code(planOpen(undefined, { ...req, count: { '5000': 1 } }))).toBe('COUNT_MISMATCH');
    expect(code(planOpen(undefined, { ...req, count: { '7': 1 } }))).toBe('BAD_COUNT');
  });
});

describe('planCashMove', () => {
  const out = { direction: 'out' as const, amount: 2000, reason: 'Window cleaner', approvalRequired: true, currency: 'USD' };
  it('refuses without a shift, a zero amount, an empty or multi-line reason, a paid-out without approval and more cash than the drawer holds', () => {
    expect(code(planCashMove(undefined, out))).toBe('SHIFT_NOT_OPEN');
    expect(code(planCashMove(shift(), { ...out, amount: 0, approvedBy: 'mgr' }))).toBe('BAD_AMOUNT');
    expect(code(planCashMove(shift(), { ...out, reason: '   ', approvedBy: 'mgr' }))).toBe('REASON_REQUIRED');
    expect(code(planCashMove(shift(), { ...out, reason: 'a\nb', approvedBy: 'mgr' }))).toBe('BAD_REASON');
    expect(code(planCashMove(shift(), { ...out, reason: 'x'.repeat(121), approvedBy: 'mgr' }))).toBe('BAD_REASON');
    expect(code(planCashMove(shift(), out))).toBe('APPROVAL_REQUIRED');
    expect(code(planCashMove(shift(), { ...out, approvedBy: 'no spaces allowed' }))).toBe('BAD_APPROVER');
    // 100.00 float + 5.00 cash sales = 105.00 in the drawer.
    const r = planCashMove(withCashSales(500), { ...out, amount: 10_501, approvedBy: 'mgr' });
    expect(r.ok ? null : [r.error.code, r.error.params]).toEqual(['CASH_SHORT', { available: '105.00 USD' }]);
  });
  it('builds cash.moved; a paid-out of exactly the drawer is allowed; cash in needs no approval', () => {
    expect(planCashMove(withCashSales(500), { ...out, amount: 10_500, approvedBy: 'mgr' })).toEqual({
      ok: true, value: { type: 'cash.moved', data: { shiftId: 'S1', direction: 'out', amount: 10_500, reason: 'Window cleaner', approvedBy: 'mgr' } },
    });
    expect(planCashMove(shift(), { direction: 'in', amount: 5000, reason: ' Change from bank ', approvalRequired: true, currency: 'USD' })).toEqual({
      ok: true, value: { type: 'cash.moved', data: { shiftId: 'S1', direction: 'in', amount: 5000, reason: 'Change from bank' } },
    });
    expect(code(planCashMove(shift(), { ...out, approvalRequired: false }))).toBe('ok');
  });
});

describe('no-sale', () => {
  it('needs a shift and, when configured, an approver', () => {
    expect(code(checkNoSale(undefined, { approvalRequired: false }))).toBe('SHIFT_NOT_OPEN');
    expect(code(checkNoSale(shift(), { approvalRequired: true }))).toBe('APPROVAL_REQUIRED');
    expect(code(checkNoSale(shift(), { approvalRequired: true, approvedBy: 'mgr' }))).toBe('ok');
    expect(code(checkNoSale(shift(), { approvalRequired: false }))).toBe('ok');
    expect(noSaleEvent(true, 'mgr')).toEqual({ type: 'drawer.opened', data: { reason: 'no-sale', ok: true, approvedBy: 'mgr' } });
    expect(noSaleEvent(false)).toEqual({ type: 'drawer.opened', data: { reason: 'no-sale', ok: false } });
  });
});

describe('planClose', () => {
  const req = { counted: 10_450, saleOpen: false, lastZ: 3, covers: { seq: 41, hash: 'abc' }, currency: 'USD' };
  it('builds shift.closed with expected, difference, the next Z and what it covers', () => {
    expect(planClose(withCashSales(500), req)).toEqual({
      ok: true,
      value: { type: 'shift.closed', data: { shiftId: 'S1', counted: 10_450, expected: 10_500, difference: -50, z: 4, covers: { seq: 41, hash: 'abc' } } },
    });
  });
  it('refuses a closed shift, an open sale, a negative amount and a count that does not add up', () => {
    expect(code(planClose(undefined, req))).toBe('SHIFT_NOT_OPEN');
    expect(code(planClose(shift(), { ...req, saleOpen: true }))).toBe('SALE_OPEN');
    expect(code(planClose(shift(), { ...req, counted: -5 }))).toBe('BAD_AMOUNT');
    expect(code(planClose(shift(), { ...req, count: { '10000': 1 } }))).toBe('COUNT_MISMATCH');
    const counted = planClose(shift(), { ...req, counted: 10_450, count: { '10000': 1, '200': 2, '25': 2, '0': 0 } as never });
    expect(code(counted)).toBe('BAD_COUNT'); // "0" is not a denomination
    const good = planClose(shift(), { ...req, counted: 10_450, count: { '10000': 1, '200': 2, '25': 2 } });
    expect(good.ok && good.value.data.count).toEqual({ '10000': 1, '200': 2, '25': 2 });
  });
});
