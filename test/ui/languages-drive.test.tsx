/**
 * What the issue-13 acceptance drive in tmux found at 80x24 (docs/languages.md), driven the way the
 * drive did it on the Russian and Vietnamese demo stores: a quantity and a price never run together
 * ("1 150,00 ₽" read as 1 150 roubles), a gift card's expiry is written the locale's way, "2*" sent
 * as one burst (tmux, a paste) is the next scan's quantity on the sale and on the exchange screen, the
 * approving manager's name and the points given back are never cut, and the return receipt writes
 * its points as the locale writes numbers and names a gift card as a card, not an approval code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { TEST_DAY } from '../support/register-fixture.js';
import { operatorEvent } from '../operators/support.js';
import { demoConfig, demoExtras, demoGiftCards, demoMemberCards, demoProducts } from '../../src/admin/demo-store.js';
import type { MockHardware } from '../../hardware/index.js';
import { width } from '../../src/ui/text.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
});

/** The Russian demo store with its cashier (1, PIN 1234) and manager (2, PIN 9999), signed in. */
async function russian(): Promise<Ui> {
  ui = await openRegisterUi({
    columns: 80,
    rows: 24,
    fixture: {
      config: demoConfig('ru'),
      products: demoProducts('ru'),
      seed: [...demoExtras(TEST_DAY, 'ru'), operatorEvent('1', 'Ирина Петрова', 'cashier', '1234'), operatorEvent('2', 'Сергей Волков', 'manager', '9999')],
    },
  });
  const app = ui.ui;
  await app.waitFor('Код кассира или бейдж:');
  app.type('1');
  app.press(KEY.enter);
  await app.waitFor('Ирина Петрова, введите ПИН:');
  app.type('1234');
  app.press(KEY.enter);
  await app.waitFor('Скан или код:');
  return ui;
}

const fits = (frame: string) => frame.split('\n').every((l) => width(l) <= 80);
/** The frame with the locale's no-break spaces ("2 250,00 ₽") as plain ones, for readable patterns. */
const plain = (frame: string) => frame.replace(/[\u00a0\u202f]/g, ' ');

