import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { cartRows, expectFits } from '../support/fit.js';
import { demoMemberCards } from '../../src/admin/demo-store.js';
import { cardNumberFor } from '../../src/domain/loyalty/card.js';
import { accountByCard, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { rewardsHot } from '../../src/ui/loyalty-view.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const [LAN, DMITRI, WEI] = demoMemberCards();
const attached = () => r.register.actor.getSnapshot().context.customer;

describe('customer search', () => {
  test('F12 from idle: results as you type a name; Enter attaches and opens the sale with the customer panel', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.press(FKEY.xterm.f12);
    await ui.waitFor('Find customer:');
    ui.type('la');
    const f = await ui.waitFor('Lan Nguyen');
    expect(f).not.toContain('Dmitri');
    expect(f).toContain('*********0014');
    ui.press(KEY.enter);
    const g = await ui.waitFor('Coffee Club 120 pts');
    expect(g).toMatch(/Lan Nguyen\s+\*{9}0014\s+Standard/);
    expect(g).toContain('40 pts expire within 30 days');
    expect(g).toContain('$50.00 more to Silver');
    expect(attached()?.card).toBe(LAN);
    expectFits(ui, 80, 24, 'sale with a customer');
  });

  test('Ctrl+F: phone digits or a card number find the customer; arrows pick among several; Esc closes', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.press(KEY.ctrlF);
    await ui.waitFor('Find customer:');
    ui.type(WEI);
    await ui.waitFor(/▶ Wei Chen/);
    ui.press(KEY.ctrlU);
    // Letters, digits, spaces and symbols are all text here: "+" does not pay, "-" removes nothing.
    ui.type('+1 555 01');
    await ui.waitFor((f) => f.includes('Lan Nguyen') && f.includes('Dmitri Ivanov') && f.includes('Wei Chen'));
    ui.press(KEY.down);
    await ui.waitFor(/▶ Dmitri Ivanov/);
    ui.press(KEY.escape);
    await ui.waitFor('Scan or type a code:');
    expect(attached()).toBeNull();
    ui.press(KEY.ctrlF);
    ui.type('+1 555 01');
    await ui.waitFor(/▶ Lan Nguyen/);
    ui.press(KEY.down, KEY.enter);
    const f = await ui.waitFor('Coffee Club 480 pts');
    expect(attached()?.card).toBe(DMITRI);
    // Gold: the tier discount is a line of its own, with its amount.
    expect(f).toMatch(/Gold tier discount\s+-\$0\.25$/m);
    expect(f).toContain('Espresso');
    expect(r.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  test('nothing found says so; Ctrl+D takes the customer off the sale and the tier discount with them', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(DMITRI);
    ui.scan('201');
    await ui.waitFor('Gold tier discount');
    ui.press(FKEY.xterm.f12);
    ui.type('zzz');
    await ui.waitFor('Nobody matches "zzz". F2 creates a new customer.');
    expect(ui.frame()).toContain('On this sale: Dmitri Ivanov');
    ui.press(KEY.enter);
    await ui.waitFor('No customer found. F2 creates one.');
    ui.press(KEY.ctrlD);
    await ui.waitFor('Customer taken off the sale.');
    const f = ui.frame();
    expect(f).not.toContain('Gold tier discount');
    expect(f).not.toContain('Dmitri');
    expect(f).toContain('TOTAL  $2.80');
    expect(attached()).toBeNull();
  });
});

test('from the paid screen F12 starts the next sale with the customer found', async () => {
  r = await openRegisterUi({ fixture: { demo: true } });
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('101');
  ui.press(KEY.pay, KEY.exact);
  await ui.waitFor('PAID');
  ui.press(FKEY.xterm.f12);
  ui.type('wei');
  await ui.waitFor(/▶ Wei Chen/);
  ui.press(KEY.enter);
  const f = await ui.waitFor('Coffee Club 20 pts');
  expect(f).toContain('Items: 0');
  expect(r.register.actor.getSnapshot().value).toEqual({ open: 'sale' });
});

describe('a new customer at the till', () => {
  test('the search text fills the form; card and tier shown and changeable; refusals on their field; saved and attached', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('102');
    await ui.waitFor('Cappuccino');
    ui.press(FKEY.xterm.f12);
    ui.type('Ana Souza');
    await ui.waitFor('Nobody matches');
    ui.press(KEY.ctrlN);
    const f = await ui.waitFor('New customer');
    // The next number of the store's sequence, and the default tier.
    expect(f).toContain(cardNumberFor('27', 4));
    expect(f).toContain('< Standard >');
    expect(f).toMatch(/Name\s+Ana Souza/);
    await ui.waitFor('Phone:');
    // A taken phone is refused with the cashier's message, and the phone field keeps the focus.
    ui.type('+1 555 0101');
    ui.press(FKEY.xterm.f2);
    await ui.waitFor('Another customer has this phone number.');
    expect(ui.frame()).toContain('Phone: +1 555 0101');
    ui.press(KEY.ctrlU);
    ui.type('12');
    ui.press(KEY.ctrlS);
    await ui.waitFor('Enter a phone number of 6 to 15 digits.');
    ui.type('3456789');
    ui.press(KEY.enter, KEY.enter);
    await ui.waitFor('Card:');
    // The first key replaces the generated number: a card from a pre-printed stack is scanned.
    const own = cardNumberFor('27', 777);
    ui.scan(own);
    await ui.waitFor('Tier:');
    ui.press(KEY.right);
    await ui.waitFor('< Silver >');
    ui.press(KEY.enter);
    const g = await ui.waitFor('New customer Ana Souza, card');
    expect(g).toMatch(new RegExp(`Ana Souza\\s+\\*{9}${own.slice(-4)}\\s+Silver`));
    const saved = accountByCard(loyaltyOf(r.store.state), own);
    expect(saved).toMatchObject({ name: 'Ana Souza', phone: '123456789', tier: 'silver' });
    expect(attached()?.id).toBe(saved!.id);
    expect(g).toContain('Cappuccino');
  });

  test('Esc goes back to the search without saving; the generated card is used when left alone', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.press(FKEY.xterm.f12);
    ui.type('5550199');
    ui.press(FKEY.xterm.f2);
    await ui.waitFor('New customer');
    expect(ui.frame()).toMatch(/Phone\s+5550199/);
    ui.press(KEY.escape);
    await ui.waitFor('Find customer:');
    expect(Object.keys(loyaltyOf(r.store.state).customers)).toHaveLength(3);
    ui.press(FKEY.xterm.f2);
    await ui.waitFor('Name:');
    ui.type('Quang Le');
    ui.press(KEY.tab);
    ui.type('0901 555 777');
    ui.press(KEY.ctrlS);
    await ui.waitFor('New customer Quang Le, card 2700000000045');
    expect(attached()?.card).toBe('2700000000045');
    expect(loyaltyOf(r.store.state).cardSerial).toBe(4);
  });
});

