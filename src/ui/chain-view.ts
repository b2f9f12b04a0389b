/**
 * The chain on the status line (docs/chain.md): `online`, or `offline since 14:02, 12 sales to send`
 * with a short form for narrow screens. Pure: from Register.chainStatus() (null: the register stands
 * alone and nothing is shown).
 */
import type { ChainStatus } from '../sync/chain-link.js';
import { t } from '../i18n/index.js';
import { clockText, type Tone } from './selectors.js';

export interface ChainView {
  full: string;
  short: string;
  tone: Tone;
}

export function chainView(s: ChainStatus | null, locale: string, ascii: boolean): ChainView | null {
  if (!s) return null;
  if (s.online) {
    const text = t('ui.chain.online');
    return { full: text, short: text, tone: 'ok' };
  }
  const time = s.offlineSince ? clockText(new Date(s.offlineSince), locale, ascii) : '?';
  return { full: t('ui.chain.offline', { time, count: s.salesToSend }), short: t('ui.chain.offlineShort', { time, count: s.salesToSend }), tone: 'warn' };
}
