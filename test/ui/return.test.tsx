/**
 * The return screen at the till (docs/returns.md, docs/keys.md), driven as a cashier at 80x24: a
 * receipt opened by its scanned barcode or its typed number, quantities per line (digits and Enter,
 * + and -, * for everything, the returned item scanned), the refund previewed per tender, the
 * manager's PIN (a wrong one, then the right one), the commit with the drawer and the return
 * receipt; Esc cancels writing nothing; every refusal is the cashier's message on screen; scans on
 * the screen follow the routing table and never become a quantity or a PIN.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi, type AppHarness } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { shopOperators, signInUi } from '../operators/support.js';
import { demoGiftCards, demoMemberCards } from '../../src/admin/demo-store.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import type { JournalEvent } from '../../src/store/types.js';
import type { TillConfig } from '../../src/domain/config.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
});

const journal = (dir: string): JournalEvent[] =>
  fs.readdirSync(path.join(dir, 'journal')).sort().flatMap((f) =>
    fs.readFileSync(path.join(dir, 'journal', f), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JournalEvent));
const returns = (dir: string) => journal(dir).filter((e) => e.type === 'return.committed');

async function till(opts: { config?: Partial<TillConfig>; demo?: boolean; columns?: number; rows?: number } = {}): Promise<Ui> {
  ui = await openRegisterUi({ columns: opts.columns, rows: opts.rows, fixture: { seed: shopOperators(), demo: opts.demo, config: opts.config } });
  await signInUi(ui.ui);
  return ui;
}

type Pay = 'exact' | { card: string } | { gift: string };

/** Rings a sale up as a cashier ("3*101" is three espressos) and pays it; returns its receipt number. */
async function sell(u: Ui, items: string[], pay: Pay = 'exact'): Promise<string> {
  const app = u.ui;
  const before = u.register.store.state.sales.count;
  for (const it of items) {
    app.type(it);
    app.press(KEY.enter);
    await app.waitFor('TOTAL');
  }
  app.press(KEY.pay);
  await app.waitFor('Cash received:');
  if (pay === 'exact') app.press(KEY.exact);
  else if ('card' in pay) {
    app.press(KEY.card);
    await app.waitFor('Approval code');
    app.type(pay.card);
    app.press(KEY.enter);
  } else app.scan(pay.gift);
  await app.waitFor('PAID');
  await app.waitFor(() => u.register.store.state.sales.count === before + 1);
  return u.register.actor.getSnapshot().context.lastSale!.receiptNo;
}

/** The manager types the PIN on the approval prompt of the return screen. */
async function approve(app: AppHarness, pin: string): Promise<void> {
  await app.waitFor('Manager PIN:');
  app.type(pin);
  app.press(KEY.enter);
}

const rowOf = (frame: string, name: string) => frame.split('\n').find((l) => l.includes(name)) ?? '';

