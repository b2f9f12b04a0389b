/** The one line where the machine and the keyboard talk to the cashier: errors red, the rest not. */
import React from 'react';
import { Text } from 'ink';
import type { MessageView } from '../selectors.js';
import { TONE_COLOR } from './tone.js';

export function MessageLine({ message }: { message: MessageView | null }) {
  if (!message) return <Text> </Text>;
  return (
    <Text wrap="truncate" color={TONE_COLOR[message.tone]} bold={message.tone === 'error'}>
      {message.text}
    </Text>
  );
}
