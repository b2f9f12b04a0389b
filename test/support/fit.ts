/** Layout checks shared by the UI tests: the frame fits the terminal (columns and rows - 1). */
import { expect } from 'vitest';
import { width } from '../../src/ui/text.js';
import type { AppHarness } from './render-app.js';

export function expectFits(ui: AppHarness, cols: number, rows: number, what: string): void {
  const lines = ui.lines();
  expect(lines.length, `${what}: height`).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(width(l), `${what}: "${l}"`).toBeLessThanOrEqual(cols);
}

/** Rows of the cart table (a pointer or two spaces, a name, money at the end). */
export const cartRows = (frame: string): number => frame.split("\n").filter((l) => /^(▶ | {2})\S.*\s\d+\s+\$\d+\.\d\d\s+\$\d+\.\d\d$/.test(l)).length;
