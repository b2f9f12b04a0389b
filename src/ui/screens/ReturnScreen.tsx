/**
 * The return screen: the sale's lines with sold / already returned / still returnable and the units
 * chosen, then the refund as the domain previews it (per tender: cash from the drawer, card by its
 * reference, back onto the gift card, points), the points moved, and why it cannot be refunded as it
 * is. While the manager types the PIN the preview stays in view. Nothing here computes money.
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import type { ReturnContext } from '../../../machines/return.types.js';
import type { Fmt } from '../selectors.js';
import { BottomRows, fitBottom, type BottomRow as Row } from '../components/BottomRows.js';
import { scrollRule } from '../scroll-rule.js';
import { amountLine, refundDetail, refundLines, refundNotes, returnProblem, returnRows, returnTable, returnTitle, noteRows, refusalRows } from '../return-view.js';
import { spread, width as cols } from '../text.js';
import { exchangeSummary } from '../exchange-view.js';

export interface ReturnScreenProps {
  ctx: ReturnContext;
  /** The selected row. */
  row: number;
  /** The manager is asked for the PIN (the amount they approve is shown). */
  approving: boolean;
  /** The last refusal: read here in full when the message line is too narrow for it. */
  refusal?: string | null;
  fmt: Fmt;
  width: number;
  height: number;
}

/** Lines of the receipt the screen keeps whatever the refund below takes. */
const MIN_ROWS = 3;
/** Title, column header, rule. */
const CHROME = 3;

/** Rows of the receipt's lines the screen shows (PgUp/PgDn move by one page of them). */
export function returnPageRows(ctx: ReturnContext, fmt: Fmt, width: number, height: number): number {
  return Math.max(1, height - CHROME - bottomRows(ctx, false, null, fmt, width, height).length);
}

/** Under the lines: the refund and its split, the points and cards, the problem, the approval. */
function bottomRows(ctx: ReturnContext, approving: boolean, refusal: string | null, fmt: Fmt, width: number, height: number): Row[] {
  const out: Row[] = [];
  const p = ctx.preview;
  const problem = returnProblem(ctx, fmt);
  if (p) {
    out.push({ text: spread(`${fmt.t('ui.return.total')}  ${fmt.money(p.total)}`, refundDetail(p, fmt), width, fmt.ascii), bold: true });
    for (const l of refundLines(p, fmt)) out.push({ text: amountLine(`  ${l.label}`, l.amount, width, fmt) });
    for (const n of refundNotes(p, fmt)) for (const l of noteRows(n, width)) out.push({ text: l, color: 'cyan' });
  } else if (problem === null) out.push({ text: fmt.t('ui.return.choose'), dim: true });
  // An exchange is being made of it (Tab shows its new items): what it comes to so far.
  const x = exchangeSummary(ctx, fmt);
  if (x) out.push({ text: x, color: 'cyan', bold: true });
  if (problem !== null) out.push({ text: problem, color: 'red', bold: true });
  for (const l of refusalRows(refusal, width)) out.push({ text: l, color: 'red', bold: true });
  if (approving && p) out.push({ text: fmt.t('ui.return.approving', { amount: fmt.money(p.total) }), color: 'yellow', bold: true });
  // The lines of the receipt keep their rows: the refund's detail gives way first, the last row stays.
  return fitBottom(out, height - CHROME - MIN_ROWS);
}

export function ReturnScreen({ ctx, row, approving, refusal = null, fmt, width, height }: ReturnScreenProps) {
  const topRef = useRef(0);
  const rows = returnRows(ctx, fmt);
  const bottom = bottomRows(ctx, approving, refusal, fmt, width, height);
  const visible = Math.max(1, height - CHROME - bottom.length);
  const sel = Math.max(0, Math.min(row, rows.length - 1));
  const table = returnTable(rows, width, visible, sel, topRef.current, fmt);
  topRef.current = table.top;
  const title = ` ${fmt.t('ui.return.title')} `;
  const cash = ctx.mode === 'cash' ? ` ${fmt.t('ui.return.cashInstead')} ` : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold inverse color="magenta">{title}</Text>
        {cash ? (
          <Text bold inverse color="yellow">
            {cash}
          </Text>
        ) : null}
        {'  '}
        {returnTitle(ctx, fmt)}
      </Text>
      <Text bold wrap="truncate">
        {table.header}
      </Text>
      <Box flexDirection="column" height={visible}>
        {table.rows.map((r) => (
          <Text key={r.lineId} inverse={r.selected} dimColor={r.dim && !r.selected} wrap="truncate">
            {r.text}
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate">
        {scrollRule(table.above, table.below, width, fmt)}
      </Text>
      <BottomRows rows={bottom} />
    </Box>
  );
}
