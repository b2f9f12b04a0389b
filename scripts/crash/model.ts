/**
 * The crash test's own bookkeeping, independent of the store's projections: what each acknowledged
 * sale did (from the replies the test kept), and the gift-card balances and points that follow from
 * the seed plus the sales in the journal. A sale acknowledged to the client counts as the reply said
 * (after checking the journal says the same); a sale committed but killed before its reply counts as
 * the journal says. The sums are plain arithmetic here, never the store's fold.
 */
import path from 'node:path';
import { listSegments, readFrom, scanBuffer, type ChainPoint } from '../../src/store/segments.js';
import { findGiftCard, giftCardSlice } from '../../src/store/projections/giftcards.js';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import type { JournalEvent, StoreState } from '../../src/store/types.js';
import { PROGRAM_ID, type Seed } from './seed.js';

export interface SaleRec {
  saleId: string;
  receiptNo: string;
  /** Gift-card tenders: the code the test paid with, the amount the reply showed, the payment id. */
  redeemed: { code: string; amount: number; tenderId: string }[];
  /** Cards sold: line, value, last four of the code (from the line name), the code once known. */
  sold: { lineId: string; faceValue: number; last4: string; code?: string }[];
  loyalty?: { customerId: string; earned: number; spent: number };
}

interface SaleExt {
  giftcards?: { sold?: { code: string; lineId: string; faceValue: number }[]; redeemed?: { code: string; amount: number; tenderId: string }[] };
  loyalty?: { customerId: string; programs?: { programId: string; earned: number; spent: number }[] };
}

/** A sale as the journal holds it, in the test's terms. */
export function recFromJournal(sale: { saleId: string; receiptNo: string; extensions?: SaleExt }): SaleRec {
  const gc = sale.extensions?.giftcards;
  const rec: SaleRec = {
    saleId: sale.saleId,
    receiptNo: sale.receiptNo,
    redeemed: (gc?.redeemed ?? []).map((r) => ({ code: r.code, amount: r.amount, tenderId: r.tenderId })),
    sold: (gc?.sold ?? []).map((s) => ({ lineId: s.lineId, faceValue: s.faceValue, last4: s.code.slice(-4), code: s.code })),
  };
  const l = sale.extensions?.loyalty;
  if (l) {
    const p = l.programs?.find((x) => x.programId === PROGRAM_ID);
    rec.loyalty = { customerId: l.customerId, earned: p?.earned ?? 0, spent: p?.spent ?? 0 };
  }
  return rec;
}

/** Where the acknowledged reply and the journal disagree about a sale (empty: they agree). */
export function ackDiffers(ack: SaleRec, jr: SaleRec): string[] {
  const out: string[] = [];
  const key = (r: { code: string; amount: number; tenderId: string }) => `${r.tenderId}:${r.code}:${r.amount}`;
  const a = ack.redeemed.map(key).sort().join(' ');
  const j = jr.redeemed.map(key).sort().join(' ');
  if (ack.receiptNo !== jr.receiptNo) out.push(`receipt ${ack.receiptNo} acknowledged, ${jr.receiptNo} journaled`);
  if (a !== j) out.push(`gift-card tenders acknowledged [${a}], journaled [${j}]`);
  const sold = (r: SaleRec) => r.sold.map((s) => `${s.lineId}:${s.faceValue}:${s.last4}`).sort().join(' ');
  if (sold(ack) !== sold(jr)) out.push(`cards sold acknowledged [${sold(ack)}], journaled [${sold(jr)}]`);
  for (const s of ack.sold) {
    const js = jr.sold.find((x) => x.lineId === s.lineId);
    if (s.code && js && js.code !== s.code) out.push(`card on ${s.lineId} printed as ${s.code.slice(-4)}, journaled as ${js.code?.slice(-4)}`);
  }
  const loy = (r: SaleRec) => (r.loyalty ? `${r.loyalty.customerId} +${r.loyalty.earned} -${r.loyalty.spent}` : 'none');
  if (loy(ack) !== loy(jr)) out.push(`loyalty acknowledged ${loy(ack)}, journaled ${loy(jr)}`);
  return out;
}

/** Expected balances: gift cards by code, points and purchases by customer. Maps keep first-seen order. */
export class Model {
  readonly cards = new Map<string, number>();
  /** Redemptions per card (sales only). */
  readonly redemptions = new Map<string, number>();
  readonly points = new Map<string, number>();
  readonly purchases = new Map<string, number>();
  /** Loyalty card number by customer id. */
  readonly cardOf = new Map<string, string>();
  readonly stockLeft: Set<string>;
  readonly problems: string[] = [];

