import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

/** Espresso 2.50 + Croissant 2.80 + Still water 1.20 = 6.50, on the tender screen. */
async function atTender() {
  r = await openRegisterUi();
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  for (const c of ['101', '201', '301']) ui.scan(c);
  await ui.waitFor('TOTAL  $6.50');
  ui.press(KEY.pay);
  await ui.waitFor('Cash received:');
  return ui;
}

describe('cash', () => {
  test('amount typed, Enter: PAID with the change; journaled, printed, drawer kicked', async () => {
    const ui = await atTender();
    expect(ui.frame()).toMatch(/Total \$6\.50\s+Due \$6\.50/);
    ui.type('20');
    ui.press(KEY.enter);
    const f = await ui.waitFor('PAID');
    expect(f).toContain('Receipt R1-000001');
    expect(f).toMatch(/Total\s+\$6\.50/);
    expect(f).toMatch(/Cash\s+\$20\.00/);
    expect(f).toContain('CHANGE  $13.50');
    expect(r.store.state.sales.count).toBe(1);
    await r.register.settled();
    expect(r.hardware.printer.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001']);
    expect(r.hardware.drawer.pulses).toBe(1);
  });

  test('exact cash key pays what is due, no change', async () => {
    const ui = await atTender();
    ui.press(KEY.exact);
    const f = await ui.waitFor('PAID');
    expect(f).toContain('CHANGE  $0.00');
    expect(r.store.state.sales.count).toBe(1);
  });

  test('a partial cash payment is listed and the due goes down', async () => {
    const ui = await atTender();
    ui.type('5');
    ui.press(KEY.enter);
    const f = await ui.waitFor('Due $1.50');
    expect(f).toMatch(/1\. Cash\s+\$5\.00/);
  });

  test('Enter with nothing typed, and a malformed amount, are explained', async () => {
    const ui = await atTender();
    ui.press(KEY.enter);
    await ui.waitFor('Type the amount received, or press + for exact cash.');
    ui.type('1.234');
    ui.press(KEY.enter);
    await ui.waitFor('"1.234" is not an amount.');
    expect(r.register.actor.getSnapshot().context.tenders).toEqual([]);
  });
});

describe('card terminal and split tender', () => {
  test('cash then card for the rest: the approval code is recorded', async () => {
    const ui = await atTender();
    ui.type('5');
    ui.press(KEY.enter);
    await ui.waitFor('Due $1.50');
    ui.press(KEY.card);
    await ui.waitFor('Card, amount due. Approval code:');
    ui.type('A1B2-C3');
    ui.press(KEY.enter);
    const f = await ui.waitFor('PAID');
    expect(f).toMatch(/Cash\s+\$5\.00/);
    expect(f).toMatch(/Card\s+\$1\.50\s+ref A1B2-C3/);
    expect(f).toContain('CHANGE  $0.00');
    const sale = r.register.actor.getSnapshot().context.lastSale!;
    expect(sale.tenders.map((tn) => [tn.kind, tn.amount, tn.reference])).toEqual([
      ['cash', 500, undefined],
      ['card', 150, 'A1B2-C3'],
    ]);
    expect(r.store.state.sales.count).toBe(1);
    await r.register.settled();
    // Cash was taken: the drawer opens.
    expect(r.hardware.drawer.pulses).toBe(1);
  });

  test('an amount typed before the card key is a split; F-keys work the same', async () => {
    const ui = await atTender();
    ui.type('2');
    ui.press(FKEY.xterm.f6);
    await ui.waitFor('Card $2.00. Approval code:');
    ui.type('777');
    ui.press(KEY.enter);
    const f = await ui.waitFor('Due $4.50');
    expect(f).toMatch(/1\. Card\s+\$2\.00\s+ref 777/);
    ui.press(FKEY.xterm.f7);
    await ui.waitFor('PAID');
    expect(r.register.actor.getSnapshot().context.lastSale?.tenders.map((tn) => tn.kind)).toEqual(['card', 'cash']);
  });

  test('card for more than is due is refused with the message', async () => {
    const ui = await atTender();
    ui.type('10');
    ui.press(KEY.card);
    ui.type('X1');
    ui.press(KEY.enter);
    await ui.waitFor('Only cash can pay more than is due.');
    expect(ui.frame()).toContain('Due $6.50');
    expect(r.register.actor.getSnapshot().context.tenders).toEqual([]);
  });

  test('the card prompt wants an approval code; Esc leaves it', async () => {
    const ui = await atTender();
    ui.press(KEY.card);
    await ui.waitFor('Approval code:');
    // The hint line follows the prompt: only its keys act now.
    expect(ui.frame()).toContain('Enter Card approved  Esc Cancel card');
    ui.press(KEY.enter);
    await ui.waitFor('Enter the approval code from the card terminal.');
    ui.press(KEY.escape);
    await ui.waitFor('Cash received:');
  });
});

describe('payments and going back', () => {
  test('- removes the selected payment; with none left Esc goes back to the sale', async () => {
    const ui = await atTender();
    ui.type('1');
    ui.press(KEY.enter);
    ui.type('2');
    ui.press(KEY.enter);
    await ui.waitFor('2. Cash');
    ui.press(KEY.up);
    await ui.waitFor(/▶ 1\. Cash\s+\$1\.00/);
    ui.press(KEY.remove);
    const f = await ui.waitFor('Due $4.50');
    expect(f).toMatch(/1\. Cash\s+\$2\.00/);
    expect(f).not.toContain('2. Cash');
    // With a payment on the sale, back is refused.
    ui.press(KEY.escape);
    await ui.waitFor('Remove the payments before going back to the sale.');
    ui.press(KEY.remove);
    await ui.waitFor('No payment yet.');
    ui.press(KEY.escape);
    await ui.waitFor('TOTAL  $6.50');
    expect(r.register.actor.getSnapshot().value).toEqual({ open: 'sale' });
  });

  test('- with no payments goes back to the sale (keypad only)', async () => {
    const ui = await atTender();
    ui.press(KEY.remove);
    await ui.waitFor('Scan or type a code:');
    expect(r.register.actor.getSnapshot().value).toEqual({ open: 'sale' });
  });

  test('void from the tender screen after a card payment reminds to reverse it', async () => {
    const ui = await atTender();
    ui.type('1');
    ui.press(KEY.card);
    ui.type('99');
    ui.press(KEY.enter);
    await ui.waitFor('Due $5.50');
    ui.press(KEY.void, KEY.enter);
    await ui.waitFor('Sale voided. Reverse the card payment on the card terminal.');
    expect(r.store.state.sales.count).toBe(0);
  });
});
