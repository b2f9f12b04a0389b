/**
 * The sign-in screens: the operator code (or a badge scan), the PIN, and a locked till. They cover
 * the sale, which waits underneath when the till was locked in the middle of one. The PIN itself is
 * only ever shown as dots on the entry line.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import type { SessionScreen } from '../keys/table.js';
import { center } from '../text.js';

export interface SignInScreenProps {
  screen: SessionScreen;
  shop: string;
  /** The operator whose PIN is asked for, or who locked the till. */
  who: string | null;
  /** A sale waiting under a locked till. */
  waiting: { lines: number; total: string } | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export function SignInScreen({ screen, shop, who, waiting, fmt, width, height }: SignInScreenProps) {
  const rows: { text: string; bold?: boolean; color?: string; dim?: boolean }[] = [{ text: fmt.text(shop), bold: true }, { text: '' }];
  if (screen === 'locked') {
    rows.push({ text: fmt.t('ui.signIn.locked', { name: fmt.text(who ?? '') }), bold: true, color: 'yellow' });
    rows.push({ text: fmt.t('ui.signIn.lockedHelp', { name: fmt.text(who ?? '') }) });
    if (waiting) rows.push({ text: fmt.t('ui.signIn.lockedSale', waiting), dim: true });
  } else {
    rows.push({ text: fmt.t('ui.signIn.title'), bold: true, color: 'cyan' });
    rows.push({ text: screen === 'pin' ? fmt.t('ui.signIn.pin', { name: fmt.text(who ?? '') }) : fmt.t('ui.signIn.help') });
  }
  const pad = Math.max(0, Math.floor((height - rows.length) / 2));
  return (
    <Box flexDirection="column" height={height} width={width}>
      {pad > 0 ? <Box height={pad} /> : null}
      {rows.map((r, i) => (
        <Text key={i} bold={r.bold} color={r.color} dimColor={r.dim} wrap="truncate">
          {center(r.text, width, fmt.ascii)}
        </Text>
      ))}
    </Box>
  );
}

export interface ApprovalScreenProps {
  action: string;
  fmt: Fmt;
  width: number;
  height: number;
}

export function ApprovalScreen({ action, fmt, width, height }: ApprovalScreenProps) {
  const pad = Math.max(0, Math.floor((height - 2) / 2));
  return (
    <Box flexDirection="column" height={height} width={width}>
      {pad > 0 ? <Box height={pad} /> : null}
      <Text bold color="yellow" wrap="truncate">
        {center(fmt.t('ui.approval.title'), width, fmt.ascii)}
      </Text>
      <Text wrap="truncate">{center(fmt.t('ui.approval.what', { action }), width, fmt.ascii)}</Text>
    </Box>
  );
}
