/**
 * The quick-key grid: one page of up to 20 favourites in 4 columns x 5 rows, each cell its key (a
 * digit or a letter), its label and its price, so 80x24 shows a whole page. Pressing a key adds the
 * item and the grid stays open for the next; the sale's total is shown under it.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { QuickKeyPage } from '../../domain/quick-keys.js';
import type { Fmt } from '../selectors.js';
import { productPrice } from './ProductSearch.js';
import { padEnd } from '../text.js';

export interface QuickKeysScreenProps {
  pages: readonly QuickKeyPage[];
  page: number;
  /** The sale's total so far, formatted, or null when no sale is open. */
  total: string | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export const QUICK_COLUMNS = 4;

export function QuickKeysScreen({ pages, page, total, fmt, width, height }: QuickKeysScreenProps) {
  const p = pages[Math.max(0, Math.min(page, pages.length - 1))];
  const keys = p?.keys ?? [];
  const cellW = Math.floor(width / QUICK_COLUMNS);
  const rows: (typeof keys)[] = [];
  for (let i = 0; i < keys.length; i += QUICK_COLUMNS) rows.push(keys.slice(i, i + QUICK_COLUMNS));
  // Each cell: "[1] Label" over its price; a blank line between rows while there is room.
  const gap = 3 + rows.length * 3 <= height;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd(fmt.t('ui.quick.title', { title: fmt.text(p?.title ?? '') }), width, fmt.ascii)}
      </Text>
      {rows.map((r, ri) => (
        <Box key={ri} flexDirection="column">
          <Text wrap="truncate">
            {r.map((k) => (
              <Text key={k.key}>
                <Text bold inverse>{` ${k.key.toUpperCase()} `}</Text>
                {padEnd(` ${fmt.text(k.label)}`, cellW - 3, fmt.ascii)}
              </Text>
            ))}
          </Text>
          <Text wrap="truncate" dimColor>
            {r.map((k) => padEnd(`    ${productPrice(k.product, fmt)}`, cellW, fmt.ascii)).join('')}
          </Text>
          {gap ? <Text> </Text> : null}
        </Box>
      ))}
      <Text wrap="truncate" dimColor>
        {fmt.t('ui.quick.pages', { page: Math.min(page, pages.length - 1) + 1, pages: pages.length })}
      </Text>
      {total !== null ? (
        <Text wrap="truncate" bold>
          {fmt.t('ui.quick.sale', { total })}
        </Text>
      ) : null}
    </Box>
  );
}
