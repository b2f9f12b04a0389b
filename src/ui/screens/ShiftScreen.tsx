/**
 * The shift overlay: what the open shift holds so far and the menu (open, cash in/out, no sale, X,
 * close), or the X/Z report as printed, scrollable. Money comes formatted from the shift service's
 * own figures; nothing is computed here.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import { SHIFT_ITEMS, type ShiftOverlay } from '../input/shift-keys.js';
import type { ShiftView } from '../../shift-service.js';
import { width as cols } from '../text.js';
import { formatDateTime } from '../../i18n/index.js';

export interface ShiftScreenProps {
  overlay: ShiftOverlay;
  shift: ShiftView | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export function ShiftScreen({ overlay, shift, fmt, width, height }: ShiftScreenProps) {
  if (overlay.step === 'report') {
    const rows = Math.max(1, height - 1);
    const first = Math.max(0, Math.min(overlay.top, Math.max(0, overlay.lines.length - rows)));
    const paperW = Math.max(0, ...overlay.lines.map(cols));
    const indent = ' '.repeat(Math.max(0, Math.floor((width - paperW) / 2)));
    return (
      <Box flexDirection="column" height={height} width={width}>
        <Text bold wrap="truncate">
          {fmt.t('ui.shift.report')}
          {overlay.lines.length > rows ? `  (${first + 1}-${Math.min(first + rows, overlay.lines.length)}/${overlay.lines.length})` : ''}
        </Text>
        {overlay.lines.slice(first, first + rows).map((l, i) => (
          <Text key={first + i} wrap="truncate">
            {indent + fmt.text(l)}
          </Text>
        ))}
      </Box>
    );
  }
  const summary = shift
    ? fmt.t('ui.shift.open', {
        at: formatDateTime(shift.openedAt, fmt.locale, fmt.ascii),
        by: fmt.text(shift.openedByName ?? shift.openedBy),
        float: fmt.money(shift.float),
        sales: shift.sales.count,
        total: fmt.money(shift.sales.total),
        cash: fmt.money(shift.expectedCash),
      })
    : fmt.t('ui.shift.none');
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color="cyan" wrap="truncate">
        {fmt.t('ui.shift.title')}
      </Text>
      <Text wrap="wrap">{summary}</Text>
      <Text> </Text>
      {SHIFT_ITEMS.map((item, i) => {
        const selected = i === overlay.sel;
        return (
          <Text key={item} inverse={selected} bold={overlay.item === item} wrap="truncate">
            {`${selected ? '▶' : ' '} ${fmt.t(`ui.shift.item.${item}`)}`.replace('▶', fmt.ascii ? '>' : '▶')}
          </Text>
        );
      })}
    </Box>
  );
}
