/** Own-property access for records keyed by outside data (a sku or barcode may be "__proto__"). */
export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export const getOwn = <T>(o: Record<string, T>, k: string): T | undefined => (hasOwn(o, k) ? o[k] : undefined);
