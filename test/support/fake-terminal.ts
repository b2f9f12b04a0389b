/**
 * Stand-ins for process.stdin/stdout when a test runs startUi itself (the harness in render-app.tsx
 * covers the App; these cover the entry point: raw mode, quitting, no-TTY).
 */
import { EventEmitter } from 'node:events';
import { stripAnsi } from './render-app.js';

/** A terminal's keyboard: raw mode supported; `write` delivers a chunk as a TTY read would. */
export class FakeTtyStdin extends EventEmitter {
  isTTY = true;
  rawMode = false;
  private data: string | null = null;
  write(chunk: string): void {
    this.data = chunk;
    this.emit('readable');
    this.emit('data', chunk);
  }
  read(): string | null {
    const d = this.data;
    this.data = null;
    return d;
  }
  setRawMode(on: boolean): this {
    this.rawMode = on;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
}

/** A screen of a given size that records everything written to it. */
export class FakeStdout extends EventEmitter {
  output = '';
  constructor(
    public columns = 80,
    public rows = 24,
    public isTTY = false,
  ) {
    super();
  }
  write(s: string): boolean {
    this.output += s;
    return true;
  }
  /** Everything written so far, without escape sequences. */
  text(): string {
    return stripAnsi(this.output).replace(/\x1b\[\?[0-9;]*[hl]/g, '');
  }
  async waitFor(text: string, timeout = 4000): Promise<void> {
    const until = Date.now() + timeout;
    while (!this.text().includes(text)) {
      if (Date.now() > until) throw new Error(`screen never showed "${text}"; got:\n${this.text().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
