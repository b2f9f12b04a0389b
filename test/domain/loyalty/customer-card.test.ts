import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cardNumberFor, isLoyaltyCard, maskCard, maxCardSerial, randomCardNumber } from '../../../src/domain/loyalty/card.js';
import { foldName, newCustomerId, normalizePhone, validateCustomer, validateCustomerUpdate, type CustomerRules } from '../../../src/domain/loyalty/customer.js';
import { CustomerIndex } from '../../../src/domain/loyalty/search.js';
import { validateBarcode } from '../../../src/domain/catalog.js';
import { customer } from './fixtures.js';
import { Sim } from './sim.js';
import { EV } from '../../../src/domain/loyalty/events.js';
import { customerIndex, findCustomers } from '../../../src/store/projections/loyalty.js';

describe('card numbers', () => {
  it('are EAN-13 in the in-store range with a GS1 check digit', () => {
    expect(cardNumberFor('27', 1)).toBe('2700000000014');
    expect(cardNumberFor('2', 42)).toBe('2000000000428');
    expect(isLoyaltyCard('2700000000014', '27')).toBe(true);
    expect(isLoyaltyCard('2700000000015', '27')).toBe(false);
    expect(isLoyaltyCard('2600000000015', '27')).toBe(false);
    expect(isLoyaltyCard('270000000001', '27')).toBe(false);
    expect(maskCard('2700000000014')).toBe('*********0014');
    expect(() => cardNumberFor('27', maxCardSerial('27') + 1)).toThrow(RangeError);
  });

  it('every generated number scans as a valid EAN-13 and is recognised', () => {
    fc.assert(fc.property(fc.constantFrom('2', '27', '299'), fc.double({ min: 0, max: 0.999999, noNaN: true }), (prefix, r) => {
      const n = randomCardNumber(prefix, () => r);
      return n.length === 13 && isLoyaltyCard(n, prefix) && validateBarcode(n).ok;
    }));
  });
});

describe('customers', () => {
  const rules = (over: Partial<CustomerRules> = {}): CustomerRules => ({
    cardPrefix: '27', countryCode: '84', tiers: ['std', 'silver'], defaultTier: 'std', phoneTaken: () => false, cardTaken: () => false, ...over,
  });

  it('normalizes national and international phone forms alike', () => {
    expect(normalizePhone('0912 345 678', '84')).toBe('84912345678');
    expect(normalizePhone('+84 912-345-678', '84')).toBe('84912345678');
    expect(normalizePhone('0084912345678', '84')).toBe('84912345678');
    expect(normalizePhone('8 (912) 345-67-89', '7')).toBe('79123456789');
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
  });

  it('folds accents for search', () => {
    expect(foldName('  Nguyễn  Văn ĐỨC ')).toBe('nguyen van duc');
    expect(foldName('Ёлкин-Пётр')).toBe('елкин петр');
    expect(foldName('王小明')).toBe('王小明');
  });

  it('validates a new customer and applies the default tier', () => {
    const ok = validateCustomer({ name: ' An ', phone: '0912345678' }, rules(), 'id1', cardNumberFor('27', 5), 'T');
    expect(ok).toEqual({ ok: true, value: { id: 'id1', name: 'An', phone: '0912345678', tier: 'std', card: '2700000000052', blocked: false, created: 'T' } });
    const v = (input: Parameters<typeof validateCustomer>[0], r = rules()) => {
      const x = validateCustomer(input, r, 'id', cardNumberFor('27', 5), 'T');
      return x.ok ? 'ok' : x.error.code;
    };
    expect(v({ name: '', phone: '0912345678' })).toBe('CUSTOMER_NAME_REQUIRED');
    expect(v({ name: 'A', phone: '12' })).toBe('PHONE_INVALID');
    expect(v({ name: 'A', phone: '0912abc678' })).toBe('PHONE_INVALID');
    expect(v({ name: 'A', phone: '0912345678' }, rules({ phoneTaken: (p) => p === '84912345678' }))).toBe('PHONE_TAKEN');
    expect(v({ name: 'A', phone: '0912345678', email: 'x@' })).toBe('EMAIL_INVALID');
    expect(v({ name: 'A', phone: '0912345678', card: '2700000000015' })).toBe('CARD_NUMBER_INVALID');
    expect(v({ name: 'A', phone: '0912345678' }, rules({ cardTaken: () => true }))).toBe('CARD_NUMBER_TAKEN');
    expect(v({ name: 'A', phone: '0912345678', tier: 'platinum' })).toBe('TIER_UNKNOWN');
    expect(v({ name: 'A', phone: '0912345678', tier: 'silver', card: cardNumberFor('27', 99) })).toBe('ok');
  });

  it('updates only what changes; keeping one’s own phone is not a clash', () => {
    const c = customer();
    const r = validateCustomerUpdate(c, { phone: '+84 912 345 678', email: 'an@example.vn' }, rules({ phoneTaken: () => true }));
    expect(r).toEqual({ ok: true, value: { phone: '+84 912 345 678', email: 'an@example.vn' } });
    expect(validateCustomerUpdate(c, { phone: '0987654321' }, rules({ phoneTaken: () => true }))).toMatchObject({ ok: false, error: { code: 'PHONE_TAKEN' } });
  });
});