describe('the return screen', () => {
  it('opens by the scanned receipt: a partial return, a wrong PIN then the manager’s, the drawer and the return receipt', async () => {
    const u = await till();
    const app = u.ui;
    // 3 x Espresso 2.50 + Croissant 2.80 = 10.30, paid exactly in cash.
    const no = await sell(u, ['3*101', '201']);
    app.scan(`R${no}`);
    let f = await app.waitFor('RETURN');
    expect(f).toContain(`receipt ${no}`);
    expect(rowOf(f, 'Espresso')).toMatch(/\$2\.50\s+3\s+0\s+3/);
    expect(rowOf(f, 'Croissant')).toMatch(/\$2\.80\s+1\s+0\s+1/);
    expect(f).toContain('Quantity of Espresso (0-3):');
    // Two espressos: digits then Enter; the selection moves on to the croissant.
    app.type('2');
    app.press(KEY.enter);
    f = await app.waitFor('Quantity of Croissant (0-1):');
    expect(rowOf(f, 'Espresso')).toMatch(/3\s+2\s+\$5\.00/);
    expect(f).toMatch(/REFUND\s+\$5\.00/);
    expect(f).toMatch(/Cash from the drawer\s+\$5\.00/);
    // More than can come back is refused with the line's figures; the quantity stays.
    app.press(KEY.up, '+');
    f = await app.waitFor(/REFUND\s+\$7\.50/);
    app.press('+');
    f = await app.waitFor('Espresso: 3 sold, 0 already returned, at most 3 can come back.');
    app.press('-');
    f = await app.waitFor(/REFUND\s+\$5\.00/);
    // Enter on an empty entry is the refund: the manager's PIN, never echoed.
    app.press(KEY.enter);
    f = await app.waitFor('A manager approves the refund of $5.00');
    app.type('12');
    f = await app.waitFor('Manager PIN: ••');
    expect(f).not.toContain('Manager PIN: 12');
    app.type('34');
    app.press(KEY.enter);
    f = await app.waitFor('Wrong PIN.');
    expect(returns(u.dir)).toHaveLength(0);
    await approve(app, '9999');
    f = await app.waitFor('REFUNDED');
    expect(f).toContain(`Return R1-000002 of receipt ${no}`);
    expect(f).toContain('Approved by Mai');
    expect(f).toMatch(/CASH TO HAND OUT\s+\$5\.00/);
    await u.register.settled();
    const ret = returns(u.dir);
    expect(ret).toHaveLength(1);
    expect(ret[0].data).toMatchObject({ return: { approvedBy: 'mai', total: 500, lines: [{ lineId: 'L1', qty: 2 }], cash: { given: 500 } } });
    expect(u.hardware.drawer.pulses).toBeGreaterThanOrEqual(2); // the sale's and the return's
    expect(journal(u.dir).filter((e) => e.type === 'drawer.opened').map((e) => e.data)).toContainEqual({ reason: 'return', ok: true, receiptNo: 'R1-000002' });
    expect(u.hardware.printer.jobs.map((j) => j.id)).toContain('receipt:R1-000002');
    // + prints it again; Enter goes back to sales, and the next sale takes the next receipt number.
    const jobs = u.hardware.printer.jobs.length;
    app.press('+');
    await app.waitFor('Return receipt sent to the printer again.');
    await u.register.settled();
    expect(u.hardware.printer.jobs.length).toBe(jobs + 1);
    app.press(KEY.enter);
    await app.waitFor('Scan an item to start a sale');
    expect(await sell(u, ['102'])).toBe('R1-000003');
  });

  it('opens by the typed number; * takes everything back; a card payment goes back by its reference', async () => {
    const u = await till();
    const app = u.ui;
    const no = await sell(u, ['104', '201'], { card: 'A77' });
    app.press(KEY.escape);
    await app.waitFor('Scan an item to start a sale');
    app.press('-');
    await app.waitFor('Receipt no. to return:');
    app.type(String(Number(no.slice(-6))));
    app.press(KEY.enter);
    let f = await app.waitFor('RETURN');
    app.press('*');
    f = await app.waitFor(/REFUND\s+\$5\.80/);
    expect(f).toMatch(/Card A77: the card terminal refunds it\s+\$5\.80/);
    app.press(KEY.enter);
    await approve(app, '9999');
    f = await app.waitFor('REFUNDED');
    expect(f).toContain('Nothing comes out of the drawer.');
    await u.register.settled();
    expect(returns(u.dir)[0].data).toMatchObject({ return: { refunds: [{ kind: 'card', reference: 'A77', amount: 580 }], complete: true } });
    // Everything is back: the receipt cannot be opened again; the number typed before the key opens at once.
    app.press(KEY.enter);
    await app.waitFor('Scan an item to start a sale');
    app.type('1');
    app.press('-');
    await app.waitFor(`Everything on receipt ${no} has already been returned.`);
    // A return's own receipt is not returned.
    app.scan('RR1-000002');
    await app.waitFor('R1-000002 is the receipt of a return');
  });

  it('Esc cancels writing nothing; refusals are the cashier’s messages', async () => {
    const u = await till();
    const app = u.ui;
    const no = await sell(u, ['101']);
    const n = journal(u.dir).length;
    app.scan('RR9-000001');
    await app.waitFor('Receipt R9-000001 was not issued by this store');
    app.press('-');
    await app.waitFor('Receipt no. to return:');
    app.type('77');
    app.press(KEY.enter);
    await app.waitFor('Receipt 77 was not issued by this store or register. Check the number.');
    app.press('-');
    await app.waitFor('Receipt no. to return:');
    app.press(KEY.enter);
    await app.waitFor('Scan the receipt or type its number, then Enter.');
    app.press(KEY.escape);
    await app.waitFor('Scan or type a code:');
    app.scan(`R${no}`);
    await app.waitFor('Quantity of Espresso');
    app.type('1');
    app.press(KEY.enter);
    await app.waitFor(/REFUND\s+\$2\.50/);
    // Typed, Esc clears the entry first; then it cancels the return.
    app.type('1');
    app.press(KEY.escape);
    await app.waitFor((fr) => /Quantity of Espresso \(0-1\):\s*$/m.test(fr));
    expect(u.register.returns.actor.getSnapshot().value).toBe('open');
    app.press(KEY.escape);
    await app.waitFor('Return cancelled: nothing was written.');
    await u.register.settled();
    expect(journal(u.dir).length).toBe(n);
    expect(u.register.returns.actor.getSnapshot().value).toBe('idle');
    // A sale open: a receipt scan does not open a return.
    app.scan('101');
    await app.waitFor('TOTAL');
    app.scan(`R${no}`);
    await app.waitFor('Finish or void the sale first.');
    expect(u.register.returns.actor.getSnapshot().value).toBe('idle');
  });

  it('scans on the return screen: the item picks its line, cards and receipts wait, none is a quantity or a PIN', async () => {
    const u = await till({ demo: true });
    const app = u.ui;
    const no = await sell(u, ['101', '201']);
    app.scan(`R${no}`);
    await app.waitFor('Quantity of Espresso');
    // The croissant coming back is scanned: its line is selected and one comes back.
    app.scan('201');
    let f = await app.waitFor(/REFUND\s+\$2\.80/);
    expect(f).toContain('Quantity of Croissant');
    app.scan('301');
    await app.waitFor('301 is not on this receipt.');
    app.scan(demoMemberCards()[0]);
    await app.waitFor('A return is open: scan the goods coming back');
    app.scan(`GC${demoGiftCards().active}`);
    await app.waitFor('A return is open: scan the goods coming back');
    app.scan(`R${no}`);
    await app.waitFor('A return is open: finish it or cancel it (Esc) first.');
    // A scan of digits is never a quantity: the entry stays empty and the croissant stays at one.
    app.scan('1234');
    f = await app.waitFor('1234 is not on this receipt.');
    expect(f).toMatch(/Quantity of Croissant \(0-1\):\s*$/m);
    app.press(KEY.enter);
    await app.waitFor('Manager PIN:');
    // On the PIN prompt a scan is refused: it is never the PIN.
    app.scan('9999');
    await app.waitFor('A scan is not a PIN');
    await app.waitFor((fr) => /Manager PIN:\s*$/m.test(fr));
    expect(returns(u.dir)).toHaveLength(0);
    // Esc on the prompt: not approved, the return stays open.
    app.press(KEY.escape);
    await app.waitFor('Not approved: nothing was changed.');
    expect(u.register.returns.actor.getSnapshot().value).toBe('open');
    app.press(KEY.enter);
    await approve(app, '9999');
    await app.waitFor('REFUNDED');
    // From the refunded screen a product scan starts the next sale.
    app.scan('102');
    await app.waitFor('TOTAL');
    expect(u.register.returns.actor.getSnapshot().value).toBe('idle');
  });

  it('a gift-card payment goes back onto the card; a blocked card is refused until the manager refunds in cash', async () => {
    const u = await till({ demo: true });
    const app = u.ui;
    const gc = demoGiftCards().active;
    const start = findGiftCard(u.store.state, gc)!.balance;
    const no = await sell(u, ['104'], { gift: `GC${gc}` });
    app.scan(`R${no}`);
    await app.waitFor('RETURN');
    app.press('*');
    let f = await app.waitFor(/REFUND\s+\$3\.00/);
    expect(f).toContain(`Back onto gift card ****${gc.slice(-4)}, balance after $${(start / 100).toFixed(2)}`);
    expect(f).not.toContain(gc);
    app.press(KEY.escape);
    await app.waitFor('Return cancelled');
    // Cash in the drawer for the manager's choice below.
    await sell(u, ['3*102']);
    await u.store.commit({ id: 'block-1', events: [{ type: 'giftcard.blocked', data: { code: gc, reason: 'reported lost' } }] });
    app.scan(`R${no}`);
    await app.waitFor('RETURN');
    app.press('*');
    f = await app.waitFor(`Cannot refund: Gift card ****${gc.slice(-4)} is blocked`);
    app.press(KEY.enter);
    await app.waitFor(`Gift card ****${gc.slice(-4)} is blocked: the refund cannot go back onto it.`);
    expect(f).not.toContain('Manager PIN');
    // F6 (or Ctrl+K): cash instead, which a manager approves.
    app.press('\x0b');
    f = await app.waitFor('CASH INSTEAD');
    expect(f).toMatch(/Cash from the drawer for the Gift card payment\s+\$3\.00/);
    app.press(KEY.enter);
    await approve(app, '9999');
    await app.waitFor('REFUNDED');
    await u.register.settled();
    expect(returns(u.dir)[0].data).toMatchObject({ return: { refundMode: 'cash', refunds: [{ kind: 'cash', paid: 'giftcard', amount: 300 }] } });
  });

  it('a cash refund bigger than the drawer, and a return with no shift open, are refused writing nothing', async () => {
    const u = await till({ config: { shift: { mode: 'required' } } });
    const app = u.ui;
    // No shift: the sale is refused as well, so the shift is opened with an empty drawer first.
    await u.register.shift.open(0);
    const no = await sell(u, ['104'], { card: 'B1' });
    app.scan(`R${no}`);
    await app.waitFor('RETURN');
    app.press('*');
    await app.waitFor(/REFUND\s+\$3\.00/);
    app.press('\x1b[17~'); // F6: cash instead
    await app.waitFor('CASH INSTEAD');
    const n = journal(u.dir).length;
    app.press(KEY.enter);
    await approve(app, '9999');
    await app.waitFor('The drawer holds $0.00 by the shift’s totals: it cannot pay out $3.00.');
    expect(u.register.returns.actor.getSnapshot().value).toBe('open');
    // Back the way it was paid: the card needs no cash (the manager's approval is still waiting).
    app.press('\x0b');
    await app.waitFor((fr) => !fr.includes('CASH INSTEAD'));
    app.press(KEY.enter);
    await app.waitFor('REFUNDED');
    await u.register.settled();
    expect(returns(u.dir)).toHaveLength(1);
    expect(journal(u.dir).length).toBeGreaterThan(n);

    // The shift is closed: a return is refused until one is open.
    app.press(KEY.enter);
    const no2 = await sell(u, ['102'], { card: 'B2' });
    const z = await u.register.shift.close(0);
    expect(z.ok).toBe(true);
    const m = journal(u.dir).length;
    app.scan(`R${no2}`);
    await app.waitFor('RETURN');
    app.press('*');
    app.press(KEY.enter);
    await approve(app, '9999');
    const f = await app.waitFor('No shift is open on this register. Open a shift first.');
    expect(f).toContain('RETURN');
    await u.register.settled();
    expect(returns(u.dir)).toHaveLength(1);
    expect(journal(u.dir).slice(m)).toEqual([]);
  });
});

describe('the return screen fits the terminal', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const)
    it(`${columns}x${rows}: one row shorter than the terminal, no line wider`, async () => {
      const u = await till({ columns, rows, demo: true });
      const app = u.ui;
      const no = await sell(u, ['3*101', '201', '304', '601']);
      app.scan(`R${no}`);
      await app.waitFor('RETURN');
      app.press('*');
      const f = await app.waitFor(/REFUND\s+\$/);
      const lines = f.split('\n');
      expect(lines.length).toBe(rows - 1);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
      for (const name of ['Espresso', 'Croissant']) expect(f).toContain(name);
      app.press(KEY.enter);
      await approve(app, '9999');
      const done = await app.waitFor('REFUNDED');
      expect(done.split('\n').length).toBe(rows - 1);
    });
});
