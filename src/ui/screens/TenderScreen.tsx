/** Payment: total due in large digits, the payments so far (split tender), what is still due. */
import React from 'react';
import { Box, Text } from 'ink';
import { cashDue, due } from '../../domain/tender.js';
import type { CheckoutSnapshot, Fmt } from '../selectors.js';
import { tenderRow } from '../selectors.js';
import { selectedIndex, type InputState } from '../input/state.js';
import { padEnd, padStart, spread } from '../text.js';
import { BigAmount } from '../components/BigAmount.js';
import { BIG_ROWS } from '../big-text.js';

export interface TenderScreenProps {
  snap: CheckoutSnapshot;
  input: InputState;
  fmt: Fmt;
  width: number;
  height: number;
}

export function TenderScreen({ snap, input, fmt, width, height }: TenderScreenProps) {
  const { priced, tenders, deps } = snap.context;
  const owed = due(priced.total, tenders);
  const cash = cashDue(priced.total, tenders, deps.cashRoundingUnit);
  const bigRows = height >= 12 ? BIG_ROWS : 1;
  const sel = selectedIndex(
    tenders.map((tn) => tn.id),
    input.tender,
  );
  const rows = tenders.map((tn) => tenderRow(tn, fmt));
  const kindW = Math.max(0, ...rows.map((r) => r.kind.length));
  const amountW = Math.max(0, ...rows.map((r) => r.amount.length));
  const pointer = fmt.ascii ? '> ' : '▶ ';
  const rule = (fmt.ascii ? '-' : '─').repeat(width);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {spread(
          `${fmt.t('ui.tender.title')}${fmt.ascii ? ' | ' : ' · '}${fmt.t('ui.cart.items', { count: priced.itemCount })}`,
          `${fmt.t('ui.tender.total')} ${fmt.money(priced.total)}   ${fmt.t('ui.tender.dueLabel')} ${fmt.money(owed)}`,
          width,
          fmt.ascii,
        )}
      </Text>
      <Box>
        <Box width={6}>
          <Text bold color="yellow">
            {fmt.t('ui.tender.due')}
          </Text>
        </Box>
        <BigAmount text={fmt.money(owed)} width={width - 6} ascii={fmt.ascii} color="yellow" rows={bigRows} />
      </Box>
      {cash !== owed ? <Text wrap="truncate">{fmt.t('ui.tender.cashDue', { amount: fmt.money(cash) })}</Text> : null}
      <Text dimColor wrap="truncate">
        {rule}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor wrap="truncate">
          {fmt.t('ui.tender.none')}
        </Text>
      ) : (
        rows.map((r, i) => (
          <Text key={tenders[i].id} inverse={i === sel} wrap="truncate">
            {padEnd(`${i === sel ? pointer : '  '}${i + 1}. ${padEnd(r.kind, kindW)}  ${padStart(r.amount, amountW)}  ${r.detail}`, width)}
          </Text>
        ))
      )}
    </Box>
  );
}