describe('customer ids', () => {
  it('are short base-32 strings from 55 random bits', () => {
    expect(newCustomerId(new Uint8Array(7))).toBe('C00000000000');
    expect(newCustomerId(new Uint8Array([255, 255, 255, 255, 255, 255, 255]))).toBe('CZZZZZZZZZZZ');
    expect(newCustomerId(new Uint8Array([0, 0, 0, 0, 0, 0, 33]))).toBe('C11000000000');
    expect(() => newCustomerId(new Uint8Array(6))).toThrow(RangeError);
  });
});

describe('customer search index', () => {
  const people = [
    customer({ id: 'a', name: 'Nguyễn Văn An', phone: '0912 345 678', card: cardNumberFor('27', 1) }),
    customer({ id: 'b', name: 'Trần Thị Bích', phone: '+84 913 000 678', card: cardNumberFor('27', 2) }),
    customer({ id: 'c', name: 'Nguyễn Thị Cúc', phone: '0988 111 222', card: cardNumberFor('27', 3) }),
    customer({ id: 'd', name: 'Иванов Пётр', phone: '8 912 555-00-11', card: cardNumberFor('27', 4) }),
  ];
  const ix = () => CustomerIndex.build(people, '84');

  it('finds by phone start in national or international form, and by the last digits', () => {
    expect(ix().search('0912')).toEqual(['a']);
    expect(ix().search('+84 91')).toEqual(['a', 'b']);
    expect(ix().search('5678')).toEqual(['a']);
    expect(ix().search('0678')).toEqual(['b']);
    expect(ix().byPhone('+84912345678')).toEqual(['a']);
  });

  it('finds by card number and by name word prefixes, accents optional', () => {
    expect(ix().search(cardNumberFor('27', 3))).toEqual(['c']);
    expect(ix().search('nguyen')).toEqual(['a', 'c']);
    expect(ix().search('Ngu thi')).toEqual(['c']);
    expect(ix().search('пётр')).toEqual(['d']);
    expect(ix().search('петр ив')).toEqual(['d']);
    expect(ix().search('zzz')).toEqual([]);
    expect(ix().search('   ')).toEqual([]);
  });

  it('re-indexes a changed customer and matches a fresh build', () => {
    const live = ix();
    live.upsert({ ...people[0], name: 'Lê An', phone: '0900 000 001' });
    live.upsert(customer({ id: 'e', name: 'Phạm Em', phone: '0912 999 999', card: cardNumberFor('27', 5) }));
    expect(live.search('nguyen')).toEqual(['c']);
    expect(live.search('le')).toEqual(['a']);
    expect(live.search('0912')).toEqual(['e']);
    expect(live.byCard(cardNumberFor('27', 5))).toBe('e');
    const fresh = CustomerIndex.build([{ ...people[0], name: 'Lê An', phone: '0900 000 001' }, ...people.slice(1), customer({ id: 'e', name: 'Phạm Em', phone: '0912 999 999', card: cardNumberFor('27', 5) })], '84');
    for (const q of ['nguyen', 'le', '0912', '0900', 'an', '678', 'ph']) expect(live.search(q)).toEqual(fresh.search(q));
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => customer({ id: `x${i}`, name: `Lan ${i}`, phone: `09120000${String(i).padStart(2, '0')}`, card: cardNumberFor('27', 100 + i) }));
    expect(CustomerIndex.build(many, '84').search('lan', 10)).toHaveLength(10);
    expect(CustomerIndex.build(many, '84').search('0912', 5)).toHaveLength(5);
  });
});

describe('customer search index kept live by the projection', () => {
  const WORDS = ['Nguyễn', 'Nguyên', 'Văn', 'Thị', 'An', 'Anh', 'Lan', 'Lâm', 'Иванов', 'Пётр'];
  const name = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const phone = fc.stringMatching(/^09[0-9]{8}$/);
  const edit = fc.record({ who: fc.nat(19), name: fc.option(name, { nil: undefined }), phone: fc.option(phone, { nil: undefined }) });

  it('answers every query like a fresh build after creates and edits', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, phone), { minLength: 20, maxLength: 20 }), fc.array(edit, { maxLength: 30 }), (people, edits) => {
        const sim = new Sim();
        people.slice(0, 10).forEach(([n, p], i) => sim.customer(customer({ id: `c${i}`, name: n, phone: p, card: cardNumberFor('27', i + 1) })));
        findCustomers(sim.slice, 'an', '84'); // builds the live index
        people.slice(10).forEach(([n, p], i) => sim.customer(customer({ id: `c${i + 10}`, name: n, phone: p, card: cardNumberFor('27', i + 11) })));
        for (const e of edits) if (e.name || e.phone) sim.commit(EV.customerUpdated, { customerId: `c${e.who}`, changes: { ...(e.name ? { name: e.name } : {}), ...(e.phone ? { phone: e.phone } : {}) } });
        const fresh = CustomerIndex.build(Object.values(sim.slice.customers), '84');
        const live = customerIndex(sim.slice, '84');
        const queries = [...WORDS.map((w) => foldName(w).slice(0, 2)), 'nguyen van', 'an lan', '09', '+849', ...Object.values(sim.slice.customers).flatMap((c) => [c.card, c.phone.slice(0, 5), c.phone.slice(-4)])];
        for (const q of queries) expect(live.search(q, 50).sort()).toEqual(fresh.search(q, 50).sort());
        for (const c of Object.values(sim.slice.customers)) {
          expect(live.byCard(c.card)).toBe(c.id);
          expect(live.byPhone(c.phone)).toContain(c.id);
        }
        expect(live.size).toBe(20);
      }),
      { numRuns: 100 },
    );
  });
});
