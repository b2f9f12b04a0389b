/**
 * Own-property access for the totals' records, whose keys come from outside data (a category, a tax
 * class or an operator id may be "__proto__"). Same contract as src/store/projections/own.ts, which
 * the domain may not import.
 */
export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export const getOwn = <T>(o: Record<string, T>, k: string): T | undefined => (hasOwn(o, k) ? o[k] : undefined);

export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
