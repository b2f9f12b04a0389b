/**
 * Schema version 3 of the shared ledger (docs/chain.md, "At the till"): what a running register
 * needs to follow the points other registers move, and to tell an overspend to the register that made it.
 *
 * - `points_accounts.updated_at`: the movement trigger stamps it (the transaction's start, as
 *   `gift_cards.updated_at`), so a register pulls the accounts changed since its last pull, re-reading
 *   from a minute before the newest row it saw (a transaction that started earlier may commit later).
 * - `chain_alerts.moved_by`: an overspend is found on the movement that takes the balance below zero.
 *   When that movement was covered by a hold (an online sale), the money was spent by another
 *   register's redemption that had none (an offline one): the push hands the alert to that register
 *   (`register_id`) and keeps the one whose movement crossed zero in `moved_by` (ledger.ts).
 */
export const CHAIN_VIEW_SQL = `
ALTER TABLE points_accounts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX points_accounts_updated ON points_accounts (updated_at);
ALTER TABLE chain_alerts ADD COLUMN moved_by text;

CREATE OR REPLACE FUNCTION till_points_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b bigint; o bigint; o2 bigint;
BEGIN
  SELECT overspent INTO o FROM points_accounts WHERE customer_id = NEW.customer_id AND program_id = NEW.program_id FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'points account %/% is not in the ledger', NEW.customer_id, NEW.program_id; END IF;
  UPDATE points_accounts SET balance = balance + NEW.delta, overspent = greatest(overspent, -(balance + NEW.delta)), updated_at = now()
    WHERE customer_id = NEW.customer_id AND program_id = NEW.program_id RETURNING balance, overspent INTO b, o2;
  IF o2 > o THEN
    INSERT INTO chain_alerts (kind, register_id, event_id, subject, shortfall, balance_after)
      VALUES ('points.overspent', NEW.register_id, NEW.event_id, NEW.customer_id || '/' || NEW.program_id, o2 - o, b);
  END IF;
  NEW.balance_after := b;
  RETURN NEW;
END $$;
`;
