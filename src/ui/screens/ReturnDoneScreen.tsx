/**
 * After a return is journaled: REFUNDED, its own receipt number and the sale's, how the money went
 * back, the points and cards, and the cash to hand out in large digits (the drawer opened for it).
 * After an exchange: EXCHANGED, both receipt numbers, the difference paid (and the change to hand
 * out) or refunded.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ReturnRecord } from '../../domain/returns/types.js';
import type { SaleRecord } from '../../domain/sale.js';
import { exchangeDifferenceView, exchangePoints, newCardOf } from '../exchange-view.js';
import type { Fmt } from '../selectors.js';
import { amountLine, noteRows, refundDetail, refundLines, refundNotes } from '../return-view.js';
import { spread, width as cols } from '../text.js';
import { BigAmount } from '../components/BigAmount.js';
import { BIG_ROWS } from '../big-text.js';

export interface ReturnDoneScreenProps {
  last: ReturnRecord | null;
  /** The new sale of the exchange just committed, or null. */
  exchange?: SaleRecord | null;
  approver: string | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export function ReturnDoneScreen({ last, exchange = null, approver, fmt, width, height }: ReturnDoneScreenProps) {
  if (!last) return <Box height={height} />;
  const x = exchange ? exchangeDifferenceView({ preview: last, exchange: { sale: exchange, credit: last.exchange?.credit ?? 0, due: 0 } }, fmt) : null;
  // The cash handed out is the big line below: a refund's, or the change of the difference paid.
  const refunds = x ? { ...last, refunds: last.refunds.filter((f) => f.kind !== 'exchange') } : last;
  const lines = [...(x ? x.paid : []), ...refundLines(refunds, fmt, false)];
  const card = newCardOf({ preview: last });
  const notes = [...refundNotes(last, fmt), ...(x ? exchangePoints({ exchange: { sale: exchange!, credit: 0, due: 0 }, preview: last }, fmt) : []), ...(card ? [fmt.t('ui.returnDone.newCard', { card: card.card, amount: fmt.money(card.amount) })] : [])];
  const change = exchange && exchange.change > 0 ? exchange.change : 0;
  const cash = last.cash.given > 0 ? last.cash.given : change;
  const cashLabel = last.cash.given > 0 ? fmt.t('ui.returnDone.cash') : fmt.t('ui.returnDone.change');
  const title = x ? fmt.t('ui.returnDone.exchangeTitle') : fmt.t('ui.returnDone.title');
  const numbers = exchange
    ? fmt.t('ui.returnDone.exchangeReceipt', { receiptNo: last.receiptNo, saleNo: exchange.receiptNo })
    : last.sale
      ? fmt.t('ui.returnDone.receipt', { receiptNo: last.receiptNo, saleReceipt: last.sale.receiptNo })
      : fmt.t('ui.returnDone.receiptNone', { receiptNo: last.receiptNo });
  const head = x ? (x.amount ? `${x.label}  ${x.amount}` : x.label) : `${fmt.t('ui.return.total')}  ${fmt.money(last.total)}`;
  // The approver's name is never cut: beside the receipt numbers when the line has room for it,
  // else on a row of its own under the total (a Russian exchange at 80 columns).
  const approved = approver ? fmt.t('ui.returnDone.approvedBy', { name: fmt.text(approver) }) : null;
  const ownRow = approved !== null && cols(` ${title} `) + 2 + cols(numbers) + 2 + cols(approved) > width ? 1 : 0;
  // Title, total, the approver's row, the refund lines, the notes, a blank, the cash line, the big digits, a blank, the hint.
  const noteLines = notes.flatMap((n) => noteRows(n, width));
  const fixed = 2 + ownRow + lines.length + noteLines.length + 1 + 1 + 1 + 1;
  const bigRows = cash > 0 && height - fixed >= BIG_ROWS ? BIG_ROWS : cash > 0 ? 1 : 0;
  const room = Math.max(0, height - 2 - ownRow - (cash > 0 ? 1 + bigRows : 1) - 3);
  const detail = [...lines.map((l) => amountLine(`  ${l.label}`, l.amount, width, fmt)), ...noteLines].slice(0, room);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold inverse color="green">{` ${title} `}</Text>
        {'  '}
        {numbers}
        {approved && !ownRow ? `  ${approved}` : ''}
      </Text>
      <Text bold wrap="truncate">
        {spread(head, x ? '' : refundDetail(last, fmt), width, fmt.ascii)}
      </Text>
      {approved && ownRow ? <Text wrap="truncate">{`  ${approved}`}</Text> : null}
      {detail.map((d, i) => (
        <Text key={i} wrap="truncate">
          {d}
        </Text>
      ))}
      <Text> </Text>
      {cash > 0 ? (
        <>
          <Text bold color="green">
            {`${cashLabel}  ${fmt.money(cash)}`}
          </Text>
          <BigAmount text={fmt.money(cash)} width={width} ascii={fmt.ascii} color="green" rows={bigRows} />
        </>
      ) : (
        <Text wrap="truncate">{fmt.t('ui.returnDone.noCash')}</Text>
      )}
      <Text> </Text>
      <Text dimColor wrap="truncate">
        {fmt.t('ui.returnDone.next')}
      </Text>
    </Box>
  );
}
