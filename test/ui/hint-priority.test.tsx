/**
 * The hint bar's priority (docs/keys.md "The hint bar"): at 80 columns the sale screen keeps Ctrl+P
 * Park ahead of Enter Scan, F7 Balance and Void (the entry line and help cover those); the keys
 * kept stay in table order, the help key last. Where even that does not fit (Vietnamese, Russian
 * before a customer is attached) Park is on the help screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { hintLine, helpRows } from '../../src/ui/selectors.js';
import { LANGUAGES, setLanguage, translate } from '../../src/i18n/index.js';
import { width } from '../../src/ui/text.js';
import { toAscii } from '../../src/i18n/ascii.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
  setLanguage('en');
});

describe('hint bar priority', () => {
  it('the sale at 80 columns: Ctrl+P Park is on the bar, Scan/Balance/Void give way; wide, all of them in table order', () => {
    setLanguage('en');
    expect(hintLine('sale', 80)).toBe('*/F3 Qty  -/F4 Remove  +/F2 Pay  F12 Customer  Ctrl+P Park  ?/F1 Help');
    expect(hintLine('sale', 80, undefined, { customer: true })).toBe('Enter Scan  */F3 Qty  -/F4 Remove  +/F2 Pay  F6 Rewards  Ctrl+P Park  ?/F1 Help');
    expect(hintLine('sale', 200)).toBe('Enter Scan  */F3 Qty  -/F4 Remove  +/F2 Pay  F12 Customer  F7 Balance  Ctrl+K Find  Ctrl+E Quick  //F5 Void  Ctrl+P Park  ?/F1 Help');
    // Other screens keep table order: the payment screen is as before.
    expect(hintLine('tender', 80)).toBe('Enter Cash  +/F7 Exact  */F6 Card  -/F4 Remove  Esc Back  //F5 Void  ?/F1 Help');
  });

  it.each(LANGUAGES)('%s: the bar fits 80 columns; Park is on it or, where it is not, on the help screen', (lang) => {
    setLanguage(lang);
    const park = `Ctrl+P ${translate(lang, 'ui.hint.park')}`;
    for (const customer of [false, true]) {
      const line = hintLine('sale', 80, undefined, { customer });
      expect(width(line)).toBeLessThanOrEqual(80);
      if (customer || lang === 'en' || lang === 'zh') expect(line).toContain(park);
    }
    // Measured as drawn: ASCII mode's transliteration ("Otlozhit'") is longer and still fits.
    const ascii = toAscii(hintLine('sale', 80, undefined, { customer: true, shown: toAscii }));
    expect(width(ascii), ascii).toBeLessThanOrEqual(80);
    expect(helpRows('sale', false).some((r) => r.keys === 'Ctrl+P' && r.label === translate(lang, 'ui.key.park'))).toBe(true);
  });

  it('on screen: the sale at 80x24 shows Ctrl+P Park and Ctrl+P parks', async () => {
    ui = await openRegisterUi({ columns: 80, rows: 24 });
    const app = ui.ui;
    await app.waitFor('Scan an item to start a sale');
    app.scan('101');
    const f = await app.waitFor('Ctrl+P Park');
    expect(f.split('\n').at(-1)).toContain('Ctrl+P Park  ?/F1 Help');
    app.press(KEY.ctrlP);
    await app.waitFor('Sale parked as #1.');
  });
});
