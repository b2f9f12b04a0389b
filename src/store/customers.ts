/**
 * Creating and finding loyalty customers against the store's loyalty slice: shared by the register
 * (search and "new customer" at the till) and `till customer`. The checks themselves are the domain's
 * (validateCustomer); this adds what only the store knows: taken phones and cards, the card sequence.
 */
import { cardNumberFor } from '../domain/loyalty/card.js';
import { validateCustomer, type CustomerInput, type CustomerRules } from '../domain/loyalty/customer.js';
import { EV, type CustomerCreatedData } from '../domain/loyalty/events.js';
import { defaultTierId } from '../domain/loyalty/tiers.js';
import type { Result } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import type { EventDraft } from './types.js';
import { customerIndex, type LoyaltySlice } from './projections/loyalty.js';

export function customerRules(slice: LoyaltySlice, config: Pick<TillConfig, 'codes' | 'loyalty'>): CustomerRules {
  const ix = customerIndex(slice, config.loyalty.phoneCountryCode);
  return {
    cardPrefix: config.codes.loyaltyPrefix,
    countryCode: config.loyalty.phoneCountryCode,
    tiers: (slice.ladder?.tiers ?? []).map((t) => t.id),
    defaultTier: defaultTierId(slice.ladder),
    phoneTaken: (p) => ix.byPhone(p).length > 0,
    cardTaken: (c) => ix.byCard(c) !== undefined,
  };
}

/** The `customer.created` event for a new customer, with the next free card number when none is given. */
export function newCustomerEvent(
  slice: LoyaltySlice,
  config: Pick<TillConfig, 'codes' | 'loyalty'>,
  input: CustomerInput,
  id: string,
  created: string,
): Result<EventDraft<CustomerCreatedData>> {
  const rules = customerRules(slice, config);
  let serial = slice.cardSerial;
  let generated: string;
  do generated = cardNumberFor(rules.cardPrefix, ++serial);
  while (rules.cardTaken(generated));
  const c = validateCustomer(input, rules, id, generated, created);
  if (!c.ok) return c;
  const data: CustomerCreatedData = { customer: c.value, ...(input.card ? {} : { cardSerial: serial }) };
  return { ok: true, value: { type: EV.customerCreated, data } };
}
