/**
 * A printed receipt's barcode scanned at the counter (`codes.receiptPrefix` + the receipt number):
 * the route the returns flow fills in (issue 10, helper "shopday-returns": open the return of that
 * receipt). Until that flow exists the cashier is told so and nothing else happens.
 */
import { receiptNoOf } from '../../domain/scan-kind.js';
import type { InputState } from './state.js';
import type { KeyResult, KeyView } from './handle-key.js';

export function returnRoute(s: InputState, code: string, v: KeyView): KeyResult {
  const receipt = receiptNoOf(code, v.scanPrefixes?.receiptPrefix ?? '') ?? code;
  return { state: { ...s, notice: { key: 'error.RETURNS_UNAVAILABLE', params: { receipt }, level: 'error' } }, events: [] };
}
