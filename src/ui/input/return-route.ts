/**
 * Scans that belong to returns (the routing table, scan-route.ts, says when):
 * - `return`: a printed receipt's barcode (`codes.receiptPrefix` + the receipt number) opens the
 *   return of that receipt; the return machine refuses what it cannot open (a sale is open, a
 *   receipt this store never issued, a return's own receipt, everything already back), and the
 *   refusal is the cashier's message;
 * - `returnItem`: on the return screen, a product scanned is one more unit of its line on the
 *   receipt (the goods coming back are scanned); a product that is not on it is refused.
 */
import { receiptNoOf } from '../../domain/scan-kind.js';
import type { InputState } from './state.js';
import type { KeyResult, KeyView } from './handle-key.js';

export function returnRoute(s: InputState, code: string, v: KeyView): KeyResult {
  // The number as printed ("R1-000042"), not the barcode's prefix with it: the cashier reads it so.
  const receipt = receiptNoOf(code, v.scanPrefixes?.receiptPrefix ?? '') ?? code;
  return { state: s, events: [], returns: [{ type: 'return.open', receipt }] };
}

export function returnItemRoute(s: InputState, code: string, v: KeyView & { productSku?: (code: string) => string | undefined }): KeyResult {
  const rows = v.returnRows ?? [];
  const sku = v.productSku?.(code);
  // The line of that product with something left to come back: the first not yet chosen in full.
  const hits = rows.map((r, i) => ({ r, i })).filter(({ r }) => sku !== undefined && r.sku === sku);
  const hit = hits.find(({ r }) => r.qty < r.returnable) ?? hits[0];
  if (!hit) return { state: { ...s, notice: { key: 'ui.notice.notOnReceipt', params: { code }, level: 'error' } }, events: [] };
  return { state: { ...s, entry: '', returnRow: hit.i }, events: [], returns: [{ type: 'return.pick', lineId: hit.r.lineId, qty: hit.r.qty + 1 }] };
}