  constructor(seed: Seed) {
    for (const c of seed.cards) this.cards.set(c.code, c.opening);
    for (const c of seed.customers) {
      this.points.set(c.id, c.opening);
      this.cardOf.set(c.id, c.card);
    }
    this.stockLeft = new Set(seed.stock);
  }

  addCustomer(id: string, card: string): void {
    if (this.cardOf.has(id)) this.problems.push(`customer ${id} was created twice`);
    this.cardOf.set(id, card);
    this.points.set(id, 0);
  }

  /** Applies one committed sale; `codeOf` names a sold card whose code the record does not hold. */
  apply(rec: SaleRec, codeOf?: (lineId: string) => string | undefined): void {
    for (const s of rec.sold) {
      const code = s.code ?? codeOf?.(s.lineId);
      if (!code) {
        this.problems.push(`sale ${rec.receiptNo}: the code of the card sold on ${s.lineId} is unknown`);
        continue;
      }
      if (this.cards.has(code)) this.problems.push(`sale ${rec.receiptNo}: card ****${code.slice(-4)} was sold again while already active`);
      this.stockLeft.delete(code);
      this.cards.set(code, s.faceValue);
    }
    for (const r of rec.redeemed) {
      const bal = this.cards.get(r.code);
      if (bal === undefined) {
        this.problems.push(`sale ${rec.receiptNo}: redeemed unknown card ****${r.code.slice(-4)}`);
        continue;
      }
      if (r.amount <= 0) this.problems.push(`sale ${rec.receiptNo}: redemption of ${r.amount} on ****${r.code.slice(-4)}`);
      if (bal - r.amount < 0) this.problems.push(`sale ${rec.receiptNo}: card ****${r.code.slice(-4)} would go below zero (${bal} - ${r.amount})`);
      this.cards.set(r.code, bal - r.amount);
      this.redemptions.set(r.code, (this.redemptions.get(r.code) ?? 0) + 1);
    }
    if (rec.loyalty) {
      const { customerId, earned, spent } = rec.loyalty;
      const pts = this.points.get(customerId);
      if (pts === undefined) {
        this.problems.push(`sale ${rec.receiptNo}: unknown customer ${customerId}`);
        return;
      }
      if (pts - spent < 0) this.problems.push(`sale ${rec.receiptNo}: customer ${customerId} spends ${spent} of ${pts} points`);
      this.points.set(customerId, pts + earned - spent);
      this.purchases.set(customerId, (this.purchases.get(customerId) ?? 0) + 1);
    }
  }

  /** Cards with a balance, oldest first (the first one is spent down across sales). */
  spendable(): string[] {
    return [...this.cards].filter(([, b]) => b > 0).map(([c]) => c);
  }

  depleted(): string[] {
    return [...this.cards].filter(([, b]) => b === 0).map(([c]) => c);
  }
}

/** Every complete transaction's events in journal order (a torn tail is left out, as start-up cuts it). */
export function journalEvents(dir: string): JournalEvent[] {
  const out: JournalEvent[] = [];
  let chain: ChainPoint = { seq: 0, hash: '' };
  const segments = listSegments(path.join(dir, 'journal'));
  segments.forEach((seg, i) => {
    const r = scanBuffer(readFrom(seg.file, 0), 0, seg.file, chain, i === segments.length - 1, dir, (events) => out.push(...events));
    chain = { seq: r.seq, hash: r.hash };
  });
  return out;
}

export interface Recomputed {
  model: Model;
  /** Sales in the journal by id, with how many times each appears. */
  salesSeen: Map<string, number>;
  salesInJournal: number;
  customersCreated: Set<string>;
  problems: string[];
}

/**
 * The seed plus every sale in the journal: acknowledged sales as acknowledged, the others as
 * journaled. Also checks each acknowledged sale and customer is there exactly once and agrees.
 */
