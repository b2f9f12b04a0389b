/**
 * The printed X / Z / sales report: a ShiftReport in, a ReceiptDoc out (pure), laid out for the
 * receipt printer's 32, 42 or 48 columns by the same blocks as a receipt, so the plain text
 * (receipt-text.ts) and the ESC/POS bytes (hardware/printer/escpos.ts) say the same thing.
 */
import { dateFormat, formatDateTime, formatMoney, formatNumber } from '../../i18n/format.js';
import { toAscii } from '../../i18n/ascii.js';
import { translator, type Translate } from '../../i18n/index.js';
import { columns, cut, feed, separator, text, type ReceiptBlock, type ReceiptDoc } from '../receipt-doc.js';
import { sanitizeReceiptText } from '../text-safety.js';
import { formatUnits } from '../loyalty/units.js';
import type { Minor } from '../money.js';
import type { CountRow, ShiftReport } from './report.js';

export interface ReportLayoutConfig {
  width: 32 | 42 | 48;
  locale: string;
  ascii: boolean;
  storeName: string;
  /** Default: the language of `locale`. */
  language?: string;
  /** IANA zone for printed times; default: the machine's. */
  timeZone?: string;
  /** Operator id -> name for the opener and closer (default: the id). */
  operatorName?: (id: string) => string | undefined;
}

interface Ctx {
  t: Translate;
  money: (m: Minor) => string;
  signed: (m: Minor) => string;
  num: (n: number) => string;
  at: (iso: string) => string;
  time: (iso: string) => string;
  who: (id: string | null) => string;
}

