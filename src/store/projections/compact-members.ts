/**
 * Which members of which slices are compact records (src/store/compact/), and how to make an empty
 * one. The snapshot reader loads those members' entries straight into a compact record, whether the
 * snapshot was written by this version or by the object version before it (the file format is the
 * same: entries are JSON either way), so an old snapshot upgrades on its first read.
 */
import { newBarcodes, newProducts } from './catalog.js';
import { newAccounts } from './loyalty.js';

export const COMPACT_MEMBERS: Readonly<Record<string, Readonly<Record<string, () => Record<string, unknown>>>>> = {
  catalog: { products: newProducts, barcodes: newBarcodes },
  loyalty: { customers: newAccounts },
};

export function compactMembersOf(slice: string): Readonly<Record<string, () => Record<string, unknown>>> | undefined {
  return Object.prototype.hasOwnProperty.call(COMPACT_MEMBERS, slice) ? COMPACT_MEMBERS[slice] : undefined;
}
