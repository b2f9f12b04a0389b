/** One line of key hints, generated from the key table; a "hot" key (a reward is affordable) stands out. */
import React from 'react';
import { Text } from 'ink';
import type { HintItem } from '../selectors.js';

export function HintBar({ items, text }: { items: HintItem[]; text: (s: string) => string }) {
  if (!items.some((i) => i.hot)) {
    return (
      <Text wrap="truncate" dimColor>
        {items.map((i) => text(i.text)).join('  ')}
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      {items.map((i, k) => (
        <Text key={k}>
          {k ? '  ' : ''}
          {i.hot ? (
            <Text bold inverse color="yellow">
              {text(i.text)}
            </Text>
          ) : (
            <Text dimColor>{text(i.text)}</Text>
          )}
        </Text>
      ))}
    </Text>
  );
}
