import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { expectFits } from '../support/fit.js';
import { demoMemberCards } from '../../src/admin/demo-store.js';
import { rewardsInCart } from '../../src/domain/loyalty/rewards.js';
import { accountByCard, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { hintItems } from '../../src/ui/selectors.js';
import { rewardsHot } from '../../src/ui/loyalty-view.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const [LAN, , WEI] = demoMemberCards();
const cart = () => r.register.actor.getSnapshot().context.cart;

/** The hint bar's items as the App draws them now (tests render without colours, so the selector is checked). */
const hints = () => {
  const ctx = r.register.actor.getSnapshot().context;
  return hintItems('sale', 80, undefined, { customer: ctx.customer !== null, rewardsHot: rewardsHot(ctx) });
};

async function saleWith(card: string, codes: string[]) {
  r = await openRegisterUi({ fixture: { demo: true } });
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan(card);
  for (const c of codes) ui.scan(c);
  await ui.waitFor(`Items: ${codes.length}`);
  return ui;
}

describe('rewards', () => {
  test('without a customer the rewards key says to attach one first', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    expect(ui.frame()).toContain('F12 Customer');
    ui.press(FKEY.xterm.f6);
    await ui.waitFor('Attach a customer first: scan the loyalty card or search.');
  });

  test('affordable rewards light the key; the list shows cost, minimum balance and what can be claimed now', async () => {
    const ui = await saleWith(LAN, ['101', '201']);
    await ui.waitFor((f) => f.includes('F6 Rewards'));
    expect(hints().filter((h) => h.hot).map((h) => h.text)).toEqual(['F6 Rewards']);
    ui.press(KEY.ctrlR);
    const f = await ui.waitFor('Rewards: Lan Nguyen   Coffee Club 120 pts');
    expect(f).toMatch(/▶ Pay with points \(1 pt = \$0\.10, max 50%\)\s+1 pt each\s+20 pts\s+yes/);
    expect(f).toMatch(/Free espresso\s+50 pts\s+-\s+yes/);
    expect(f).toMatch(/10% off bakery\s+30 pts\s+-\s+yes/);
    expectFits(ui, 80, 24, 'rewards');
  });

  test('8.6 "now" is what a claim would do: the bakery reward says no on a sale without bakery (same selector as headless state.rewards)', async () => {
    const ui = await saleWith(LAN, ['101']);
    ui.press(KEY.ctrlR);
    const f = await ui.waitFor('Rewards: Lan Nguyen');
    expect(f).toMatch(/Free espresso\s+50 pts\s+-\s+yes/);
    expect(f).toMatch(/10% off bakery\s+30 pts\s+-\s+no/);
    expect(hints().filter((h) => h.hot).map((h) => h.text)).toEqual(['F6 Rewards']);
  });

  test('a free product is added at no charge; removing it from the list gives the points back', async () => {
    const ui = await saleWith(LAN, ['102']);
    ui.press(FKEY.xterm.f6);
    await ui.waitFor('Rewards: Lan Nguyen');
    ui.press(KEY.down, KEY.enter);
    const f = await ui.waitFor('Free espresso is on the sale.');
    expect(f).toMatch(/Espresso \(reward\)\s+1\s+\$2\.50\s+\$0\.00$/m);
    expect(f).toContain('This sale: up to +3 pts, -50 pts');
    expect(f).toContain('TOTAL  $3.80');
    ui.press(FKEY.xterm.f6);
    const g = await ui.waitFor('On this sale (- removes):');
    expect(g).toContain('Coffee Club 120 pts (50 pts on this sale)');
    expect(g).toMatch(/Free espresso\s+-50 pts\s+-\$2\.50/);
    ui.press(KEY.down, KEY.down, KEY.down);
    await ui.waitFor(/▶ Free espresso\s+-50 pts/);
    ui.press(KEY.remove);
    await ui.waitFor('Free espresso removed: the points are back.');
    expect(rewardsInCart(cart())).toHaveLength(0);
    ui.press(KEY.escape);
    const h = await ui.waitFor('Scan or type a code:');
    expect(h).not.toContain('(reward)');
    expect(h).toContain('TOTAL  $3.80');
  });

  test('cashback asks how many points: a number, or Enter alone for as many as the sale allows', async () => {
    const ui = await saleWith(LAN, ['203', '206']);
    ui.press(FKEY.xterm.f6);
    await ui.waitFor('Rewards: Lan Nguyen');
    ui.press(KEY.enter);
    await ui.waitFor('Points to use (Enter alone: as many as possible):');
    ui.type('7');
    ui.press(KEY.enter);
    const f = await ui.waitFor('Pay with points is on the sale.');
    expect(f).toMatch(/Reward: Pay with points \(7 pts\)\s+-\$0\.70$/m);
    expect(f).toContain('TOTAL  $10.30');
    // Too many for the 50% cap: refused with the reason, the prompt's list stays open.
    ui.press(FKEY.xterm.f6);
    ui.press(KEY.enter);
    ui.type('100');
    ui.press(KEY.enter);
    await ui.waitFor(/At most \d+ points can be used on this sale\./);
    expect(ui.frame()).toContain('Rewards: Lan Nguyen');
    ui.press(KEY.enter);
    await ui.waitFor('Points to use');
    ui.press(KEY.enter);
    const g = await ui.waitFor('Pay with points is on the sale.');
    // 50% of 11.00 is 5.50: 55 points in all, 48 more than the 7 already claimed.
    expect(g).toMatch(/Reward: Pay with points \(48 pts\)\s+-\$4\.80$/m);
    expect(g).toContain('TOTAL  $5.50');
    expect(g).toContain('-55 pts');
  });

  test('refusals are shown with their message: not enough points, a step, a typed "max"', async () => {
    const ui = await saleWith(WEI, ['201']);
    ui.press(FKEY.xterm.f6);
    const f = await ui.waitFor('Rewards: Wei Chen');
    // 20 points: only cashback (1 point a step) is within reach, so the key is lit.
    expect(hints().some((h) => h.hot)).toBe(true);
    expect(f).toMatch(/Free espresso\s+50 pts\s+-\s+no/);
    ui.press(KEY.down, KEY.enter);
    await ui.waitFor('Not enough points.');
    ui.press(KEY.up, KEY.enter);
    ui.type('x');
    ui.press(KEY.enter);
    await ui.waitFor('"x" is not a number of points.');
    ui.type('max');
    ui.press(KEY.enter);
    const g = await ui.waitFor('Pay with points is on the sale.');
    // Silver: 5% off first, then half of what is left may be paid with points (20 points = 2.00 at most).
    expect(g).toMatch(/Silver tier discount\s+-\$0\.14$/m);
    expect(g).toMatch(/Reward: Pay with points \(13 pts\)\s+-\$1\.30$/m);
    // Points are only reserved until the sale is paid.
    expect(accountByCard(loyaltyOf(r.store.state), WEI)?.points['coffee-club']).toBe(20);
    ui.press(KEY.pay, KEY.exact);
    await ui.waitFor('PAID');
    expect(accountByCard(loyaltyOf(r.store.state), WEI)?.points['coffee-club']).toBe(7 + 1);
  });

  test('below a reward\'s minimum balance it is shown as not claimable and refused with its message', async () => {
    const { demoExtras } = await import('../../src/admin/demo-store.js');
    const created = demoExtras('2025-03-14').find((e) => e.type === 'customer.created' && (e.data as { customer: { card: string } }).customer.card === WEI)!;
    const customerId = (created.data as { customer: { id: string } }).customer.id;
    r = await openRegisterUi({
      fixture: { demo: true, seed: [{ type: 'points.adjusted', data: { customerId, programId: 'coffee-club', points: -8, day: '2025-03-01', reason: 'test' } }] },
    });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(WEI);
    ui.scan('201');
    await ui.waitFor('Coffee Club 12 pts');
    expect(hints().some((h) => h.hot)).toBe(false);
    ui.press(FKEY.xterm.f6);
    const f = await ui.waitFor('Rewards: Wei Chen');
    expect(f).toMatch(/Pay with points .*1 pt each\s+20 pts\s+no/);
    ui.press(KEY.enter, KEY.enter);
    await ui.waitFor('This reward needs a balance of at least 20 points.');
    expect(rewardsInCart(cart())).toHaveLength(0);
  });
});
