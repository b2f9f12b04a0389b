/**
 * The rows under a screen's list (totals, problem, approval), shared by the return, no-receipt
 * return and exchange screens: each row one truncated line with its own emphasis.
 */
import React from 'react';
import { Text } from 'ink';

export type BottomRow = { text: string; bold?: boolean; color?: string; dim?: boolean };

/** At most `room` rows (at least one): the middle gives way first, the last row always stays. */
export function fitBottom(out: BottomRow[], room: number): BottomRow[] {
  const r = Math.max(1, room);
  return out.length <= r ? out : [...out.slice(0, r - 1), out[out.length - 1]];
}

export function BottomRows({ rows }: { rows: readonly BottomRow[] }) {
  return (
    <>
      {rows.map((b, i) => (
        <Text key={i} bold={b.bold} color={b.color} dimColor={b.dim} wrap="truncate">
          {b.text}
        </Text>
      ))}
    </>
  );
}
