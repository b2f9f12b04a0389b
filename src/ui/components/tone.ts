import type { Tone } from '../selectors.js';

/** Terminal colours per tone: readable on the Linux console's 8 colours as well as in xterm. */
export const TONE_COLOR: Record<Tone, string> = { error: 'red', warn: 'yellow', info: 'cyan', ok: 'green' };
