/** The last receipt as printed (plain-text rendering), scrollable. */
import React from 'react';
import { Box, Text } from 'ink';
import { t, toAscii } from '../../i18n/index.js';
import { width as cols } from '../text.js';

export interface ReceiptScreenProps {
  receiptNo: string;
  lines: readonly string[];
  top: number;
  width: number;
  height: number;
  ascii: boolean;
  /** Heading (default "Last receipt R1-000042"). */
  title?: string;
}

export function ReceiptScreen({ receiptNo, lines, top, width, height, ascii, title }: ReceiptScreenProps) {
  const rows = Math.max(1, height - 1);
  const first = Math.max(0, Math.min(top, Math.max(0, lines.length - rows)));
  const paperW = Math.max(0, ...lines.map(cols));
  const indent = ' '.repeat(Math.max(0, Math.floor((width - paperW) / 2)));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {(ascii ? toAscii : String)(title ?? t('ui.receipt.title', { receiptNo }))}
        {lines.length > rows ? `  (${first + 1}-${Math.min(first + rows, lines.length)}/${lines.length})` : ''}
      </Text>
      {lines.slice(first, first + rows).map((l, i) => (
        <Text key={first + i} wrap="truncate">
          {indent + l}
        </Text>
      ))}
    </Box>
  );
}
