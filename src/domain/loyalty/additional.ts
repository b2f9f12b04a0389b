/**
 * Main and additional points ("Основные и дополнительные баллы" of the Russian bonus system). A
 * program's balance has two parts: main points (earned on purchases, adjusted by hand) and additional
 * points — promotional credits from bulk accruals (`till loyalty accrue --additional`) and campaign
 * rules (`"additional": true`). Additional points have their own expiry (the program's
 * `additionalExpiryDays`, or the accrual's `--expires-days`) and are **spent before** main points.
 *
 * The account keeps the total in `points` (so every balance check stays one number) and the
 * additional part beside it in `extra`, with its own lots in `extraLots`; main = points - extra.
 * Every movement says how much of it is additional (`Movement.extra`); where it does not (old events,
 * a correction without `--additional`), a credit is main and a debit takes main points first.
 * `splitDebit` keeps both parts at zero or more whatever the event says, so a replay can never make a
 * part negative while the total is not.
 */
import type { Units } from './types.js';

/**
 * The additional part of a movement of `delta` units, given the parts before it; the main part is the
 * rest. `extra` is what the event states (a refund may give additional points back while it takes
 * main ones: the parts can move in opposite directions); it is bounded so that neither part goes
 * below zero. Without it a credit is main points and a debit takes main points first.
 */
export function additionalPart(delta: Units, extra: Units | undefined, mainBefore: Units, extraBefore: Units): Units {
  const lo = -Math.max(0, extraBefore);
  const hi = delta + Math.max(0, mainBefore);
  if (hi < lo) return lo; // more than both parts hold (never journaled: the balance guard refuses it)
  const want = extra ?? Math.min(0, hi);
  return Math.max(lo, Math.min(hi, want));
}
