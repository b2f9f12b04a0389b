/**
 * The exchange's side of an open return: what comes back (one line, its value), the new items the
 * customer takes as they are scanned or typed, priced by the new sale the domain previews, then the
 * difference — to pay (the payments taken and what is still due) or to refund (how it goes back) —
 * the points the new items earn, why it cannot be finished as it is, and the manager's approval.
 * Nothing here computes money.
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import type { ReturnContext } from '../../../machines/return.types.js';
import type { Fmt } from '../selectors.js';
import { BottomRows, fitBottom, type BottomRow as Row } from '../components/BottomRows.js';
import { amountLine, noteRows, refundLines, returnProblem, refusalRows, wrapText } from '../return-view.js';
import { exchangeDifferenceView, exchangePoints, itemTable, newRows, type ProductName } from '../exchange-view.js';
import { width as cols } from '../text.js';

export interface ExchangeScreenProps {
  ctx: ReturnContext;
  row: number;
  approving: boolean;
  refusal?: string | null;
  productName: ProductName;
  fmt: Fmt;
  width: number;
  height: number;
}

/** Title, what comes back, column header, rule. */
const CHROME = 4;
const MIN_ROWS = 3;

function bottomRows(ctx: ReturnContext, approving: boolean, refusal: string | null, fmt: Fmt, width: number, height: number): Row[] {
  const out: Row[] = [];
  const x = ctx.exchange;
  const d = exchangeDifferenceView(ctx, fmt);
  const problem = returnProblem(ctx, fmt);
  if (x && d) {
    out.push({ text: amountLine(fmt.t('ui.exchange.newTotal'), fmt.money(x.sale.total), width, fmt) });
    out.push({ text: d.amount ? amountLine(d.label, d.amount, width, fmt) : d.label, bold: true, color: d.kind === 'pay' ? 'yellow' : d.kind === 'refund' ? 'green' : undefined });
    for (const p of d.paid) out.push({ text: amountLine(`  ${p.label}`, p.amount, width, fmt) });
    if (d.stillDue) out.push({ text: `  ${d.stillDue}`, bold: x.due > 0, color: x.due > 0 ? 'yellow' : 'green' });
    // How the rest goes back (what paid the new items is the difference's other side, not a refund).
    if (d.kind === 'refund' && ctx.preview) for (const l of refundLines({ ...ctx.preview, refunds: ctx.preview.refunds.filter((f) => f.kind !== 'exchange') }, fmt)) out.push({ text: amountLine(`  ${l.label}`, l.amount, width, fmt) });
    for (const p of exchangePoints(ctx, fmt)) for (const l of noteRows(p, width)) out.push({ text: l, color: 'cyan' });
  } else if (problem === null) for (const l of wrapText(fmt.t(ctx.preview ? 'ui.exchange.choose' : 'ui.exchange.chooseBack'), width, 2)) out.push({ text: l, dim: true });
  if (problem !== null) out.push({ text: problem, color: 'red', bold: true });
  for (const l of refusalRows(refusal, width)) out.push({ text: l, color: 'red', bold: true });
  if (approving) for (const l of wrapText(fmt.t('ui.exchange.approving'), width, 2)) out.push({ text: l, color: 'yellow', bold: true });
  return fitBottom(out, height - CHROME - MIN_ROWS);
}

export function ExchangeScreen({ ctx, row, approving, refusal = null, productName, fmt, width, height }: ExchangeScreenProps) {
  const topRef = useRef(0);
  const rows = newRows(ctx, productName, fmt);
  const bottom = bottomRows(ctx, approving, refusal, fmt, width, height);
  const visible = Math.max(1, height - CHROME - bottom.length);
  const sel = Math.max(0, Math.min(row, rows.length - 1));
  const heads = { item: fmt.t('ui.exchange.col.item'), price: fmt.t('ui.return.col.price'), qty: fmt.t('ui.exchange.col.qty'), amount: fmt.t('ui.exchange.col.amount') };
  const table = itemTable(rows, heads, width, visible, rows.length ? sel : -1, topRef.current, fmt);
  topRef.current = table.top;
  const rule = fmt.ascii ? '-' : '─';
  const sale = ctx.open?.sale;
  const of = sale ? fmt.t('ui.exchange.of', { receiptNo: sale.receiptNo }) : fmt.t('ui.exchange.noReceipt');
  const p = ctx.preview;
  const count = p ? p.lines.reduce((a, l) => a + l.qty, 0) : 0;
  const back = p ? amountLine(fmt.t('ui.exchange.back', { count }), fmt.money(-p.total), width, fmt) : fmt.t('ui.exchange.chooseBack');
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold inverse color="cyan">{` ${fmt.t('ui.exchange.title')} `}</Text>
        {'  '}
        {of}
        {ctx.customer ? `  ·  ${fmt.t('ui.exchange.customer', { name: fmt.text(ctx.customer.name) })}` : ''}
      </Text>
      <Text wrap="truncate" dimColor={!p}>
        {back}
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
        {rule.repeat(width)}
      </Text>
      <BottomRows rows={bottom} />
    </Box>
  );
}
