/**
 * The register's side of the chain while it sells (docs/chain.md, "At the till"): the outbox
 * replicating in the background, and the gift-card holds a sale takes before it is written.
 * Loaded by openRegister only when `chain.url` is set.
 *
 * Online, every card a sale redeems is held in the database first (holds.ts), in code order (the
 * lock order), so two registers cannot both spend one card; a refusal keeps the sale open with a
 * cashier message. When the database does not answer within `chain.timeoutMs` (or fails in any other
 * way), the offline rules decide instead — a sale is never blocked beyond them: `giftCards: "none"`
 * refuses cards, `"limited"` allows per card at most `maxPerCard` and per register at most
 * `maxPerRegister` in one offline period. The offline period is the journal after the position the
 * database last acknowledged: what this register redeemed there is what it spent unseen, so the
 * limits survive a restart without a file of their own, and the period ends when the push catches up.
 * The last known balance is the store's own check at commit (balance-guard.ts).
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { currency as currencyOf, parseAmount, toDecimalString } from '../domain/money.js';
import type { GiftCard, SaleGiftCards } from '../domain/giftcard/types.js';
import type { SaleRecord } from '../domain/sale.js';
import { streamTransactionsAt } from '../store/journal-stream.js';
import { SALE_COMMITTED, type SaleCommitted } from '../store/projections/sales.js';
import { chainError, connectChain } from './db.js';
import { holdGiftCard, releaseHolds } from './holds.js';
import { Outbox, pendingAfter } from './outbox.js';
import type { Alert } from './ledger.js';

export interface ChainLink {
  /** Before the sale is written: hold what it redeems, or apply the offline rules. Throws a cashier TillError. */
  holdSale(saleId: string, redeemed: readonly { code: string; amount: number }[]): Promise<void>;
  /** The sale is in the journal: replicate soon. */
  committed(): void;
  /** The sale was not written (commit failed, sale voided): let its holds go (they lapse anyway). */
  released(saleId: string): void;
  status(): ChainStatus;
  /**
   * The card as the chain database last showed it (pulled every few seconds), or undefined: lets this
   * register take a card another register sold. Its balance is the chain's, without other sales' holds.
   */
  card(code: string): GiftCard | undefined;
  /** Reads the cards changed in the database since the last pull (also done in the background). */
  pullCards(): Promise<number>;
  readonly outbox: Outbox;
  stop(): Promise<void>;
}

export interface ChainStatus {
  online: boolean;
  /** ISO time the database stopped answering; null online. */
  offlineSince: string | null;
  /** Last journal event the database acknowledged. */
  acked: number;
  /** Sales in the journal after it (counted after each commit and push). */
  salesToSend: number;
  /** The code and message of the last failure to reach the database (null once it answers). */
  problem: { code: string; message: string } | null;
}

export interface ChainLinkOptions {
  config: TillConfig;
  dataDir: string;
  /** The journal's store id. */
  journalId: string;
  /** The id its events carry in the ledger (identity.ts); default the register id. */
  ledgerId?: string;
  now?: () => Date;
  log?: (line: string) => void;
  onAlerts?: (alerts: Alert[]) => void;
}

const masked = (code: string) => `****${code.slice(-4)}`;

/** A decimal limit of the configuration in minor units (null = no cap). */
function limit(text: string, key: string, cur: ReturnType<typeof currencyOf>): number | null {
  if (text.trim() === '') return null;
  const v = parseAmount(text, cur);
  if (v === null) throw new TillError('CONFIG_INVALID', `chain.offline.${key} must be an amount in ${cur.code} (such as "${toDecimalString(5000 * 10 ** cur.exponent / 100, cur)}"), got "${text}".`);
  return v;
}

