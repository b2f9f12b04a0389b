import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type ConfigProblem } from '../../src/domain/config.js';

const problems = (raw: unknown, extra?: Parameters<typeof validateConfig>[1]): ConfigProblem[] => {
  const r = validateConfig(raw, extra);
  return r.ok ? [] : r.problems;
};

describe('validateConfig', () => {
  it('fills every missing key from the defaults', () => {
    const r = validateConfig({ store: { name: 'Shop' }, currency: 'VND' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.store).toEqual({ ...DEFAULT_CONFIG.store, name: 'Shop' });
      expect(r.config.currency).toBe('VND');
      expect(r.config.receipt.width).toBe(42);
      expect(r.config.tax).toEqual(DEFAULT_CONFIG.tax);
    }
  });

  it('names the key and the allowed values of a wrong choice', () => {
    expect(problems({ receipt: { width: 40 } })).toEqual([{ key: 'receipt.width', message: 'must be one of 32, 42, 48, got 40' }]);
    expect(problems({ tax: { mode: 'both' } })).toEqual([{ key: 'tax.mode', message: 'must be one of "inclusive", "exclusive", got "both"' }]);
    expect(problems({ receipt: { width: '42' } })[0]).toEqual({ key: 'receipt.width', message: 'must be one of 32, 42, 48, got "42"' });
  });

  it('reports unknown keys at any depth instead of ignoring a typo', () => {
    expect(problems({ recipt: { width: 42 } })).toEqual([{ key: 'recipt', message: 'is not a known setting' }]);
    expect(problems({ receipt: { widht: 42 } })).toEqual([{ key: 'receipt.widht', message: 'is not a known setting' }]);
  });

  it('reports every problem at once, each with its key', () => {
    const ps = problems({
      currency: 'usd',
      'register': { id: 'has space' },
      cash: { roundingUnit: 0 },
      tax: { classes: { standard: 150, ok: 8.875 } },
      operators: [{ id: '', name: 'x' }],
      display: { ascii: 'yes' },
    });
    expect(ps.map((p) => p.key).sort()).toEqual(['cash.roundingUnit', 'currency', 'display.ascii', 'operators[0]', 'register.id', 'tax.classes.standard']);
    expect(ps.find((p) => p.key === 'cash.roundingUnit')!.message).toBe('must be a whole number from 1 to 100000, got 0');
    expect(ps.find((p) => p.key === 'currency')!.message).toMatch(/ISO 4217.*"usd"/);
    expect(ps.find((p) => p.key === 'tax.classes.standard')!.message).toMatch(/percent from 0 to 100.*150/);
  });

  it('accepts any tax class name and rates with up to four decimals', () => {
    const r = validateConfig({ tax: { classes: { food: 8.875, alcohol: 20, exempt: 0 } } });
    // The file's classes replace the defaults: no undeclared "standard" class sneaks in.
    expect(r.ok && r.config.tax.classes).toEqual({ food: 8.875, alcohol: 20, exempt: 0 });
    expect(problems({ tax: { classes: { odd: 1.23456 } } }).map((p) => p.key)).toEqual(['tax.classes.odd']);
    expect(problems({ tax: { classes: {} } }).map((p) => p.key)).toEqual(['tax.classes']);
  });

  it('refuses a file that is not an object', () => {
    for (const raw of [null, [], 'x', 42]) expect(problems(raw)).toEqual([{ key: '(file)', message: 'must be a JSON object' }]);
  });

  it('lets a feature add its own section with defaults and checks', () => {
    const extra = {
      defaults: { widgets: { enabled: true } },
      checks: { 'widgets.enabled': (v: unknown, key: string, out: ConfigProblem[]) => void (typeof v !== 'boolean' && out.push({ key, message: 'must be true or false' })) },
    };
    expect(problems({ widgets: { enabled: false } }, extra)).toEqual([]);
    expect(problems({ widgets: { enabled: 1 } }, extra)).toEqual([{ key: 'widgets.enabled', message: 'must be true or false' }]);
    expect(problems({ widgets: { enabled: true } })).toEqual([{ key: 'widgets', message: 'is not a known setting' }]);
  });
});
