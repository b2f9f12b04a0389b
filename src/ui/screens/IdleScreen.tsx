/** Between sales: the shop, a prompt to scan, and in demo mode a few codes to try. */
import React from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import { center, padEnd, width as cols } from '../text.js';

export interface IdleScreenProps {
  shop: string;
  fmt: Fmt;
  width: number;
  height: number;
  demoCodes: { code: string; name: string }[] | null;
}

export function IdleScreen({ shop, fmt, width, height, demoCodes }: IdleScreenProps) {
  const lines = demoCodes ? Math.ceil(demoCodes.length / 2) + 2 : 0;
  const pad = Math.max(0, Math.floor((height - 3 - lines) / 2));
  // Two columns of "code  name", the block centred as a whole so the codes line up.
  const cells = (demoCodes ?? []).map((d) => `${d.code}  ${fmt.text(d.name)}`);
  const cellW = Math.min(Math.max(0, ...cells.map((c) => cols(c))) + 4, Math.floor(width / 2));
  const demoRows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) demoRows.push(center(padEnd(cells[i], cellW, fmt.ascii) + padEnd(cells[i + 1] ?? '', cellW, fmt.ascii), width, fmt.ascii));
  return (
    <Box flexDirection="column" height={height} width={width}>
      {pad > 0 ? <Box height={pad} /> : null}
      <Text bold wrap="truncate">
        {center(fmt.text(shop), width, fmt.ascii)}
      </Text>
      <Text> </Text>
      <Text color="cyan" wrap="truncate">
        {center(fmt.t('ui.idle.prompt'), width, fmt.ascii)}
      </Text>
      {demoCodes ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text dimColor wrap="truncate">
            {center(fmt.t('ui.idle.demo'), width, fmt.ascii)}
          </Text>
          {demoRows.map((r, i) => (
            <Text key={i} wrap="truncate">
              {r}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
