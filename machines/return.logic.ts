/**
 * Pure context updates of the return machine: each returns a partial context — the receipt opened,
 * the quantities chosen with the preview recomputed, or only a message saying why not.
 */
import { TillError } from '../src/domain/errors.js';
import { returnableLines } from '../src/domain/returns/plan.js';
import type { RefundMode } from '../src/domain/returns/types.js';
import type { ReturnContext } from './return.types.js';
import { errorMessage, refusal } from './checkout.logic.js';

type Patch = Partial<ReturnContext>;

export const closed = (): Patch => ({ open: null, picks: {}, mode: 'original', preview: null, problem: null });

/** Opens the return of a receipt, or says why not (nothing else changes). */
export function openReceipt(ctx: ReturnContext, receipt: string): Patch {
  if (ctx.deps.saleOpen()) return { message: refusal('SALE_OPEN', 'A sale is open: finish or void it before taking a return.') };
  const r = ctx.deps.lookup(receipt);
  if (!r.ok) return { message: errorMessage(r.error) };
  const rows = returnableLines(r.value.sale, r.value.before);
  if (rows.every((x) => x.returnable === 0)) return { message: refusal('ALREADY_RETURNED', 'Everything on receipt {receipt} has already been returned.', { receipt: r.value.sale.receiptNo }) };
  return { ...closed(), open: { returnId: ctx.deps.newId(), sale: r.value.sale, before: r.value.before, rows }, message: null };
}

/**
 * Refusals that are about a line itself (a sold gift card that was used, blocked or expired): the
 * pick is refused. Any other problem (a card that cannot take the refund back) is the refund's: the
 * pick stays, the problem is shown, and the commit is refused until it is solved (a manager's cash).
 */
const LINE_REFUSALS = new Set(['GIFT_CARD_USED', 'GIFT_CARD_BLOCKED', 'GIFT_CARD_EXPIRED', 'GIFT_CARD_UNKNOWN']);

function withPreview(ctx: ReturnContext, picks: Record<string, number>, mode: RefundMode): Patch {
  const open = ctx.open!;
  if (!Object.values(picks).some((q) => q > 0)) return { picks, mode, preview: null, problem: null, message: null };
  const p = ctx.deps.preview(open, picks, mode);
  if (p.ok) return { picks, mode, preview: p.value, problem: null, message: null };
  if (LINE_REFUSALS.has(p.error.code)) return { message: errorMessage(p.error) };
  return { picks, mode, preview: null, problem: errorMessage(p.error), message: null };
}

/** Sets how many units of a line come back (0: none); more than is returnable is refused. */
export function pick(ctx: ReturnContext, lineId: string, qty: number): Patch {
  const row = ctx.open?.rows.find((r) => r.lineId === lineId);
  if (!row) return { message: refusal('RETURN_LINE_UNKNOWN', 'Line {line} is not on this receipt.', { line: String(lineId) }) };
  if (!Number.isSafeInteger(qty) || qty < 0) return { message: refusal('BAD_QUANTITY', 'Enter a quantity of whole units.', { max: row.returnable }) };
  if (qty > row.returnable)
    return {
      message: errorMessage(
        new TillError('RETURN_TOO_MANY', '{name}: {sold} sold, {returned} already returned, at most {returnable} can come back.', { line: lineId, name: row.name, sold: row.sold, returned: row.returned, returnable: row.returnable }),
      ),
    };
  return withPreview(ctx, { ...ctx.picks, [lineId]: qty }, ctx.mode);
}

/** Everything still returnable, but the lines that cannot come back (a used gift card) stay. */
export function pickAll(ctx: ReturnContext): Patch {
  let cur: ReturnContext = ctx;
  for (const r of ctx.open!.rows) {
    if (r.returnable === 0 || (cur.picks[r.lineId] ?? 0) === r.returnable) continue;
    const p = withPreview(cur, { ...cur.picks, [r.lineId]: r.returnable }, cur.mode);
    if (p.picks) cur = { ...cur, ...p };
  }
  return { picks: cur.picks, mode: cur.mode, preview: cur.preview, problem: cur.problem, message: null };
}

export const setMode = (ctx: ReturnContext, mode: RefundMode): Patch => withPreview(ctx, ctx.picks, mode);

/** Why the return cannot be committed now, or null. */
export const commitRefusal = (ctx: ReturnContext) =>
  ctx.preview ? null : (ctx.problem ?? refusal('RETURN_NOTHING', 'Choose the lines and quantities that come back.'));
