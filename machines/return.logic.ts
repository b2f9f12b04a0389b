/**
 * Pure context updates of the return machine: each returns a partial context — the receipt opened,
 * the quantities chosen with the preview recomputed, or only a message saying why not.
 *
 * A return without a receipt has no lines to pick: its items are scanned or typed (barcode or SKU)
 * with a quantity. Either kind becomes an exchange once new items are taken; its difference is paid
 * here (cash, card) when the new items are worth more. Changing what comes back or what is taken
 * clears the payments of the difference (the difference changed): they are taken again.
 */
import { TillError } from '../src/domain/errors.js';
import { returnableLines } from '../src/domain/returns/plan.js';
import type { NoReceiptItem } from '../src/domain/returns/no-receipt.js';
import { noReturns, type RefundMode } from '../src/domain/returns/types.js';
import { addCash, addNonCash, type Tender } from '../src/domain/tender.js';
import type { ReturnContext, ReturnDraft } from './return.types.js';
import { errorMessage, refusal } from './checkout.logic.js';

type Patch = Partial<ReturnContext>;
type Choice = Pick<ReturnDraft, 'picks' | 'mode' | 'items' | 'extra' | 'tenders' | 'customer'>;

export const closed = (): Patch => ({ open: null, picks: {}, mode: 'original', items: [], extra: [], tenders: [], customer: null, preview: null, exchange: null, problem: null });

/** Opens the return of a receipt, or says why not (nothing else changes). */
export function openReceipt(ctx: ReturnContext, receipt: string): Patch {
  if (ctx.deps.saleOpen()) return { message: refusal('SALE_OPEN', 'A sale is open: finish or void it before taking a return.') };
  const r = ctx.deps.lookup(receipt);
  if (!r.ok) return { message: errorMessage(r.error) };
  const rows = returnableLines(r.value.sale, r.value.before);
  if (rows.every((x) => x.returnable === 0)) return { message: refusal('ALREADY_RETURNED', 'Everything on receipt {receipt} has already been returned.', { receipt: r.value.sale.receiptNo }) };
  return { ...closed(), open: { returnId: ctx.deps.newId(), exchangeSaleId: ctx.deps.newId(), sale: r.value.sale, before: r.value.before, rows }, message: null };
}

/** Opens a return without a receipt: refunded as cash unless a new gift card is chosen. */
export function openNoReceipt(ctx: ReturnContext): Patch {
  if (ctx.deps.saleOpen()) return { message: refusal('SALE_OPEN', 'A sale is open: finish or void it before taking a return.') };
  return { ...closed(), mode: 'cash', open: { returnId: ctx.deps.newId(), exchangeSaleId: ctx.deps.newId(), sale: null, before: noReturns(), rows: [] }, message: null };
}

/**
 * Refusals that are about the line or item just chosen (a sold gift card that was used, a product
 * the catalog does not know, a no-receipt return past its limit): the change is refused. Any other
 * problem (a card that cannot take the refund back) is the refund's: the choice stays, the problem
 * is shown, and the commit is refused until it is solved (a manager's cash).
 */
const CHOICE_REFUSALS = new Set(['GIFT_CARD_USED', 'GIFT_CARD_BLOCKED', 'GIFT_CARD_EXPIRED', 'GIFT_CARD_UNKNOWN', 'PRODUCT_UNKNOWN', 'BAD_QUANTITY', 'NO_RECEIPT_LIMIT', 'CART_FULL', 'SALE_TOO_LARGE', 'PRICE_INVALID', 'TENDER_EXCEEDS_DUE']);

const current = (ctx: ReturnContext): Choice => ({ picks: ctx.picks, mode: ctx.mode, items: ctx.items, extra: ctx.extra, tenders: ctx.tenders, customer: ctx.customer });

const chosen = (ctx: ReturnContext, c: Choice): boolean => (ctx.open!.sale ? Object.values(c.picks).some((q) => q > 0) : c.items.some((i) => i.qty > 0));

function withPreview(ctx: ReturnContext, c: Choice): Patch {
  const open = ctx.open!;
  const next = { picks: { ...c.picks }, mode: c.mode, items: [...c.items], extra: [...c.extra], tenders: [...c.tenders], customer: c.customer };
  if (!chosen(ctx, c)) return { ...next, tenders: [], preview: null, exchange: null, problem: null, message: null };
  const p = ctx.deps.preview({ open, ...c });
  if (p.ok) return { ...next, preview: p.value.record, exchange: p.value.exchange, problem: null, message: null };
  if (CHOICE_REFUSALS.has(p.error.code)) return { message: errorMessage(p.error) };
  return { ...next, preview: null, exchange: null, problem: errorMessage(p.error), message: null };
}

/** Sets how many units of a line come back (0: none); more than is returnable is refused. */
export function pick(ctx: ReturnContext, lineId: string, qty: number): Patch {
  if (!ctx.open?.sale) return { message: refusal('NO_RECEIPT_ITEMS', 'Without a receipt, scan or type the items that come back.') };
  const row = ctx.open.rows.find((r) => r.lineId === lineId);
  if (!row) return { message: refusal('RETURN_LINE_UNKNOWN', 'Line {line} is not on this receipt.', { line: String(lineId) }) };
  if (!Number.isSafeInteger(qty) || qty < 0) return { message: refusal('BAD_QUANTITY', 'Enter a quantity of whole units.', { max: row.returnable }) };
  if (qty > row.returnable)
    return {
      message: errorMessage(
        new TillError('RETURN_TOO_MANY', '{name}: {sold} sold, {returned} already returned, at most {returnable} can come back.', { line: lineId, name: row.name, sold: row.sold, returned: row.returned, returnable: row.returnable }),
      ),
    };
  return withPreview(ctx, { ...current(ctx), picks: { ...ctx.picks, [lineId]: qty }, tenders: [] });
}