export function recompute(seed: Seed, acked: Map<string, SaleRec>, ackedCustomers: Set<string>, events: JournalEvent[]): Recomputed {
  const model = new Model(seed);
  const seeded = new Set(seed.customers.map((c) => c.id));
  const problems = model.problems;
  const salesSeen = new Map<string, number>();
  const receipts = new Set<string>();
  const tenders = new Set<string>();
  const customersCreated = new Set<string>();
  let salesInJournal = 0;
  for (const ev of events) {
    if (ev.type === 'customer.created') {
      const c = (ev.data as { customer: { id: string; card: string } }).customer;
      if (seeded.has(c.id)) continue;
      model.addCustomer(c.id, c.card);
      customersCreated.add(c.id);
      continue;
    }
    if (ev.type !== 'sale.committed') continue;
    salesInJournal++;
    const jr = recFromJournal((ev.data as { sale: Parameters<typeof recFromJournal>[0] }).sale);
    const n = (salesSeen.get(jr.saleId) ?? 0) + 1;
    salesSeen.set(jr.saleId, n);
    if (n > 1) {
      problems.push(`sale ${jr.saleId} (${jr.receiptNo}) is in the journal ${n} times`);
      continue;
    }
    if (receipts.has(jr.receiptNo)) problems.push(`receipt number ${jr.receiptNo} was issued twice`);
    receipts.add(jr.receiptNo);
    for (const r of jr.redeemed) {
      const k = `${jr.saleId}/${r.tenderId}/${r.code}`;
      if (tenders.has(k)) problems.push(`redemption ${jr.receiptNo} ${r.tenderId} on ****${r.code.slice(-4)} is present twice`);
      tenders.add(k);
    }
    const ack = acked.get(jr.saleId);
    if (ack) {
      for (const d of ackDiffers(ack, jr)) problems.push(`acknowledged sale ${ack.receiptNo}: ${d}`);
      model.apply(ack, (lineId) => jr.sold.find((s) => s.lineId === lineId)?.code);
    } else model.apply(jr);
  }
  for (const [id, rec] of acked) if (!salesSeen.has(id)) problems.push(`acknowledged sale ${id} (${rec.receiptNo}) is missing from the journal`);
  for (const id of ackedCustomers) if (!customersCreated.has(id)) problems.push(`acknowledged customer ${id} is missing from the journal`);
  return { model, salesSeen, salesInJournal, customersCreated, problems };
}

/** The store's projection (a fold, a snapshot, or a running store) against the test's own sums. */
export function compareState(model: Model, state: StoreState): string[] {
  const out: string[] = [];
  for (const [code, want] of model.cards) {
    const card = findGiftCard(state, code);
    const tag = `gift card ****${code.slice(-4)}`;
    if (!card) {
      out.push(`${tag} is missing from the projection`);
      continue;
    }
    if (card.balance !== want) out.push(`${tag}: balance ${card.balance}, expected ${want} (issued + loads - redemptions)`);
    if (card.balance < 0) out.push(`${tag}: balance below zero (${card.balance})`);
    const want0 = want === 0 ? 'depleted' : 'active';
    if (card.state !== want0) out.push(`${tag}: state ${card.state}, expected ${want0}`);
    const redeemed = card.history.filter((h) => h.kind === 'redeemed' && h.ref !== undefined);
    const refs = new Set(redeemed.map((h) => h.ref));
    if (refs.size !== redeemed.length) out.push(`${tag}: a sale's redemption is in its history twice`);
    if (redeemed.length !== (model.redemptions.get(code) ?? 0)) out.push(`${tag}: ${redeemed.length} sale redemptions in its history, ${model.redemptions.get(code) ?? 0} in the journal`);
  }
  for (const [code, card] of Object.entries(giftCardSlice(state).cards)) {
    if (model.cards.has(code)) continue;
    if (!model.stockLeft.has(code) || card.state !== 'pending' || card.balance !== 0)
      out.push(`gift card ****${code.slice(-4)} is ${card.state} with ${card.balance} in the projection, expected ${model.stockLeft.has(code) ? 'pending stock' : 'no such card'}`);
  }
  const slice = loyaltyOf(state);
  for (const [id, want] of model.points) {
    const a = accountById(slice, id);
    if (!a) {
      out.push(`customer ${id} is missing from the projection`);
      continue;
    }
    const pts = a.points[PROGRAM_ID] ?? 0;
    if (pts !== want) out.push(`customer ${id}: ${pts} points, expected ${want} (opening + earned - spent)`);
    if (pts < 0) out.push(`customer ${id}: points below zero (${pts})`);
    if (a.purchases !== (model.purchases.get(id) ?? 0)) out.push(`customer ${id}: ${a.purchases} purchases, ${model.purchases.get(id) ?? 0} sales in the journal`);
  }
  const extra = Object.keys(slice.customers).filter((id) => !model.points.has(id));
  if (extra.length) out.push(`customers in the projection the journal never created: ${extra.join(', ')}`);
  return out;
}