describe('the customer panel', () => {
  test('80x24 with a customer, rewards and a long cart: everything fits, the cart shrinks and scrolls', async () => {
    r = await openRegisterUi({ columns: 80, rows: 24, fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(DMITRI);
    for (const c of ['101', '102', '103', '104', '105', '106', '107', '108', '109', '201', '202', '203', '204', '205', '206', '301', '302', '303', '304', '305'])
      ui.scan(c);
    await ui.waitFor('Items: 20');
    ui.press(FKEY.xterm.f6);
    await ui.waitFor('Rewards: Dmitri Ivanov');
    ui.press(KEY.down, KEY.enter);
    await ui.waitFor('Free espresso is on the sale.');
    ui.press(FKEY.xterm.f6);
    ui.press(KEY.down, KEY.down, KEY.enter);
    await ui.waitFor('10% off bakery is on the sale.');
    const f = ui.frame();
    expectFits(ui, 80, 24, 'sale, customer, two discounts');
    expect(f).toMatch(/Gold tier discount\s+-\$\d+\.\d\d$/m);
    expect(f).toMatch(/Reward: 10% off bakery \(30 pts\)\s+-\$\d+\.\d\d$/m);
    expect(f).toContain('Dmitri Ivanov');
    // 19 body rows: header, rule, 2 customer rows, 2 discounts, sums, total leave 11 cart rows.
    expect(cartRows(f)).toBe(11);
    expect(f).toMatch(/▲ 10 more/);
  });

  test('120x40 uses the room: the full cart and a progress bar to the next tier', async () => {
    r = await openRegisterUi({ columns: 120, rows: 40, fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(LAN);
    for (const c of ['703', '703', '201']) ui.scan(c);
    const f = await ui.waitFor('Items: 3');
    expectFits(ui, 120, 40, 'sale 120x40 with a customer');
    expect(f).toMatch(/▕█+░+▏ This sale: up to \+28 pts {3}\$21\.22 more to Silver   40 pts expire/);
  });

  test('a sale that crosses a threshold says the customer is promoted with it', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(LAN);
    ui.type('4');
    ui.press(KEY.qty);
    ui.scan('703');
    await ui.waitFor('Becomes Silver with this sale!');
  });

  test('a blocked card is marked, earns nothing on screen, and its rewards key stays dark', async () => {
    const id = (await import('../../src/admin/demo-store.js')).demoExtras('2025-03-14').find((e) => e.type === 'customer.created' && (e.data as { customer: { card: string } }).customer.card === DMITRI)!;
    const customerId = (id.data as { customer: { id: string } }).customer.id;
    r = await openRegisterUi({ fixture: { demo: true, seed: [{ type: 'card.blocked', data: { customerId, reason: 'lost' } }] } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(DMITRI);
    ui.scan('101');
    const f = await ui.waitFor('BLOCKED');
    expect(f).toContain('Blocked card: this sale earns and spends no points.');
    expect(f).not.toContain('tier discount');
    expect(rewardsHot(r.register.actor.getSnapshot().context)).toBe(false);
    ui.press(FKEY.xterm.f6);
    await ui.waitFor('Rewards: Dmitri Ivanov');
    expect(ui.frame()).toMatch(/Free espresso\s+50 pts\s+-\s+no/);
    ui.press(KEY.down, KEY.enter);
    await ui.waitFor('This loyalty card is blocked.');
    expect(ui.frame()).toContain('Rewards: Dmitri Ivanov');
  });
});
