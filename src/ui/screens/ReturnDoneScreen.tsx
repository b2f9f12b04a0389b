/**
 * After a return is journaled: REFUNDED, its own receipt number and the sale's, how the money went
 * back, the points and cards, and the cash to hand out in large digits (the drawer opened for it).
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ReturnRecord } from '../../domain/returns/types.js';
import type { Fmt } from '../selectors.js';
import { amountLine, refundDetail, refundLines, refundNotes } from '../return-view.js';
import { spread } from '../text.js';
import { BigAmount } from '../components/BigAmount.js';
import { BIG_ROWS } from '../big-text.js';

export interface ReturnDoneScreenProps {
  last: ReturnRecord | null;
  approver: string | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export function ReturnDoneScreen({ last, approver, fmt, width, height }: ReturnDoneScreenProps) {
  if (!last) return <Box height={height} />;
  // The cash handed out is the big line below.
  const lines = refundLines(last, fmt, false);
  const notes = refundNotes(last, fmt);
  const cash = last.cash.given;
  // Title, total, the refund lines, the notes, a blank, the cash line, the big digits, a blank, the hint.
  const fixed = 2 + lines.length + notes.length + 1 + 1 + 1 + 1;
  const bigRows = cash > 0 && height - fixed >= BIG_ROWS ? BIG_ROWS : cash > 0 ? 1 : 0;
  const room = Math.max(0, height - 2 - (cash > 0 ? 1 + bigRows : 1) - 3);
  const detail = [...lines.map((l) => amountLine(`  ${l.label}`, l.amount, width, fmt)), ...notes.map((n) => `  ${n}`)].slice(0, room);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold inverse color="green">{` ${fmt.t('ui.returnDone.title')} `}</Text>
        {'  '}
        {fmt.t('ui.returnDone.receipt', { receiptNo: last.receiptNo, saleReceipt: last.sale?.receiptNo ?? '-' })}
        {approver ? `  ${fmt.t('ui.returnDone.approvedBy', { name: fmt.text(approver) })}` : ''}
      </Text>
      <Text bold wrap="truncate">
        {spread(`${fmt.t('ui.return.total')}  ${fmt.money(last.total)}`, refundDetail(last, fmt), width, fmt.ascii)}
      </Text>
      {detail.map((d, i) => (
        <Text key={i} wrap="truncate">
          {d}
        </Text>
      ))}
      <Text> </Text>
      {cash > 0 ? (
        <>
          <Text bold color="green">
            {`${fmt.t('ui.returnDone.cash')}  ${fmt.money(cash)}`}
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
