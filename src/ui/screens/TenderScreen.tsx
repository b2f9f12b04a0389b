/** Payment: total due in large digits, the payments so far (split tender), what is still due. */
import React from 'react';
import { Box, Text } from 'ink';
import { cashDue, due } from '../../domain/tender.js';
import type { CheckoutSnapshot, Fmt } from '../selectors.js';
import { tenderRow } from '../selectors.js';
import { selectedIndex, type InputState } from '../input/state.js';
import { padEnd, padStart, spread, width as cols } from '../text.js';
import { BigAmount } from '../components/BigAmount.js';
import { BIG_ROWS } from '../big-text.js';
import { earnLines } from '../earn-view.js';

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
  const kindW = Math.max(0, ...rows.map((r) => cols(r.kind)));
  const amountW = Math.max(0, ...rows.map((r) => cols(r.amount)));
  const pointer = fmt.ascii ? '> ' : '▶ ';
  const rule = (fmt.ascii ? '-' : '─').repeat(width);
  // What the customer's card earns with the payments so far (a gift card or points earn none).
  const earn = snap.context.customer ? earnLines('ui.tender.earn', snap.context.loyalty, tenders, snap.context, fmt, width) : [];
  // The DUE label stands left of the large digits and wraps there at its spaces ("К" / "ОПЛАТЕ",
  // "CÒN" / "PHẢI" / "TRẢ"): as wide as its longest word plus a gap, never a cut word.
  const dueLabel = fmt.t('ui.tender.due');
  const labelW = Math.min(14, Math.max(6, ...dueLabel.split(/\s+/).map((w) => cols(w) + 1)));
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
        <Box width={labelW} flexShrink={0}>
          <Text bold color="yellow">
            {dueLabel}
          </Text>
        </Box>
        <BigAmount text={fmt.money(owed)} width={width - labelW} ascii={fmt.ascii} color="yellow" rows={bigRows} />
      </Box>
      {cash !== owed ? <Text wrap="truncate">{fmt.t('ui.tender.cashDue', { amount: fmt.money(cash) })}</Text> : null}
      {earn.map((l, i) => (
        <Text key={`earn${i}`} wrap="truncate" dimColor={i > 0}>
          {l}
        </Text>
      ))}
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
