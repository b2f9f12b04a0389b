/**
 * Expiry works on local calendar dates ("YYYY-MM-DD"): a card is valid through its expiry day in the
 * shop's time zone. The caller turns its clock into a local date with localDate(); the domain never
 * reads a clock.
 */
import type { GiftCard, GiftCardState } from './types.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The local calendar date of an instant, in the process's time zone. */
export function localDate(t: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
}

/** The local hour and minute of an instant ("12:00"), in the process's time zone. */
export function localTime(t: Date): string {
  return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}

/** The local date and minute of an ISO instant ("2026-03-10 12:00"), in the process's time zone. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDate(d)} ${localTime(d)}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Past its last valid day. */
export const isPastExpiry = (card: Pick<GiftCard, 'expiresOn'>, today: string): boolean =>
  card.expiresOn !== undefined && today > card.expiresOn;

/**
 * The state a cashier sees today: an active or depleted card past its expiry day counts as expired
 * even before the back office records `giftcard.expired`.
 */
export function effectiveState(card: Pick<GiftCard, 'state' | 'expiresOn'>, today: string): GiftCardState {
  if ((card.state === 'active' || card.state === 'depleted') && isPastExpiry(card, today)) return 'expired';
  return card.state;
}

/**
 * Expiry of a card sold today: its own date if it has one, else its stock validity, else the
 * configured default (0 days = never expires).
 */
export function expiryForSale(card: Pick<GiftCard, 'expiresOn' | 'validityDays'> | undefined, today: string, defaultValidityDays: number): string | undefined {
  if (card?.expiresOn) return card.expiresOn;
  const days = card?.validityDays ?? defaultValidityDays;
  return days > 0 ? addDays(today, days) : undefined;
}
