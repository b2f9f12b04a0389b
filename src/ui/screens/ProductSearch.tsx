/**
 * Product search as you type: name or sku, Vietnamese without its marks, Cyrillic and CJK
 * substrings (src/domain/product-search.ts). As many results as the screen has rows, the selected
 * one highlighted; Enter adds it, Esc closes. A scan closes the search and adds the scanned item.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Product } from '../../domain/catalog.js';
import type { Fmt } from '../selectors.js';
import { padEnd, padStart, width as cols } from '../text.js';

export interface ProductSearchProps {
  query: string;
  products: readonly Product[];
  sel: number;
  fmt: Fmt;
  width: number;
  height: number;
}

/** What the price column says: the price, "open price", or the price per kg of a weighed product. */
export const productPrice = (p: Product, fmt: Fmt): string =>
  p.openPrice ? fmt.t('ui.products.openPrice') : p.soldBy === 'weight' ? fmt.t('ui.products.perKg', { price: fmt.money(p.price) }) : fmt.money(p.price);

export function ProductSearch({ query, products, sel, fmt, width, height }: ProductSearchProps) {
  const i = Math.max(0, Math.min(sel, products.length - 1));
  const h = { name: fmt.t('ui.products.name'), sku: fmt.t('ui.products.sku'), price: fmt.t('ui.products.price') };
  const prices = products.map((p) => productPrice(p, fmt));
  const skus = products.map((p) => fmt.text(p.sku));
  const skuW = Math.min(16, Math.max(cols(h.sku), ...skus.map(cols)));
  const priceW = Math.max(cols(h.price), ...prices.map(cols));
  const nameW = Math.max(8, width - 2 - skuW - priceW - 2);
  const pointer = fmt.ascii ? '> ' : '▶ ';
  const row = (m: string, name: string, sku: string, price: string) => m + padEnd(name, nameW, fmt.ascii) + ' ' + padEnd(sku, skuW, fmt.ascii) + ' ' + padStart(price, priceW, fmt.ascii);
  const empty = !query.trim() ? fmt.t('ui.products.typeToSearch') : fmt.t('ui.products.none', { query: fmt.text(query) });
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd(fmt.t('ui.products.title'), width, fmt.ascii)}
      </Text>
      {products.length === 0 ? (
        <Text dimColor wrap="truncate">
          {empty}
        </Text>
      ) : (
        <Box flexDirection="column">
          <Text bold wrap="truncate">
            {row('  ', h.name, h.sku, h.price)}
          </Text>
          {products.map((p, k) => (
            <Text key={p.sku} inverse={k === i} wrap="truncate">
              {row(k === i ? pointer : '  ', fmt.text(p.name), skus[k], prices[k])}
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
