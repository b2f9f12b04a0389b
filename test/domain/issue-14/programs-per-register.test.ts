/**
 * Issue 14, programs per register (the Odoo POS loyalty page: "choose the loyalty program you want
 * to set up for the shop"). The numbers are the Odoo cashback answer's: 0.01 point per 1.00 spent,
 * 1.00 off per point; beside it a coffee program of points per product (the Vietnamese Odoo page's
 * "points per product"), run only where coffee is sold.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../../../src/domain/config.js';
import { programsForRegister, registerProgramsStoreProblem } from '../../../src/domain/loyalty/register-programs.js';
import { buildSaleLoyalty } from '../../../src/domain/loyalty/sale-extension.js';
import type { LoyaltyProgram } from '../../../src/domain/loyalty/types.js';
import { account, cartOf, price, prod } from '../loyalty/fixtures.js';

/** 0.01 point per 1.00 (decimals 2: 1 unit per 100 minor units), 1.00 off per point. */
export const CASHBACK: LoyaltyProgram = {
  id: 'cashback', name: 'Cashback', active: true, decimals: 2, step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'cash', name: 'Cashback', kind: 'cashback', cost: 1, value: { amount: 1, points: 1 } }],
};
export const COFFEE: LoyaltyProgram = {
  id: 'coffee', name: 'Coffee stamps', active: true, decimals: 0, step: 1,
  rules: [{ id: 'cups', target: { category: 'coffee' }, perUnit: 1 }],
  rewards: [{ id: 'free', name: 'Free coffee', kind: 'free-product', cost: 10, sku: 'COF' }],
};

const config = (programs: unknown) => validateConfig({ ...DEFAULT_CONFIG, loyalty: { phoneCountryCode: '', programs } });

describe('loyalty.programs in the configuration', () => {
  it('is "all" by default and takes a list of program ids', () => {
    const none = validateConfig({ ...DEFAULT_CONFIG, loyalty: { phoneCountryCode: '' } });
    expect(none.ok && none.config.loyalty.programs).toBe('all');
    const bar1 = config(['cashback']);
    expect(bar1.ok && bar1.config.loyalty.programs).toEqual(['cashback']);
    const off = config([]);
    expect(off.ok && off.config.loyalty.programs).toEqual([]);
  });

  it('refuses anything else, naming the key', () => {
    for (const [v, msg] of [
      ['cashback', 'must be "all" or a list of program ids such as ["cb", "coffee"] (letters, digits, ".", "-", "_"), got "cashback"'],
      [['cash back'], 'must be "all" or a list of program ids such as ["cb", "coffee"] (letters, digits, ".", "-", "_"), got ["cash back"]'],
      [[1], 'must be "all" or a list of program ids such as ["cb", "coffee"] (letters, digits, ".", "-", "_"), got [1]'],
      [['cashback', 'cashback'], 'lists "cashback" twice'],
    ] as const) {
      const r = config(v);
      expect(r.ok ? [] : r.problems).toEqual([{ key: 'loyalty.programs', message: msg }]);
    }
  });

  it('an id the store has no program for is named when the register opens', () => {
    expect(registerProgramsStoreProblem(['cashback'], [CASHBACK, COFFEE])).toBeNull();
    expect(registerProgramsStoreProblem('all', [])).toBeNull();
    expect(registerProgramsStoreProblem(['cashbak', 'coffee'], [CASHBACK, COFFEE])).toBe(
      'loyalty.programs names "cashbak", which the store has no program for (programs: cashback, coffee). Fix the configuration, or create the program with: till loyalty program set FILE.json',
    );
  });
});

describe('a sale earns only in the register’s programs', () => {
  const LATTE = prod('COF', 41200 / 2, 'coffee');
  const cart = cartOf([LATTE, 2]); // 412.00 of coffee
  const sale = (programs: LoyaltyProgram[]) => {
    const priced = price(cart);
    const r = buildSaleLoyalty({ cart, priced, tenders: [], account: account(), programs, ladder: null, day: '2025-03-14' });
    if (!r.ok) throw r.error;
    return r.value.programs.map((p) => [p.programId, p.earned]);
  };

  it('Bar 1 runs the cashback only: 412.00 earns 4.12 points and no stamps; Bar 2 runs both', () => {
    expect(sale(programsForRegister([CASHBACK, COFFEE], ['cashback']))).toEqual([['cashback', 412]]);
    expect(sale(programsForRegister([CASHBACK, COFFEE], 'all'))).toEqual([['cashback', 412], ['coffee', 2]]);
    expect(sale(programsForRegister([CASHBACK, COFFEE], []))).toEqual([]);
    // The store's order, whatever the order of the list.
    expect(programsForRegister([CASHBACK, COFFEE], ['coffee', 'cashback']).map((p) => p.id)).toEqual(['cashback', 'coffee']);
  });
});
