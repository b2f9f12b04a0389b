/**
 * The screen's language: the shop's `language`, the signed-in operator's own, or the one picked with
 * the language key (kept until sign-out). Receipts keep the shop's language whoever is at the till.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY, FKEY } from '../support/keys.js';
import { operatorEvent, shopOperators } from '../operators/support.js';
import { setLanguage } from '../../src/i18n/index.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
  setLanguage('en');
});

const olga = () => ({ ...operatorEvent('olga', 'Ольга', 'cashier', '4321'), data: { operator: { ...operatorEvent('olga', 'Ольга', 'cashier', '4321').data.operator, language: 'ru' } } });

async function signIn(app: Ui['ui'], code: string, pin: string, after: string) {
  app.type(code);
  app.press(KEY.enter);
  app.type(pin);
  app.press(KEY.enter);
  await app.waitFor(after);
}

describe('screen language', () => {
  it('follows the shop\'s language setting', async () => {
    ui = await openRegisterUi({ fixture: { config: { language: 'vi' } } });
    await ui.ui.waitFor('Quét hoặc nhập mã:');
    expect(ui.ui.frame()).toContain('Quét sản phẩm để bắt đầu bán');
  });

  it('follows the signed-in operator; the receipt stays in the shop\'s language', async () => {
    ui = await openRegisterUi({ fixture: { seed: [...shopOperators(), olga()] } });
    const app = ui.ui;
    await app.waitFor('Operator code or badge:');
    app.type('olga');
    app.press(KEY.enter);
    // The PIN prompt already speaks the operator's language.
    await app.waitFor('Ольга, введите ПИН:');
    app.type('4321');
    app.press(KEY.enter);
    await app.waitFor('Скан или код:');
    app.scan('101');
    await app.waitFor('Espresso');
    expect(app.frame()).toContain('ИТОГ');
    app.press('+');
    await app.waitFor('К оплате $2.50');
    app.press('+');
    await app.waitFor('ОПЛАЧЕНО');
    await ui.register.settled();
    const job = ui.hardware.printer.jobs.at(-1)!;
    expect(job.text).toContain('TOTAL');
    expect(job.text).toContain('Cashier: Ольга');
    expect(job.text).not.toContain('ИТОГ');
    // Locked, the till still speaks Olga's language; signed out, the shop's again.
    app.press(KEY.escape);
    await app.waitFor('Скан или код:');
    app.press(KEY.ctrlL);
    await app.waitFor('Заблокировал(а): Ольга');
    app.press(KEY.ctrlL);
    await app.waitFor('Operator code or badge:');
  });

  it('the language key on the sign-in screen switches until sign-out; every language is listed in its own words', async () => {
    ui = await openRegisterUi({ fixture: { seed: shopOperators() } });
    const app = ui.ui;
    await app.waitFor('Operator code or badge:');
    expect(app.frame()).toContain('F2  [English]  Tiếng Việt  简体中文  Русский');
    app.press(FKEY.xterm.f2);
    await app.waitFor('Mã nhân viên hoặc thẻ:');
    expect(app.frame()).toContain('Ngôn ngữ màn hình: Tiếng Việt.');
    expect(app.frame()).toContain('[Tiếng Việt]');
    app.press(KEY.ctrlO);
    await app.waitFor('工号或工牌：');
    app.press(KEY.ctrlO, KEY.ctrlO);
    await app.waitFor('Operator code or badge:');
    app.press(KEY.ctrlO, KEY.ctrlO, KEY.ctrlO);
    await app.waitFor('Код кассира или бейдж:');
    // Anna has no language of her own: the one picked stays through sign-in and lock.
    await signIn(app, 'anna', '1234', 'Скан или код:');
    app.press(KEY.ctrlL);
    await app.waitFor('Заблокировал(а): Anna');
    app.type('1234');
    app.press(KEY.enter);
    await app.waitFor('Скан или код:');
    app.press(KEY.ctrlL);
    await app.waitFor('Заблокировал(а): Anna');
    app.press(KEY.ctrlL);
    await app.waitFor('Operator code or badge:');
    expect(ui.register.screenLanguage()).toBe('en');
  });

  it('the key also works between sales, and is not a key of the sale screen', async () => {
    ui = await openRegisterUi();
    const app = ui.ui;
    await app.waitFor('Scan or type a code:');
    app.press(KEY.ctrlO);
    await app.waitFor('Quét hoặc nhập mã:');
    app.scan('101');
    await app.waitFor('Espresso');
    app.press(KEY.ctrlO);
    await app.waitFor('Espresso');
    expect(app.frame()).toContain('TỔNG CỘNG');
    expect(ui.register.screenLanguage()).toBe('vi');
  });
});
