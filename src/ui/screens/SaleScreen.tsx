/**
 * The sale: cart table with the selected line, scroll markers, subtotal, tax and total. Also shown,
 * unchanged, while the sale is being saved and when saving failed (the sale stays on screen).
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import { discountRows, saleLayout, tenderRow, type CheckoutSnapshot, type Fmt } from '../selectors.js';
import { customerPanel } from '../loyalty-view.js';
import { CustomerPanel } from '../components/CustomerPanel.js';
import { cartTable } from '../cart-table.js';
import { orderDiscountTotal, subtotalBeforeOrderDiscounts } from '../../domain/cart.js';
import { selectedIndex, type InputState } from '../input/state.js';
import { padEnd, spread, width as cols } from '../text.js';
import type { Screen } from '../keys/table.js';

export interface SaleScreenProps {
  snap: CheckoutSnapshot;
  screen: Screen;
  input: InputState;
  fmt: Fmt;
  width: number;
  height: number;
}


export function SaleScreen({ snap, screen, input, fmt, width, height }: SaleScreenProps) {
  const { cart, priced, tenders } = snap.context;
  const layout = saleLayout(snap.context, height);
  const rows = layout.cartRows;
  const topRef = useRef(0);
  const sel = selectedIndex(
    cart.lines.map((l) => l.id),
    input.line,
  );
  const table = cartTable(priced.lines, width, rows, screen === 'sale' ? sel : -1, topRef.current, fmt);
  topRef.current = table.top;
  const rule = fmt.ascii ? '-' : '─';
  const [up, down] = fmt.ascii ? ['^', 'v'] : ['▲', '▼'];
  const more = [table.above ? `${up} ${fmt.t('ui.cart.above', { count: table.above })}` : '', table.below ? `${down} ${fmt.t('ui.cart.below', { count: table.below })}` : '']
    .filter(Boolean)
    .join('  ');
  const marker = more ? ` ${more} ` : '';
  const taxLabel = snap.context.deps.tax.mode === 'inclusive' ? fmt.t('ui.totals.taxIncluded') : fmt.t('ui.totals.tax');
  const sums = [
    // As on the receipt: the lines before order discounts add up to the subtotal, the order
    // discounts are listed on their own lines and summed here once; tax added or included.
    `${fmt.t('ui.totals.subtotal')} ${fmt.money(subtotalBeforeOrderDiscounts(priced))}`,
    orderDiscountTotal(priced) ? `${fmt.t('ui.totals.discounts')} -${fmt.money(orderDiscountTotal(priced))}` : '',
    `${taxLabel} ${fmt.money(priced.tax)}`,
  ]
    .filter(Boolean)
    .join('   ');
  const paidSoFar = tenders.map((tn) => {
    const r = tenderRow(tn, fmt);
    return `${r.kind} ${r.amount}`;
  });
  const left = paidSoFar.length ? paidSoFar.join(', ') : fmt.t('ui.cart.items', { count: priced.itemCount });
  const total = `${fmt.t('ui.totals.total')}  ${fmt.money(priced.total)}`;
  const panel = layout.customerRows ? customerPanel(snap.context, fmt) : null;
  const discounts = discountRows(priced, fmt).slice(0, layout.discountRows);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {table.header}
      </Text>
      <Box flexDirection="column" height={rows}>
        {table.rows.map((r) => (
          <Text key={r.id} inverse={r.selected} wrap="truncate">
            {r.text}
          </Text>
        ))}
      </Box>
      {screen === 'commitFailed' ? (
        <Text color="red" bold wrap="truncate">
          {padEnd(`${fmt.t('ui.failed.title')}: ${fmt.t('ui.failed.hint')}`, width)}
        </Text>
      ) : (
        <Text dimColor wrap="truncate">
          {ruleWith(marker, width, rule)}
        </Text>
      )}
      {panel ? <CustomerPanel panel={panel} fmt={fmt} width={width} /> : null}
      {discounts.map((d) => (
        <Text key={d.id} color="green" wrap="truncate">
          {spread(`  ${d.label}`, d.amount, width, fmt.ascii)}
        </Text>
      ))}
      <Text wrap="truncate">{spread(left, sums, width, fmt.ascii)}</Text>
      <Box justifyContent="flex-end" width={width}>
        <Text bold inverse wrap="truncate">
          {` ${total} `}
        </Text>
      </Box>
    </Box>
  );
}

/** A horizontal rule with `label` in its middle. */
function ruleWith(label: string, width: number, rule: string): string {
  const w = cols(label);
  if (w >= width) return label;
  const left = Math.floor((width - w) / 2);
  return rule.repeat(left) + label + rule.repeat(width - w - left);
}
