/**
 * The lines where the machine and the keyboard talk to the cashier: errors red, the rest not. A
 * message can carry catalog, customer or device text in its params, so its lines come from
 * wrapLines (text.ts: control characters stripped, at most MESSAGE_MAX_ROWS lines, the last cut
 * with "…"), whichever path built it. The App gives the body one row less while a message takes two.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { MessageView } from '../selectors.js';
import { wrapLines } from '../text.js';
import { TONE_COLOR } from './tone.js';

/** Rows a long message may take: the second comes out of the body, never out of the terminal. */
export const MESSAGE_MAX_ROWS = 2;

/** The message's screen lines at `cols` columns (one blank line when there is none). */
export const messageRows = (message: MessageView | null, cols: number, ascii = false): string[] =>
  message ? wrapLines(message.text, cols, MESSAGE_MAX_ROWS, ascii) : [' '];

export function MessageLine({ message, lines }: { message: MessageView | null; lines: string[] }) {
  if (!message) return <Text> </Text>;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" color={TONE_COLOR[message.tone]} bold={message.tone === 'error'}>
          {l}
        </Text>
      ))}
    </Box>
  );
}
