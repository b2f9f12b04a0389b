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
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages.js';

export interface SignInScreenProps {
  screen: SessionScreen;
  shop: string;
  /** The operator whose PIN is asked for, or who locked the till. */
  who: string | null;
  /** A sale waiting under a locked till. */
  waiting: { lines: number; total: string } | null;
  /** The screen's language now: the sign-in screen lists them all, this one marked, with the key. */
  language?: string;
  fmt: Fmt;
  width: number;
  height: number;
}

/**
 * "F2  [English]  Tiếng Việt  简体中文  Русский": each name in its own language, so anyone finds
 * theirs. The console font (ASCII mode) has none of them but the codes.
 */
export function languageLine(current: string | undefined, ascii: boolean): string {
  const name = (l: (typeof LANGUAGES)[number]) => (ascii ? l : LANGUAGE_NAMES[l]);
  return `F2  ${LANGUAGES.map((l) => (l === current ? `[${name(l)}]` : name(l))).join('  ')}`;
}

export function SignInScreen({ screen, shop, who, waiting, language, fmt, width, height }: SignInScreenProps) {
  const rows: { text: string; bold?: boolean; color?: string; dim?: boolean }[] = [{ text: fmt.text(shop), bold: true }, { text: '' }];
  if (screen === 'locked') {
    rows.push({ text: fmt.t('ui.signIn.locked', { name: fmt.text(who ?? '') }), bold: true, color: 'yellow' });
    rows.push({ text: fmt.t('ui.signIn.lockedHelp', { name: fmt.text(who ?? '') }) });
    if (waiting) rows.push({ text: fmt.t('ui.signIn.lockedSale', waiting), dim: true });
  } else {
    rows.push({ text: fmt.t('ui.signIn.title'), bold: true, color: 'cyan' });
    rows.push({ text: screen === 'pin' ? fmt.t('ui.signIn.pin', { name: fmt.text(who ?? '') }) : fmt.t('ui.signIn.help') });
  }
  rows.push({ text: '' }, { text: languageLine(language, fmt.ascii), dim: true });
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
