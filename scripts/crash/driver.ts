/**
 * What the crash test does at the till between kills: plain sales mixed with gift-card sales (a new
 * code, or a stock card scanned and given a value), gift-card payments (the oldest card with a
 * balance is spent down across sales until depleted; sometimes a second card, sometimes a part),
 * loyalty customers attached by id or by scanning their card (sometimes created first), and points
 * spent through the cashback reward. Each acknowledged sale is kept as the reply described it.
 *
 * While the register runs, every sale it committed was acknowledged, so the test knows every balance
 * exactly and checks what the register shows: the points at attach, min(balance, due) taken by a card,
 * the balance before a sale's points, a depleted card refused.
 */
import { CUSTOMER_WORD, PROGRAM_ID, PRODUCTS, REWARD_ID } from './seed.js';
import type { Child, Reply } from './child.js';
import type { Model, SaleRec } from './model.js';

export interface DriverLane {
  /** Distinguishes the lane's customers' names and phones. */
  id: number;
  model: Model;
  acked: Map<string, SaleRec>;
  ackedCustomers: Set<string>;
  /** Phone numbers handed out so far. */
  phones: number;
  liveChecks: number;
  depletedRefusals: number;
  failures: string[];
}

const MAX_CUSTOMERS = 60;
const CARD_VALUES = [500, 1_000, 1_500, 2_500];
/** Reward refusals a cashier meets in normal use (no points, over the cap, nothing to discount). */
const REWARD_REFUSALS = ['INSUFFICIENT_POINTS', 'POINTS_EXCEED_LIMIT', 'POINTS_TOO_FEW', 'REWARD_MIN_BALANCE', 'REWARD_NOT_APPLICABLE'];
const GIFT_CARD_CODE = /\|\|\| GC([0-9A-Z]{20}) \|\|\|/g;

class Refused extends Error {}

function must(r: Reply, what: string, allowed: string[] = []): boolean {
  if (r.ok) return true;
  if (allowed.includes(r.error!.code)) return false;
  throw new Refused(`${what} refused: ${r.error?.code} ${r.error?.message}`);
}

/** Sells until the child dies (a send rejects with ChildGone). */
export async function sellUntilKilled(child: Child, lane: DriverLane, random: () => number): Promise<void> {
  for (;;) await oneSale(child, lane, random);
}