/** Everything still returnable, but the lines that cannot come back (a used gift card) stay. */
export function pickAll(ctx: ReturnContext): Patch {
  if (!ctx.open?.sale) return { message: refusal('NO_RECEIPT_ITEMS', 'Without a receipt, scan or type the items that come back.') };
  let cur: ReturnContext = ctx;
  for (const r of ctx.open.rows) {
    if (r.returnable === 0 || (cur.picks[r.lineId] ?? 0) === r.returnable) continue;
    const p = withPreview(cur, { ...current(cur), picks: { ...cur.picks, [r.lineId]: r.returnable }, tenders: [] });
    if (p.picks) cur = { ...cur, ...p };
  }
  return { picks: cur.picks, mode: cur.mode, items: cur.items, extra: cur.extra, tenders: cur.tenders, customer: cur.customer, preview: cur.preview, exchange: cur.exchange, problem: cur.problem, message: null };
}

/** The list with `code` set to `qty` units (0 takes it off); the same code typed again is the same entry. */
function setItem(list: readonly NoReceiptItem[], code: string, qty: number): NoReceiptItem[] {
  const c = code.trim();
  const out = list.filter((i) => i.code !== c);
  if (qty > 0) {
    const at = list.findIndex((i) => i.code === c);
    out.splice(at < 0 ? out.length : at, 0, { code: c, qty });
  }
  return out;
}

function itemQty(code: string, qty: number): Patch | null {
  if (!Number.isSafeInteger(qty) || qty < 0) return { message: refusal('BAD_QUANTITY', 'Enter a quantity of whole units.') };
  if (!/^[\x21-\x7e]{1,48}$/.test(code.trim())) return { message: refusal('PRODUCT_UNKNOWN', 'No product has the barcode or SKU {code}.', { code: code.trim().slice(0, 48), sku: code.trim().slice(0, 48) }) };
  return null;
}

/** No receipt: how many of an item come back. */
export function item(ctx: ReturnContext, code: string, qty: number): Patch {
  if (ctx.open?.sale) return { message: refusal('RETURN_HAS_RECEIPT', 'This return has a receipt: pick its lines.') };
  const bad = itemQty(code, qty);
  if (bad) return bad;
  return withPreview(ctx, { ...current(ctx), items: setItem(ctx.items, code, qty), tenders: [] });
}

/** Exchange: how many of a new item the customer takes. */
export function exchangeItem(ctx: ReturnContext, code: string, qty: number): Patch {
  const bad = itemQty(code, qty);
  if (bad) return bad;
  return withPreview(ctx, { ...current(ctx), extra: setItem(ctx.extra, code, qty), tenders: [] });
}

/** Exchange: a payment of what the new items cost more than what came back. */
export function pay(ctx: ReturnContext, kind: 'cash' | 'card', amount: number, reference?: string): Patch {
  const x = ctx.exchange;
  if (!x || x.due <= 0) return { message: refusal('NOTHING_DUE', 'Nothing is due on this exchange.') };
  const id = `T${ctx.tenders.length + 1}`;
  const next =
    kind === 'cash'
      ? addCash(x.sale.total, x.sale.tenders, amount, ctx.deps.cashRoundingUnit, id)
      : addNonCash(x.sale.total, x.sale.tenders, 'card', amount, id, reference ? { reference: reference.slice(0, 64) } : {});
  if (!next.ok) return { message: errorMessage(next.error) };
  const tenders: Tender[] = next.value.filter((t) => t.kind !== 'exchange');
  return withPreview(ctx, { ...current(ctx), tenders });
}

/**
 * No receipt: the customer of a loyalty card, whose new items earn points (the payments of the
 * difference are kept: the money does not change). With a receipt the sale's customer does.
 */
export function attachCustomer(ctx: ReturnContext, card: string): Patch {
  if (ctx.open?.sale) return { message: refusal('RECEIPT_CUSTOMER', 'The customer on the receipt earns the points of this exchange.') };
  const found = ctx.deps.customerByCard?.(card.trim());
  if (!found) return { message: refusal('LOYALTY_CARD_UNKNOWN', 'This loyalty card is not registered. Create the customer first.') };
  if (!found.ok) return { message: errorMessage(found.error) };
  return { ...withPreview(ctx, { ...current(ctx), customer: found.value }), customer: found.value };
}

export function setMode(ctx: ReturnContext, mode: RefundMode): Patch {
  if (!ctx.open?.sale && mode === 'original') mode = 'cash';
  if (!ctx.open?.sale && mode !== 'cash' && mode !== 'giftcard') return { message: refusal('REFUND_MODE', 'Without a receipt the refund is cash or a new gift card.') };
  if (ctx.open?.sale && mode === 'giftcard') return { message: refusal('REFUND_MODE', 'A new gift card takes the refund of a return without a receipt only. Refund the way it was paid, or in cash.') };
  return withPreview(ctx, { ...current(ctx), mode, tenders: [] });
}

/** Why the return cannot be committed now, or null. */
export function commitRefusal(ctx: ReturnContext) {
  if (!ctx.preview) return ctx.problem ?? refusal('RETURN_NOTHING', 'Choose the lines and quantities that come back.');
  if (ctx.exchange && ctx.exchange.due > 0) return refusal('EXCHANGE_DUE', 'The customer still owes {due} for the new items: take the payment first.', { due: ctx.deps.money?.(ctx.exchange.due) ?? ctx.exchange.due });
  return null;
}

/** The approval a commit needs: a return without a receipt is its own action. */
export const approvalAction = (ctx: Pick<ReturnContext, 'open'>) => (ctx.open?.sale === null ? 'returnWithoutReceipt' : 'refund') as 'refund' | 'returnWithoutReceipt';
