/**
 * The register's side of the chain while it sells (docs/chain.md, "At the till"): the outbox
 * replicating in the background, the cards other registers sold, and the holds an open sale keeps on
 * gift cards and points (tender-holds.ts: taken when the tender or reward is added, refreshed at the
 * commit, lowered or released when it goes; offline rules when the database does not answer within
 * `chain.timeoutMs`). Loaded by openRegister only when `chain.url` is set.
 */
import type { Client } from 'pg';
import type { TillConfig } from '../domain/config.js';
import type { GiftCard } from '../domain/giftcard/types.js';
import type { SaleSpends } from '../domain/sale-spends.js';
import { connectChain } from './db.js';
import { Outbox, pendingAfter } from './outbox.js';
import { createTenderHolds } from './tender-holds.js';
import type { Alert } from './ledger.js';

export interface ChainLink {
  /**
   * Holds these totals of the open sale (cards and points programs) in the database, or applies the
   * offline rules: when a tender or reward is added, and for the whole sale before it is written.
   * Throws a cashier TillError (nothing of the refused card or program is held); bounded by chain.timeoutMs.
   */
  holdSpends(saleId: string, spends: SaleSpends): Promise<void>;
  /** The open sale needs only these now (a tender or reward removed): lowers the rest, in the background. */
  lowerSpends(saleId: string, spends: SaleSpends): void;
  /** The sale is in the journal: its holds wait for the push to post them; replicate soon. */
  committed(saleId: string): void;
  /** The sale will not be written (voided, parked): let its holds go (they lapse anyway). */
  released(saleId: string): void;
  /** Resolves when the hold work asked so far is done (tests). */
  holdsIdle(): Promise<void>;
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
  /** A program's point decimals (messages and chain.offline.maxPoints); 0 when unknown. */
  pointDecimals?: (programId: string) => number;
}

export function createChainLink(o: ChainLinkOptions): ChainLink {
  const { config } = o;
  const chain = config.chain;
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

  const holds = createTenderHolds({ config, dataDir: o.dataDir, outbox, client: holdClient, drop, card: (code) => cards.get(code), pointDecimals: o.pointDecimals ?? (() => 0), log });

  recount();
  return {
    outbox,
    holdSpends: (saleId, spends) => holds.hold(saleId, spends),
    lowerSpends: (saleId, spends) => holds.lower(saleId, spends),
    committed(saleId) {
      holds.committed(saleId);
      salesToSend++; // at once (a sale not yet counted is never shown as sent); the recount corrects it
      outbox.kick();
      recount();
    },
    released: (saleId) => holds.release(saleId),
    holdsIdle: () => holds.idle(),
    card: (code) => cards.get(code),
    pullCards,
    status() {
      return { online: outbox.state.offlineSince === null, offlineSince: outbox.state.offlineSince, acked: outbox.state.acked, salesToSend, problem: outbox.state.lastError };
    },
    async stop() {
      clearInterval(puller);
      await holds.idle();
      await outbox.stop();
      drop();
    },
  };
}
