/** Every key, from the key table: the current screen's keys first. */
import React from 'react';
import { Box, Text } from 'ink';
import { t, toAscii } from '../../i18n/index.js';
import { HELP_CHROME, type HelpRow } from '../selectors.js';
import { padEnd } from '../text.js';

export interface HelpOverlayProps {
  rows: HelpRow[];
  top: number;
  width: number;
  height: number;
  ascii: boolean;
}


export function HelpOverlay({ rows, top, width, height, ascii }: HelpOverlayProps) {
  const visible = Math.max(1, height - HELP_CHROME);
  const first = Math.max(0, Math.min(top, Math.max(0, rows.length - visible)));
  const keysW = Math.min(22, Math.max(...rows.map((r) => r.keys.length)) + 2);
  const showScreens = width >= 110;
  const labelW = showScreens ? 60 : width - keysW;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd((ascii ? toAscii : String)(`${t('ui.help.title')}  (${t('ui.help.close')})`), width, ascii)}
      </Text>
      {rows.slice(first, first + visible).map((r, i) =>
        r.keys === '' ? (
          <Text key={first + i} dimColor bold wrap="truncate">
            {r.label}
          </Text>
        ) : (
          <Text key={first + i} wrap="truncate">
            <Text bold>{padEnd(r.keys, keysW, ascii)}</Text>
            {padEnd(r.label, labelW, ascii)}
            {showScreens ? <Text dimColor>{padEnd(r.screens, width - keysW - labelW, ascii)}</Text> : null}
          </Text>
        ),
      )}
    </Box>
  );
}
