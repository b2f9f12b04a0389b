/**
 * The one line where the machine and the keyboard talk to the cashier: errors red, the rest not. A
 * message can carry catalog, customer or device text in its params, so it is one screen line with
 * control characters stripped (text-safety.ts), whichever path built it.
 */
import React from 'react';
import { Text } from 'ink';
import type { MessageView } from '../selectors.js';
import { sanitizeLine } from '../../domain/text-safety.js';
import { TONE_COLOR } from './tone.js';

export function MessageLine({ message }: { message: MessageView | null }) {
  if (!message) return <Text> </Text>;
  return (
    <Text wrap="truncate" color={TONE_COLOR[message.tone]} bold={message.tone === 'error'}>
      {sanitizeLine(message.text)}
    </Text>
  );
}
