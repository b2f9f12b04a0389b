/**
 * Gift-card refusals: a stable code for logs, headless clients and tests, and a message for the
 * cashier. Messages name a card only by its masked code. At the till an unknown code and a bad check
 * character are one public refusal, GIFT_CARD_UNKNOWN with one message, so the register never tells a
 * guesser which of the two happened; GIFT_CARD_BAD_CHECK, with its own message, is for the back office
 * (a manager typing a code at `till giftcard show` is told it has a typo).
 */
import { fail, TillError, type Result } from '../errors.js';

export type GiftCardErrorCode =
  | 'GIFT_CARD_UNKNOWN'
  | 'GIFT_CARD_BAD_CHECK'
  | 'GIFT_CARD_PENDING'
  | 'GIFT_CARD_BLOCKED'
  | 'GIFT_CARD_EXPIRED'
  | 'GIFT_CARD_DEPLETED'
  | 'GIFT_CARD_CURRENCY'
  | 'GIFT_CARD_CUSTOMER'
  | 'GIFT_CARD_EXISTS'
  | 'GIFT_CARD_ACTIVE'
  | 'GIFT_CARD_NOT_BLOCKED'
  | 'GIFT_CARD_NO_PRESET'
  | 'GIFT_CARD_IN_SALE'
  | 'GIFT_CARD_RESERVED'
  | 'GIFT_CARD_FOR_GIFT_CARD'
  | 'GIFT_CARD_NOT_EXPIRED'
  | 'GIFT_CARD_COOLDOWN'
  | 'GIFT_CARD_REFUND_EXCEEDS'
  | 'INSUFFICIENT_BALANCE'
  | 'BAD_AMOUNT'
  | 'AMOUNT_TOO_LARGE'
  | 'GIFT_CARD_VALUE_TOO_LARGE'
  | 'BAD_DATE'
  | 'REASON_REQUIRED'
  | 'ALREADY_PAID';

export const UNKNOWN_CARD_MESSAGE = 'This gift card is not recognised. Check the code and try again.';

/**
 * The one public refusal of a card code. One shared instance: the checkout's guards try every scan
 * as a card code first, and a new Error per product scan (its stack captured) was the largest single
 * cost of a scan (issue 12). Read-only, like every TillError.
 */
const UNKNOWN_CARD = new TillError('GIFT_CARD_UNKNOWN', UNKNOWN_CARD_MESSAGE);
export const unknownCardError = (): TillError => UNKNOWN_CARD;

const MESSAGES: Record<GiftCardErrorCode, string> = {
  GIFT_CARD_UNKNOWN: UNKNOWN_CARD_MESSAGE,
  GIFT_CARD_BAD_CHECK: 'This is not a valid gift-card code: its check character does not match, or it has the wrong length or a character codes never use. Look for a typo.',
  GIFT_CARD_PENDING: 'Gift card {card} has not been sold yet and has no value.',
  GIFT_CARD_BLOCKED: 'Gift card {card} is blocked. Ask the manager.',
  GIFT_CARD_EXPIRED: 'Gift card {card} expired on {date}.',
  GIFT_CARD_DEPLETED: 'Gift card {card} has no balance left.',
  GIFT_CARD_CURRENCY: 'Gift card {card} is in {currency} and cannot pay in this currency.',
  GIFT_CARD_CUSTOMER: 'Gift card {card} can only be used by the customer it was issued to.',
  GIFT_CARD_EXISTS: 'Gift card {card} already exists.',
  GIFT_CARD_ACTIVE: 'Gift card {card} has already been sold.',
  GIFT_CARD_NOT_BLOCKED: 'Gift card {card} is not blocked.',
  GIFT_CARD_NO_PRESET: 'Gift card {card} has no preset value. Enter the amount instead.',
  GIFT_CARD_IN_SALE: 'Gift card {card} is already in this sale.',
  GIFT_CARD_RESERVED: 'Gift card {card} is already used in this sale: its earlier payments take all of its balance.',
  GIFT_CARD_FOR_GIFT_CARD: 'Gift cards cannot be paid with a gift card. Take another payment for them.',
  GIFT_CARD_NOT_EXPIRED: 'Gift card {card} has not reached its expiry date.',
  GIFT_CARD_COOLDOWN: 'Too many unrecognised gift cards. Card lookups resume in {seconds} seconds.',
  GIFT_CARD_REFUND_EXCEEDS: 'Only {amount} was paid with gift card {card}; that is the most that can go back on it.',
  INSUFFICIENT_BALANCE: 'Gift card {card} has only {balance} left.',
  BAD_AMOUNT: 'Enter an amount greater than zero.',
  AMOUNT_TOO_LARGE: 'Gift card {card} can pay at most {max} here.',
  GIFT_CARD_VALUE_TOO_LARGE: 'A gift card can hold at most {max}. Check the value.',
  BAD_DATE: 'Enter a date as YYYY-MM-DD.',
  REASON_REQUIRED: 'Give a reason.',
  ALREADY_PAID: 'The sale is already paid.',
};

/** A refusal with its message filled in from params ({card}, {date}, ...). */
export function refuse<T = never>(code: GiftCardErrorCode, params: Record<string, string | number> = {}): Result<T> {
  const message = MESSAGES[code].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return fail<T>(code, message, params);
}
