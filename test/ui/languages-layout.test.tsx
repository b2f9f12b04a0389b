/**
 * Layout in every language (issue 13): the sale with a loyalty customer, the customer search, the
 * payment and the paid screens of each language's demo store, at 80x24 and 120x40 — no line longer
 * than the terminal (CJK counted as two columns), the total never cut; and the Linux console's ASCII
 * mode in each language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { expectFits } from '../support/fit.js';
import { TEST_DAY } from '../support/register-fixture.js';
import { demoConfig, demoExtras, demoGiftCards, demoLocale, demoMemberCards, demoProducts } from '../../src/admin/demo-store.js';
import { LANGUAGES, setLanguage, translate } from '../../src/i18n/index.js';
import { formatMoney } from '../../src/i18n/format.js';
import { toAscii } from '../../src/i18n/ascii.js';
import { width } from '../../src/ui/text.js';
import { currency } from '../../src/domain/money.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
  setLanguage('en');
});

const SIZES: [number, number][] = [
  [80, 24],
  [120, 40],
];

async function open(lang: string, columns: number, rows: number, ascii = false) {
  const config = demoConfig(lang);
  ui = await openRegisterUi({
    columns,
    rows,
    fixture: { config: { ...config, display: { ascii } }, products: demoProducts(lang), seed: demoExtras(TEST_DAY, lang) },
  });
  return ui;
}

describe.each(LANGUAGES)('%s', (lang) => {
  const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const l = demoLocale(lang);
  const money = (m: number) => formatMoney(m, l.config.currency, { locale: l.config.locale });

  it.each(SIZES)('sale, customer, payment and paid screens fit %i x %i', async (columns, rows) => {
    const { ui: app, register } = await open(lang, columns, rows);
    await app.waitFor(tr('ui.entry.code'));
    app.scan('101');
    app.scan('201');
    app.type('3');
    app.press('*');
    app.scan('301');
    app.scan(demoMemberCards()[1]);
    await app.waitFor(l.members[1][0]);
    await app.waitFor(l.program.name);
    const total = register.actor.getSnapshot().context.priced.total;
    // The total is never cut: its label and the whole amount on one line.
    const sale = app.frame();
    expect(sale.split('\n').some((line) => line.includes(`${tr('ui.totals.total')}  ${money(total)}`)), sale).toBe(true);
    expectFits(app, columns, rows, `${lang} sale`);

    app.press(KEY.ctrlF);
    await app.waitFor(tr('ui.entry.search'));
    app.type(l.members[0][0].slice(0, 3));
    await app.waitFor(l.members[0][0]);
    expectFits(app, columns, rows, `${lang} customer search`);
    app.press(KEY.escape);
    await app.waitFor(tr('ui.entry.code'));

    app.press('+');
    await app.waitFor(`${tr('ui.tender.dueLabel')} ${money(total)}`);
    expectFits(app, columns, rows, `${lang} payment`);
    // 5 in cash first (5 ₫, ¥5.00, 5,00 ₽, $5.00), the gift card pays the rest.
    const five = 5 * 10 ** currency(l.config.currency).exponent;
    app.type('5');
    app.press(KEY.enter);
    await app.waitFor(`${tr('ui.tender.dueLabel')} ${money(total - five)}`);
    expectFits(app, columns, rows, `${lang} payment with cash`);
    app.scan(`GC${demoGiftCards().active}`);
    await app.waitFor(tr('ui.paid.title'));
    const paid = app.frame();
    expect(paid).toContain(tr('receipt.tender.giftcard'));
    expect(paid).toContain(money(total));
    expectFits(app, columns, rows, `${lang} paid`);
  });

  it('the customer panel at 80 columns keeps whole phrases: what the sale earns, the next tier, points expiring — none cut with "…"', async () => {
    const { ui: app } = await open(lang, 80, 24);
    await app.waitFor(tr('ui.entry.code'));
    app.scan('101');
    app.scan('201');
    app.scan(demoMemberCards()[0]);
    await app.waitFor(l.program.name);
    const lines = app.frame().split('\n');
    const at = lines.findIndex((line) => line.includes(l.members[0][0]));
    expect(lines[at + 1], app.frame()).not.toContain('…');
    expect(lines[at + 1]).toContain(tr('ui.customer.thisSale', { points: '' }).trim().replace(/[:：]$/, '').slice(0, 4));
    expectFits(app, 80, 24, `${lang} customer panel`);
  });

  it('the Linux console (display.ascii): pure ASCII and no line too long, at 80 x 24', async () => {
    const { ui: app } = await open(lang, 80, 24, true);
    await app.waitFor(toAscii(tr('ui.entry.code')));
    app.scan('101');
    app.scan('109');
    app.scan(demoMemberCards()[1]);
    await app.waitFor(toAscii(l.members[1][0]));
    for (const line of app.lines()) expect(line, line).toMatch(/^[\x20-\x7e]*$/);
    expectFits(app, 80, 24, `${lang} ascii sale`);
    app.press('+');
    await app.waitFor(toAscii(tr('ui.tender.dueLabel')));
    for (const line of app.lines()) expect(line, line).toMatch(/^[\x20-\x7e]*$/);
    expectFits(app, 80, 24, `${lang} ascii payment`);
  });
});

describe('CJK on screen', () => {
  it('a Chinese name takes two columns per character and the columns still line up', async () => {
    const { ui: app } = await open('zh', 80, 24);
    await app.waitFor('扫码或输入条码：');
    app.scan('101');
    app.scan('405');
    const f = await app.waitFor('红烧牛肉面');
    const rows = f.split('\n').filter((line) => line.includes('美式咖啡') || line.includes('红烧牛肉面'));
    expect(rows).toHaveLength(2);
    // Every row is exactly the terminal's width, and the quantity stands in the same column whatever
    // the width of the name before it (4 and 5 characters: 8 and 10 columns).
    expect(rows.map((r) => width(r))).toEqual([80, 80]);
    const qtyColumn = (r: string) => width(r.slice(0, r.search(/ 1 +¥/) + 2));
    expect(qtyColumn(rows[1])).toBe(qtyColumn(rows[0]));
  });

  it('long Russian words are cut at the column, not pushing the amounts out', async () => {
    const { ui: app } = await open('ru', 80, 24);
    await app.waitFor('Скан или код:');
    app.scan('302');
    app.scan('501');
    await app.waitFor('Молоко');
    const rows = app.lines().filter((line) => /Минеральная|Молоко/.test(line));
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatch(/₽$/);
    expectFits(app, 80, 24, 'ru long names');
  });

  it('the hint bar drops keys from its end before it would wrap, and keeps Help', async () => {
    for (const lang of LANGUAGES) {
      const { ui: app } = await open(lang, 80, 24);
      await app.waitFor(translate(lang, 'ui.entry.code'));
      app.scan('101');
      await app.waitFor(demoLocale(lang).items[0][1]);
      const hints = app.lines().at(-1)!;
      expect(width(hints), `${lang}: ${hints}`).toBeLessThanOrEqual(80);
      expect(hints, lang).toContain(`?/F1 ${translate(lang, 'ui.hint.help')}`);
      expect(hints, lang).toContain(translate(lang, 'ui.hint.pay'));
      await ui!.close();
      ui = null;
    }
  });
});

// Keep FKEY referenced for readers looking for the F-key spelling of Ctrl+F (F12).
void FKEY;
