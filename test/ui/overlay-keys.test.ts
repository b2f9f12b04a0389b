import { describe, expect, test } from 'vitest';
import { handleKey, type KeyView } from '../../src/ui/input/handle-key.js';
import { formInput } from '../../src/ui/input/overlay-keys.js';
import { initialInput, uiScreen, type InputState } from '../../src/ui/input/state.js';
import { decodeKeys } from '../../src/ui/keys/decode.js';
import { FKEY, KEY } from '../support/keys.js';
import { formatCode, generateCode } from '../../src/domain/giftcard/index.js';

const view = (over: Partial<KeyView> = {}): KeyView => ({
  screen: 'sale',
  lineIds: ['L1'],
  tenderIds: [],
  currency: 'USD',
  pageRows: 10,
  receiptLines: 0,
  helpLines: 30,
  giftCardPrefix: 'GC',
  ...over,
});

/** Feeds chunks (each one read) through the pure handler; `v` may depend on the state so far. */
function run(chunks: string[], v: KeyView | ((s: InputState) => KeyView), s: InputState = initialInput()) {
  const events: unknown[] = [];
  const creates: unknown[] = [];
  for (const chunk of chunks)
    for (const k of decodeKeys(chunk)) {
      const r = handleKey(s, k, typeof v === 'function' ? v(s) : v);
      s = r.state;
      events.push(...r.events);
      if (r.create) creates.push(r.create);
    }
  return { s, events, creates };
}

describe('customer search keys', () => {
  test('every printable key is text on the search line, symbols and Unicode too', () => {
    const a = run([FKEY.xterm.f12, ...'Nguyễn +-*/.?'], view());
    expect(a.s.overlay).toMatchObject({ kind: 'customers', query: 'Nguyễn +-*/.?' });
    expect(a.events).toEqual([]);
    expect(uiScreen('sale', a.s)).toBe('customers');
  });

  test('what was typed before the key becomes the query; Enter attaches the selected result', () => {
    const a = run(['0901', KEY.ctrlF, KEY.down, KEY.down, KEY.down, KEY.up, KEY.enter], view({ customerIds: ['C1', 'C2', 'C3'] }));
    expect(a.events).toEqual([{ type: 'customer.attach', customerId: 'C2' }]);
    expect(a.s.overlay).toBeNull();
  });

  test('Enter with nothing found does nothing but say so; Esc closes', () => {
    const a = run([FKEY.xterm.f12, 'x', KEY.enter], view({ customerIds: [] }));
    expect(a.events).toEqual([]);
    expect(a.s.notice?.key).toBe('ui.notice.noMatch');
    expect(run([KEY.escape], view(), a.s).s.overlay).toBeNull();
  });
});

describe('new customer form keys', () => {
  const defaults = { card: '2700000000045', tier: 'standard', tiers: ['standard', 'silver', 'gold'] };
  const v = view({ customerIds: [], formDefaults: defaults });

  test('digits searched become the phone, letters the name; the generated card is replaced by the first key typed on it', () => {
    const a = run([KEY.ctrlF, ...'0901 234', KEY.ctrlN], v);
    expect(a.s.overlay).toMatchObject({ kind: 'newCustomer', form: { name: '', phone: '0901 234', card: '2700000000045', tier: 'standard', focus: 'name' } });
    const b = run([...'Lan', KEY.enter, KEY.enter, KEY.enter, '2700000000779', KEY.right, KEY.right, KEY.left], v, a.s);
    expect(b.s.overlay).toMatchObject({ form: { name: 'Lan', card: '2700000000779', cardEdited: true, tier: 'silver', focus: 'tier' } });
    const c = run([KEY.enter], v, b.s);
    expect(c.creates).toEqual([{ name: 'Lan', phone: '0901 234', card: '2700000000779', tier: 'silver' }]);
    // While saving, keys change nothing.
    expect(run(['x', KEY.escape], v, c.s).s).toEqual(c.s);
  });

  test('an untouched card number is left for the store to assign; an empty e-mail is not sent', () => {
    const a = run([KEY.ctrlF, KEY.ctrlN, ...'Wei', KEY.tab, ...'555 0103', KEY.ctrlS], v);
    expect(a.creates).toEqual([{ name: 'Wei', phone: '555 0103', tier: 'standard' }]);
    const form = { name: 'A', phone: '1', email: ' a@b.c ', card: '', cardEdited: true, tier: null, tiers: [], focus: 'name' as const, saving: false };
    expect(formInput(form)).toEqual({ name: 'A', phone: '1', email: 'a@b.c' });
  });
});

