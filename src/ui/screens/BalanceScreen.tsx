/**
 * A gift card's balance, state, expiry and recent movements (a card scanned to check it), readable
 * from a step away: the balance in the 5-row block font, the state as a coloured badge, the
 * movements as a table with the balance after each. Newest movement first.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { GiftCardBalanceView } from '../../../machines/checkout.types.js';
import { formatDateTime, formatDay, formatMoney } from '../../i18n/index.js';
import type { Fmt } from '../selectors.js';
import { padEnd, padStart, width as cols } from '../text.js';
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
  // Title, expiry, [restricted], balance label, blank, movements header, blank, hint.
  const fixed = 7 + (view.restricted ? 1 : 0);
  const bigRows = height - fixed >= BIG_ROWS + 1 ? BIG_ROWS : 1;
  const room = Math.max(0, height - fixed - bigRows);
  // The machine lists the newest first: those are the ones kept when rows run short.
  const recent = view.recent.slice(0, room);
  const h = { when: fmt.t('ui.balance.when'), what: fmt.t('ui.balance.what'), amount: fmt.t('ui.balance.amount'), after: fmt.t('ui.balance.after') };
  const rows = recent.map((r) => ({ when: formatDateTime(r.at, fmt.locale, fmt.ascii), what: fmt.t(`ui.giftcard.history.${r.kind}`), amount: money(r.amount), after: money(r.balance) }));
  const w = (k: keyof typeof h) => Math.max(cols(h[k]), ...rows.map((r) => cols(r[k])));
  const widths = { when: w('when'), what: w('what'), amount: w('amount'), after: w('after') };
  const row = (r: typeof h) => `${padEnd(r.when, widths.when)}  ${padEnd(r.what, widths.what)}  ${padStart(r.amount, widths.amount)}  ${padStart(r.after, widths.after)}`;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {fmt.t('ui.balance.title', { masked: fmt.text(view.masked) })}
        {'   '}
        <Text inverse color={usable ? 'green' : 'red'}>{` ${fmt.t(`ui.giftcard.state.${view.state}`)} `}</Text>
      </Text>
      <Text wrap="truncate">{view.expiresOn ? fmt.t('ui.balance.expires', { date: formatDay(view.expiresOn, fmt.locale, fmt.ascii) }) : fmt.t('ui.balance.noExpiry')}</Text>
      {view.restricted ? <Text wrap="truncate">{fmt.t('ui.balance.restricted')}</Text> : null}
      <Text bold color={usable ? 'green' : 'yellow'}>
        {`${fmt.t('ui.balance.balance')}  ${money(view.balance)}`}
      </Text>
      <BigAmount text={money(view.balance)} width={width} ascii={fmt.ascii} color={usable ? 'green' : 'yellow'} rows={bigRows} />
      <Text> </Text>
      {rows.length ? (
        <Box flexDirection="column">
          <Text bold wrap="truncate">
            {row(h)}
          </Text>
          {rows.map((r, i) => (
            <Text key={i} wrap="truncate">
              {row(r)}
            </Text>
          ))}
        </Box>
      ) : null}
      <Text> </Text>
      <Text dimColor wrap="truncate">
        {fmt.t('ui.balance.next')}
      </Text>
    </Box>
  );
}