export function createChainLink(o: ChainLinkOptions): ChainLink {
  const { config } = o;
  const chain = config.chain;
  const cur = currencyOf(config.currency);
  const money = (m: number) => `${toDecimalString(m, cur)} ${cur.code}`;
  const perCardCap = limit(chain.offline.maxPerCard, 'maxPerCard', cur);
  const perRegisterCap = limit(chain.offline.maxPerRegister, 'maxPerRegister', cur);
  const now = o.now ?? (() => new Date());
  const log = o.log ?? (() => {});
  const reg = { register: o.ledgerId ?? config.register.id, journalId: o.journalId, currency: config.currency };
  const outbox = new Outbox({
    dataDir: o.dataDir,
    url: chain.url,
    reg,
    timeoutMs: chain.timeoutMs,
    now,
    onAlerts: o.onAlerts,
    onPushed: () => recount(),
    onError: (e) => {
      if (lastLogged !== e.code) log(`chain ${e.code}: ${e.message}`);
      lastLogged = e.code;
    },
  });
  let lastLogged = '';
  let client: Client | null = null;
  let salesToSend = 0;
  let counting = false;
  let recountAgain = false;
  /** Recounts the sales after the acknowledged position: one walk of the unsent tail at a time, again if asked meanwhile. */
  const recount = (): void => {
    if (counting) return void (recountAgain = true);
    counting = true;
    recountAgain = false;
    pendingAfter(o.dataDir, outbox.state.acked)
      .then((p) => void (salesToSend = p.sales))
      .catch(() => {})
      .finally(() => {
        counting = false;
        if (recountAgain) recount();
      });
  };

  // One connection for holds and pulls: callers at the same moment (a hold while a pull connects) share one attempt.
  let connecting: Promise<Client> | null = null;
  async function holdClient(): Promise<Client> {
    if (client) return client;
    connecting ??= connectChain(chain.url, { timeoutMs: chain.timeoutMs, statementMs: chain.timeoutMs, application: `till ${reg.register} holds` }).finally(() => (connecting = null));
    client = await connecting;
    return client;
  }
  const drop = () => {
    const c = client;
    client = null;
    void c?.end().catch(() => {});
  };

  // The chain's cards, pulled incrementally by updated_at. A row's updated_at is its transaction's
  // start, so a transaction that started before the last pull's newest row may commit after it: each
  // pull reads again from a minute before that row (cheap; cards change rarely).
  const cards = new Map<string, GiftCard>();
  let pulledTo: string | null = null;
  async function pullCards(): Promise<number> {
    const c = await holdClient();
    const r = await c.query<{ code: string; card: Omit<GiftCard, 'balance' | 'history'>; balance: string; at: string }>(
      "SELECT code, card, balance, updated_at::text AS at FROM gift_cards WHERE $1::timestamptz IS NULL OR updated_at > $1::timestamptz - interval '60 seconds' ORDER BY updated_at",
      [pulledTo],
    );
    for (const row of r.rows) {
      cards.set(row.code, { ...row.card, code: row.code, balance: Number(row.balance), history: [] });
      pulledTo = row.at;
    }
    return r.rows.length;
  }
  const puller = setInterval(() => {
    // Only while the outbox reaches the database: an offline register does not knock every 2 s twice.
    if (outbox.state.offlineSince === null) void pullCards().catch(() => drop());
  }, 2000);
  puller.unref();
  // And once at start: a register started (or restarted after a crash) knows the chain's cards at
  // once, not 2 s later — until then a card sold elsewhere reads as unknown to the cashier and
  // counts towards the gift-card guess limit (found by the chaos run: GIFT_CARD_UNKNOWN, then
  // GIFT_CARD_COOLDOWN, after each restart).
  void pullCards().catch(() => drop());

  /** What this register redeemed per card in journal transactions the database has not acknowledged. */
  async function spentOffline(): Promise<{ perCard: Map<string, number>; total: number }> {
    const perCard = new Map<string, number>();
    let total = 0;
    for await (const t of streamTransactionsAt(o.dataDir, { afterSeq: outbox.state.acked }))
      for (const ev of t.tx) {
        if (ev.type !== SALE_COMMITTED) continue;
        const ext = ((ev.data as SaleCommitted).sale as Partial<SaleRecord>)?.extensions?.giftcards as SaleGiftCards | undefined;
        for (const r of ext?.redeemed ?? []) {
          perCard.set(r.code, (perCard.get(r.code) ?? 0) + r.amount);
          total += r.amount;
        }
      }
    return { perCard, total };
  }

  async function offlineRules(perCard: Map<string, number>): Promise<void> {
    if (chain.offline.giftCards === 'none')
      throw new TillError('GIFT_CARD_OFFLINE', 'Gift cards cannot be taken now: the register cannot reach the shop\'s database. Take another payment, or try again when it is back.');
    const spent = await spentOffline();
    let total = spent.total;
    for (const [code, amount] of perCard) {
      const before = spent.perCard.get(code) ?? 0;
      // The last balance the chain showed, less what this register spent on it since (not yet acknowledged).
      const known = cards.get(code);
      if (known && before + amount > known.balance)
        throw new TillError('GIFT_CARD_OFFLINE_LIMIT', `Offline, gift card ${masked(code)} can pay at most ${money(Math.max(0, known.balance - before))}: its last known balance across the shop's registers.`, {
          max: toDecimalString(Math.max(0, known.balance - before), cur),
          maxMinor: Math.max(0, known.balance - before),
        });
      if (perCardCap !== null && before + amount > perCardCap)
        throw new TillError(
          'GIFT_CARD_OFFLINE_LIMIT',
          `Offline, gift card ${masked(code)} can pay at most ${money(Math.max(0, perCardCap - before))} more at this register (limit ${money(perCardCap)} until the database is back).`,
          { max: toDecimalString(Math.max(0, perCardCap - before), cur), maxMinor: Math.max(0, perCardCap - before) },
        );
      total += amount;
    }
    if (perRegisterCap !== null && total > perRegisterCap)
      throw new TillError(
        'GIFT_CARD_OFFLINE_LIMIT',
        `Offline, gift cards can pay at most ${money(Math.max(0, perRegisterCap - spent.total))} more at this register (limit ${money(perRegisterCap)} until the database is back).`,
        { max: toDecimalString(Math.max(0, perRegisterCap - spent.total), cur), maxMinor: Math.max(0, perRegisterCap - spent.total) },
      );
  }

  async function holdAll(c: Client, saleId: string, perCard: Map<string, number>): Promise<{ unknown: boolean }> {
    for (const code of [...perCard.keys()].sort()) {
      const r = await holdGiftCard(c, { register: reg.register, saleId, code, amount: perCard.get(code)!, seconds: chain.holdSeconds });
      if (r.ok) continue;
      await releaseHolds(c, saleId);
      // A card this register sold but has not sent yet: send, then ask again (once).
      if (r.error.code === 'GIFT_CARD_UNKNOWN') return { unknown: true };
      if (r.error.code === 'INSUFFICIENT_BALANCE')
        throw new TillError('GIFT_CARD_CHAIN_BALANCE', `Gift card ${masked(code)} has ${money(r.available ?? 0)} left across the shop's registers. Nothing was saved.`, {
          last4: code.slice(-4),
          available: toDecimalString(r.available ?? 0, cur),
        });
      throw r.error;
    }
    return { unknown: false };
  }

  recount();
  return {
    outbox,
    async holdSale(saleId, redeemed) {
      const perCard = new Map<string, number>();
      for (const r of redeemed) perCard.set(r.code, (perCard.get(r.code) ?? 0) + r.amount);
      if (perCard.size === 0) return;
      try {
        const c = await holdClient();
        if ((await holdAll(c, saleId, perCard)).unknown) {
          await outbox.push();
          if ((await holdAll(c, saleId, perCard)).unknown)
            throw new TillError('GIFT_CARD_UNKNOWN', 'This gift card is not known to the shop\'s database.');
        }
      } catch (e) {
        if (e instanceof TillError && !e.code.startsWith('CHAIN_') && !e.code.startsWith('SYNC_')) throw e;
        const err = chainError(e, chain.url);
        drop();
        if (outbox.state.offlineSince === null) log(`chain ${err.code}: ${err.message} Gift cards follow the offline rules (chain.offline).`);
        outbox.noteOffline(err);
        await offlineRules(perCard);
      }
    },
    committed() {
      salesToSend++; // at once (a sale not yet counted is never shown as sent); the recount corrects it
      outbox.kick();
      recount();
    },
    released(saleId) {
      if (!client) return;
      void releaseHolds(client, saleId).catch(() => drop());
    },
    card: (code) => cards.get(code),
    pullCards,
    status() {
      return { online: outbox.state.offlineSince === null, offlineSince: outbox.state.offlineSince, acked: outbox.state.acked, salesToSend, problem: outbox.state.lastError };
    },
    async stop() {
      clearInterval(puller);
      await outbox.stop();
      drop();
    },
  };
}
