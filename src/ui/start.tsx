/**
 * Entry point of the terminal UI: renders the register with Ink and resolves when the cashier quits.
 * On a TTY the UI takes the alternate screen, so quitting gives the terminal back as it was.
 */
import React from 'react';
import { render } from 'ink';
import type { Register } from '../register.js';
import { setLanguage } from '../i18n/index.js';
import { App } from './App.js';
import { applyColorLevel, colorLevel } from './color.js';

export interface StartUiOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Demo mode: the idle screen shows a few codes to type. */
  demo?: boolean;
  /** Closes the UI from outside (SIGTERM, tests); startUi then resolves as if the cashier quit. */
  signal?: AbortSignal;
  /** Route console.* output above the UI instead of through it (default true). */
  patchConsole?: boolean;
}

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';

export async function startUi(register: Register, opts: StartUiOptions = {}): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  setLanguage(register.config.language);
  const alt = stdout.isTTY === true;
  // Colour, bold and inverse as the terminal can show them, whatever CI variables say (color.ts).
  const colours = applyColorLevel(colorLevel(process.env, stdout));
  if (alt) stdout.write(ALT_SCREEN_ON);
  const instance = render(<App register={register} demo={opts.demo === true} />, {
    stdin,
    stdout,
    // Ctrl+C is a key of the register (it asks before dropping an open sale).
    exitOnCtrlC: false,
    patchConsole: opts.patchConsole ?? true,
  });
  const stop = () => instance.unmount();
  opts.signal?.addEventListener('abort', stop, { once: true });
  if (opts.signal?.aborted) stop();
  try {
    await instance.waitUntilExit();
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    instance.cleanup();
    if (alt) stdout.write(ALT_SCREEN_OFF);
    applyColorLevel(colours);
  }
}
