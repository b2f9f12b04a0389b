import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { createWedgeDetector } from '../../src/ui/keys/wedge.js';
import { decodeKeys } from '../../src/ui/keys/decode.js';

type R = Awaited<ReturnType<typeof openRegisterUi>>;
let r: R | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('keyboard wedge: a burst is a scan, a person is typing', () => {
  const run = (text: string, ms: number, cfg = {}) => {
    const w = createWedgeDetector(cfg);
    const out = [];
    let t = 0;
    for (const k of decodeKeys(text)) {
      out.push(...w.push(k, t));
      t += ms;
    }
    out.push(...w.flush());
    return out;
  };
  test('same characters: 5 ms apart one scan, 120 ms apart keys', () => {
    expect(run('4006381333931\r', 5)).toEqual([{ kind: 'scan', code: '4006381333931', at: 65 }]);
    const slow = run('304\r', 120);
    expect(slow.map((o) => (o.kind === 'key' ? o.key.name : 'scan'))).toEqual(['char', 'char', 'char', 'enter']);
  });
  test('too short is typing; Tab ends a scan; prefix and suffix are stripped whatever the timing', () => {
    expect(run('12\r', 1).some((o) => o.kind === 'scan')).toBe(false);
    expect(run('4006381333931\t', 2)).toEqual([{ kind: 'scan', code: '4006381333931', at: 26 }]);
    expect(run('~12345#\r', 200, { prefix: '~', suffix: '#' })).toEqual([{ kind: 'scan', code: '12345', at: 1200 }]);
  });
});

describe('one routing table: a scan on every screen', () => {
  /** The demo register with an Espresso on the sale. */
  const withEspresso = async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    return ui;
  };
  const atTender = async () => {
    const ui = await withEspresso();
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    return ui;
  };

  test('payment screen: a burst of a product code goes back to the sale and adds it, never cash', async () => {
    const ui = await atTender();
    ui.wedge('304\r', 5);
    await ui.waitFor((f) => f.includes('Scan or type a code:') && /Items: 2/.test(f));
    expect(r!.register.actor.getSnapshot().context.tenders).toEqual([]);
  });

  test('payment screen: the same characters typed slowly are cash', async () => {
    const ui = await atTender();
    ui.type('5');
    ui.press(KEY.enter);
    await ui.waitFor('PAID');
    expect(r!.register.actor.getSnapshot().context.lastSale!.tenders[0].given).toBe(500);
  });

  test('with a payment on the sale a product scan says why it cannot be added', async () => {
    const ui = await atTender();
    ui.type('1');
    ui.press(KEY.enter);
    await ui.waitFor('Due');
    ui.scan('304');
    await ui.waitFor('Payments are on the sale');
    expect(r!.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  test('help and the void question close; the scan adds the item', async () => {
    const ui = await withEspresso();
    ui.press(KEY.void);
    await ui.waitFor('Void the whole sale?');
    ui.scan('102');
    await ui.waitFor('Cappuccino');
    expect(r!.register.actor.getSnapshot().context.cart.lines).toHaveLength(2);
    ui.press(KEY.help);
    ui.scan('101');
    await ui.waitFor((f) => f.includes('Scan or type a code:') && /Items: 3/.test(f));
  });

  test('customer search: a product scan is not search text; it closes the search and adds the item', async () => {
    const ui = await withEspresso();
    ui.press(KEY.ctrlF);
    await ui.waitFor('Find customer');
    ui.scan('102');
    await ui.waitFor('Cappuccino');
    expect(ui.frame()).not.toContain('Find customer');
  });
});
