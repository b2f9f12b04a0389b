/** One line of key hints, generated from the key table. */
import React from 'react';
import { Text } from 'ink';

export function HintBar({ text }: { text: string }) {
  return (
    <Text wrap="truncate" dimColor>
      {text}
    </Text>
  );
}
