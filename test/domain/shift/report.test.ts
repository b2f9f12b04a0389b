/** The report document and its printed layout: every width fits, a Z says its number, a reprint says COPY. */
import { describe, expect, it } from 'vitest';
import { buildShiftReport, emptyTotals, layoutShiftReport, reportCsv, type Shift } from '../../../src/domain/shift/index.js';
import { renderText, textWidth } from '../../../src/domain/receipt-text.js';

function closedShift(): Shift {
  const totals = emptyTotals();
  totals.sales = { count: 2, items: 3, gross: 1200, discounts: { count: 1, amount: 100 }, net: 1000, tax: 100, total: 1100 };
  totals.taxes = { standard: { ratePct: 10, net: 1000, tax: 100 } };
  totals.categories = { coffee: { qty: 3, amount: 1100 } };
  totals.payments = { card: { count: 1, amount: 600 }, cash: { count: 1, amount: 500 } };
  totals.cash = { sales: 500, rounding: 0, in: { count: 0, amount: 0 }, out: { count: 1, amount: 200 }, moves: [{ seq: 9, at: '2025-03-14T11:00:00.000Z', direction: 'out', amount: 200, reason: '=HYPERLINK("x")', operator: 'op1', approvedBy: 'mgr' }], refunds: { count: 0, amount: 0 } };
  totals.operators = { op1: { name: 'Ann', count: 2, amount: 1100 } };
  totals.receipts = { first: 'R1-000001', last: 'R1-000002' };
  return {
    shiftId: 'S1', register: 'R1', openedAt: '2025-03-14T08:00:00.000Z', openedBy: 'op1', float: 10_000, floatCount: { '5000': 2 }, auto: false, totals, firstSeq: 3, lastSeq: 12,
    closed: { shiftId: 'S1', counted: 10_250, count: { '10000': 1, '200': 1, '25': 2 }, expected: 10_300, difference: -50, z: 7, covers: { seq: 11, hash: 'ab'.repeat(32) }, at: '2025-03-14T20:00:00.000Z', by: 'mgr', seq: 12, liability: { outstanding: 4000, blocked: 0 } },
  };
}

describe('shift report', () => {
  it('a Z carries the closed figures; its reprint is the same report marked COPY', () => {
    const s = closedShift();
    const z = buildShiftReport(s, { currency: 'USD', printedAt: '2025-03-14T20:00:05.000Z' });
    expect(z).toMatchObject({ kind: 'Z', z: 7, copy: false, cash: { float: 10_000, expected: 10_300, counted: 10_250, difference: -50 }, giftcards: { liability: { outstanding: 4000, blocked: 0 } }, journal: { firstSeq: 3, lastSeq: 12, covers: { seq: 11 } } });
    expect(z.payments.map((p) => p.method)).toEqual(['cash', 'card']);
    expect(z.cash.count).toEqual([{ value: 10_000, pieces: 1, amount: 10_000 }, { value: 200, pieces: 1, amount: 200 }, { value: 25, pieces: 2, amount: 50 }]);
    const copy = buildShiftReport(s, { currency: 'USD', printedAt: '2025-03-15T09:00:00.000Z', copy: true });
    expect({ ...copy, printedAt: z.printedAt, copy: false }).toEqual(z);
    // The report is a copy of the totals: changing it does not touch the shift.
    copy.sales.count = 99;
    expect(s.totals.sales.count).toBe(2);
  });

  it('lays out at 32, 42 and 48 columns without a line too wide', () => {
    const s = closedShift();
    for (const width of [32, 42, 48] as const) {
      const r = buildShiftReport(s, { currency: 'USD', printedAt: '2025-03-15T09:00:00.000Z', copy: true });
      const out = renderText(layoutShiftReport(r, { width, locale: 'en-US', ascii: false, storeName: 'Demo Cafe', timeZone: 'UTC', operatorName: (id) => ({ mgr: 'Maria' })[id] }), width);
      const lines = out.split('\n');
      expect(lines.every((l) => textWidth(l) <= width)).toBe(true);
      expect(out).toContain('Z REPORT No. 7');
      expect(lines.filter((l) => l.includes('*** COPY ***'))).toHaveLength(2);
      expect(out).toMatch(/Difference\s+-\$0\.50/);
      expect(out).toMatch(/Expected in drawer\s+\$103\.00/);
      expect(out).toContain('approved by Maria');
      expect(out.replace(/\s+/g, ' ')).toContain('Closed 03/14/2025, 20:00 by Maria'); // wraps at 32 columns
    }
  });

  it('an X says the shift is open; CSV rows are one figure each and never start a formula', () => {
    const s = closedShift();
    delete s.closed;
    const x = buildShiftReport(s, { currency: 'USD', printedAt: '2025-03-14T12:00:00.000Z', liability: { outstanding: 1, blocked: 2 } });
    expect(x).toMatchObject({ kind: 'X', z: null, cash: { expected: 10_000 + 500 - 200, counted: null, difference: null }, giftcards: { liability: { outstanding: 1, blocked: 2 } } });
    const text = renderText(layoutShiftReport(x, { width: 42, locale: 'en-US', ascii: true, storeName: 'Demo', timeZone: 'UTC' }), 42);
    expect(text).toContain('X REPORT');
    expect(text).toContain('Shift open: not a closing report');
    const csv = reportCsv(x);
    expect(csv[0]).toBe('section,item,count,amount');
    expect(csv).toContain('cash,expected,,103.00');
    expect(csv).toContain('tax,standard 10% tax,,1.00');
    expect(csv.find((l) => l.startsWith('cash move'))).toBe(`cash move,"2025-03-14T11:00:00.000Z out =HYPERLINK(""x"") by op1 (approved by mgr)",,-2.00`);
  });
});
