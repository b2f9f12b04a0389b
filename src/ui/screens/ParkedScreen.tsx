/**
 * The parked sales waiting to be recalled (Ctrl+P between sales): number, time parked, who parked
 * it, line count and total; a sale recalled before and never finished (the register stopped in
 * between) says so. Enter recalls the selected one, - discards it (a second keystroke confirms).
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import { clockText, type Fmt } from '../selectors.js';
import type { ParkedView } from '../../park-service.js';
import { scrollTop } from '../cart-table.js';
import { padEnd, padStart, width as cols } from '../text.js';

export interface ParkedScreenProps {
  rows: readonly ParkedView[];
  sel: number;
  fmt: Fmt;
  width: number;
  height: number;
}

/** Title and column header. */
const CHROME = 2;

export function ParkedScreen({ rows, sel, fmt, width, height }: ParkedScreenProps) {
  const topRef = useRef(0);
  const i = Math.max(0, Math.min(sel, rows.length - 1));
  const pointer = fmt.ascii ? '> ' : '▶ ';
  const cells = rows.map((r) => ({
    no: `#${r.no}`,
    time: clockText(new Date(r.at), fmt.locale, fmt.ascii),
    who: fmt.text(r.operator.name),
    lines: fmt.t('ui.parked.lines', { count: r.lines }),
    total: fmt.money(r.total),
    note: r.interrupted ? fmt.t('ui.parked.interrupted', { time: clockText(new Date(r.interrupted.at), fmt.locale, fmt.ascii) }) : '',
  }));
  const h = { no: fmt.t('ui.parked.no'), time: fmt.t('ui.parked.time'), who: fmt.t('ui.parked.operator'), lines: fmt.t('ui.parked.lineCount'), total: fmt.t('ui.parked.total') };
  const w = (k: keyof typeof h) => Math.max(cols(h[k]), ...cells.map((c) => cols(c[k])));
  const noW = w('no');
  const timeW = w('time');
  const linesW = w('lines');
  const totalW = w('total');
  const whoW = Math.max(6, Math.min(w('who'), width - 2 - noW - timeW - linesW - totalW - 4));
  const line = (m: string, c: { no: string; time: string; who: string; lines: string; total: string }) =>
    m + padEnd(c.no, noW, fmt.ascii) + ' ' + padEnd(c.time, timeW, fmt.ascii) + ' ' + padEnd(c.who, whoW, fmt.ascii) + ' ' + padStart(c.lines, linesW) + ' ' + padStart(c.total, totalW);
  const visible = Math.max(1, height - CHROME);
  const top = scrollTop(topRef.current, i, visible, rows.length);
  topRef.current = top;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd(fmt.t('ui.parked.title', { count: rows.length }), width, fmt.ascii)}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor wrap="truncate">
          {fmt.t('ui.notice.noParked')}
        </Text>
      ) : (
        <Text bold wrap="truncate">
          {line('  ', h)}
        </Text>
      )}
      {cells.slice(top, top + visible).map((c, k) => {
        const at = top + k;
        return (
          <Text key={rows[at].parkId} inverse={at === i} wrap="truncate">
            {line(at === i ? pointer : '  ', c) + (c.note ? `  ${c.note}` : '')}
          </Text>
        );
      })}
    </Box>
  );
}
