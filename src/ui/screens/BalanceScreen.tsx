/** A gift card's balance, state, expiry and recent movements (a card scanned to check it). */
import React from 'react';
import { Box, Text } from 'ink';
import type { GiftCardBalanceView } from '../../../machines/checkout.types.js';
import { formatDateTime, formatMoney } from '../../i18n/index.js';
import type { Fmt } from '../selectors.js';
import { padEnd, padStart } from '../text.js';
import { BigAmount } from '../components/BigAmount.js';
import { BIG_ROWS } from '../big-text.js';

export interface BalanceScreenProps {
  view: GiftCardBalanceView | null;
  fmt: Fmt;
  width: number;
  height: number;
}

export function BalanceScreen({ view, fmt, width, height }: BalanceScreenProps) {
  if (!view) return <Box height={height} />;
  const money = (m: number) => formatMoney(m, view.currency, { locale: fmt.locale, ascii: fmt.ascii });
  const usable = view.state === 'active';
  const fixed = 4 + (view.restricted ? 1 : 0) + 2;
  const bigRows = height - fixed >= BIG_ROWS + 3 ? BIG_ROWS : 1;
  const room = Math.max(0, height - fixed - bigRows - 1);
  const recent = view.recent.slice(-room);
  const amountW = Math.max(0, ...recent.map((r) => money(r.amount).length));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {fmt.t('ui.balance.title', { masked: fmt.text(view.masked) })}
        {'  '}
        <Text inverse color={usable ? 'green' : 'red'}>{` ${fmt.t(`ui.giftcard.state.${view.state}`)} `}</Text>
      </Text>
      <Text wrap="truncate">{view.expiresOn ? fmt.t('ui.balance.expires', { date: view.expiresOn }) : fmt.t('ui.balance.noExpiry')}</Text>
      {view.restricted ? <Text wrap="truncate">{fmt.t('ui.balance.restricted')}</Text> : null}
      <Text bold color={usable ? 'green' : 'yellow'}>
        {`${fmt.t('ui.balance.balance')}  ${money(view.balance)}`}
      </Text>
      <BigAmount text={money(view.balance)} width={width} ascii={fmt.ascii} color={usable ? 'green' : 'yellow'} rows={bigRows} />
      {recent.length ? (
        <Text dimColor wrap="truncate">
          {fmt.t('ui.balance.recent')}
        </Text>
      ) : null}
      {recent.map((r, i) => (
        <Text key={i} wrap="truncate">
          {padEnd(formatDateTime(r.at, fmt.locale, fmt.ascii), 20)}
          {padEnd(fmt.t(`ui.giftcard.history.${r.kind}`), 12)}
          {padStart(money(r.amount), amountW)}
          {'  '}
          {money(r.balance)}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor wrap="truncate">
        {fmt.t('ui.balance.next')}
      </Text>
    </Box>
  );
}
