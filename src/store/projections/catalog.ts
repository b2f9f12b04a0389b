/**
 * Catalog slice: products by sku and the barcode index (barcode -> sku). The index is part of the
 * fold, so a reload answers exactly as the live register did (on a shared barcode, last upsert wins).
 */
import type { Product } from '../../domain/catalog.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { setOwn } from './own.js';
import { compactRecord, peekOwn } from '../compact/record.js';

export type CatalogSlice = StoreState['catalog'];

/**
 * Products and the barcode index are compact records (src/store/compact/): encoded rows read like the
 * plain records they replace (issue 12: 100k products took ~37 MB as objects, ~10 MB as rows).
 */
export const newProducts = (): Record<string, Product> => compactRecord<Product>({ internValues: ['category', 'taxClass'], live: 256 });
export const newBarcodes = (): Record<string, string> => compactRecord<string>({});

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
  for (const code of Array.isArray(p.barcodes) ? p.barcodes : []) if (peekOwn(idx, code) === p.sku) delete idx[code];
}

export const catalogProjection: ProjectionModule<CatalogSlice> = {
  name: 'catalog',
  version: 1,
  initial: () => ({ products: newProducts(), barcodes: newBarcodes() }),
  apply(slice, ev: JournalEvent) {
    slice.barcodes ??= newBarcodes();
    if (ev.type === CATALOG_UPSERTED) {
      const list = (ev.data as CatalogUpserted)?.products;
      if (!Array.isArray(list)) return;
      for (const p of list) {
        if (!p || typeof p.sku !== 'string') continue;
        const old = peekOwn(slice.products, p.sku);
        if (old !== undefined) unindex(slice, old);
        setOwn(slice.products, p.sku, p);
        for (const code of Array.isArray(p.barcodes) ? p.barcodes : []) if (typeof code === 'string') setOwn(slice.barcodes, code, p.sku);
      }
    } else if (ev.type === CATALOG_REMOVED) {
      const skus = (ev.data as CatalogRemoved)?.skus;
      if (!Array.isArray(skus)) return;
      for (const sku of skus) {
        const old = typeof sku === 'string' ? peekOwn(slice.products, sku) : undefined;
        if (old === undefined) continue;
        unindex(slice, old);
        delete slice.products[sku];
      }
    }
  },
};
