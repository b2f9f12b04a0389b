/**
 * The shared ledger's tables in PostgreSQL (docs/chain.md, "The database"). The database, not the
 * register, enforces what must hold across registers:
 *
 * - `events` is keyed by the journal event's UUID: replaying a register's journal inserts nothing twice.
 *   Events and movements are append-only (a trigger refuses UPDATE and DELETE).
 * - A balance is the fold of its movements: a trigger on each movement insert adds it to the balance
 *   row (under that row's lock) and writes the balance after it. The application never writes a balance.
 * - No balance below zero except a recorded overspend: `balance + overspent >= 0` is a CHECK, and
 *   only the movement trigger raises `overspent`, writing an alert row for the manager in the same
 *   transaction. A replicated sale is a fact the register already committed, so it is recorded, not refused.
 * - Holds: `till_hold_gift_card` locks the card row and refuses a hold the card's balance minus the
 *   other pending, unexpired holds cannot cover. Two registers racing on one card serialise on that lock.
 *
 * Lock order (no deadlocks between registers, pushes and holds): a register's row, then gift-card rows
 * by code, then points rows by (customer, program) — every writer here takes them in that order.
 */
import { POINTS_HOLDS_SQL } from './schema-points-holds.js';
import { CHAIN_VIEW_SQL } from './schema-chain-view.js';

export const SCHEMA_VERSION = 3;

/**
 * What takes a ledger from one version to the next, in order: `till sync setup` on a ledger at
 * version v runs the steps after v in one transaction (db.ts). A new ledger is SCHEMA_SQL (version 1)
 * and then every step.
 */
