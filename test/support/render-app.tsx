/**
 * The one render harness for the register UI (ink-testing-library). It sizes the fake terminal,
 * sends keys, and waits for frames: `waitFor` polls the last frame until a condition holds or a
 * timeout passes — tests never sleep a fixed time.
 */
import React, { useEffect, useState } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import type { Register } from '../../src/register.js';
import { KEY } from './keys.js';
import { createTestRegister, type TestRegister } from './register-fixture.js';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
export const stripAnsi = (s: string): string => s.replace(ANSI, '');

export type FrameCondition = string | RegExp | ((frame: string) => boolean);

export interface AppHarness {
  /** The last frame without colours. */
  frame(): string;
  /** The last frame with its ANSI styling (inverse marks the selected line). */
  rawFrame(): string;
  lines(): string[];
  waitFor(cond: FrameCondition, opts?: { timeout?: number }): Promise<string>;
  /** Sends each argument as its own chunk, the way separate keystrokes arrive. */
  press(...keys: string[]): void;
  /** Types text one character per chunk (a person at the keyboard). */
  type(text: string): void;
  /** A keyboard-wedge scanner: the code and Enter in one burst. */
  scan(code: string): void;
  /** A keyboard-wedge scanner typing `text` (with its own Enter) one key per chunk, `msPerKey` apart. */
  wedge(text: string, msPerKey?: number): void;
  /** Moves the harness's key clock on (a pause of the person at the keyboard). */
  advance(ms: number): void;
  resize(columns: number, rows: number): void;
  unmount(): void;
}

function setSize(stdout: object, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
}

const matches = (frame: string, cond: FrameCondition): boolean =>
  typeof cond === 'string' ? frame.includes(cond) : cond instanceof RegExp ? cond.test(frame) : cond(frame);

/** Mounts the App only once the fake terminal has its size, so no frame is drawn at the default width. */
function Host({ register, demo, gate, clock }: { register: Register; demo?: boolean; gate: { open?: () => void }; clock?: () => number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    gate.open = () => setReady(true);
  }, [gate]);
  return ready ? <App register={register} demo={demo} clock={clock} /> : null;
}

export function renderApp(register: Register, opts: { columns?: number; rows?: number; demo?: boolean; clock?: () => number } = {}): AppHarness {
  const gate: { open?: () => void } = {};
  // Key timings tell a scanner from a person (src/ui/keys/wedge.ts). The harness keeps its own clock:
  // a keystroke of press()/type() comes a person's 150 ms after the one before, a scan() is one burst.
  let now = 1_000_000;
  const clock = opts.clock ?? (() => now);
  const person = () => {
    now += 150;
  };
  const r = render(<Host register={register} demo={opts.demo} gate={gate} clock={clock} />);
  setSize(r.stdout, opts.columns ?? 80, opts.rows ?? 24);
  if (!gate.open) throw new Error('render harness: the host did not mount');
  gate.open();
  const frame = () => stripAnsi(r.lastFrame() ?? '');
  return {
    frame,
    rawFrame: () => r.lastFrame() ?? '',
    lines: () => frame().split('\n'),
    async waitFor(cond, { timeout = 4000 } = {}) {
      const until = Date.now() + timeout;
      for (;;) {
        const f = frame();
        if (matches(f, cond)) return f;
        if (Date.now() > until) throw new Error(`frame did not show ${String(cond)} within ${timeout} ms; last frame:\n${f}`);
        await new Promise((res) => setTimeout(res, 5));
      }
    },
    press(...keys) {
      for (const k of keys) {
        person();
        r.stdin.write(k);
      }
    },
    type(text) {
      for (const ch of text) {
        person();
        r.stdin.write(ch);
      }
    },
    scan(code) {
      person();
      r.stdin.write(code + KEY.enter);
    },
    wedge(text, msPerKey = 5) {
      person();
      for (const ch of text) {
        r.stdin.write(ch);
        now += msPerKey;
      }
    },
    advance(ms) {
      now += ms;
    },
    resize(columns, rows) {
      setSize(r.stdout, columns, rows);
      r.stdout.emit('resize');
    },
    unmount() {
      r.unmount();
      r.cleanup();
    },
  };
}

/** A register on a temp store with mock devices, rendered; `close()` unmounts and removes the store. */
export async function openRegisterUi(
  opts: { columns?: number; rows?: number; demo?: boolean; clock?: () => number; fixture?: Parameters<typeof createTestRegister>[0] } = {},
): Promise<TestRegister & { ui: AppHarness }> {
  const reg = await createTestRegister(opts.fixture);
  const ui = renderApp(reg.register, opts);
  const close = reg.close;
  return {
    ...reg,
    ui,
    async close() {
      ui.unmount();
      await close();
    },
  };
}
