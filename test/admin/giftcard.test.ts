/** `till giftcard` against a real store in a temp folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGiftCardCommand } from '../../src/admin/giftcard.js';
import { customerCommand } from '../../src/admin/customer.js';
import { checkRedeemable } from '../../src/domain/giftcard/redeem.js';
import { loyaltyOf } from '../../src/store/projections/loyalty.js';
import { createStore } from '../../src/admin/init.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { TillError } from '../../src/domain/errors.js';
import { hasValidCheck } from '../../src/domain/giftcard/index.js';
import { openStore } from '../../src/store/open.js';
import { giftCardSlice } from '../../src/store/projections/giftcards.js';

let dir: string;
let out: string[];
let err: string[];
let now: Date;
const command = createGiftCardCommand({ randomBytes });

async function run(...argv: string[]): Promise<{ code: number; error?: TillError }> {
  return runOf(command, argv);
}

async function runOf(cmd: { run: typeof command.run }, argv: string[]): Promise<{ code: number; error?: TillError }> {
  const ctx = { dataDir: path.join(dir, 'data'), out: (l: string) => void out.push(l), err: (l: string) => void err.push(l), isTTY: false, now: () => now };
  try {
    return { code: await cmd.run(argv, ctx) };
  } catch (e) {
    if (e instanceof TillError) return { code: e.code === 'USAGE' ? 2 : 1, error: e };
    throw e;
  }
}

const csvFile = (name = 'codes.csv') => path.join(dir, name);

/** Adds a loyalty customer through `till customer add`; returns its id and generated card number. */
async function addCustomer(name: string, phone: string): Promise<{ id: string; card: string }> {
  expect((await runOf(customerCommand, ['add', '--name', name, '--phone', phone])).code).toBe(0);
  const store = await openStore(path.join(dir, 'data'), { register: 'R1' });
  try {
    const a = Object.values(loyaltyOf(store.state).customers).find((c) => c.name === name)!;
    return { id: a.id, card: a.card };
  } finally {
    await store.close();
  }
}
async function state() {
  const store = await openStore(path.join(dir, 'data'), { register: 'R1' });
  const s = structuredClone(giftCardSlice(store.state));
  await store.close();
  return s;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-gc-admin-'));
  out = [];
  err = [];
  now = new Date(2026, 2, 10, 12, 0, 0);
  await createStore(path.join(dir, 'data'), { ...DEFAULT_CONFIG, operators: [...DEFAULT_CONFIG.operators, { id: 'mgr', name: 'Manager' }], giftCards: { ...DEFAULT_CONFIG.giftCards, defaultValidityDays: 365 } });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('till giftcard', () => {
  it('answers --help for itself and every subcommand', async () => {
    expect((await run('--help')).code).toBe(0);
    expect(out.join('\n')).toContain('liability');
    for (const sub of ['create', 'show', 'block', 'unblock', 'load', 'adjust', 'expire', 'list', 'liability']) {
      out = [];
      expect((await run(sub, '--help')).code).toBe(0);
      expect(out.join('\n')).toMatch(new RegExp(`^Usage: till giftcard ${sub}`));
    }
    expect((await run('frobnicate')).error?.code).toBe('USAGE');
  });

  it('creates active cards, exports their codes to CSV only, and the store holds them', async () => {
    const file = csvFile();
    const c9 = await addCustomer('Nine', '0900000009');
    expect((await run('create', '--value', '20.00', '--price', '15.00', '--count', '3', '--days', '30', '--customer', c9.id, '--csv', file)).code).toBe(0);
    const text = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(text[0]).toBe('code,code_grouped,barcode,value,price,currency,state,expires,customer');
    expect(text).toHaveLength(4);
    const codes = text.slice(1).map((l) => l.split(','));
    for (const [code, grouped, barcode, value, price, cur, st, expires, customer] of codes) {
      expect(hasValidCheck(code)).toBe(true);
      expect(grouped).toBe(code.match(/.{4}/g)!.join(' '));
      expect(barcode).toBe(`GC${code}`);
      expect([value, price, cur, st, expires, customer]).toEqual(['20.00', '15.00', 'USD', 'active', '2026-04-09', c9.id]);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const s = await state();
    expect(Object.keys(s.cards).sort()).toEqual(codes.map((c) => c[0]).sort());
    expect(s.cards[codes[0][0]]).toMatchObject({ state: 'active', balance: 2000, faceValue: 2000, price: 1500, customerId: c9.id, expiresOn: '2026-04-09' });
    expect(s.cards[codes[0][0]].history[0]).toMatchObject({ kind: 'issued', op: 'op1', amount: 2000 });
    for (const line of [...out, ...err]) for (const [code] of codes) expect(line).not.toContain(code);
  });

  it('creates pending stock in chunks and refuses bad requests without changing anything', async () => {
    expect((await run('create', '--pending', '--count', '2500', '--csv', csvFile())).code).toBe(0);
    const s = await state();
    expect(Object.values(s.cards).filter((c) => c.state === 'pending' && c.balance === 0 && c.validityDays === 365)).toHaveLength(2500);
    expect((await run('create', '--value', '5', '--csv', csvFile())).error?.message).toContain('exists');
    expect((await run('create', '--value', '5')).error?.message).toContain('--csv FILE is required');
    expect((await run('create', '--csv', csvFile('b.csv'))).error?.message).toContain('--value is required');
    expect((await run('create', '--value', '5.001', '--csv', csvFile('b.csv'))).error?.message).toContain('--value must be an amount in USD');
    expect((await run('create', '--value', '5', '--price', '6', '--csv', csvFile('b.csv'))).error?.code).toBe('BAD_AMOUNT');
    expect((await run('create', '--value', '5', '--expires', '2026-13-01', '--csv', csvFile('b.csv'))).error?.code).toBe('USAGE');
    expect((await run('create', '--value', '5', '--count', '0', '--csv', csvFile('b.csv'))).error?.code).toBe('USAGE');
    expect(fs.existsSync(csvFile('b.csv'))).toBe(false);
    expect(Object.keys((await state()).cards)).toHaveLength(2500);
  });

  it('shows, loads, adjusts, blocks and unblocks a card; history keeps every movement', async () => {
    await run('create', '--value', '50.00', '--csv', csvFile());
    const code = fs.readFileSync(csvFile(), 'utf8').split('\n')[1].split(',')[0];
    const typed = `gc-${code.slice(0, 4)} ${code.slice(4).toLowerCase()}`;
    expect((await run('load', typed, '--amount', '10.50')).code).toBe(0);
    expect(out.at(-1)).toBe(`Loaded gift card ****${code.slice(-4)}: active, balance 60.50 USD.`);
    expect((await run('adjust', code, '--amount', '-0.50')).error?.code).toBe('REASON_REQUIRED');
    expect((await run('adjust', code, '--amount', '-0.50', '--reason', 'rounding slip', '--operator', 'mgr'))).toEqual({ code: 0 });
    expect((await run('adjust', code, '--amount', '-100', '--reason', 'x')).error?.code).toBe('INSUFFICIENT_BALANCE');
    expect((await run('block', code)).error?.code).toBe('REASON_REQUIRED');
    expect((await run('block', code, '--reason', 'reported stolen')).code).toBe(0);
    expect((await run('load', code, '--amount', '1')).error?.code).toBe('GIFT_CARD_BLOCKED');
    expect((await run('unblock', code, '--reason', 'found by owner')).code).toBe(0);
    out = [];
    expect((await run('show', `GC${code}`)).code).toBe(0);
    const shown = out.join('\n');
    expect(shown).toContain(`Gift card ****${code.slice(-4)}`);
    expect(shown).toContain('Balance:    60.00 USD');
    expect(shown).toMatch(/issued\s+\+50\.00\s+50\.00\s+op1/);
    expect(shown).toMatch(/loaded\s+\+10\.50\s+60\.50\s+op1/);
    expect(shown).toMatch(/adjusted\s+-0\.50\s+60\.00\s+mgr\s+"rounding slip"/);
    expect(shown).toMatch(/blocked\s+0\.00\s+60\.00\s+op1\s+"reported stolen"/);
    expect(shown).not.toContain(code);
    const card = (await state()).cards[code];
    expect(card.history.map((h) => h.kind)).toEqual(['issued', 'loaded', 'adjusted', 'blocked', 'unblocked']);
  });

  it('8.3 tells a manager a mistyped code has a typo (GIFT_CARD_BAD_CHECK), and refuses an unknown one', async () => {
    await run('create', '--value', '5', '--csv', csvFile());
    const code = fs.readFileSync(csvFile(), 'utf8').split('\n')[1].split(',')[0];
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    const r = await run('show', typo);
    expect(r.error?.code).toBe('GIFT_CARD_BAD_CHECK');
    expect(r.error?.message).toMatch(/typo/);
    expect((await run('show', 'GC' + '0'.repeat(20))).error?.code).toBe('GIFT_CARD_UNKNOWN');
    expect((await run('show')).error?.code).toBe('USAGE');
  });

  it('lists with filters and reports liability, then expires cards past their day', async () => {
    await run('create', '--value', '100', '--count', '2', '--expires', '2026-03-31', '--csv', csvFile('a.csv'));
    const c1 = await addCustomer('One', '0900000001');
    await run('create', '--value', '30', '--price', '10', '--customer', c1.card, '--csv', csvFile('b.csv'));
    await run('create', '--pending', '--value', '20', '--csv', csvFile('c.csv'));
    const [a1] = fs.readFileSync(csvFile('a.csv'), 'utf8').split('\n')[1].split(',');
    await run('block', a1, '--reason', 'lost');
    out = [];
    await run('list', '--customer', c1.card);
    expect(out.at(-1)).toBe('page 1 of 1 (cards 1-1 of 1, in order of issue)');
    expect(out[1]).toMatch(new RegExp(`^\\*{4}\\w{4}\\s+active\\s+30\\.00\\s+2027-03-10\\s+${c1.id}$`));
    out = [];
    await run('list', '--expiring-before', '2026-04-01');
    expect(out.at(-1)).toBe('page 1 of 1 (cards 1-2 of 2, in order of issue)');
    out = [];
    await run('list', '--per-page', '1', '--page', '3');
    expect(out.at(-1)).toBe('page 3 of 4 (cards 3-3 of 4, in order of issue); next: --page 4');
    expect((await run('list', '--page', '5', '--per-page', '1')).error?.message).toBe('--page 5: there are 4 pages of 1');
    expect((await run('list', '--limit', '1')).error?.message).toContain('--limit is replaced by --page N --per-page M');
    expect((await run('list', '--state', 'gone')).error?.code).toBe('USAGE');
    out = [];
    await run('liability');
    const rep = out.join('\n');
    expect(rep).toMatch(/Outstanding on 2 active card\(s\)\s+130\.00/);
    expect(rep).toMatch(/Frozen on blocked cards\s+100\.00/);
    expect(rep).toMatch(/Pending stock cards \(no value\)\s+1/);
    expect(rep).toMatch(/2026-03-10\s+3\s+230\.00\s+210\.00\s+20\.00\s+0\.00\s+0\.00/);

    now = new Date(2026, 3, 1, 9, 0, 0);
    out = [];
    await run('expire', '--dry-run');
    expect(out).toEqual(['Dry run: 1 card(s) past expiry, 100.00 USD forfeited. Nothing was changed.']);
    out = [];
    await run('expire');
    expect(out).toEqual(['Expired 1 card(s) past expiry, 100.00 USD forfeited.']);
    out = [];
    await run('liability', '--from', '2026-04-01');
    expect(out.join('\n')).toMatch(/Outstanding on 1 active card\(s\)\s+30\.00/);
    expect(out.join('\n')).toMatch(/2026-04-01\s+0\s+(0\.00\s+){7}100\.00/);
    const s = await state();
    expect(Object.values(s.cards).filter((c) => c.state === 'expired')).toHaveLength(1);
  });
});

describe('issue 8 defect 5: giftcard create --customer resolves by id or card and refuses unknowns', () => {
  it('stores the id of a customer named by loyalty card number, so the till accepts the card for that customer', async () => {
    const lan = await addCustomer('Lan', '0912345678');
    expect((await run('create', '--value', '25.00', '--customer', lan.card, '--csv', csvFile())).code).toBe(0);
    expect(out.at(-1)).toContain(`only for Lan (card ${lan.card})`);
    const [code, , , , , , , , customer] = fs.readFileSync(csvFile(), 'utf8').split('\n')[1].split(',');
    expect(customer).toBe(lan.id);
    const card = (await state()).cards[code];
    expect(card.customerId).toBe(lan.id);
    // What the till checks when the card is scanned with the customer attached: accepted for Lan, refused to anyone else.
    expect(checkRedeemable(card, { currency: 'USD', customerId: lan.id, today: '2026-03-10' })).toEqual({ ok: true, value: 2500 });
    expect(checkRedeemable(card, { currency: 'USD', customerId: 'someone-else', today: '2026-03-10' })).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_CUSTOMER' } });
    out = [];
    expect((await run('show', code)).code).toBe(0);
    expect(out).toContain(`  Customer:   Lan (card ${lan.card}, id ${lan.id}) only`);
  });

  it('accepts a customer id and a phone number, the same as till customer show', async () => {
    const an = await addCustomer('An', '0987654321');
    expect((await run('create', '--value', '5', '--customer', an.id, '--csv', csvFile('a.csv'))).code).toBe(0);
    expect((await run('create', '--value', '5', '--customer', '0987654321', '--csv', csvFile('b.csv'))).code).toBe(0);
    expect(Object.values((await state()).cards).map((c) => c.customerId)).toEqual([an.id, an.id]);
  });

  it('refuses an unknown customer (id or card number) and writes nothing: no card, no CSV', async () => {
    await addCustomer('Lan', '0912345678');
    for (const ref of ['C9', '2700000000021', '0900000000']) {
      const r = await run('create', '--value', '5', '--count', '3', '--customer', ref, '--csv', csvFile());
      expect(r.code).toBe(1);
      expect(r.error).toMatchObject({ code: 'CUSTOMER_UNKNOWN', message: `No customer with the card, phone or id "${ref}". Try: till customer find ${ref}` });
      expect(fs.readdirSync(dir)).toEqual(['data']);
    }
    expect(Object.keys((await state()).cards)).toEqual([]);
    expect((await run('list', '--customer', 'C9')).error?.code).toBe('CUSTOMER_UNKNOWN');
  });

  it('issues a card to a customer whose loyalty card is blocked, and says that the block stops points only', async () => {
    const lan = await addCustomer('Lan', '0912345678');
    expect((await runOf(customerCommand, ['block', lan.card, '--reason', 'card lost'])).code).toBe(0);
    out = [];
    expect((await run('create', '--value', '5', '--customer', lan.card, '--csv', csvFile())).code).toBe(0);
    expect(out.at(-1)).toBe('Note: the loyalty card of Lan is blocked; that stops points only, the gift card can be redeemed in a sale with Lan attached.');
    expect(Object.values((await state()).cards)[0].customerId).toBe(lan.id);
  });
});