export const SCHEMA_UPGRADES: readonly { version: number; sql: string }[] = [
  { version: 2, sql: POINTS_HOLDS_SQL },
  { version: 3, sql: CHAIN_VIEW_SQL },
];

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS till_schema (version int NOT NULL, upgraded_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE registers (
  register_id text PRIMARY KEY,
  journal_id text NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  last_hash text NOT NULL DEFAULT '',
  last_push_at timestamptz
);

CREATE TABLE events (
  id uuid PRIMARY KEY,
  register_id text NOT NULL REFERENCES registers,
  seq bigint NOT NULL,
  tx text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  operator text NOT NULL,
  data jsonb NOT NULL,
  hash text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (register_id, seq)
);
CREATE INDEX events_tx ON events (tx);

CREATE TABLE gift_cards (
  code text PRIMARY KEY,
  currency text NOT NULL,
  state text NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  overspent bigint NOT NULL DEFAULT 0 CHECK (overspent >= 0),
  card jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT gift_card_not_overdrawn CHECK (balance + overspent >= 0)
);

CREATE TABLE gift_card_movements (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events,
  code text NOT NULL REFERENCES gift_cards,
  kind text NOT NULL,
  amount bigint NOT NULL,
  balance_after bigint NOT NULL DEFAULT 0,
  register_id text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX gift_card_movements_code ON gift_card_movements (code, id);

CREATE TABLE points_accounts (
  customer_id text NOT NULL,
  program_id text NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  overspent bigint NOT NULL DEFAULT 0 CHECK (overspent >= 0),
  PRIMARY KEY (customer_id, program_id),
  CONSTRAINT points_not_overdrawn CHECK (balance + overspent >= 0)
);

CREATE TABLE points_movements (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events,
  customer_id text NOT NULL,
  program_id text NOT NULL,
  kind text NOT NULL,
  delta bigint NOT NULL CHECK (delta <> 0),
  balance_after bigint NOT NULL DEFAULT 0,
  register_id text NOT NULL,
  at timestamptz NOT NULL,
  FOREIGN KEY (customer_id, program_id) REFERENCES points_accounts
);

CREATE TABLE gift_card_holds (
  id uuid PRIMARY KEY,
  code text NOT NULL REFERENCES gift_cards,
  register_id text NOT NULL,
  sale_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  state text NOT NULL CHECK (state IN ('pending', 'posted', 'released')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  UNIQUE (sale_id, code)
);
CREATE INDEX gift_card_holds_pending ON gift_card_holds (code) WHERE state = 'pending';

CREATE TABLE chain_alerts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  register_id text NOT NULL,
  event_id uuid NOT NULL,
  subject text NOT NULL,
  shortfall bigint NOT NULL CHECK (shortfall > 0),
  balance_after bigint NOT NULL,
  seen_at timestamptz
);

CREATE FUNCTION till_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the shared ledger is append-only: % on % is refused (correct a mistake with a compensating event)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION till_append_only();
CREATE TRIGGER gift_card_movements_append_only BEFORE UPDATE OR DELETE ON gift_card_movements FOR EACH ROW EXECUTE FUNCTION till_append_only();
CREATE TRIGGER points_movements_append_only BEFORE UPDATE OR DELETE ON points_movements FOR EACH ROW EXECUTE FUNCTION till_append_only();

-- A movement moves its balance; an overspend beyond what is already recorded raises overspent and an alert.
CREATE FUNCTION till_gift_card_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b bigint; o bigint; o2 bigint;
BEGIN
  SELECT overspent INTO o FROM gift_cards WHERE code = NEW.code FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'gift card % is not in the ledger', NEW.code; END IF;
  UPDATE gift_cards SET balance = balance + NEW.amount, overspent = greatest(overspent, -(balance + NEW.amount)), updated_at = now()
    WHERE code = NEW.code RETURNING balance, overspent INTO b, o2;
  IF o2 > o THEN
    INSERT INTO chain_alerts (kind, register_id, event_id, subject, shortfall, balance_after)
      VALUES ('giftcard.overspent', NEW.register_id, NEW.event_id, NEW.code, o2 - o, b);
  END IF;
  NEW.balance_after := b;
  RETURN NEW;
END $$;
CREATE TRIGGER gift_card_movements_fold BEFORE INSERT ON gift_card_movements FOR EACH ROW EXECUTE FUNCTION till_gift_card_move();

CREATE FUNCTION till_points_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b bigint; o bigint; o2 bigint;
BEGIN
  SELECT overspent INTO o FROM points_accounts WHERE customer_id = NEW.customer_id AND program_id = NEW.program_id FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'points account %/% is not in the ledger', NEW.customer_id, NEW.program_id; END IF;
  UPDATE points_accounts SET balance = balance + NEW.delta, overspent = greatest(overspent, -(balance + NEW.delta))
    WHERE customer_id = NEW.customer_id AND program_id = NEW.program_id RETURNING balance, overspent INTO b, o2;
  IF o2 > o THEN
    INSERT INTO chain_alerts (kind, register_id, event_id, subject, shortfall, balance_after)
      VALUES ('points.overspent', NEW.register_id, NEW.event_id, NEW.customer_id || '/' || NEW.program_id, o2 - o, b);
  END IF;
  NEW.balance_after := b;
  RETURN NEW;
END $$;
CREATE TRIGGER points_movements_fold BEFORE INSERT ON points_movements FOR EACH ROW EXECUTE FUNCTION till_points_move();

-- A hold for a sale: the card row is locked, so two registers holding the same card take turns; the
-- hold is refused (SQLSTATE TL001, detail = what is available) when the balance minus the card's
-- other pending, unexpired holds cannot cover it. The same sale holding the same card again replaces
-- its own hold, unless that hold is already posted (the sale reached the ledger: a retry of a sale
-- saved already takes nothing more).
CREATE FUNCTION till_hold_gift_card(p_id uuid, p_code text, p_register text, p_sale text, p_amount bigint, p_seconds int)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE b bigint; s text; held bigint;
BEGIN
  SELECT balance, state INTO b, s FROM gift_cards WHERE code = p_code FOR UPDATE;
  IF EXISTS (SELECT 1 FROM gift_card_holds WHERE sale_id = p_sale AND code = p_code AND state = 'posted') THEN RETURN b; END IF;
  IF NOT FOUND THEN RAISE EXCEPTION 'gift card unknown to the ledger' USING ERRCODE = 'TL002'; END IF;
  IF s <> 'active' THEN RAISE EXCEPTION 'gift card is %', s USING ERRCODE = 'TL003', DETAIL = s; END IF;
  SELECT coalesce(sum(amount), 0) INTO held FROM gift_card_holds
    WHERE code = p_code AND state = 'pending' AND expires_at > now() AND sale_id <> p_sale;
  IF b - held < p_amount THEN
    RAISE EXCEPTION 'gift card holds % of which % is held by other sales', b, held USING ERRCODE = 'TL001', DETAIL = greatest(b - held, 0)::text;
  END IF;
  INSERT INTO gift_card_holds (id, code, register_id, sale_id, amount, state, expires_at)
    VALUES (p_id, p_code, p_register, p_sale, p_amount, 'pending', now() + make_interval(secs => p_seconds))
    ON CONFLICT (sale_id, code) DO UPDATE SET amount = EXCLUDED.amount, state = 'pending', expires_at = EXCLUDED.expires_at, settled_at = NULL;
  RETURN b - held - p_amount;
END $$;

INSERT INTO till_schema (version) VALUES (1);
`;
