/**
 * The attached customer's rewards: every running program's rewards with their cost, minimum balance
 * and whether they can be claimed now; below, the rewards already on the sale with the points they
 * reserve and what they take off (removable with - / F4 / Del).
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import type { RewardRowView } from '../loyalty-view.js';
import { scrollTop } from '../cart-table.js';
import { padEnd, padStart, width as cols } from '../text.js';

export interface RewardsScreenProps {
  title: string;
  rows: RewardRowView[];
  sel: number;
  fmt: Fmt;
  width: number;
  height: number;
}

/** Title, column header, "on this sale" divider. */
const CHROME = 3;

export function RewardsScreen({ title, rows, sel, fmt, width, height }: RewardsScreenProps) {
  const topRef = useRef(0);
  const i = Math.max(0, Math.min(sel, rows.length - 1));
  const h = { cost: fmt.t('ui.rewards.cost'), min: fmt.t('ui.rewards.min'), now: fmt.t('ui.rewards.now') };
  const yes = fmt.t('ui.rewards.yes');
  const no = fmt.t('ui.rewards.no');
  const costW = Math.max(cols(h.cost), ...rows.map((r) => cols(r.kind === 'applied' ? r.points ?? '' : r.cost)));
  const minW = Math.max(cols(h.min), ...rows.map((r) => cols(r.kind === 'applied' ? r.amount ?? '' : r.minBalance)));
  const nowW = Math.max(cols(h.now), cols(yes), cols(no));
  const many = new Set(rows.map((r) => r.programId)).size > 1;
  // Two spaces between the cost and the minimum: both are points ("1 балл  100 баллов").
  const nameW = Math.max(8, width - 2 - costW - minW - nowW - 4);
  const pointer = fmt.ascii ? '> ' : '▶ ';
  const line = (m: string, name: string, cost: string, min: string, now: string) =>
    m + padEnd(name, nameW, fmt.ascii) + ' ' + padStart(cost, costW) + '  ' + padStart(min, minW) + ' ' + padEnd(now, nowW, fmt.ascii);
  const visible = Math.max(1, height - CHROME);
  const top = scrollTop(topRef.current, i, visible, rows.length);
  topRef.current = top;
  const firstApplied = rows.findIndex((r) => r.kind === 'applied');
  const shown = rows.slice(top, top + visible);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd(title, width, fmt.ascii)}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor wrap="truncate">
          {fmt.t('ui.rewards.none')}
        </Text>
      ) : (
        <Text bold wrap="truncate">
          {line('  ', fmt.t('ui.rewards.reward'), h.cost, h.min, h.now)}
        </Text>
      )}
      {shown.map((r, k) => {
        const at = top + k;
        const name = (many ? `${r.program}: ` : '') + r.title;
        const m = at === i ? pointer : '  ';
        const divider = at === firstApplied ? (
          <Text key="applied" dimColor bold wrap="truncate">
            {fmt.t('ui.rewards.onSale')}
          </Text>
        ) : null;
        const text =
          r.kind === 'applied'
            ? line(m, name, `-${r.points ?? ''}`, `-${r.amount ?? ''}`, '')
            : line(m, name, r.cost, r.minBalance || '-', r.affordable ? yes : no);
        return (
          <React.Fragment key={`${r.kind}:${r.id ?? r.programId + '/' + r.rewardId}`}>
            {divider}
            <Text inverse={at === i} color={r.kind === 'applied' ? 'green' : r.affordable ? undefined : 'gray'} wrap="truncate">
              {text}
            </Text>
          </React.Fragment>
        );
      })}
    </Box>
  );
}
