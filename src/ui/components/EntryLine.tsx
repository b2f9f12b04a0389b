/** What the cashier is typing, with its purpose and any pending quantity. */
import React from 'react';
import { Text } from 'ink';
import type { EntryView } from '../selectors.js';

export function EntryLine({ entry, interactive, readOnlyText }: { entry: EntryView; interactive: boolean; readOnlyText: string }) {
  if (!interactive) return <Text dimColor wrap="truncate">{readOnlyText}</Text>;
  if (!entry.active) return <Text dimColor wrap="truncate">{entry.prompt || ' '}</Text>;
  return (
    <Text wrap="truncate-start">
      <Text bold>{entry.prompt} </Text>
      <Text color="yellow">{entry.prefix}</Text>
      {entry.text}
      <Text inverse> </Text>
    </Text>
  );
}
