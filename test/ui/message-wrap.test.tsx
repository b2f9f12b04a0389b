/**
 * A long message wraps onto a second line instead of being cut (issue 11 verification at 80x24):
 * the reprint prompt's RECEIPT_UNKNOWN in every language is on screen whole, the frame still fits
 * the terminal (rows - 1, no line wider than the columns), and the prompt stays under it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { expectFits } from '../support/fit.js';
import { TEST_DAY } from '../support/register-fixture.js';
import { demoConfig, demoExtras, demoProducts } from '../../src/admin/demo-store.js';
import { LANGUAGES, setLanguage, translate } from '../../src/i18n/index.js';
import { wrapLines, width } from '../../src/ui/text.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
  setLanguage('en');
});

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('wrapLines', () => {
  it('breaks at the last space that fits, keeps every word, cuts only past the last line', () => {
    expect(wrapLines('aaa bbb ccc', 7, 2)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLines('aaa bbb ccc', 8, 2)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLines('short', 80, 2)).toEqual(['short']);
    expect(wrapLines('aaaa bbbb cccc dddd', 9, 2)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(wrapLines('aaaa bbbb cccc dddd eeee', 9, 2)).toEqual(['aaaa bbbb', 'cccc ddd…']);
    // No spaces (Chinese): broken at the column, a wide character never split.
    const zh = '小票不是本店开出的请核对号码';
    const lines = wrapLines(zh, 9, 2);
    expect(lines).toEqual([zh.slice(0, 4), `${zh.slice(4, 8)}…`]);
    for (const l of lines) expect(width(l)).toBeLessThanOrEqual(9);
    expect(wrapLines('a\u001b[2Jb', 10, 2)).toEqual(['a[2Jb']);
  });
});

describe.each(LANGUAGES)('%s at 80x24', (lang) => {
  it('RECEIPT_UNKNOWN on the reprint prompt is on screen whole (two lines when longer than 80 columns), and the frame fits', async () => {
    const config = demoConfig(lang);
    ui = await openRegisterUi({ columns: 80, rows: 24, fixture: { config, products: demoProducts(lang), seed: demoExtras(TEST_DAY, lang) } });
    const app = ui.ui;
    const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    await app.waitFor(tr('ui.entry.code'));
    app.press(KEY.lastReceipt);
    await app.waitFor(tr('ui.entry.reprint'));
    app.type('999');
    app.press(KEY.enter);
    const text = tr('error.RECEIPT_UNKNOWN', { receipt: '999' });
    const frame = await app.waitFor((f) => squash(f).includes(squash(text)));
    expect(frame).not.toContain('…');
    // Adjacent lines carry it (two where it is wider than the terminal), the prompt right under them.
    const want = wrapLines(text, 80, 2);
    expect(want).toHaveLength(width(text) > 80 ? 2 : 1);
    expect(want.join(' ')).toBe(text);
    const lines = app.lines();
    const first = lines.findIndex((l) => l.trimEnd() === want[0]);
    expect(first, frame).toBeGreaterThan(0);
    want.forEach((w, i) => expect(lines[first + i].trimEnd()).toBe(w));
    expect(lines[first + want.length]).toContain(tr('ui.entry.reprint'));
    expectFits(app, 80, 24, `${lang} RECEIPT_UNKNOWN`);
    expect(lines.length).toBe(23);
  });
});
