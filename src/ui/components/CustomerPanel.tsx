/**
 * The attached loyalty customer on the sale screen, two rows: name, masked card, tier and balances;
 * then what this sale earns and spends, the way to the next tier and points expiring soon. A blocked
 * card is marked and says it neither earns nor spends.
 */
import React from 'react';
import { Text } from 'ink';
import type { Fmt } from '../selectors.js';
import { fitDetails, progressBar, type CustomerPanel as Panel } from '../loyalty-view.js';
import { padEnd, truncate, width as cols } from '../text.js';

export interface CustomerPanelProps {
  panel: Panel;
  fmt: Fmt;
  width: number;
}

/** Wide terminals also draw the way to the next tier as a bar. */
const BAR_FROM_COLS = 100;
const BAR_CELLS = 20;

export function CustomerPanel({ panel, fmt, width }: CustomerPanelProps) {
  const blocked = panel.blocked ? ` ${fmt.t('ui.customer.blocked')} ` : '';
  const right = truncate(panel.balances, Math.max(0, Math.floor(width / 2)), fmt.ascii);
  const leftW = Math.max(0, width - cols(right) - (blocked ? cols(blocked) + 1 : 0) - 1);
  const left = padEnd([panel.name, panel.card, panel.tier].filter(Boolean).join('  '), leftW, fmt.ascii);
  const bar = panel.progress !== null && width >= BAR_FROM_COLS ? progressBar(panel.progress, BAR_CELLS, fmt.ascii) + ' ' : '';
  const room = Math.max(1, width - cols(bar));
  const detail = panel.blocked ? fmt.t('ui.customer.blockedNote') : fitDetails(panel.details, room, (s) => cols(fmt.ascii ? fmt.text(s) : s));
  return (
    <>
      <Text wrap="truncate">
        <Text bold color="cyan">
          {left}
        </Text>
        {blocked ? (
          <Text>
            {' '}
            <Text bold inverse color="red">
              {blocked}
            </Text>
          </Text>
        ) : null}{' '}
        <Text bold>{right}</Text>
      </Text>
      <Text wrap="truncate" color={panel.blocked ? 'red' : undefined}>
        {bar ? <Text color="green">{bar}</Text> : null}
        {truncate(detail || ' ', room, fmt.ascii)}
      </Text>
    </>
  );
}