function context(r: ShiftReport, cfg: ReportLayoutConfig): Ctx {
  const tr = translator(cfg.language ?? (cfg.locale.split('-')[0] || 'en'));
  const money = (m: Minor) => formatMoney(m, r.currency, { locale: cfg.locale, ascii: cfg.ascii });
  const tz = cfg.timeZone ? { timeZone: cfg.timeZone } : {};
  return {
    t: tr,
    money,
    signed: (m) => (m > 0 ? `+${money(m)}` : money(m)),
    num: (n) => formatNumber(n, cfg.locale, cfg.ascii),
    at: (iso) => formatDateTime(iso, cfg.locale, cfg.ascii, tz),
    time: (iso) => {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      try {
        return dateFormat(cfg.locale || 'en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...tz }).format(d);
      } catch {
        return iso;
      }
    },
    who: (id) => (id === null ? '' : (cfg.operatorName?.(id) ?? id) || '-'),
  };
}

const title = (s: string): ReceiptBlock => text(s, { bold: true });

function methodLabel(c: Ctx, method: string): string {
  const key = `receipt.tender.${method}`;
  const label = c.t(key);
  return label === key ? method : label;
}

function head(r: ShiftReport, cfg: ReportLayoutConfig, c: Ctx): ReceiptBlock[] {
  const name = r.kind === 'X' ? c.t('shift.report.x') : r.kind === 'Z' ? c.t('shift.report.z', { z: r.z ?? '' }) : c.t('shift.report.sales');
  const out: ReceiptBlock[] = [text(cfg.storeName, { align: 'center', bold: true }), text(name, { align: 'center', bold: true, size: 'double' })];
  if (r.copy) out.push(text(c.t('shift.report.copy'), { align: 'center', bold: true }));
  if (r.kind === 'X') out.push(text(c.t('shift.report.xNote'), { align: 'center' }));
  out.push(text(r.register ? c.t('shift.report.register', { register: r.register }) : c.t('shift.report.allRegisters')));
  if (r.kind === 'SALES') out.push(text(c.t('shift.report.range', { from: r.from ?? '', to: r.to ?? '' })));
  if (r.openedAt) out.push(text(c.t('shift.report.opened', { at: c.at(r.openedAt), operator: r.openedByName || c.who(r.openedBy) })));
  if (r.auto) out.push(text(c.t('shift.report.auto')));
  if (r.closedAt) out.push(text(c.t('shift.report.closed', { at: c.at(r.closedAt), operator: r.closedByName || c.who(r.closedBy) })));
  out.push(text(c.t('shift.report.printed', { at: c.at(r.printedAt) })));
  return out;
}

function salesBlocks(r: ShiftReport, c: Ctx): ReceiptBlock[] {
  const s = r.sales;
  const out: ReceiptBlock[] = [
    title(c.t('shift.report.salesTitle')),
    columns(c.t('shift.report.salesCount'), c.num(s.count)),
    columns(c.t('shift.report.items'), c.num(s.items)),
    columns(c.t('shift.report.gross'), c.money(s.gross)),
    columns(c.t('shift.report.discounts', { count: c.num(s.discounts.count) }), c.money(-s.discounts.amount)),
    columns(c.t('shift.report.net'), c.money(s.net)),
    columns(c.t('shift.report.tax'), c.money(s.tax)),
    columns(c.t('shift.report.total'), c.money(s.total), { bold: true }),
  ];
  if (r.taxes.length) {
    out.push(separator(), title(c.t('shift.report.taxTitle')));
    for (const x of r.taxes) {
      out.push(columns(c.t('shift.report.taxRow', { taxClass: x.taxClass, rate: c.num(x.ratePct) }), c.money(x.tax)));
      out.push(text(c.t('shift.report.taxBase', { net: c.money(x.net) })));
    }
  }
  if (r.categories.length) {
    out.push(separator(), title(c.t('shift.report.categoriesTitle')));
    for (const x of r.categories) out.push(columns(c.t('shift.report.categoryRow', { category: x.category, qty: c.num(x.qty) }), c.money(x.amount)));
  }
  if (r.payments.length) {
    out.push(separator(), title(c.t('shift.report.paymentsTitle')));
    for (const p of r.payments) out.push(columns(c.t('shift.report.paymentRow', { method: methodLabel(c, p.method), count: c.num(p.count) }), c.money(p.amount)));
  }
  return out;
}

/** What returns gave back, shown only when there were some (the sales figures above stay what was sold). */
function returnBlocks(r: ShiftReport, c: Ctx): ReceiptBlock[] {
  const x = r.returns;
  if (!x || x.count === 0) return [];
  const out: ReceiptBlock[] = [
    separator(),
    title(c.t('shift.report.returnsTitle')),
    columns(c.t('shift.report.returnsCount'), c.num(x.count)),
    columns(c.t('shift.report.returnsItems'), c.num(x.items)),
    columns(c.t('shift.report.returnsDiscounts'), c.money(x.discounts)),
    columns(c.t('shift.report.tax'), c.money(-x.tax)),
    columns(c.t('shift.report.returnsTotal'), c.money(-x.total), { bold: true }),
  ];
  for (const t of x.taxes) {
    out.push(columns(c.t('shift.report.taxRow', { taxClass: t.taxClass, rate: c.num(t.ratePct) }), c.money(-t.tax)));
    out.push(text(c.t('shift.report.taxBase', { net: c.money(-t.net) })));
  }
  for (const k of x.categories) out.push(columns(c.t('shift.report.categoryRow', { category: k.category, qty: c.num(k.qty) }), c.money(-k.amount)));
  for (const f of x.refunds) out.push(columns(c.t('shift.report.refundRow', { method: methodLabel(c, f.method), count: c.num(f.count) }), c.money(-f.amount)));
  out.push(columns(c.t('shift.report.netSales'), c.money(r.sales.total - x.total), { bold: true }));
  return out;
}

function countBlocks(rows: CountRow[] | null, c: Ctx): ReceiptBlock[] {
  return (rows ?? []).map((x) => columns(c.t('shift.report.countRow', { pieces: c.num(x.pieces), value: c.money(x.value) }), c.money(x.amount)));
}

function cashBlocks(r: ShiftReport, c: Ctx): ReceiptBlock[] {
  const k = r.cash;
  const out: ReceiptBlock[] = [separator(), title(c.t('shift.report.cashTitle'))];
  if (k.float !== null) out.push(columns(c.t('shift.report.float'), c.money(k.float)), ...countBlocks(k.floatCount, c));
  out.push(columns(c.t('shift.report.cashSales'), c.money(k.sales)));
  if (k.rounding !== 0) out.push(columns(c.t('shift.report.rounding'), c.signed(k.rounding)));
  out.push(columns(c.t('shift.report.cashIn', { count: c.num(k.in.count) }), c.signed(k.in.amount)));
  for (const m of k.moves.filter((x) => x.direction === 'in')) out.push(columns(c.t('shift.report.move', { time: c.time(m.at), reason: m.reason }), c.money(m.amount)));
  out.push(columns(c.t('shift.report.cashOut', { count: c.num(k.out.count) }), c.money(-k.out.amount)));
  for (const m of k.moves.filter((x) => x.direction === 'out')) {
    out.push(columns(c.t('shift.report.move', { time: c.time(m.at), reason: m.reason }), c.money(-m.amount)));
    if (m.approvedBy) out.push(text(c.t('shift.report.approvedBy', { operator: m.approvedByName || c.who(m.approvedBy) })));
  }
  if (k.refunds?.count) out.push(columns(c.t('shift.report.cashRefunds', { count: c.num(k.refunds.count) }), c.money(-k.refunds.amount)));
  if (k.expected !== null) out.push(columns(c.t('shift.report.expected'), c.money(k.expected), { bold: true }));
  if (k.counted !== null) out.push(columns(c.t('shift.report.counted'), c.money(k.counted)), ...countBlocks(k.count, c));
  if (k.difference !== null) out.push(columns(c.t('shift.report.difference'), c.signed(k.difference), { bold: true }));
  out.push(separator());
  out.push(columns(c.t('shift.report.voids', { count: c.num(r.voids.count) }), c.money(r.voids.amount)));
  out.push(columns(c.t('shift.report.noSales'), r.noSales.approved ? c.t('shift.report.noSalesApproved', { count: c.num(r.noSales.count), approved: c.num(r.noSales.approved) }) : c.num(r.noSales.count)));
  return out;
}

function cardBlocks(r: ShiftReport, c: Ctx): ReceiptBlock[] {
  const g = r.giftcards;
  const out: ReceiptBlock[] = [separator(), title(c.t('shift.report.giftcardsTitle'))];
  out.push(columns(c.t('shift.report.gcSold', { count: c.num(g.sold.count) }), c.money(g.sold.value)));
  if (g.sold.price !== g.sold.value) out.push(columns(c.t('shift.report.gcSoldPrice'), c.money(g.sold.price)));
  if (g.loaded?.count) out.push(columns(c.t('shift.report.gcLoaded', { count: c.num(g.loaded.count) }), c.money(g.loaded.amount)));
  out.push(columns(c.t('shift.report.gcRedeemed', { count: c.num(g.redeemed.count) }), c.money(g.redeemed.amount)));
  const back = r.returns?.giftcards;
  if (back?.returned.count) out.push(columns(c.t('shift.report.gcReturned', { count: c.num(back.returned.count) }), c.money(-back.returned.value)));
  if (back?.refunded.count) out.push(columns(c.t('shift.report.gcRefunded', { count: c.num(back.refunded.count) }), c.money(back.refunded.amount)));
  if (g.liability) {
    out.push(columns(c.t('shift.report.gcOutstanding'), c.money(g.liability.outstanding)));
    if (g.liability.blocked) out.push(columns(c.t('shift.report.gcBlocked'), c.money(g.liability.blocked)));
  }
  for (const p of r.points) {
    const pts = (u: number) => c.t('shift.report.points', { points: formatUnits(u, p.decimals) });
    const worth = (v: Minor | null) => (v === null || v === 0 ? [] : [columns(c.t('shift.report.pointsWorth'), c.money(v))]);
    out.push(separator(), title(c.t('shift.report.pointsTitle', { name: p.name })));
    out.push(columns(c.t('shift.report.pointsEarned'), pts(p.earned)), ...worth(p.earnedValue));
    out.push(columns(c.t('shift.report.pointsSpent'), pts(p.spent)), ...worth(p.spentValue));
    out.push(columns(c.t('shift.report.pointsExpired'), pts(p.expired)), ...worth(p.expiredValue));
    if (p.other) out.push(columns(c.t('shift.report.pointsOther'), pts(p.other)));
  }
  return out;
}

function tailBlocks(r: ShiftReport, c: Ctx): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  if (r.operators.length) {
    out.push(separator(), title(c.t('shift.report.operatorsTitle')));
    for (const o of r.operators) out.push(columns(c.t('shift.report.operatorRow', { name: o.name, count: c.num(o.count) }), c.money(o.amount)));
  }
  if (r.days?.length) {
    out.push(separator(), title(c.t('shift.report.daysTitle')));
    for (const d of r.days) out.push(columns(c.t('shift.report.dayRow', { day: d.day, count: c.num(d.count) }), c.money(d.total)));
  }
  if (r.shifts?.length) {
    out.push(separator(), title(c.t('shift.report.shiftsTitle')));
    for (const z of r.shifts) out.push(columns(c.t('shift.report.shiftRow', { z: z.z, register: z.register, day: c.at(z.closedAt) }), c.signed(z.difference)));
  }
  out.push(separator());
  out.push(text(r.receipts.first ? c.t('shift.report.receipts', { first: r.receipts.first, last: r.receipts.last ?? '' }) : c.t('shift.report.noReceipts')));
  if (r.journal.firstSeq !== null) out.push(text(c.t('shift.report.journal', { first: r.journal.firstSeq, last: r.journal.lastSeq ?? '' })));
  if (r.journal.covers) {
    out.push(text(c.t('shift.report.covers', { seq: r.journal.covers.seq })));
    out.push(text(c.t('shift.report.hash', { hash: r.journal.covers.hash.slice(0, 16) })));
  }
  if (r.z !== null) out.push(columns(c.t('shift.report.zCounter'), String(r.z), { bold: true }));
  if (r.copy) out.push(text(c.t('shift.report.copy'), { align: 'center', bold: true }));
  return out;
}

function safe(b: ReceiptBlock, ascii: boolean): ReceiptBlock {
  const clean = (s: string) => (ascii ? toAscii(sanitizeReceiptText(s)) : sanitizeReceiptText(s));
  if (b.type === 'text') return { ...b, text: clean(b.text) };
  if (b.type === 'columns') return { ...b, left: clean(b.left), right: clean(b.right) };
  return b;
}

export function layoutShiftReport(r: ShiftReport, cfg: ReportLayoutConfig): ReceiptDoc {
  const c = context(r, cfg);
  const blocks: ReceiptBlock[] = [
    ...head(r, cfg, c),
    separator('='),
    ...salesBlocks(r, c),
    ...returnBlocks(r, c),
    ...cashBlocks(r, c),
    ...cardBlocks(r, c),
    ...tailBlocks(r, c),
    feed(3),
    cut(),
  ];
  return { width: cfg.width, locale: cfg.locale, ascii: cfg.ascii, blocks: blocks.map((b) => safe(b, cfg.ascii)) };
}
