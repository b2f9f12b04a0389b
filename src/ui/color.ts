/**
 * How many colours the register's terminal shows, decided by the register rather than by chalk's
 * own sniffing. chalk (inside Ink) gives up colour as soon as ANY `CI` variable is set — `CI=false`
 * included — and it does not read `NO_COLOR`. A kiosk's environment is not a CI run: the levels here
 * follow the terminal and the two standard switches only.
 *
 * - `NO_COLOR` set and not empty (https://no-color.org): no colour, bold or inverse at all.
 * - `FORCE_COLOR`: 0 (off), 1 (16 colours), 2 (256), 3 (true colour); `true`/empty mean 1.
 * - Not a terminal, or `TERM=dumb`: none.
 * - The Linux console (`TERM=linux`) and other terminals: 16 colours; `*-256color`: 256;
 *   `COLORTERM=truecolor|24bit`: true colour.
 */
import chalk from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(env: Record<string, string | undefined>, stream: { isTTY?: boolean }): ColorLevel {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === 'false' || force === '0') return 0;
    if (force === '' || force === 'true' || force === '1') return 1;
    if (force === '2') return 2;
    if (force === '3') return 3;
  }
  if (stream.isTTY !== true) return 0;
  const term = env.TERM ?? '';
  if (term === 'dumb') return 0;
  const colorterm = (env.COLORTERM ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 3;
  if (/-256(color)?$/.test(term)) return 2;
  return 1;
}

/** Sets the level Ink draws with (chalk's one shared instance) and returns the level it replaced. */
export function applyColorLevel(level: ColorLevel): ColorLevel {
  const before = chalk.level as ColorLevel;
  chalk.level = level;
  return before;
}