describe('rewards keys', () => {
  const rows = [
    { kind: 'reward' as const, programId: 'p', rewardId: 'cash', name: 'Cashback', cashback: true, decimals: 0 },
    { kind: 'reward' as const, programId: 'p', rewardId: 'free', name: 'Free espresso', decimals: 0 },
    { kind: 'applied' as const, programId: 'p', rewardId: 'free', name: 'Free espresso', id: 'L4', decimals: 0 },
  ];
  const v = view({ attached: true, rewardRows: rows });

  test('a fixed reward is claimed at once, closing the list only if the machine accepts', () => {
    const a = run([FKEY.xterm.f6, KEY.down, KEY.enter], v);
    expect(a.events).toEqual([{ type: 'reward.apply', programId: 'p', rewardId: 'free' }]);
    expect(a.s.overlay?.kind).toBe('rewards');
    const r = handleKey(run([FKEY.xterm.f6, KEY.down], v).s, decodeKeys(KEY.enter)[0], v);
    expect(r.onOk?.overlay).toBeNull();
    expect(r.onOk?.notice?.key).toBe('ui.notice.rewardApplied');
  });

  test('cashback asks for points: empty or "max" is as many as possible, a number is that many units', () => {
    expect(run([KEY.ctrlR, KEY.enter, KEY.enter], v).events).toEqual([{ type: 'reward.apply', programId: 'p', rewardId: 'cash', points: 'max' }]);
    expect(run([KEY.ctrlR, KEY.enter, 'MAX', KEY.enter], v).events).toEqual([{ type: 'reward.apply', programId: 'p', rewardId: 'cash', points: 'max' }]);
    expect(run([KEY.ctrlR, KEY.enter, '12', KEY.enter], v).events).toEqual([{ type: 'reward.apply', programId: 'p', rewardId: 'cash', points: 12 }]);
    const bad = run([KEY.ctrlR, KEY.enter, '1.5', KEY.enter], v);
    expect(bad.events).toEqual([]);
    expect(bad.s.notice?.key).toBe('ui.notice.badPoints');
  });

  test('- removes an applied reward; on a reward row it only explains', () => {
    expect(run([FKEY.xterm.f6, KEY.down, KEY.down, KEY.remove], v).events).toEqual([{ type: 'reward.remove', id: 'L4' }]);
    const a = run([FKEY.xterm.f6, KEY.remove], v);
    expect(a.events).toEqual([]);
    expect(a.s.notice?.key).toBe('ui.notice.selectApplied');
  });

  test('no customer: the key says so instead of opening an empty list', () => {
    const a = run([FKEY.xterm.f6], view({ attached: false }));
    expect(a.s.overlay).toBeNull();
    expect(a.s.notice?.key).toBe('error.NO_CUSTOMER');
  });
});

describe('balance check keys', () => {
  test('armed, the next code is checked; a code typed first is checked at once; a product code is refused', () => {
    expect(run([FKEY.xterm.f7, 'GC1234', KEY.enter], view()).events).toEqual([{ type: 'giftcard.check', code: 'GC1234' }]);
    expect(run(['gc99', KEY.ctrlB], view({ screen: 'idle' })).events).toEqual([{ type: 'giftcard.check', code: 'gc99' }]);
    const a = run([FKEY.xterm.f7, '101', KEY.enter], view());
    expect(a.events).toEqual([]);
    expect(a.s.notice?.key).toBe('ui.notice.notGiftCard');
    expect(run([KEY.escape], view(), a.s).s.overlay).toBeNull();
  });

  test('8.6 a whole code typed without its prefix, in its printed groups, is checked like a scan', () => {
    const code = generateCode(new Uint8Array(12).fill(9));
    // (the entry line drops the spaces; the machine would take them too)
    expect(run([FKEY.xterm.f7, formatCode(code), KEY.enter], view()).events).toEqual([{ type: 'giftcard.check', code }]);
    expect(run([code, KEY.ctrlB], view({ screen: 'idle' })).events).toEqual([{ type: 'giftcard.check', code }]);
  });

  test('the scanner burst "GC…⏎" arrives as text: no symbol in it is a shortcut', () => {
    const a = run([FKEY.xterm.f7, 'GC-12*3+\r'], view());
    expect(a.events).toEqual([{ type: 'giftcard.check', code: 'GC-12*3+' }]);
  });
});
