/** After the commit: PAID, the total, each payment, and the change in large digits. */
import React from 'react';
import { Box, Text } from 'ink';
import type { CheckoutSnapshot, Fmt } from '../selectors.js';
import { tenderRow } from '../selectors.js';
import { padEnd, padStart, width as cols } from '../text.js';
import { BigAmount } from '../components/BigAmount.js';
import { BIG_ROWS } from '../big-text.js';
import { earnLines } from '../earn-view.js';
import type { SaleLoyalty } from '../../domain/loyalty/types.js';

export interface PaidScreenProps {
  snap: CheckoutSnapshot;
  fmt: Fmt;
  width: number;
  height: number;
}

export function PaidScreen({ snap, fmt, width, height }: PaidScreenProps) {
  const sale = snap.context.lastSale;
  if (!sale) return <Box height={height} />;
  const rows = sale.tenders.map((tn) => {
    const r = tenderRow(tn, fmt);
    // Cash shows what was handed over: that is what the cashier counts against the change.
    return { kind: r.kind, amount: tn.kind === 'cash' && tn.given !== undefined ? fmt.money(tn.given) : r.amount, detail: tn.reference ? r.detail : '' };
  });
  // Columns, not characters: a CJK label is twice as wide as it is long.
  const labelW = Math.max(cols(fmt.t('ui.paid.total')), ...rows.map((r) => cols(r.kind))) + 2;
  const amountW = Math.max(cols(fmt.money(sale.total)), ...rows.map((r) => cols(r.amount)));
  // The points the sale earned, as committed: the receipt prints the same figure.
  const earn = earnLines('ui.paid.earned', sale.extensions?.loyalty as SaleLoyalty | undefined, sale.tenders, snap.context, fmt, width);
  const fixed = 2 + rows.length + 2 + 1 + earn.length;
  const bigRows = height - fixed >= BIG_ROWS ? BIG_ROWS : 1;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold inverse color="green">{` ${fmt.t('ui.paid.title')} `}</Text>
        {'  '}
        {fmt.t('ui.paid.receipt', { receiptNo: sale.receiptNo })}
      </Text>
      <Text bold wrap="truncate">
        {padEnd(fmt.t('ui.paid.total'), labelW)}
        {padStart(fmt.money(sale.total), amountW)}
      </Text>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate">
          {padEnd(r.kind, labelW)}
          {padStart(r.amount, amountW)}
          {r.detail ? `  ${r.detail}` : ''}
        </Text>
      ))}
      {earn.map((l, i) => (
        <Text key={`earn${i}`} wrap="truncate" dimColor={i > 0}>
          {l}
        </Text>
      ))}
      <Text> </Text>
      <Text bold color="green">
        {`${fmt.t('ui.paid.change')}  ${fmt.money(sale.change)}`}
      </Text>
      <BigAmount text={fmt.money(sale.change)} width={width} ascii={fmt.ascii} color="green" rows={bigRows} />
      <Text> </Text>
      <Text dimColor wrap="truncate">
        {fmt.t('ui.paid.next')}
      </Text>
    </Box>
  );
}
