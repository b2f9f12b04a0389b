import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Product } from '../../src/domain/catalog.js';
import type { EventDraft } from '../../src/store/types.js';
import { isOutdated, readSnapshotFile } from '../../src/store/snapshot.js';
import { encodeSnapshot, type SnapshotDoc } from '../../src/store/snapshot-lines.js';

export function tmpDir(tag = 'store'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `till-${tag}-`));
}

export const product = (sku: string, barcode: string, price = 100): Product => ({
  sku,
  barcodes: [barcode],
  name: `Product ${sku}`,
  price,
  category: 'general',
  taxClass: 'standard',
});

export const upsert = (...products: Product[]): EventDraft => ({ type: 'catalog.upserted', data: { products } });

export const saleEvent = (register: string, n: number, total = 100): EventDraft => ({
  type: 'sale.committed',
  data: { sale: { saleId: `s-${register}-${n}`, receiptNo: `${register}-${String(n).padStart(6, '0')}`, register, total } },
});

export const fixedClock = () => {
  let t = Date.parse('2025-01-01T10:00:00Z');
  return () => new Date((t += 1000));
};

export const seg1 = (dir: string) => path.join(dir, 'journal', '00000001.jsonl');
/** Journal lines of a segment (the zero padding after them is preallocated space). */
export const readLines = (file: string) => fs.readFileSync(file, 'utf8').replace(/\0+$/, '').split('\n').filter(Boolean);

/** Bytes of a segment up to the end of its lines. */
export function dataSize(file: string): number {
  const buf = fs.readFileSync(file);
  let n = buf.length;
  while (n > 0 && buf[n - 1] === 0) n--;
  return n;
}

/** Drops a segment's preallocated padding, for tests that damage or extend it by hand. */
export const unpad = (file: string) => fs.truncateSync(file, dataSize(file));

/** The snapshot of a store folder as the store reads it (JSON Lines, see src/store/snapshot-lines.ts). */
export function readSnapshot(dir: string): SnapshotDoc {
  const d = readSnapshotFile(path.join(dir, 'store.json'), dir);
  if (!d || isOutdated(d)) throw new Error(`no current snapshot in ${dir}`);
  return d;
}

/** Rewrites the snapshot of a closed store after `edit` changed it (tests that damage it on purpose). */
export function editSnapshot(dir: string, edit: (doc: SnapshotDoc) => void): void {
  const doc = readSnapshot(dir);
  edit(doc);
  const lines: string[] = [];
  encodeSnapshot(doc, (l) => lines.push(l));
  fs.writeFileSync(path.join(dir, 'store.json'), lines.join('\n') + '\n');
}
