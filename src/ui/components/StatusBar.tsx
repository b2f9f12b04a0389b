/** Top line: shop, register, operator, clock and the three devices, fitted to the width. */
import React from 'react';
import { Text } from 'ink';
import type { DeviceView } from '../selectors.js';
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
}

export function StatusBar({ shop, register, operator, clock, devices, width, ascii }: StatusBarProps) {
  const dot = ascii ? ' | ' : ' · ';
  const right = devices.map((d) => `${d.label} ${d.state}`).join('  ') + '  ' + clock;
  const mandatory = `${register}${dot}${operator}`;
  const room = width - cols(right) - 2;
  // The shop name is shown when it fits; register and operator always are (truncated if need be).
  const withShop = `${shop}${dot}${mandatory}`;
  const left = truncate(cols(withShop) <= room ? withShop : mandatory, Math.max(0, room), ascii);
  const gap = Math.max(1, width - cols(left) - cols(right));
  return (
    <Text wrap="truncate" inverse>
      {left}
      {' '.repeat(gap)}
      {devices.map((d, i) => (
        <Text key={d.label} inverse color={d.tone === 'ok' ? undefined : TONE_COLOR[d.tone]}>
          {(i ? '  ' : '') + `${d.label} ${d.state}`}
        </Text>
      ))}
      {'  ' + clock}
    </Text>
  );
}
