/** Customers: validation of what a cashier or a CSV supplies, and the normal forms search relies on. */
import { fail, ok, type Result } from '../errors.js';
import { isLoyaltyCard } from './card.js';
import type { Customer } from './types.js';

/**
 * Canonical phone digits. With the shop's country calling code (e.g. "84", "7", "86"), a national number
 * written with its trunk "0" ("0912 345 678") and the international form ("+84 912 345 678",
 * "0084...") normalize alike ("84912345678"). Without a country code only formatting is removed.
 */
export function normalizePhone(raw: string, countryCode = ''): string {
  const t = raw.trim();
  let d = t.replace(/\D/g, '');
  if (t.startsWith('+')) return d;
  if (d.startsWith('00')) return d.slice(2);
  if (countryCode && d.startsWith('0')) d = countryCode + d.slice(1);
  // Russian numbers are commonly written with a trunk "8" instead of "0".
  else if (countryCode === '7' && d.length === 11 && d.startsWith('8')) d = '7' + d.slice(1);
  return d;
}

/** Lower case, accents folded (Nguyễn -> nguyen, Đức -> duc, Ёлкин -> елкин), single spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const nameTokens = (name: string): string[] => [...new Set(foldName(name).split(' ').filter(Boolean))];

export interface CustomerInput {
  name: string;
  phone: string;
  email?: string;
  tier?: string | null;
  card?: string;
}

export interface CustomerRules {
  cardPrefix: string;
  countryCode?: string;
  /** Known tier ids; empty when the store has no tiers. */
  tiers: string[];
  defaultTier: string | null;
  /** Lookups against existing customers (excluding the one being edited). */
  phoneTaken: (normalized: string) => boolean;
  cardTaken: (card: string) => boolean;
}

export const MAX_NAME = 80;

/** Checks and cleans input for a new customer; the caller supplies id, card (if generated) and time. */
export function validateCustomer(input: CustomerInput, rules: CustomerRules, id: string, generatedCard: string, created: string): Result<Customer> {
  const name = (input.name ?? '').replace(/\s+/g, ' ').trim();
  if (!name) return fail('CUSTOMER_NAME_REQUIRED', 'Enter the customer’s name.');
  if (name.length > MAX_NAME) return fail('CUSTOMER_NAME_TOO_LONG', `A name can have at most ${MAX_NAME} characters.`, { max: MAX_NAME });
  const phone = (input.phone ?? '').trim();
  const norm = normalizePhone(phone, rules.countryCode);
  if (norm.length < 6 || norm.length > 15 || /[^\d\s()+.\-/]/.test(phone))
    return fail('PHONE_INVALID', 'Enter a phone number of 6 to 15 digits.');
  if (rules.phoneTaken(norm)) return fail('PHONE_TAKEN', 'Another customer has this phone number.', { phone });
  const email = input.email?.trim() || undefined;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail('EMAIL_INVALID', 'That e-mail address is not valid.');
  const card = (input.card ?? '').trim() || generatedCard;
  if (!isLoyaltyCard(card, rules.cardPrefix))
    return fail('CARD_NUMBER_INVALID', `A card number is 13 digits starting with ${rules.cardPrefix}, with a valid check digit.`, { prefix: rules.cardPrefix });
  if (rules.cardTaken(card)) return fail('CARD_NUMBER_TAKEN', 'This card number belongs to another customer.', { card });
  const tier = input.tier === undefined || input.tier === '' ? rules.defaultTier : input.tier;
  if (tier !== null && !rules.tiers.includes(tier)) return fail('TIER_UNKNOWN', `There is no tier "${tier}".`, { tier });
  return ok({ id, name, phone, ...(email ? { email } : {}), tier, card, blocked: false, created });
}

/** Changes to name, phone or e-mail, validated like a new customer. Returns only the fields that change. */
export function validateCustomerUpdate(
  current: Customer,
  changes: { name?: string; phone?: string; email?: string },
  rules: CustomerRules,
): Result<Partial<Pick<Customer, 'name' | 'phone' | 'email'>>> {
  const merged = { name: changes.name ?? current.name, phone: changes.phone ?? current.phone, email: changes.email ?? current.email, card: current.card, tier: current.tier };
  const samePhone = normalizePhone(merged.phone, rules.countryCode) === normalizePhone(current.phone, rules.countryCode);
  const r = validateCustomer(merged, { ...rules, tiers: current.tier ? [current.tier] : [], phoneTaken: (p) => !samePhone && rules.phoneTaken(p), cardTaken: () => false }, current.id, current.card, current.created);
  if (!r.ok) return r;
  const out: Partial<Pick<Customer, 'name' | 'phone' | 'email'>> = {};
  if (r.value.name !== current.name) out.name = r.value.name;
  if (r.value.phone !== current.phone) out.phone = r.value.phone;
  if ((r.value.email ?? '') !== (current.email ?? '')) out.email = r.value.email ?? '';
  return ok(out);
}

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short customer id from random bytes (at least 7): "C" + 11 Crockford base-32 characters (55
 * bits). Short because it is repeated in every sale and movement of the customer; callers check it is
 * not taken, as with card numbers.
 */
export function newCustomerId(random: Uint8Array): string {
  if (random.length < 7) throw new RangeError('newCustomerId needs 7 random bytes');
  let n = 0n;
  for (const b of random.subarray(0, 7)) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 11; i++) {
    out += B32[Number(n & 31n)];
    n >>= 5n;
  }
  return `C${out}`;
}
