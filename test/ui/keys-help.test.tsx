import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { KEY_TABLE, bindingsOn, SCREENS } from '../../src/ui/keys/table.js';
import { keyTableMarkdown, KEYS_DOC_END, KEYS_DOC_START } from '../../src/ui/keys/doc.js';
import { t } from '../../src/i18n/index.js';
import { helpRows } from '../../src/ui/selectors.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

describe('F-keys drive the register on every terminal family', () => {
  for (const term of ['xterm', 'linux', 'vt220', 'tmux'] as const) {
    test(`${term}: F3 quantity, F2 pay, F6 card, F7 exact, F8 last receipt, F9 reprint`, async () => {
      r = await openRegisterUi();
      const ui = r.ui;
      const F = FKEY[term];
      await ui.waitFor('Scan an item to start a sale');
      ui.type('2');
      ui.press(F.f3);
      ui.scan('101');
      await ui.waitFor('TOTAL  $5.00');
      ui.press(F.f2);
      await ui.waitFor('Cash received:');
      ui.type('1');
      ui.press(F.f6);
      ui.type('OK1');
      ui.press(KEY.enter);
      await ui.waitFor('Due $4.00');
      ui.press(F.f7);
      await ui.waitFor('PAID');
      ui.press(F.f8);
      await ui.waitFor('Last receipt R1-000001');
      await r.register.settled();
      ui.press(F.f9);
      await r.register.settled();
      // F9 prints the receipt again as a COPY, a job of its own beside the original.
      expect(r.hardware.printer.jobs.map((j) => j.id)).toEqual(['receipt:R1-000001', 'copy:R1-000001']);
      expect(r.hardware.printer.jobs[1].text.split('\n')[0].trim()).toBe('*** COPY ***');
    });
  }
});

describe('help overlay', () => {
  test('F1 opens it with this screen’s keys first; any other key closes it', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.press(FKEY.xterm.f1);
    const f = await ui.waitFor('Keys  (Arrows scroll, any other key closes)');
    const first = bindingsOn('sale')[0];
    expect(f.split('\n')[2]).toContain(t(first.label));
    ui.press(KEY.enter);
    await ui.waitFor('Espresso');
    // Closing the overlay does not act on the sale.
    expect(r.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  test('? opens it too, and scrolling reaches every key of the table', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.press(KEY.help);
    await ui.waitFor('Keys  (');
    const rows = helpRows('idle', false);
    const seen = new Set<string>(ui.lines());
    // Scroll one row at a time: each press brings the next row to the top until the list ends.
    const visible = ui.lines().length - 5;
    for (let i = 1; i + visible <= rows.length; i++) {
      ui.press(KEY.down);
      const f = await ui.waitFor((fr) => fr.split('\n')[2]?.includes(rows[i].label) === true);
      for (const line of f.split('\n')) seen.add(line);
    }
    const text = [...seen].join('\n');
    for (const b of KEY_TABLE) expect(text, b.action).toContain(t(b.label));
  });
});

describe('the key table', () => {
  test('every action has an F-key or is a plain key, and a plain (keypad or Esc/Enter/arrow) key', () => {
    const byAction = new Map<string, typeof KEY_TABLE[number][]>();
    for (const b of KEY_TABLE) byAction.set(b.action, [...(byAction.get(b.action) ?? []), b]);
    for (const [action, bs] of byAction) {
      const specs = bs.flatMap((b) => b.keys);
      const plain = specs.some((s) => 'ch' in s || 'ctrl' in s || ['enter', 'escape', 'up', 'down', 'left', 'right', 'tab', 'delete', 'pageup', 'pagedown', 'backspace'].includes((s as { key: string }).key));
      expect(plain, action).toBe(true);
      // No letter is ever a shortcut: scanner codes contain letters.
      for (const s of specs) if ('ch' in s) expect(s.ch, action).not.toMatch(/[A-Za-z0-9]/);
    }
  });

  test('no key means two things on one screen', () => {
    for (const screen of SCREENS) {
      const seen = new Map<string, string>();
      for (const b of bindingsOn(screen))
        for (const s of b.keys) {
          const id = JSON.stringify(s);
          expect(seen.get(id) ?? b.action, `${screen} ${id}`).toBe(b.action);
          seen.set(id, b.action);
        }
    }
  });

  test('docs/keys.md holds the generated table', () => {
    const doc = readFileSync(new URL('../../docs/keys.md', import.meta.url), 'utf8');
    const inner = doc.slice(doc.indexOf(KEYS_DOC_START) + KEYS_DOC_START.length, doc.indexOf(KEYS_DOC_END)).trim();
    expect(inner).toBe(keyTableMarkdown());
  });
});

describe('quitting', () => {
  test('Ctrl+Q in a sale is refused with a reason', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.press(KEY.ctrlQ);
    await ui.waitFor('Finish or void the sale before quitting.');
    ui.press(KEY.ctrlC);
    await ui.waitFor('Press Ctrl+C again to quit anyway.');
    ui.press(KEY.down);
    await ui.waitFor('Still here.');
  });
});
