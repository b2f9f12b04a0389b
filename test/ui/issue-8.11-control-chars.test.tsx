/**
 * Issue 8.11: control characters are stripped again where a screen line or a receipt is laid out.
 * The import refuses them, so here they reach the store the other way: in the events the store was
 * seeded with (as a hand-made journal event would carry them). A product name with ESC p (drawer
 * kick), GS V (cut), ESC [ 2J (clear screen) and CSI, and a customer name with ESC [ 31m: the frame
 * holds no escape but Ink's own styling, and the receipt bytes carry no ESC p and only the receipt's
 * own cut.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi, stripAnsi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { demoExtras, demoMemberCards, demoProducts } from '../../src/admin/demo-store.js';
import { createTestRegister, TEST_DAY } from '../support/register-fixture.js';
import { sanitizeLine } from '../../src/domain/text-safety.js';
import { runHeadless } from '../../src/headless/driver.js';
import { PassThrough } from 'node:stream';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const EVIL = 'Evil\x1bp\x00\x19\xfa cut\x1dV\x00\x1b[2J\x9b31m!';
const EVIL_CUSTOMER = 'Lan\x1b[31m Nguyen\x07';
const products = [...demoProducts(), { sku: 'EVIL', barcodes: ['7777'], name: EVIL, price: 300, category: 'x', taxClass: 'standard' }];
/** The demo's loyalty data with the first customer's name carrying an escape sequence. */
const seed = demoExtras(TEST_DAY).map((e) => {
  const d = e.data as { customer?: { name: string } };
  return e.type === 'customer.created' && d.customer?.name === 'Lan Nguyen' ? { ...e, data: { ...d, customer: { ...d.customer, name: EVIL_CUSTOMER } } } : e;
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').match(/../g)!.join(' ');
const count = (b: Uint8Array, seq: string) => hex(b).split(seq).length - 1;
/** Ink's own styling (SGR: ESC [ … m) is the only escape a frame may hold. */
const SGR = /\x1b\[[0-9;]*m/g;

describe('issue 8.11 control characters from the store never reach the screen or the printer', () => {
  test('screen frame: the sale and tender screens show the names without any control character', async () => {
    r = await openRegisterUi({ fixture: { products, seed } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(demoMemberCards()[0]);
    ui.scan('7777');
    const f = await ui.waitFor('cutV');
    expect(f).toContain(sanitizeLine(EVIL));
    expect(f).toContain('Lan[31m Nguyen');
    for (const frame of [ui.rawFrame()]) {
      expect(frame.replace(SGR, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      expect(frame).not.toContain('\x1bp');
      expect(frame).not.toContain('\x1d');
    }
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    expect(ui.rawFrame().replace(SGR, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    ui.type('10');
    ui.press(KEY.enter);
    await ui.waitFor('PAID');
    expect(ui.rawFrame().replace(SGR, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    ui.press(KEY.lastReceipt);
    const rec = await ui.waitFor('Last receipt R1-000001');
    expect(rec).toContain(sanitizeLine(EVIL));
    expect(ui.rawFrame().replace(SGR, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);

    // Receipt bytes (hardware/printer/escpos.ts through the printer): no drawer kick, one cut, the receipt's own.
    const [job] = r.hardware.printer.jobs;
    expect(job.text).toContain(sanitizeLine(EVIL));
    expect(count(job.bytes, '1b 70')).toBe(0);
    expect(count(job.bytes, '1d 56')).toBe(1);
    expect(hex(job.bytes.slice(job.bytes.lastIndexOf(0x1d)))).toMatch(/^1d 56/);
    expect(count(job.bytes, '1b 5b')).toBe(0);
    expect(count(job.bytes, '07')).toBe(0);
  });

  test('headless: names in lines, customer and search results are clean strings', async () => {
    const t = await createTestRegister({ products, seed });
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => (out += d));
    const done = runHeadless(t.register, { input, output });
    const cmds = [{ cmd: 'scan', code: demoMemberCards()[0] }, { cmd: 'scan', code: '7777' }, { cmd: 'customer_search', query: 'nguyen' }, { cmd: 'scan', code: '7777', qty: 500 }];
    for (const c of cmds) input.write(`${JSON.stringify(c)}\n`);
    input.end();
    await done;
    await t.close();
    const replies = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(replies[1].state.lines[0].name).toBe(sanitizeLine(EVIL));
    expect(replies[1].state.customer.name).toBe('Lan[31m Nguyen');
    expect(replies[2].customers[0].name).toBe('Lan[31m Nguyen');
    // The quantity question names the product (CONFIRM_QTY): clean in the reply and in state.confirm.
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'CONFIRM_QTY' }, state: { confirm: { code: 'CONFIRM_QTY', params: { name: sanitizeLine(EVIL) } } } });
    expect(replies[3].state.confirm.text).toContain(sanitizeLine(EVIL));
    expect(out).not.toMatch(/\\u00(1[0-9a-f]|0[0-9a-f]|7f|9[0-9a-f])/i);
  });
});
