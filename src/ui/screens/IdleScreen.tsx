/**
 * Between sales: the shop, a prompt to scan, and in demo mode a few codes to try: products, then the
 * demo's gift cards and loyalty cards (balance check, stock card, customer), as room allows.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import type { DemoCard } from '../demo-cards.js';
import { center, padEnd, width as cols } from '../text.js';

export interface IdleScreenProps {
  shop: string;
  fmt: Fmt;
  width: number;
  height: number;
  demoCodes: { code: string; name: string }[] | null;
  demoCards?: DemoCard[] | null;
}

export function IdleScreen({ shop, fmt, width, height, demoCodes, demoCards }: IdleScreenProps) {
  // Two columns of "code  name", the block centred as a whole so the codes line up.
  const cells = (demoCodes ?? []).map((d) => `${d.code}  ${fmt.text(d.name)}`);
  const cellW = Math.min(Math.max(0, ...cells.map((c) => cols(c))) + 4, Math.floor(width / 2));
  const demoRows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) demoRows.push(center(padEnd(cells[i], cellW, fmt.ascii) + padEnd(cells[i + 1] ?? '', cellW, fmt.ascii), width, fmt.ascii));
  const productLines = demoCodes ? demoRows.length + 2 : 0;
  // Cards get the rows left after the products: a title, then one card per row.
  const cardRoom = Math.max(0, height - 3 - productLines - 2);
  const cards = (demoCards ?? []).slice(0, Math.max(0, cardRoom - 1));
  const codeW = Math.max(0, ...cards.map((c) => cols(c.code)));
  const cardW = Math.min(width, Math.max(0, ...cards.map((c) => codeW + 2 + cols(c.label))));
  const cardRows = cards.map((c) => center(padEnd(`${padEnd(c.code, codeW)}  ${c.label}`, cardW, fmt.ascii), width, fmt.ascii));
  const lines = productLines + (cards.length ? cards.length + 2 : 0);
  const pad = Math.max(0, Math.floor((height - 3 - lines) / 2));
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
      {cards.length ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text dimColor wrap="truncate">
            {center(fmt.t('ui.idle.demoCards'), width, fmt.ascii)}
          </Text>
          {cardRows.map((r, i) => (
            <Text key={i} wrap="truncate">
              {r}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
