import { describe, expect, it } from 'vitest';
import { ean13 } from '../../src/domain/catalog.js';
import { DEFAULT_SCALE_LAYOUTS, decodeScaleCode, layoutProblem, priceCheckDigit, scaleLine, weightText, type ScaleLayout } from '../../src/domain/scale-barcode.js';
import { DEFAULT_CONFIG, validateConfig } from '../../src/domain/config.js';

const L = DEFAULT_SCALE_LAYOUTS;

describe('GS1 price/weight check digit (General Specifications 7.9.3)', () => {
  it('four digits: weights 2-, 2-, 3, 5-, sum times 3', () => {
    // 2875: 2- of 2 = 4, 2- of 8 = 5 (16 - 1 = 15), 3 of 7 = 1 (21), 5- of 5 = 3 (25 - 2 = 23): 13 x 3 = 39 -> 9
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('0000')).toBe(0);
  });
  it('five digits: weights 5+, 2-, 5-, 5+, 2-; the digit whose 5- product completes 10', () => {
    // 14685: 5 + 8 + 7 + 4 + 9 = 33; 5- of 6 = 7 makes 40
    expect(priceCheckDigit('14685')).toBe(6);
  });
});

describe('price- and weight-embedded EAN-13', () => {
  it('price label 20: item 12345, price 12.34', () => {
    const code = ean13('201234501234'); // check digit 9
    expect(code).toBe('2012345012349');
    const r = decodeScaleCode(code, L)!;
    expect(r.ok && r.value).toMatchObject({ item: '12345', value: 1234, layout: { prefix: '20', kind: 'price' } });
    expect(r.ok && scaleLine(r.value, 999)).toEqual({ amount: 1234 });
  });

  it('a bad EAN-13 check digit is SCALE_CHECK_DIGIT, naming the code', () => {
    const r = decodeScaleCode('2012345012348', L)!;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('SCALE_CHECK_DIGIT');
    expect(!r.ok && r.error.message).toContain('2012345012348');
  });

  it('weight label 28: 0.750 kg at 2.40/kg is 1.80; 0.333 kg at 2.99/kg is 0.99567, rounded half up to 1.00', () => {
    const a = decodeScaleCode(ean13('286100100750'), L)!;
    expect(a.ok && a.value).toMatchObject({ item: '61001', value: 750 });
    expect(a.ok && scaleLine(a.value, 240)).toEqual({ amount: 180, weight: { value: 750, decimals: 3, pricePerKg: 240 } });
    const b = decodeScaleCode(ean13('286100100333'), L)!;
    expect(b.ok && scaleLine(b.value, 299).amount).toBe(100);
    // 1.005 kg at 0.50/kg = 0.5025 -> 0.50 (below half); 0.001 kg at 5.00 = 0.005 -> 0.01 (half up)
    const c = decodeScaleCode(ean13('286100101005'), L)!;
    expect(c.ok && scaleLine(c.value, 50).amount).toBe(50);
    const d = decodeScaleCode(ean13('286100100001'), L)!;
    expect(d.ok && scaleLine(d.value, 500).amount).toBe(1);
  });

  it('a VND price label with a factor: 45 (thousands) is 45,000 dong', () => {
    const vnd: ScaleLayout[] = [{ prefix: '21', kind: 'price', pattern: 'PPIIIIIVVVVVC', factor: 1000 }];
    const r = decodeScaleCode(ean13('210000100045'), vnd)!;
    expect(r.ok && scaleLine(r.value, 0).amount).toBe(45_000);
  });

  it('layout 25 carries a price check digit before a 4-digit price: checked, SCALE_PRICE_CHECK when wrong', () => {
    const good = ean13(`2501234${priceCheckDigit('2875')}2875`);
    const r = decodeScaleCode(good, L)!;
    expect(r.ok && r.value).toMatchObject({ item: '01234', value: 2875 });
    const bad = ean13('250123412875'); // price check 1 instead of 9, EAN check recomputed so only K is wrong
    const b = decodeScaleCode(bad, L)!;
    expect(!b.ok && b.error.code).toBe('SCALE_PRICE_CHECK');
  });

  it('codes outside the layouts are not scale labels (null): 27 loyalty, 4006381333931, 12 digits', () => {
    expect(decodeScaleCode(ean13('270000000001'), L)).toBeNull();
    expect(decodeScaleCode('4006381333931', L)).toBeNull();
    expect(decodeScaleCode('201234501234', L)).toBeNull();
    expect(decodeScaleCode(ean13('201234501234'), [])).toBeNull();
  });

  it('the longest prefix wins: a 3-digit layout inside a 2-digit one', () => {
    const ls: ScaleLayout[] = [{ prefix: '29', kind: 'price', pattern: 'PPIIIIIVVVVVC' }, { prefix: '291', kind: 'weight', pattern: 'PPPIIIIVVVVVC', decimals: 3 }];
    const r = decodeScaleCode(ean13('291123400500'), ls)!;
    expect(r.ok && r.value).toMatchObject({ item: '1234', value: 500, layout: { prefix: '291' } });
  });

  it('weights print with their decimals', () => {
    expect(weightText({ value: 750, decimals: 3 })).toBe('0.750');
    expect(weightText({ value: 12345, decimals: 3 })).toBe('12.345');
    expect(weightText({ value: 5, decimals: 2 })).toBe('0.05');
    expect(weightText({ value: 7, decimals: 0 })).toBe('7');
  });
});

describe('scale layouts in the configuration', () => {
  it('each default layout is valid', () => {
    for (const l of L) expect(layoutProblem(l)).toBeNull();
    expect(validateConfig({}).ok).toBe(true);
  });
  it('a wrong layout is refused naming the key and what is wrong', () => {
    const r = validateConfig({
      scale: {
        layouts: [
          { prefix: '30', kind: 'price', pattern: 'PPIIIIIVVVVVC' },
          { prefix: '21', kind: 'volume', pattern: 'PPIIIIIVVVVVC' },
          { prefix: '22', kind: 'price', pattern: 'PPIIIIIVVVVV' },
          { prefix: '23', kind: 'price', pattern: 'PPIIIKIVVVVVC' },
          { prefix: '24', kind: 'weight', pattern: 'PPIIIIIVVVVVC' },
          { prefix: '28', kind: 'price', pattern: 'PPIIIIIVVVVVC' },
          { prefix: '28', kind: 'price', pattern: 'PPIIIIIVVVVVC' },
        ],
      },
    });
    expect(r.ok).toBe(false);
    const problems = !r.ok ? r.problems : [];
    expect(problems.map((p) => p.key)).toEqual(['scale.layouts[0]', 'scale.layouts[1]', 'scale.layouts[2]', 'scale.layouts[3]', 'scale.layouts[4]', 'scale.layouts[6]']);
    expect(problems[0].message).toMatch(/starting with 2/);
    expect(problems[3].message).toMatch(/one run of item digits/);
    expect(problems[4].message).toMatch(/decimals/);
    expect(problems[5].message).toMatch(/has a layout already/);
  });
  it('a file naming layouts replaces the defaults; [] turns decoding off', () => {
    const r = validateConfig({ scale: { layouts: [] } });
    expect(r.ok && r.config.scale.layouts).toEqual([]);
    expect(DEFAULT_CONFIG.scale.layouts.map((l) => l.prefix)).toEqual(['20', '21', '22', '23', '24', '25', '26', '28', '29']);
  });
});
