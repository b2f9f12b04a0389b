/**
 * The rule under a scrolled list: `width` columns of rule with, centred, how many rows are above and
 * below the visible page (nothing when all fit). Shared by the return and no-receipt return screens.
 */
import type { Fmt } from './selectors.js';
import { width as cols } from './text.js';

export function scrollRule(above: number, below: number, width: number, fmt: Fmt): string {
  const rule = fmt.ascii ? '-' : '─';
  const [up, down] = fmt.ascii ? ['^', 'v'] : ['▲', '▼'];
  const more = [above ? `${up} ${fmt.t('ui.cart.above', { count: above })}` : '', below ? `${down} ${fmt.t('ui.cart.below', { count: below })}` : ''].filter(Boolean).join('  ');
  const marker = more ? ` ${more} ` : '';
  const ruleLine = rule.repeat(Math.max(0, Math.floor((width - cols(marker)) / 2))) + marker;
  return ruleLine + rule.repeat(Math.max(0, width - cols(ruleLine)));
}
