import { afterEach, expect, test, vi } from 'vitest';

// As in start.test.tsx: Ink must not be in its CI mode for a live terminal render.
vi.hoisted(() => {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});
import { startUi } from '../../src/ui/start.js';
import { colorLevel } from '../../src/ui/color.js';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { FakeStdout, FakeTtyStdin } from '../support/fake-terminal.js';
import { KEY } from '../support/keys.js';

let reg: TestRegister | undefined;
const saved = { ...process.env };
afterEach(async () => {
  for (const k of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'TERM', 'COLORTERM']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await reg?.close();
  reg = undefined;
});

const INVERSE = '\x1b[7m';
const RED = '\x1b[31m';
const BOLD = '\x1b[1m';

test('colour levels follow the terminal and NO_COLOR / FORCE_COLOR, never a CI variable', () => {
  const tty = { isTTY: true };
  expect(colorLevel({ TERM: 'xterm-256color', CI: 'false' }, tty)).toBe(2);
  expect(colorLevel({ TERM: 'xterm-256color', CI: 'true' }, tty)).toBe(2);
  expect(colorLevel({ TERM: 'linux' }, tty)).toBe(1);
  expect(colorLevel({ TERM: 'xterm', COLORTERM: 'truecolor' }, tty)).toBe(3);
  expect(colorLevel({ TERM: 'xterm-256color', NO_COLOR: '1' }, tty)).toBe(0);
  expect(colorLevel({ TERM: 'xterm-256color', NO_COLOR: '' }, tty)).toBe(2);
  expect(colorLevel({ TERM: 'dumb' }, tty)).toBe(0);
  expect(colorLevel({ TERM: 'xterm' }, { isTTY: false })).toBe(0);
  expect(colorLevel({ FORCE_COLOR: '0', TERM: 'xterm' }, tty)).toBe(0);
  expect(colorLevel({ FORCE_COLOR: '1' }, { isTTY: false })).toBe(1);
});

async function drawAndRefuse(): Promise<string> {
  reg = await createTestRegister();
  const stdin = new FakeTtyStdin();
  const stdout = new FakeStdout(80, 24, true);
  const ctl = new AbortController();
  const done = startUi(reg.register, { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, signal: ctl.signal, patchConsole: false });
  await stdout.waitFor('Scan an item to start a sale');
  // An error for the message line: a code no product has.
  for (const ch of '99999') stdin.write(ch);
  stdin.write(KEY.enter);
  await stdout.waitFor('99999');
  await stdout.waitFor('No product');
  ctl.abort();
  await done;
  return stdout.output;
}

test('a terminal with CI=true in the environment still shows the inverse status bar and the red, bold error', async () => {
  process.env.CI = 'true';
  process.env.TERM = 'xterm-256color';
  delete process.env.NO_COLOR;
  delete process.env.FORCE_COLOR;
  const out = await drawAndRefuse();
  expect(out).toContain(INVERSE);
  // The error line: red and bold around the cashier's message.
  expect(out).toMatch(new RegExp(`(${esc(RED)}${esc(BOLD)}|${esc(BOLD)}${esc(RED)})[^\\x1b]*No product`));
});

test('NO_COLOR turns colour, bold and inverse off', async () => {
  process.env.TERM = 'xterm-256color';
  process.env.NO_COLOR = '1';
  const out = await drawAndRefuse();
  expect(out).toContain('No product');
  expect(out).not.toContain(INVERSE);
  expect(out).not.toContain(RED);
});

const esc = (s: string) => s.replace(/[[\]\\^$.*+?()|{}]/g, '\\$&');
