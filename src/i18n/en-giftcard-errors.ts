/**
 * English refusals of gift cards at the till and in the back office (`error.<CODE>`; the back office's
 * generic two, a date and a reason, as `cli.error.<CODE>`): the words of
 * src/domain/giftcard/errors.ts, which keeps the same text as the English message of each refusal.
 * vi-, zh-, ru-giftcard-errors.ts hold the same keys.
 */
export const enGiftcardErrors = {
  'error.GIFT_CARD_UNKNOWN': 'This gift card is not recognised. Check the code and try again.',
  'error.GIFT_CARD_BAD_CHECK': 'This is not a valid gift-card code: its check character does not match, or it has the wrong length or a character codes never use. Look for a typo.',
  'error.GIFT_CARD_PENDING': 'Gift card {card} has not been sold yet and has no value.',
  'error.GIFT_CARD_BLOCKED': 'Gift card {card} is blocked. Ask the manager.',
  'error.GIFT_CARD_EXPIRED': 'Gift card {card} expired on {date}.',
  'error.GIFT_CARD_DEPLETED': 'Gift card {card} has no balance left.',
  'error.GIFT_CARD_CURRENCY': 'Gift card {card} is in {currency} and cannot pay in this currency.',
  'error.GIFT_CARD_CUSTOMER': 'Gift card {card} can only be used by the customer it was issued to.',
  'error.GIFT_CARD_EXISTS': 'Gift card {card} already exists.',
  'error.GIFT_CARD_ACTIVE': 'Gift card {card} has already been sold.',
  'error.GIFT_CARD_NOT_BLOCKED': 'Gift card {card} is not blocked.',
  'error.GIFT_CARD_NO_PRESET': 'Gift card {card} has no preset value. Enter the amount instead.',
  'error.GIFT_CARD_IN_SALE': 'Gift card {card} is already in this sale.',
  'error.GIFT_CARD_RESERVED': 'Gift card {card} is already used in this sale: its earlier payments take all of its balance.',
  'error.GIFT_CARD_NOT_EXPIRED': 'Gift card {card} has not reached its expiry date.',
  'error.GIFT_CARD_COOLDOWN': 'Too many unrecognised gift cards. Card lookups resume in {seconds} seconds.',
  'error.GIFT_CARD_REFUND_EXCEEDS': 'Only {amount} was paid with gift card {card}; that is the most that can go back on it.',
  'error.INSUFFICIENT_BALANCE': 'Gift card {card} has only {balance} left.',
  'error.AMOUNT_TOO_LARGE': 'Gift card {card} can pay at most {max} here.',
  'cli.error.BAD_DATE': 'Enter a date as YYYY-MM-DD.',
  'cli.error.REASON_REQUIRED': 'Give a reason.',
};
