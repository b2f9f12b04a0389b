/**
 * Receipt layout: a committed sale in, a ReceiptDoc out (pure). Sections in order: shop header,
 * lines, summary (subtotal, order discounts, tax per class, TOTAL), tenders and change, feature
 * sections (gift cards, loyalty — supplied by those features), identity (date, register, cashier,
 * receipt number and its Code128 barcode, which returns scan back), footer, cut.
 * Opening the drawer is not part of a receipt: the drawer is its own device, driven after commit.
 */
import { subtotalBeforeOrderDiscounts } from './cart.js';
import type { TillConfig } from './config.js';
import type { SaleRecord } from './sale.js';
import type { Minor } from './money.js';
import { formatDateTime, formatDay, formatDecimal, formatMoney, formatNumber, formatPercent } from '../i18n/format.js';
import { lineWeight } from './scale-barcode.js';
import { toAscii } from '../i18n/ascii.js';
import { translator, type Translate } from '../i18n/index.js';
import { barcode, columns, cut, feed, isCode128B, separator, text, type ReceiptBlock, type ReceiptDoc } from './receipt-doc.js';

export * from './receipt-doc.js';
import { sanitizeLine, sanitizeReceiptText } from './text-safety.js';
export { renderText, textWidth, wrap, fit, columnLines, blockLines, truncateToWidth } from './receipt-text.js';

/** What a feature section gets to lay out its part consistently with the rest of the receipt. */
export interface ReceiptContext {
  width: 32 | 42 | 48;
  locale: string;
  ascii: boolean;
  currency: string;
  t: Translate;
  money(minor: Minor): string;
  dateTime(iso: string): string;
  /** A calendar day ("2027-12-03") the locale's way. */
  day(day: string): string;
}

/**
 * A feature's part of the receipt (gift cards sold or redeemed, loyalty points): blocks for this sale,
 * or none. A section that throws is left out — a receipt always prints.
 */
export type ReceiptSection = (sale: SaleRecord, ctx: ReceiptContext) => ReceiptBlock[];

export interface ReceiptConfig {
  width: 32 | 42 | 48;
  store: TillConfig['store'];
  header: string[];
  footer: string[];
  locale: string;
  ascii: boolean;
  /** Prefix that tells a receipt barcode apart from a product barcode ("R" -> "RR1-000042"). */
  receiptPrefix: string;
  /** Gift-card scan prefix, for a card printed on the receipt (a return's new card). */
  giftCardPrefix?: string;
  sections?: ReceiptSection[];
  /** Language of the labels; default: the language of `locale`. */
  language?: string;
  /** IANA zone for the printed time; default: the machine's zone. */
  timeZone?: string;
  /** Tax mode the sale was priced in; default: read from the sale's own sums (exclusive tax is added to the total). */
  taxMode?: TillConfig['tax']['mode'];
}

/** What a receipt barcode holds: scanning it back yields prefix + receipt number. */
export const receiptBarcode = (receiptPrefix: string, receiptNo: string): string => `${receiptPrefix}${receiptNo}`;

export function receiptContext(sale: Pick<SaleRecord, 'currency'>, cfg: ReceiptConfig): ReceiptContext {
  const language = cfg.language ?? (cfg.locale.split('-')[0] || 'en');
  const tr = translator(language);
  return {
    width: cfg.width,
    locale: cfg.locale,
    ascii: cfg.ascii,
    currency: sale.currency,
    t: tr,
    money: (m) => formatMoney(m, sale.currency, { locale: cfg.locale, ascii: cfg.ascii }),
    dateTime: (iso) => formatDateTime(iso, cfg.locale, cfg.ascii, { timeZone: cfg.timeZone }),
    day: (d) => formatDay(d, cfg.locale, cfg.ascii),
  };
}

/** The shop's name, address, phone, tax id and header lines (a return receipt opens the same way). */
export function headerBlocks(cfg: ReceiptConfig, c: ReceiptContext): ReceiptBlock[] {
  const s = cfg.store;
  const out: ReceiptBlock[] = [text(s.name, { align: 'center', bold: true, size: 'double' })];
  for (const a of s.address) out.push(text(a, { align: 'center' }));
  if (s.phone) out.push(text(c.t('receipt.phone', { phone: s.phone }), { align: 'center' }));
  if (s.taxId) out.push(text(c.t('receipt.taxId', { taxId: s.taxId }), { align: 'center' }));
  for (const h of cfg.header) out.push(text(h, { align: 'center' }));
  return out;
}

function lineBlocks(sale: SaleRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  for (const l of sale.lines) {
    const w = lineWeight(l);
    // A weighed line says what was weighed: "0.750 kg x $2.40/kg" under the name, the line's price beside it.
    if (w) {
      out.push(text(l.name));
      out.push(columns(`  ${c.t('receipt.weightTimesPrice', { weight: formatDecimal(w.weight, c.locale, c.ascii), price: c.money(w.pricePerKg) })}`, c.money(l.gross)));
    } else if (l.qty === 1) out.push(columns(l.name, c.money(l.gross)));
    else {
      out.push(text(l.name));
      const qty = formatNumber(l.qty, c.locale, c.ascii);
      out.push(columns(`  ${c.t('receipt.qtyTimesPrice', { qty, price: c.money(l.unitPrice) })}`, c.money(l.gross)));
    }
    // A line priced from the tier's list: its amount above is the tier price; this says so and
    // names the catalog price, with no amount of its own (nothing is taken off twice).
    if (l.priceFrom && l.listPrice !== undefined) out.push(text(c.t('receipt.tierPrice', { tier: sanitizeLine(l.priceFrom.name), price: c.money(l.listPrice) })));
    const own = Math.min(l.lineDiscount ?? 0, l.gross);
    if (own > 0) out.push(columns(c.t('receipt.lineDiscount'), c.money(-own)));
  }
  return out;
}

