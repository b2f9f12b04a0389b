/** The store's public surface. Only src/store touches the store's files. */
export { openStore, initStore, storeExists, type OpenOptions, type InitOptions } from './open.js';
export { StoreError, isStoreError } from './errors.js';
export { TillStore } from './till-store.js';
export { PROJECTIONS } from './projections/index.js';
export { nextReceiptSeq, receiptSeqOf, SALE_COMMITTED, type SaleCommitted } from './projections/sales.js';
export { CATALOG_UPSERTED, CATALOG_REMOVED, type CatalogUpserted, type CatalogRemoved } from './projections/catalog.js';
export { foldEvents, applyEvent, initialState, STORE_INITIALIZED, type StoreInitialized } from './fold.js';
export type { FsOps } from './fs-ops.js';
export type * from './types.js';
