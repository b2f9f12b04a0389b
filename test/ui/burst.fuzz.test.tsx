/**
 * Bad input at the counter (issue 11): from each screen, a burst of 1,000 random keys and scans
 * (fast-check, fixed seeds). Afterwards the register is alive (the actor runs, the UI still draws its
 * status bar and answers a key; no key handler or scan router threw), the journal verifies
 * (src/store/verify.ts), and every sale the store committed was started by an input that pays: a
 * tender key (Enter, `+`, F2, F7) sending a payment, or a gift card scanned — never a product,
 * loyalty or receipt scan, a digit, an arrow or Esc. Each committed sale is covered by its payments
 * and journaled once. A receipt scanned opens its return (the return screen is one of the screens):
 * the returns a burst takes never bring back more of a line than was sold.
 *
 * Attribution: a person's printable key (and a lone Esc) takes effect when the next input arrives
 * (the wedge detector holds it to tell typing from a scan), so a commit during keys is charged to the
 * key being written or the one before; a commit during a scan's delivery is charged to that scan.
 */
import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { openRegisterUi, type AppHarness } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { TEST_DAY } from '../support/register-fixture.js';
import { demoConfig, demoGiftCards, demoMemberCards, demoOperators } from '../../src/admin/demo-store.js';
import type { ReturnCommitted } from '../../src/domain/returns/types.js';
import { verifyStore } from '../../src/store/verify.js';
import { readEventsBySeq } from '../../src/store/journal-read.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

const cards = demoGiftCards();
const [lan, dmitri] = demoMemberCards();
const GIFT = `GC${cards.active}`;
const STOCK = `GC${cards.stock}`;

const F = FKEY.xterm;
/** Every key but the three that quit (a quit is not a crash: the burst would end early). */
const KEYS = [
  ...'0123456789'.split(''), ...'0123456789'.split(''), // amounts and codes are mostly digits
  '.', ',', '+', '-', '*', '/', '?', 'a', 'G', 'C', 'x', ' ', '@', 'é',
  KEY.enter, KEY.enter, KEY.escape, KEY.backspace, KEY.delete, KEY.up, KEY.down, KEY.left, KEY.right, KEY.pageUp, KEY.pageDown, KEY.tab,
  F.f1, F.f2, F.f3, F.f4, F.f5, F.f6, F.f7, F.f8, F.f9, F.f11, F.f12,
  KEY.ctrlB, KEY.ctrlD, KEY.ctrlF, KEY.ctrlN, KEY.ctrlR, KEY.ctrlS, KEY.ctrlU, KEY.ctrlG, '\x0c' /* Ctrl+L */,
];
/** Products, an unknown EAN-13, gift cards, loyalty cards, receipts, a quantity typed in a burst, garbage. */
const SCANS = ['101', '201', '304', '601', '4006381333948', GIFT, STOCK, lan, dmitri, 'RR1-000001', 'R1-000001', '3*101', '9999*101', '10000*101', '%%', '1234567890123456789012345'];
/** Inputs that may pay a sale: the tender keys (cash, exact, card, retry, "yes") and a gift card scanned. */
const PAY_KEYS = new Set([KEY.enter, '+', F.f2, F.f7]);
/** Checkout events that pay (a zero-total sale is paid by going to payment: tender.start). */
const PAY_EVENTS = new Set(['tender.cash', 'tender.exact', 'tender.card', 'tender.giftcard', 'confirm.accept', 'commit.retry', 'tender.start', 'cart.scan']);

type Input = { key: string } | { scan: string };
const input: fc.Arbitrary<Input> = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...KEYS).map((key) => ({ key })) },
  { weight: 1, arbitrary: fc.constantFrom(...SCANS).map((scan) => ({ scan })) },
);
const label = (i: Input) => ('key' in i ? i.key : `scan:${i.scan}`);

type Reach = (ui: AppHarness) => Promise<void>;
const sale: Reach = async (ui) => {
  ui.scan('101');
  await ui.waitFor('TOTAL  $2.50');
};
const paid: Reach = async (ui) => {
  await sale(ui);
  ui.press(KEY.pay, KEY.exact);
  await ui.waitFor('PAID');
};
const withCustomer: Reach = async (ui) => {
  ui.scan(dmitri);
  await ui.waitFor('Dmitri Ivanov');
  ui.scan('101');
  await ui.waitFor('TOTAL  $2.25'); // Gold: 10% off
};