async function oneSale(child: Child, lane: DriverLane, random: () => number): Promise<void> {
  const m = lane.model;
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const live = (good: boolean, what: string) => {
    lane.liveChecks++;
    if (!good) lane.failures.push(`at the till: ${what}`);
  };
  let r: Reply;

  // A loyalty customer: attached by id or by scanning the card; now and then a new one.
  let customer: string | null = null;
  if (random() < 0.4) {
    if (random() < 0.08 && m.cardOf.size < MAX_CUSTOMERS) {
      const n = ++lane.phones;
      r = await child.send({ cmd: 'customer_create', name: `${CUSTOMER_WORD} New ${lane.id}-${n}`, phone: `+1 556 ${String(n).padStart(7, '0')}` });
      must(r, 'customer_create');
      const c = r.customers![0];
      lane.ackedCustomers.add(c.id);
      m.addCustomer(c.id, c.card);
      customer = c.id;
    } else customer = pick([...m.cardOf.keys()]);
    r = random() < 0.5 ? await child.send({ cmd: 'customer_attach', customer }) : await child.send({ cmd: 'scan', code: m.cardOf.get(customer) });
    must(r, 'attaching a customer');
    const shown = r.state.customer;
    live(shown?.id === customer && (shown.points[PROGRAM_ID] ?? 0) === m.points.get(customer), `customer ${customer} attached with ${JSON.stringify(shown?.points)}, expected ${m.points.get(customer)} points`);
  }

  const sellCard = random() < 0.15;
  const items = sellCard ? Math.floor(random() * 2) : 1 + Math.floor(random() * 3);
  for (let i = 0; i < items; i++) must(await child.send({ cmd: 'scan', code: pick(PRODUCTS).barcodes[0] }), 'scan');

  // Selling a card: scan a stock card and give it a value, or have the register make a new code.
  const stockOn = new Map<string, string>(); // line -> stock code
  if (sellCard) {
    const value = pick(CARD_VALUES);
    if (m.stockLeft.size && random() < 0.5) {
      const code = pick([...m.stockLeft]);
      r = await child.send({ cmd: 'scan', code: `GC${code}` });
      must(r, 'scanning a stock gift card');
      if (r.state.status !== 'card_amount') throw new Refused(`a stock card scan left the register in "${r.state.status}"`);
      r = await child.send({ cmd: 'giftcard_amount', amount: value });
      must(r, 'giftcard_amount');
      stockOn.set(r.state.lines.at(-1)!.line, code);
    } else must(await child.send({ cmd: 'giftcard_sell', amount: value }), 'giftcard_sell');
  }

  // Points spent through the cashback reward: a number of points, or as many as allowed.
  if (customer && (m.points.get(customer) ?? 0) > 0 && random() < 0.5) {
    const bal = m.points.get(customer)!;
    const points = random() < 0.4 ? 'max' : 1 + Math.floor(random() * Math.min(bal, 30));
    r = await child.send({ cmd: 'reward_apply', program: PROGRAM_ID, reward: REWARD_ID, points });
    if (!must(r, 'reward_apply', REWARD_REFUSALS) && points !== 'max') must(await child.send({ cmd: 'reward_apply', program: PROGRAM_ID, reward: REWARD_ID, points: 'max' }), 'reward_apply max', REWARD_REFUSALS);
  }

  r = await child.send({ cmd: 'pay' });
  must(r, 'pay');
  const saleId = r.state.saleId!;
  const mixed = r.state.lines.some((l) => l.kind === 'giftcard');
  const cardOn = new Map<string, string>(); // payment -> gift card code

  if (random() < 0.45) {
    const depleted = m.depleted();
    if (depleted.length && random() < 0.15) {
      const d = await child.send({ cmd: 'giftcard_pay', code: `GC${pick(depleted)}` });
      live(!d.ok && d.error!.code === 'GIFT_CARD_DEPLETED' && d.state.tenders.length === r.state.tenders.length, `a depleted card was not refused (${d.ok ? 'accepted' : d.error!.code})`);
      lane.depletedRefusals++;
    }
    const cards = m.spendable();
    const uses = Math.min(cards.length, random() < 0.3 ? 2 : 1);
    for (let k = 0; k < uses && r.state.status === 'tender'; k++) {
      const code = k === 0 ? cards[0] : pick(cards.slice(1));
      const bal = m.cards.get(code)!;
      const due = r.state.due;
      const amount = !mixed && random() < 0.4 ? 1 + Math.floor(random() * Math.min(bal, due)) : undefined;
      const g = await child.send(amount === undefined ? { cmd: 'giftcard_pay', code: `GC${code}` } : { cmd: 'giftcard_pay', code: `GC${code}`, amount });
      // A sale of gift cards only has nothing a gift card may pay.
      if (!must(g, 'giftcard_pay', mixed ? ['GIFT_CARD_FOR_GIFT_CARD'] : [])) break;
      const t = g.state.tenders.at(-1)!;
      if (t.kind !== 'giftcard' || cardOn.has(t.payment)) throw new Refused(`giftcard_pay added no gift-card tender (${JSON.stringify(t)})`);
      cardOn.set(t.payment, code);
      if (mixed) live(t.amount > 0 && t.amount <= bal, `card ****${code.slice(-4)} paid ${t.amount} with a balance of ${bal}`);
      else live(t.amount === (amount ?? Math.min(bal, due)), `card ****${code.slice(-4)} paid ${t.amount}, expected ${amount ?? `min(balance ${bal}, due ${due})`}`);
      r = g;
    }
  }
  if (r.state.status === 'tender') {
    r = random() < 0.7 ? await child.send({ cmd: 'exact' }) : await child.send({ cmd: 'card', amount: r.state.due, reference: `T${Math.floor(random() * 1e6)}` });
    must(r, 'tender');
  }
  if (r.state.status !== 'committed' || r.state.lastSale?.saleId !== saleId) throw new Refused(`the sale ended "${r.state.status}", not committed`);

  const s = r.state;
  const rec: SaleRec = {
    saleId,
    receiptNo: s.lastSale!.receiptNo,
    redeemed: s.tenders.filter((t) => t.kind === 'giftcard').map((t) => ({ code: cardOn.get(t.payment) ?? '?', amount: t.amount, tenderId: t.payment })),
    sold: s.lines
      .filter((l) => l.kind === 'giftcard')
      .map((l) => ({ lineId: l.line, faceValue: l.unitPrice, last4: l.name.slice(-4), ...(stockOn.has(l.line) ? { code: stockOn.get(l.line) } : {}) })),
  };
  const loy = s.loyalty?.programs.find((p) => p.programId === PROGRAM_ID);
  if (customer) {
    if (!s.loyalty || !loy) throw new Refused(`sale ${rec.receiptNo} with customer ${customer} committed without loyalty`);
    rec.loyalty = { customerId: s.loyalty.customerId, earned: loy.earned, spent: loy.spent };
    const before = m.points.get(customer)!;
    live(loy.balanceBefore === before && loy.balanceAfter === before + loy.earned - loy.spent, `sale ${rec.receiptNo}: points ${loy.balanceBefore} -> ${loy.balanceAfter} (+${loy.earned} -${loy.spent}), expected from ${before}`);
  }
  lane.acked.set(saleId, rec);

  // A new code is printed once, on the receipt: that is where the test learns it.
  if (rec.sold.some((x) => !x.code)) {
    const text = (await child.send({ cmd: 'receipt' })).receipt?.text ?? '';
    for (const [, code] of text.matchAll(GIFT_CARD_CODE)) {
      const line = rec.sold.find((x) => !x.code && x.last4 === code.slice(-4));
      if (line) line.code = code;
    }
  }
  m.apply(rec);
  lane.failures.push(...m.problems.splice(0));
  must(await child.send({ cmd: 'next' }), 'next');
}

export { Refused };
