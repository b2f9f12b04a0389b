/**
 * Customer search as you type: phone digits, name words or a card number. The attached customer (if
 * any) is on top; results below, the selected one highlighted. Enter attaches, F2 creates.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import type { CustomerRow } from '../loyalty-view.js';
import { padEnd, padStart, width as cols } from '../text.js';

export interface CustomerSearchProps {
  query: string;
  rows: CustomerRow[];
  sel: number;
  attached: { name: string; card: string } | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export function CustomerSearch({ query, rows, sel, attached, fmt, width, height }: CustomerSearchProps) {
  const i = Math.max(0, Math.min(sel, rows.length - 1));
  const h = { name: fmt.t('ui.search.name'), phone: fmt.t('ui.search.phone'), card: fmt.t('ui.search.card'), tier: fmt.t('ui.search.tier'), points: fmt.t('ui.search.points') };
  const w = (xs: string[], head: string) => Math.max(cols(head), ...xs.map(cols));
  const phoneW = w(rows.map((r) => r.phone), h.phone);
  const cardW = w(rows.map((r) => r.card), h.card);
  const tierW = w(rows.map((r) => r.tier), h.tier);
  const pointsW = w(rows.map((r) => r.points), h.points);
  // Two spaces between the columns: a phone, a card number and a points count are all digits.
  const nameW = Math.max(8, width - 2 - phoneW - cardW - tierW - pointsW - 8);
  const pointer = fmt.ascii ? '> ' : '▶ ';
  const row = (m: string, name: string, phone: string, card: string, tier: string, points: string) =>
    m + padEnd(name, nameW, fmt.ascii) + '  ' + padEnd(phone, phoneW, fmt.ascii) + '  ' + padEnd(card, cardW) + '  ' + padEnd(tier, tierW, fmt.ascii) + '  ' + padStart(points, pointsW);
  const empty = !query.trim() ? fmt.t('ui.search.typeToSearch') : fmt.t('ui.search.none', { query: fmt.text(query) });
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd(fmt.t('ui.search.title'), width, fmt.ascii)}
      </Text>
      <Text wrap="truncate" color="cyan">
        {attached ? fmt.t('ui.search.attached', { name: attached.name, card: attached.card }) : ' '}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor wrap="truncate">
          {empty}
        </Text>
      ) : (
        <Box flexDirection="column">
          <Text bold wrap="truncate">
            {row('  ', h.name, h.phone, h.card, h.tier, h.points)}
          </Text>
          {rows.map((r, k) => (
            <Text key={r.id} inverse={k === i} color={r.blocked ? 'red' : undefined} wrap="truncate">
              {row(k === i ? pointer : '  ', r.blocked ? fmt.t('ui.paren', { text: r.name, inner: fmt.t('ui.customer.blocked') }) : r.name, r.phone, r.card, r.tier, r.points)}
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