/** `staysIn`: a form or list that keeps most random keys as its own (text, selection): few checkout events. */
const SCREENS: { screen: string; reach: Reach; signIn?: boolean; staysIn?: boolean }[] = [
  { screen: 'ready', reach: async () => {} },
  { screen: 'sale', reach: sale },
  { screen: 'payment', reach: async (ui) => (await sale(ui), ui.press(KEY.pay), void (await ui.waitFor('Cash received:'))) },
  { screen: 'plausibility question', reach: async (ui) => (await sale(ui), ui.press(KEY.pay), ui.type('99999'), ui.press(KEY.enter), void (await ui.waitFor('is that right?'))) },
  { screen: 'card approval code', reach: async (ui) => (await sale(ui), ui.press(KEY.pay, KEY.card), void (await ui.waitFor('Approval code:'))) },
  { screen: 'gift-card value', reach: async (ui) => (ui.scan(STOCK), void (await ui.waitFor('Value to load'))) },
  { screen: 'paid', reach: paid },
  { screen: 'last receipt', reach: async (ui) => (await paid(ui), ui.press(KEY.lastReceipt), void (await ui.waitFor('Last receipt'))) },
  { screen: 'gift-card balance', reach: async (ui) => (ui.press(F.f7), ui.scan(GIFT), void (await ui.waitFor('$37.50'))) },
  { screen: 'balance check', reach: async (ui) => (ui.press(F.f7), void (await ui.waitFor(/gift card/i))) },
  { screen: 'customer search', reach: async (ui) => (ui.press(F.f12), void (await ui.waitFor('Find a customer'))) },
  { screen: 'new customer', reach: async (ui) => (ui.press(F.f12), ui.type('Ana'), ui.press(F.f2), void (await ui.waitFor('Phone:'))), staysIn: true },
  { screen: 'rewards', reach: async (ui) => (await withCustomer(ui), ui.press(F.f6), void (await ui.waitFor('Rewards: Dmitri'))) },
  { screen: 'points to use', reach: async (ui) => (await withCustomer(ui), ui.press(F.f6), ui.press(KEY.enter), void (await ui.waitFor('Points to use'))), staysIn: true },
  { screen: 'return', reach: async (ui) => (await paid(ui), ui.scan('RR1-000001'), void (await ui.waitFor('Quantity of Espresso'))) },
  { screen: 'help', reach: async (ui) => (ui.press(KEY.help), void (await ui.waitFor('Show or hide this help'))) },
  { screen: 'sign-in', reach: async (ui) => void (await ui.waitFor('Operator code')), signIn: true },
];

