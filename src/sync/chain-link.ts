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
import type { LoyaltyAccount } from '../domain/loyalty/types.js';
import { accountAsOf } from '../domain/loyalty/expiry.js';
import { readChainView, writeChainView } from '../store/chain-view-state.js';
import type { CommitRequest, CommitResult, StoreState } from '../store/types.js';
import { chainError, connectChain } from './db.js';
import { pullCustomers } from './customer-pull.js';
import { createPointsView } from './points-view.js';
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
  /**
   * The account with its points as the chain shows them (points-view.ts): the journal's balance as of
   * `day` plus what the chain knows beyond it; the journal's account as of `day` when the chain knows nothing more.
   */
  chainAccount(account: LoyaltyAccount, day: string): LoyaltyAccount;
  /** Points of the program the chain holds beyond this journal (undefined: it knows no such account). */
  foreignPoints(customerId: string, programId: string): number | undefined;
  /** The register wrote a `points.chain.credited` of these points. */
  pointsCredited(customerId: string, programId: string, points: number): void;
  /**
   * One pull of everything the register follows (cards, points, customers of other registers) and a
   * write of the chain view file; the background does this every 2 s while online. Resolves once done.
   */
  pullAll(): Promise<void>;
  /** Resolves once the last saved chain view (DATA/chain-view.json) is loaded (start-up). */
  ready(): Promise<void>;
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
  /**
   * The register's store: with it the link follows points balances and customers of other registers
   * (points-view.ts, customer-pull.ts); without it (tests of holds alone) only cards.
   */
  store?: { state: StoreState; commit(req: CommitRequest): Promise<CommitResult> };
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
  // Pulls have a connection of their own: a large first read of points accounts never makes a hold
  // at the tender wait behind it (pg runs one query at a time per connection).
  let puller: Client | null = null;
  let pullConnecting: Promise<Client> | null = null;
  async function pullClient(): Promise<Client> {
    if (puller) return puller;
    pullConnecting ??= connectChain(chain.url, { timeoutMs: chain.timeoutMs, statementMs: 30_000, application: `till ${reg.register} pull` }).finally(() => (pullConnecting = null));
    puller = await pullConnecting;
    return puller;
  }
  const dropPull = () => {
    const c = puller;
    puller = null;
    void c?.end().catch(() => {});
  };

  // The chain's cards, pulled incrementally by updated_at. A row's updated_at is its transaction's
  // start, so a transaction that started before the last pull's newest row may commit after it: each
  // pull reads again from a minute before that row (cheap; cards change rarely).
  const cards = new Map<string, GiftCard>();
  let pulledTo: string | null = null;
  let changed = false;
  async function pullCards(): Promise<number> {
    const c = await pullClient();
    const r = await c.query<{ code: string; card: Omit<GiftCard, 'balance' | 'history'>; balance: string; at: string }>(
      "SELECT code, card, balance, updated_at::text AS at FROM gift_cards WHERE $1::timestamptz IS NULL OR updated_at > $1::timestamptz - interval '60 seconds' ORDER BY updated_at",
      [pulledTo],
    );
    for (const row of r.rows) {
      cards.set(row.code, { ...row.card, code: row.code, balance: Number(row.balance), history: [] });
      pulledTo = row.at;
    }
    if (r.rows.length) changed = true;
    return r.rows.length;
  }

  // Points balances and customers other registers moved (docs/chain.md, "Points", "Customers from
  // other registers"), and the last view saved for a restart without the database.
  const store = o.store;
  const points = store ? createPointsView({ dataDir: o.dataDir, register: reg.register, state: () => store.state }) : null;
  let customerPositions: Record<string, number> = {};
  // A view written after a journal position this journal does not reach (a restored data folder) is not this journal's.
  const read = store ? readChainView(o.dataDir, reg.register, o.journalId) : null;
  const saved = read && store && read.seq <= store.state.meta.seq ? read : null;
  const loaded: Promise<void> = (async () => {
    if (!store) return;
    if (!saved) return void log('chain: no saved chain view (DATA/chain-view.json missing or unreadable): until the first pull this register knows only its own journal\'s cards and points');
    for (const row of saved.cards.rows) if (!cards.has(row.code)) cards.set(row.code, { ...(row.card as Omit<GiftCard, 'balance' | 'history'>), code: row.code, balance: row.balance, history: [] });
    pulledTo ??= saved.cards.pulledTo;
    customerPositions = { ...saved.customers, ...customerPositions };
    await points!.restore(saved.points, saved.seq);
  })().catch((e) => log(`chain: the saved chain view could not be used (${(e as Error).message}); pulling afresh`));

  let lastSaved = 0;
  /** Writes the view when a pull changed it, at most every 5 s (and at stop): a crash loses at most that much of a shortcut. */
  const save = (force = false) => {
    if (!store || (!changed && !force) || (!force && Date.now() - lastSaved < 5000)) return;
    const p = points!.save();
    const ok = writeChainView(o.dataDir, {
      v: 1,
      register: reg.register,
      journalId: o.journalId,
      seq: p.seq,
      cards: { pulledTo, rows: [...cards.values()].map(({ history: _h, balance, code, ...card }) => ({ code, card, balance })) },
      points: { pulledTo: p.pulledTo, rows: p.rows },
      customers: customerPositions,
    });
    if (ok) {
      changed = false;
      lastSaved = Date.now();
    }
  };

  let pulling: Promise<void> | null = null;
  let lastPullProblem = '';
  const pullAll = (): Promise<void> =>
    (pulling ??= (async () => {
      try {
        await loaded;
        await pullCards();
        if (store) {
          const c = await pullClient();
          if (await points!.pull(c)) changed = true;
          const r = await pullCustomers(c, { register: reg.register, state: () => store.state, commit: (req) => store.commit(req), positions: customerPositions, countryCode: config.loyalty.phoneCountryCode });
          if (JSON.stringify(r.positions) !== JSON.stringify(customerPositions)) changed = true;
          customerPositions = r.positions;
          if (r.events) log(`chain: ${r.events} customer event(s) pulled from other registers`);
          for (const card of r.clashes) log(`chain CHAIN_CARD_CLASH: loyalty card ${card} belongs to two customers (created at two registers); give one of them a new card`);
        }
      } catch (e) {
        dropPull();
        // The database away is the outbox's to report; anything else (a store refusal) is logged once.
        const err = chainError(e, chain.url);
        if (err.code !== 'CHAIN_UNREACHABLE' && err.message !== lastPullProblem) log(`chain pull ${err.code}: ${err.message}`);
        lastPullProblem = err.message;
      } finally {
        save();
        pulling = null;
      }
    })());
  const timer = setInterval(() => {
    // Only while the outbox reaches the database: an offline register does not knock every 2 s twice.
    if (outbox.state.offlineSince === null) void pullAll();
  }, 2000);
  timer.unref();
  // And once at start: a register started (or restarted after a crash) knows the chain's cards at
  // once, not 2 s later — until then a card sold elsewhere reads as unknown to the cashier and
  // counts towards the gift-card guess limit (found by the chaos run: GIFT_CARD_UNKNOWN, then
  // GIFT_CARD_COOLDOWN, after each restart).
  void pullAll();

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
    chainAccount: (account, day) => (points ? points.overlay(account, day) : accountAsOf(account, day)),
    foreignPoints: (customerId, programId) => points?.foreign(customerId, programId),
    pointsCredited(customerId, programId, n) {
      points?.credited(customerId, programId, n);
      changed = true;
    },
    pullAll,
    ready: () => loaded,
    status() {
      return { online: outbox.state.offlineSince === null, offlineSince: outbox.state.offlineSince, acked: outbox.state.acked, salesToSend, problem: outbox.state.lastError };
    },
    async stop() {
      clearInterval(timer);
      await pulling;
      save(true);
      await holds.idle();
      await outbox.stop();
      drop();
      dropPull();
    },
  };
}
