/**
 * Card operations (back office or a manager at the till): each checks the request against the account
 * and returns the event to journal, or a refusal with a code. Balances never go negative: a removal
 * larger than the balance is refused (INSUFFICIENT_POINTS); there is no overdraft policy.
 */
import { fail, ok, type Result } from '../errors.js';
import { EV, type CardBlockData, type LoyaltyEvent as EventDraft, type PointsAdjustedData } from './events.js';
import type { Regrade } from './tiers.js';
import type { LoyaltyAccount, LoyaltyProgram, TierLadder, Units } from './types.js';

export const MAX_REASON = 200;

function reasonOf(text: string): Result<string> {
  const r = text.replace(/\s+/g, ' ').trim();
  if (!r) return fail('REASON_REQUIRED', 'Give a reason: it is kept in the card’s history.');
  if (r.length > MAX_REASON) return fail('REASON_TOO_LONG', `A reason can have at most ${MAX_REASON} characters.`, { max: MAX_REASON });
  return ok(r);
}

/**
 * Add (points > 0) or remove (points < 0) points by hand. Allowed on a blocked card (a manager's
 * correction). With `additional` the points are additional ones (a campaign credit, with the
 * program's additional expiry; a removal takes only additional points); without, a credit is main
 * points and a removal takes main points first (additional.ts).
 */
export function planAdjustment(account: LoyaltyAccount, program: LoyaltyProgram, points: Units, reason: string, day: string, opts: { additional?: boolean } = {}): Result<EventDraft<PointsAdjustedData>> {
  if (!Number.isSafeInteger(points) || points === 0) return fail('BAD_POINTS', 'Enter a number of points other than zero.');
  const r = reasonOf(reason);
  if (!r.ok) return r;
  const balance = opts.additional ? Math.max(0, account.extra?.[program.id] ?? 0) : account.points[program.id] ?? 0;
  if (balance + points < 0)
    return fail('INSUFFICIENT_POINTS', opts.additional ? 'The card does not have that many additional points to remove.' : 'The card does not have that many points to remove.', { need: -points, available: balance });
  return ok({ type: EV.pointsAdjusted, data: { customerId: account.id, programId: program.id, points, day, reason: r.value, ...(opts.additional ? { additional: true } : {}) } });
}

export function planBlock(account: LoyaltyAccount, reason: string): Result<EventDraft<CardBlockData>> {
  if (account.blocked) return fail('CARD_ALREADY_BLOCKED', 'This card is already blocked.');
  const r = reasonOf(reason);
  if (!r.ok) return r;
  return ok({ type: EV.cardBlocked, data: { customerId: account.id, reason: r.value } });
}

export function planUnblock(account: LoyaltyAccount, reason: string): Result<EventDraft<CardBlockData>> {
  if (!account.blocked) return fail('CARD_NOT_BLOCKED', 'This card is not blocked.');
  const r = reasonOf(reason);
  if (!r.ok) return r;
  return ok({ type: EV.cardUnblocked, data: { customerId: account.id, reason: r.value } });
}

/** Change of tier by hand. */
export function planRegrade(account: LoyaltyAccount, ladder: TierLadder | null, tierId: string, reason: string): Result<EventDraft<Regrade>> {
  if (!ladder || !ladder.tiers.some((t) => t.id === tierId)) return fail('TIER_UNKNOWN', `There is no tier "${tierId}".`, { tier: tierId });
  if (account.tier === tierId) return fail('TIER_UNCHANGED', 'The customer already has this tier.');
  const r = reasonOf(reason);
  if (!r.ok) return r;
  return ok({ type: EV.customerRegraded, data: { customerId: account.id, from: account.tier, to: tierId, reason: r.value, auto: false } });
}