describe('the Russian demo at 80x24', () => {
  it('sale: "2*" as one burst is the next scan\'s quantity; two spaces between a quantity and a price', async () => {
    const u = await russian();
    const app = u.ui;
    app.scan('101');
    app.press('2*'); // one chunk, as tmux send-keys delivers it: a burst types "*" as text
    await app.waitFor('Скан или код: 2*');
    app.scan('301');
    const f = plain(await app.waitFor('Вода'));
    expect(f).toMatch(/Вода «Святой Источник» 0,5 л\s+2 {2,}45,00 ₽ {2,}90,00 ₽/);
    expect(f).toMatch(/Эспрессо\s+1 {2,}150,00 ₽ {2,}150,00 ₽/);
    expect(f).not.toContain('2*');
    expect(u.register.actor.getSnapshot().context.priced.lines.map((l) => l.qty)).toEqual([1, 2]);
    // Units, not lines: "Товаров", and what the sale earns "за чек".
    app.scan(demoMemberCards()[1]);
    const c = plain(await app.waitFor('Иванов Дмитрий'));
    expect(c).toContain('Товаров: 3');
    expect(c).toMatch(/За чек: до \+\d+ балл/);
    expect(c).toContain('Скидка по грейду «Золотой»');
    expect(fits(c)).toBe(true);
  });

  it('the gift card\'s balance screen writes its expiry as 03.12.2027, not 2027-12-03', async () => {
    const u = await russian();
    const app = u.ui;
    app.scan(`GC${demoGiftCards().active}`);
    const f = plain(await app.waitFor('БАЛАНС'));
    const [y, m, d] = ['2026', '03', '14'];
    expect(f).toContain(`Действует до ${d}.${m}.${y}`);
    expect(f).not.toMatch(/\d{4}-\d\d-\d\d/);
  });

  it('a return of a sale paid with points, the gift card and cash: whole notes, the manager whole, the receipt in Russian numbers', async () => {
    const u = await russian();
    const app = u.ui;
    app.scan(demoMemberCards()[1]);
    await app.waitFor('Иванов Дмитрий');
    app.type('3');
    app.press('*');
    app.scan('703');
    app.scan('101');
    await app.waitFor('Эспрессо');
    // 3 x 990 + 150 less 10 %: 2 808 ₽; 500 points off, then the gift card (2 250,00 ₽) and the rest in cash.
    app.press(FKEY.xterm.f6);
    await app.waitFor('Оплата баллами');
    app.press(KEY.enter);
    await app.waitFor('Сколько баллов списать');
    app.type('500');
    app.press(KEY.enter);
    await app.waitFor('Бонус «Оплата баллами» добавлен в чек.');
    app.press('+');
    await app.waitFor('Получено наличными:');
    app.scan(`GC${demoGiftCards().active}`);
    const t = plain(await app.waitFor('Подарочной картой'));
    expect(t).toMatch(/Подарочной картой\s+2 250,00 ₽ {2}карта \*{4}/);
    app.press('+');
    await app.waitFor('ОПЛАЧЕНО');
    const sale = u.register.actor.getSnapshot().context.lastSale!.receiptNo;
    app.press(KEY.enter);
    await app.waitFor('Скан или код:');
    app.scan(`R${sale}`);
    await app.waitFor(`чек ${sale} от`);
    app.press('*'); // everything comes back
    const r = plain(await app.waitFor('новый баланс'));
    expect(r).toContain(', кассир Ирина Петрова');
    // The points note is read in full, over a second row when it needs one: never "1 00…".
    const notes = r.split('\n').filter((l) => l.includes('Бонусная программа') || l.startsWith('    '));
    expect(notes.map((l) => l.trim()).join(' ')).toMatch(/новый баланс \d[\d ]* балл/);
    for (const l of notes) expect(l).not.toContain('…');
    expect(fits(r)).toBe(true);
    app.press(KEY.enter);
    await app.waitFor('ПИН менеджера:');
    app.type('9999');
    app.press(KEY.enter);
    const done = plain(await app.waitFor('ДЕНЬГИ ВОЗВРАЩЕНЫ'));
    expect(done).toContain('Менеджер: Сергей Волков');
    expect(done).not.toMatch(/Сергей Во…|Менеджер: …/);
    expect(fits(done)).toBe(true);
    await u.register.settled();
    const jobs = (u.hardware as MockHardware).printer.jobs;
    const text = plain(jobs[jobs.length - 1].text);
    expect(text).toContain(`По чеку ${sale} от`);
    expect(text).toMatch(/ {2}Карта: \*{4}/);
    expect(text).not.toContain('Код авт.');
    expect(text).toMatch(/Баланс баллов\s+1 \d{3}/);
    expect(text).toContain('Менеджер: Сергей Волков');
  });

  it('exchange without a receipt: "3*" as one burst is three of the new item; the manager\'s name is whole', async () => {
    const u = await russian();
    const app = u.ui;
    app.press(FKEY.xterm.f5);
    await app.waitFor('БЕЗ ЧЕКА');
    app.scan('101');
    await app.waitFor(/К ВОЗВРАТУ\s+150,00\s₽/);
    app.press(KEY.tab);
    await app.waitFor('ОБМЕН');
    app.press('3*');
    await app.waitFor('полученные наличные: 3*');
    app.scan('201');
    const f = plain(await app.waitFor('Пирожок с капустой'));
    expect(f).toMatch(/Пирожок с капустой\s+65,00 ₽\s+3 {2,}195,00 ₽/);
    expect(f).toMatch(/К ДОПЛАТЕ\s+45,00 ₽/);
    app.press(FKEY.xterm.f8); // exactly what is due, in cash
    await app.waitFor(/Наличными\s+45,00\s₽/);
    app.press(KEY.enter);
    await app.waitFor('ПИН менеджера:');
    app.type('9999');
    app.press(KEY.enter);
    const done = plain(await app.waitFor('ОБМЕН ПРОВЕДЁН'));
    expect(done).toContain('Менеджер: Сергей Волков');
    expect(fits(done)).toBe(true);
  });
});