function summaryBlocks(sale: SaleRecord, cfg: ReceiptConfig, c: ReceiptContext): ReceiptBlock[] {
  const orderDiscounts = sale.discounts.filter((d) => d.amount !== 0);
  const orderTotal = orderDiscounts.reduce((a, d) => a + d.amount, 0);
  // Line discounts are shown under their lines; the subtotal is what the lines above it add up to
  // (the sale screen's subtotal too: cart.ts).
  const subtotal = subtotalBeforeOrderDiscounts(sale);
  // A sale does not record its tax mode, but its arithmetic does: exclusive tax is added on top.
  const mode = cfg.taxMode ?? (sale.tax !== 0 && sale.total === subtotal - orderTotal + sale.tax ? 'exclusive' : 'inclusive');
  const out: ReceiptBlock[] = [columns(c.t('receipt.subtotal'), c.money(subtotal))];
  // A tier's discount is labelled with the tier's name: said as a member discount, not a bare "Gold".
  for (const d of orderDiscounts) out.push(columns(c.t(d.source === 'tier' ? 'receipt.discount.tier' : 'receipt.discount', { label: d.label }), c.money(-d.amount)));
  const rows = sale.taxSummary;
  const rateKey = mode === 'exclusive' ? 'receipt.taxExclusive' : 'receipt.taxInclusive';
  for (const r of rows) {
    out.push(columns(c.t(rateKey, { rate: formatPercent(r.ratePct, c.locale, c.ascii), base: c.money(r.base), taxClass: r.taxClass }), c.money(r.tax)));
  }
  out.push(columns(c.t('receipt.total'), c.money(sale.total), { bold: true, size: 'double' }));
  if (sale.cashRounding !== 0) out.push(columns(c.t('receipt.cashRounding'), c.money(sale.cashRounding)));
  return out;
}

function tenderBlocks(sale: SaleRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  for (const tn of sale.tenders) {
    const shown = tn.kind === 'cash' ? (tn.given ?? tn.amount) : tn.amount;
    out.push(columns(c.t(`receipt.tender.${tn.kind}`), c.money(shown)));
    // A card payment's reference is the terminal's approval code; a gift card's is the card, masked.
    if (tn.reference) out.push(text(c.t(tn.kind === 'giftcard' ? 'receipt.reference.giftcard' : 'receipt.reference', { reference: tn.reference })));
  }
  if (sale.change > 0 || sale.tenders.some((tn) => tn.kind === 'cash')) out.push(columns(c.t('receipt.change'), c.money(sale.change), { bold: true }));
  return out;
}

function identityBlocks(sale: SaleRecord, cfg: ReceiptConfig, c: ReceiptContext): ReceiptBlock[] {
  const code = receiptBarcode(cfg.receiptPrefix, sale.receiptNo);
  const out: ReceiptBlock[] = [
    text(c.t('receipt.date', { date: c.dateTime(sale.at) })),
    text(c.t('receipt.register', { register: sale.register })),
    text(c.t('receipt.operator', { operator: sale.operator.name })),
    text(c.t('receipt.number', { receiptNo: sale.receiptNo }), { bold: true }),
  ];
  if (isCode128B(code)) out.push(feed(1), barcode(code));
  return out;
}

function sectionBlocks(sale: SaleRecord, cfg: ReceiptConfig, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  for (const section of cfg.sections ?? []) {
    let blocks: ReceiptBlock[];
    try {
      blocks = section(sale, c);
    } catch {
      continue;
    }
    if (Array.isArray(blocks) && blocks.length) out.push(separator(), ...blocks);
  }
  return out;
}

/**
 * Every text and code a block carries loses its control characters: a name imported before the
 * import refused them must not reach the printer as ESC p (drawer kick) or GS V (cut).
 */
export function safeBlock(b: ReceiptBlock): ReceiptBlock {
  if (b.type === 'text') return { ...b, text: sanitizeReceiptText(b.text) };
  if (b.type === 'columns') return { ...b, left: sanitizeReceiptText(b.left), right: sanitizeReceiptText(b.right) };
  if (b.type === 'barcode' || b.type === 'qr') return { ...b, data: sanitizeLine(b.data) };
  return b;
}

/** ASCII mode: every text the blocks carry, transliterated (barcode and QR data are left as they are). */
export function asciiBlock(b: ReceiptBlock): ReceiptBlock {
  if (b.type === 'text') return { ...b, text: toAscii(b.text) };
  if (b.type === 'columns') return { ...b, left: toAscii(b.left), right: toAscii(b.right) };
  return b;
}

export function layoutReceipt(sale: SaleRecord, cfg: ReceiptConfig): ReceiptDoc {
  const c = receiptContext(sale, cfg);
  const blocks: ReceiptBlock[] = [
    ...headerBlocks(cfg, c),
    separator(),
    ...lineBlocks(sale, c),
    separator(),
    ...summaryBlocks(sale, cfg, c),
    separator(),
    ...tenderBlocks(sale, c),
    ...sectionBlocks(sale, cfg, c),
    separator(),
    ...identityBlocks(sale, cfg, c),
    ...(cfg.footer.length ? [feed(1), ...cfg.footer.map((f) => text(f, { align: 'center' }))] : []),
    feed(3),
    cut(),
  ];
  const safe = blocks.map(safeBlock);
  return { width: cfg.width, locale: cfg.locale, ascii: cfg.ascii, blocks: cfg.ascii ? safe.map(asciiBlock) : safe };
}