describe('a burst of 1,000 random keys and scans on each screen', () => {
  SCREENS.forEach(({ screen, reach, signIn, staysIn }, n) => {
    test(screen, async () => {
      const logged: string[] = [];
      r = await openRegisterUi({
        fixture: { demo: true, log: (l) => logged.push(l), config: { giftCards: { ...demoConfig().giftCards, sellMode: 'scan-set-amount' } }, ...(signIn ? { seed: demoOperators(TEST_DAY) } : {}) },
      });
      const ui = r.ui;
      await ui.waitFor(signIn ? 'Operator code' : 'Scan an item to start a sale');
      await reach(ui);
      const before = r.store.state.sales.count;
      const [inputs] = fc.sample(fc.array(input, { minLength: 1000, maxLength: 1000 }), { seed: 1100 + n, numRuns: 1 });

      // What was going on when a sale started saving: the scan being delivered, the last event, the keys.
      const actor = r.register.actor;
      const send = actor.send.bind(actor);
      let lastEvent: { type: string; code?: string; source?: string } | null = null;
      const eventTypes = new Set<string>();
      actor.send = ((ev: Parameters<typeof send>[0]) => {
        lastEvent = ev as typeof lastEvent;
        eventTypes.add(ev.type);
        send(ev);
      }) as typeof actor.send;
      // Reprinting by number (the ready screen's `.`/F8, F9) is the register's, not a checkout event: count it too.
      const receipts = r.register.receipts;
      const find = receipts.find.bind(receipts);
      receipts.find = (text) => {
        eventTypes.add(text === null ? 'receipts.last' : 'receipts.find');
        return find(text);
      };
      // A receipt scanned opens its return: the return machine's events are the register's too.
      const returns = r.register.returns.actor;
      const sendReturn = returns.send.bind(returns);
      returns.send = ((ev: Parameters<typeof sendReturn>[0]) => {
        eventTypes.add(ev.type);
        sendReturn(ev);
      }) as typeof returns.send;
      const hub = r.register.scans;
      const deliver = hub.deliver.bind(hub);
      let scanning: string | null = null;
      hub.deliver = (scan) => {
        scanning = scan.code;
        try {
          deliver(scan);
        } finally {
          scanning = null;
        }
      };
      const warnings: string[] = [];
      const onWarning = (w: Error) => void warnings.push(w.message);
      process.on('warning', onWarning);
      let prev: string | null = null;
      let current: string | null = null;
      const starts: { scan: string | null; event: string; code?: string; keys: (string | null)[] }[] = [];
      let wasCommitting = false;
      const sub = actor.subscribe((snap) => {
        const now = snap.matches('committing');
        if (now && !wasCommitting) starts.push({ scan: scanning, event: lastEvent?.type ?? '(none)', code: lastEvent?.code, keys: [prev, current] });
        wasCommitting = now;
      });
      for (const i of inputs) {
        prev = current;
        current = label(i);
        if ('key' in i) ui.press(i.key);
        else ui.scan(i.scan);
        // A commit is a real append: let it finish before the next key, as a cashier would wait.
        if (actor.getSnapshot().matches('committing')) await new Promise((res) => setTimeout(res, 1));
      }
      await new Promise((res) => setTimeout(res, 40)); // the last held key and a lone Esc take effect
      sub.unsubscribe();
      process.off('warning', onWarning);
      await r.register.settled();

      // Alive: the machine runs, the UI draws its status bar and still answers a key.
      expect(r.register.actor.getSnapshot().status).toBe('active');
      expect(ui.lines()[0]).toMatch(/^R1 ·/);
      const frames = ui.frame();
      ui.press(KEY.help);
      await ui.waitFor((f) => f !== frames && f.split('\n')[0].startsWith('R1 ·'));

      // The journal verifies.
      const report = await verifyStore(r.dir);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);

      // No sale committed that the test did not pay for.
      for (const c of starts) {
        const what = JSON.stringify(c);
        if (c.scan !== null) expect(c.scan, `a scan started saving a sale: ${what}`).toBe(GIFT);
        else {
          expect(PAY_EVENTS.has(c.event), `not a payment started saving a sale: ${what}`).toBe(true);
          expect(c.keys.some((k) => k !== null && PAY_KEYS.has(k)), `not a tender key started saving a sale: ${what}`).toBe(true);
          // A code typed by hand pays only if it is a gift card (typed "GC…" then Enter).
          if (c.event === 'cart.scan') expect(c.code?.toUpperCase().startsWith('GC'), what).toBe(true);
        }
      }
      const journal = [...readEventsBySeq(r.dir, Array.from({ length: report.lastSeq }, (_, i) => i + 1)).values()];
      const sales = journal.filter((e) => e.type === 'sale.committed').map((e) => (e.data as { sale: { saleId: string; total: number; tenders: { amount: number }[] } }).sale);
      expect(new Set(sales.map((s) => s.saleId)).size).toBe(sales.length);
      for (const s of sales) expect(s.tenders.reduce((a, t) => a + t.amount, 0)).toBeGreaterThanOrEqual(s.total);
      expect(sales.length).toBe(r.store.state.sales.count);
      // Returns a burst took (a receipt scanned, random quantities, Enter) never take back more than was sold.
      const sold = new Map(journal.filter((e) => e.type === 'sale.committed').map((e) => {
        const x = (e.data as { sale: { saleId: string; lines: { id: string; qty: number }[] } }).sale;
        return [x.saleId, new Map(x.lines.map((l) => [l.id, l.qty]))] as const;
      }));
      const back = new Map<string, number>();
      for (const e of journal.filter((x) => x.type === 'return.committed'))
        for (const l of (e.data as ReturnCommitted).return.lines) {
          const k = `${(e.data as ReturnCommitted).return.sale?.saleId} ${l.lineId}`;
          back.set(k, (back.get(k) ?? 0) + l.qty);
        }
      for (const [k, q] of back) expect(q, k).toBeLessThanOrEqual(sold.get(k.split(' ')[0])?.get(k.split(' ')[1]) ?? 0);
      expect(r.store.state.sales.count - before).toBeLessThanOrEqual(starts.length);
      expect(warnings.filter((w) => w.startsWith('key handler')), 'a key handler threw').toEqual([]);
      expect(logged.filter((l) => l.startsWith('scan from')), 'a scan router threw').toEqual([]);
      // The burst did things: the checkout saw many kinds of event (signed out: only sign-in attempts).
      // On the ready screen `.`/F8 opens the reprint prompt, which takes the digits after it as a receipt
      // number (the register's, not a checkout event): the burst there sends fewer kinds.
      if (!signIn && !staysIn) expect(eventTypes.size).toBeGreaterThan(screen === 'ready' ? 2 : 3);
      console.log(`${screen}: ${eventTypes.size} kinds of event, ${starts.length} sales paid, ${r.store.state.sales.count - before} committed`);
    }, 20_000);
  });
});
