/**
 * Top line: shop, register, operator, the chain (when the register is on one), the three devices and
 * the clock, fitted to the width. Register and operator always show; the shop name when it fits. With
 * a chain, narrower screens first take the chain's short form, then show devices that are fine by
 * their name alone (a device with a problem always shows its state), so `offline 14:02, 12 to send`
 * fits 80 columns in every language.
 */
import React from 'react';
import { Text } from 'ink';
import type { DeviceView } from '../selectors.js';
import type { ChainView } from '../chain-view.js';
import { width as cols, truncate } from '../text.js';
import { TONE_COLOR } from './tone.js';

export interface StatusBarProps {
  shop: string;
  register: string;
  operator: string;
  clock: string;
  devices: DeviceView[];
  width: number;
  ascii: boolean;
  chain?: ChainView | null;
}

const deviceText = (d: DeviceView, compact: boolean) => (compact && d.tone === 'ok' ? d.label : `${d.label} ${d.state}`);

/** The status line's parts at this width (pure; the line is `left`, `gap` spaces, then `right`). */
export function fitStatus({ shop, register, operator, clock, devices, width, ascii, chain = null }: StatusBarProps) {
  const dot = ascii ? ' | ' : ' · ';
  const mandatory = `${register}${dot}${operator}`;
  const rightOf = (chainText: string | null, compact: boolean) => (chainText ? chainText + '  ' : '') + devices.map((d) => deviceText(d, compact)).join('  ') + '  ' + clock;
  // The widest layout that leaves register and operator whole.
  const layouts: [string | null, boolean][] = chain ? [[chain.full, false], [chain.short, false], [chain.full, true], [chain.short, true]] : [[null, false]];
  const [chainText, compact] = layouts.find(([c, k]) => width - cols(rightOf(c, k)) - 2 >= cols(mandatory)) ?? layouts[layouts.length - 1];
  const right = rightOf(chainText, compact);
  const room = width - cols(right) - 2;
  const withShop = `${shop}${dot}${mandatory}`;
  const left = truncate(cols(withShop) <= room ? withShop : mandatory, Math.max(0, room), ascii);
  return { left, gap: Math.max(1, width - cols(left) - cols(right)), chainText, compact, right };
}

export function StatusBar(props: StatusBarProps) {
  const { devices, clock, chain = null } = props;
  const { left, gap, chainText, compact } = fitStatus(props);
  return (
    <Text wrap="truncate" inverse>
      {left}
      {' '.repeat(gap)}
      {chainText !== null && chain ? (
        <Text inverse color={chain.tone === 'ok' ? undefined : TONE_COLOR[chain.tone]}>
          {chainText + '  '}
        </Text>
      ) : null}
      {devices.map((d, i) => (
        <Text key={d.label} inverse color={d.tone === 'ok' ? undefined : TONE_COLOR[d.tone]}>
          {(i ? '  ' : '') + deviceText(d, compact)}
        </Text>
      ))}
      {'  ' + clock}
    </Text>
  );
}
