/**
 * Catalog slice: products by sku and the barcode index (barcode -> sku). The index is part of the
 * fold, so a reload answers exactly as the live register did (on a shared barcode, last upsert wins).
 */
import type { Product } from '../../domain/catalog.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { hasOwn, setOwn } from './own.js';

export type CatalogSlice = StoreState['catalog'];

export const CATALOG_UPSERTED = 'catalog.upserted';
export const CATALOG_REMOVED = 'catalog.removed';

export interface CatalogUpserted {
  products: Product[];
}
export interface CatalogRemoved {
  skus: string[];
}

function unindex(slice: CatalogSlice, p: Product): void {
  const idx = slice.barcodes!;
  for (const code of Array.isArray(p.barcodes) ? p.barcodes : []) if (hasOwn(idx, code) && idx[code] === p.sku) delete idx[code];
}

export const catalogProjection: ProjectionModule<CatalogSlice> = {
  name: 'catalog',
  version: 1,
  initial: () => ({ products: {}, barcodes: {} }),
  apply(slice, ev: JournalEvent) {
    slice.barcodes ??= {};
    if (ev.type === CATALOG_UPSERTED) {
      const list = (ev.data as CatalogUpserted)?.products;
      if (!Array.isArray(list)) return;
      for (const p of list) {
        if (!p || typeof p.sku !== 'string') continue;
        if (hasOwn(slice.products, p.sku)) unindex(slice, slice.products[p.sku]);
        setOwn(slice.products, p.sku, p);
        for (const code of Array.isArray(p.barcodes) ? p.barcodes : []) if (typeof code === 'string') setOwn(slice.barcodes, code, p.sku);
      }
    } else if (ev.type === CATALOG_REMOVED) {
      const skus = (ev.data as CatalogRemoved)?.skus;
      if (!Array.isArray(skus)) return;
      for (const sku of skus) {
        if (typeof sku !== 'string' || !hasOwn(slice.products, sku)) continue;
        unindex(slice, slice.products[sku]);
        delete slice.products[sku];
      }
    }
  },
};
