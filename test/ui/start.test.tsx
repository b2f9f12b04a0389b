import { PassThrough } from 'node:stream';
import { afterEach, expect, test, vi } from 'vitest';

// These tests drive a real Ink render on a fake terminal. Ink switches to "CI mode" (only the final
// frame) when a CI variable is set at load time, as it is on the CI machine; `till start` takes those
// variables out of its process on a real terminal (src/admin/run.ts), and so does this test, before
// Ink is imported. (Never CI=false: chalk reads any CI variable as "no colour".)
vi.hoisted(() => {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});
import { startUi } from '../../src/ui/start.js';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { FakeStdout, FakeTtyStdin } from '../support/fake-terminal.js';
import { KEY } from '../support/keys.js';

let reg: TestRegister;
afterEach(async () => reg?.close());

const asStdin = (s: unknown) => s as NodeJS.ReadStream;
const asStdout = (s: unknown) => s as NodeJS.WriteStream;

test('startUi resolves when the cashier quits with Ctrl+Q between sales; raw mode is released', async () => {
  reg = await createTestRegister();
  const stdin = new FakeTtyStdin();
  const stdout = new FakeStdout(80, 24, true);
  const done = startUi(reg.register, { stdin: asStdin(stdin), stdout: asStdout(stdout), demo: true, patchConsole: false });
  await stdout.waitFor('Demo: type a code and press Enter:');
  expect(stdin.rawMode).toBe(true);
  // A TTY gets the alternate screen, and gets it back on quit.
  expect(stdout.output.startsWith('\x1b[?1049h')).toBe(true);
  stdin.write('101\r');
  await stdout.waitFor('Espresso');
  stdin.write(KEY.ctrlQ);
  await stdout.waitFor('Finish or void the sale before quitting.');
  stdin.write(KEY.void);
  stdin.write(KEY.enter);
  await stdout.waitFor('Sale voided.');
  stdin.write(KEY.ctrlQ);
  await done;
  expect(stdin.rawMode).toBe(false);
  expect(stdout.output.endsWith('\x1b[?1049l')).toBe(true);
});

test('off a TTY the register renders read-only instead of crashing; a signal closes it', async () => {
  reg = await createTestRegister();
  const stdin = new PassThrough();
  const stdout = new FakeStdout(80, 24, false);
  const ctl = new AbortController();
  const done = startUi(reg.register, { stdin: asStdin(stdin), stdout: asStdout(stdout), signal: ctl.signal, patchConsole: false });
  await stdout.waitFor('Read-only: this terminal has no keyboard input.');
  expect(stdout.text()).toContain('Scan an item to start a sale');
  // Sales can still arrive from a scanner device; the screen follows the machine.
  reg.register.actor.send({ type: 'cart.scan', code: '101', source: 'hid' });
  await stdout.waitFor('Espresso');
  ctl.abort();
  await done;
});
