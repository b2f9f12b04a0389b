/**
 * A return without a receipt: the items brought back as they are scanned or typed, priced at today's
 * catalog price by the domain's preview, then the refund (cash from the drawer, or onto a new gift
 * card), the exchange so far (Tab shows its new items), why it cannot be refunded as it is, and the
 * manager's approval while the PIN is typed. Nothing here computes money.
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import type { ReturnContext } from '../../../machines/return.types.js';
import type { Fmt } from '../selectors.js';
import { BottomRows, fitBottom, type BottomRow as Row } from '../components/BottomRows.js';
import { scrollRule } from '../scroll-rule.js';
import { amountLine, refundDetail, refundLines, returnProblem, refusalRows, wrapText } from '../return-view.js';
import { backRows, exchangeSummary, itemTable, type ProductName } from '../exchange-view.js';
import { spread, width as cols } from '../text.js';

export interface ReturnItemsScreenProps {
  ctx: ReturnContext;
  row: number;
  approving: boolean;
  refusal?: string | null;
  productName: ProductName;
  fmt: Fmt;
  width: number;
  height: number;
}

/** Title, column header, rule; at least this many item rows stay whatever the refund takes. */
const CHROME = 3;
const MIN_ROWS = 3;

function bottomRows(ctx: ReturnContext, approving: boolean, refusal: string | null, fmt: Fmt, width: number, height: number): Row[] {
  const out: Row[] = [];
  const p = ctx.preview;
  const problem = returnProblem(ctx, fmt);
  if (p) {
    out.push({ text: spread(`${fmt.t('ui.return.total')}  ${fmt.money(p.total)}`, refundDetail(p, fmt), width, fmt.ascii), bold: true });
    for (const l of refundLines(p, fmt)) out.push({ text: amountLine(`  ${l.label}`, l.amount, width, fmt) });
  } else if (problem === null) for (const l of wrapText(fmt.t('ui.return.chooseItems'), width, 2)) out.push({ text: l, dim: true });
  const x = exchangeSummary(ctx, fmt);
  if (x) out.push({ text: x, color: 'cyan', bold: true });
  if (problem !== null) out.push({ text: problem, color: 'red', bold: true });
  for (const l of refusalRows(refusal, width)) out.push({ text: l, color: 'red', bold: true });
  if (approving && p) for (const l of wrapText(fmt.t('ui.return.approvingNoReceipt', { amount: fmt.money(p.total) }), width, 2)) out.push({ text: l, color: 'yellow', bold: true });
  return fitBottom(out, height - CHROME - MIN_ROWS);
}

export function ReturnItemsScreen({ ctx, row, approving, refusal = null, productName, fmt, width, height }: ReturnItemsScreenProps) {
  const topRef = useRef(0);
  const rows = backRows(ctx, productName, fmt);
  const bottom = bottomRows(ctx, approving, refusal, fmt, width, height);
  const visible = Math.max(1, height - CHROME - bottom.length);
  const sel = Math.max(0, Math.min(row, rows.length - 1));
  const heads = { item: fmt.t('ui.return.col.item'), price: fmt.t('ui.return.col.price'), qty: fmt.t('ui.exchange.col.qty'), amount: fmt.t('ui.return.col.refund') };
  const table = itemTable(rows, heads, width, visible, rows.length ? sel : -1, topRef.current, fmt);
  topRef.current = table.top;
  const card = ctx.mode === 'giftcard' ? ` ${fmt.t('ui.return.giftcardInstead')} ` : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold inverse color="magenta">{` ${fmt.t('ui.return.title')} `}</Text>
        <Text bold inverse color="yellow">{` ${fmt.t('ui.return.noReceipt')} `}</Text>
        {card ? (
          <Text bold inverse color="cyan">
            {card}
          </Text>
        ) : null}
        {'  '}
        {fmt.t('ui.return.noReceiptNote')}
        {ctx.customer ? `  ·  ${fmt.t('ui.exchange.customer', { name: fmt.text(ctx.customer.name) })}` : ''}
      </Text>
      <Text bold wrap="truncate">
        {table.header}
      </Text>
      <Box flexDirection="column" height={visible}>
        {table.rows.map((r) => (
          <Text key={r.key} inverse={r.selected} wrap="truncate">
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
