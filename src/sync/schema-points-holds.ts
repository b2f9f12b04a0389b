/**
 * Schema version 2 of the shared ledger (docs/chain.md, "Holds"): points holds, the same contract as
 * gift-card holds (schema.ts) for a customer's points in one program.
 *
 * - `till_hold_points` locks the customer's points row (the lock order: points rows come after
 *   gift-card rows, and a hold locks one row), and refuses a hold that the balance minus the
 *   account's other pending, unexpired holds cannot cover (SQLSTATE TL001, the available points in the
 *   detail; TL004 when the ledger has no account for the customer and program yet). The same sale
 *   holding again replaces its own hold; a hold already posted takes nothing more.
 * - A hold is posted when its sale reaches the ledger: a trigger on `events` posts every pending
 *   points hold of a replicated `sale.committed` (whatever path inserted the event), so posting
 *   cannot be forgotten by a faster push. Posted or released holds no longer count.
 */
export const POINTS_HOLDS_SQL = `
CREATE TABLE points_holds (
  id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  program_id text NOT NULL,
  register_id text NOT NULL,
  sale_id text NOT NULL,
  points bigint NOT NULL CHECK (points > 0),
  state text NOT NULL CHECK (state IN ('pending', 'posted', 'released')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  UNIQUE (sale_id, customer_id, program_id)
);
CREATE INDEX points_holds_pending ON points_holds (customer_id, program_id) WHERE state = 'pending';

CREATE FUNCTION till_hold_points(p_id uuid, p_customer text, p_program text, p_register text, p_sale text, p_points bigint, p_seconds int)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE b bigint; held bigint;
BEGIN
  SELECT balance INTO b FROM points_accounts WHERE customer_id = p_customer AND program_id = p_program FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'points account unknown to the ledger' USING ERRCODE = 'TL004'; END IF;
  IF EXISTS (SELECT 1 FROM points_holds WHERE sale_id = p_sale AND customer_id = p_customer AND program_id = p_program AND state = 'posted') THEN RETURN b; END IF;
  SELECT coalesce(sum(points), 0) INTO held FROM points_holds
    WHERE customer_id = p_customer AND program_id = p_program AND state = 'pending' AND expires_at > now() AND sale_id <> p_sale;
  IF b - held < p_points THEN
    RAISE EXCEPTION 'points account holds % of which % is held by other sales', b, held USING ERRCODE = 'TL001', DETAIL = greatest(b - held, 0)::text;
  END IF;
  INSERT INTO points_holds (id, customer_id, program_id, register_id, sale_id, points, state, expires_at)
    VALUES (p_id, p_customer, p_program, p_register, p_sale, p_points, 'pending', now() + make_interval(secs => p_seconds))
    ON CONFLICT (sale_id, customer_id, program_id) DO UPDATE SET points = EXCLUDED.points, state = 'pending', expires_at = EXCLUDED.expires_at, settled_at = NULL;
  RETURN b - held - p_points;
END $$;

CREATE FUNCTION till_post_points_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type = 'sale.committed' AND NEW.data #>> '{sale,saleId}' IS NOT NULL THEN
    UPDATE points_holds SET state = 'posted', settled_at = now() WHERE sale_id = NEW.data #>> '{sale,saleId}' AND state = 'pending';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER events_post_points_holds AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION till_post_points_holds();
`;
