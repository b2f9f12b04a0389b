/** An amount in the 5-row block font, or in bold on one line when it does not fit. */
import React from 'react';
import { Box, Text } from 'ink';
import { bigLines } from '../big-text.js';

export interface BigAmountProps {
  text: string;
  width: number;
  ascii: boolean;
  color?: string;
  /** Rows available; below 5 the amount is drawn on one line. */
  rows?: number;
}

export function BigAmount({ text, width, ascii, color, rows = 5 }: BigAmountProps) {
  const big = rows >= 5 ? bigLines(text, width, ascii) : null;
  if (!big) {
    return (
      <Text bold color={color} wrap="truncate">
        {text}
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      {big.map((line, i) => (
        <Text key={i} color={color} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
