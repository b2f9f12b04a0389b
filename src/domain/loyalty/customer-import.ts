/**
 * Customers from a CSV file (`till customer import`): header with at least name and phone; email,
 * card, tier and points optional. Each row is validated like a customer created at the till, against
 * the store and the rows before it. Rows that fail are reported with their line; a phone already in
 * the store is reported as such, so importing the same file twice adds nobody twice.
 */
import { parseCsv } from '../csv.js';
import { cardNumberFor } from './card.js';
import { normalizePhone, validateCustomer, type CustomerRules } from './customer.js';
import type { Customer, Units } from './types.js';
import { decimalToUnits } from './units.js';

const REQUIRED = ['name', 'phone'] as const;
const OPTIONAL = ['email', 'card', 'tier', 'points'] as const;

export interface ImportedCustomer {
  customer: Customer;
  /** Serial used when the card number was generated. */
  cardSerial?: number;
  /** Opening balance in units of the chosen program, when the file has a points column. */
  points?: Units;
}

/** A finding: its English text, and its code and values for the catalogs (`cli.customer.reason.<CODE>`, `cli.customer.fatal.<CODE>`, else `cli.import.fatal.<CODE>`). */
export interface CustomerImportFinding {
  code: string;
  params: Record<string, string | number>;
}

export interface CustomerImport {
  rows: ImportedCustomer[];
  rejected: ({ line: number; reason: string } & CustomerImportFinding)[];
  /** The file as a whole cannot be used: nothing may be applied. */
  fatal?: string;
  fatalCode?: CustomerImportFinding;
}

export interface ImportOptions {
  rules: CustomerRules;
  /** Last card serial used by the store; generated numbers continue after it. */
  cardSerial: number;
  /** Point decimals of the program opening balances go to (when there is a points column). */
  pointDecimals?: number;
  newId: () => string;
  created: string;
}

export function parseCustomerCsv(text: string, o: ImportOptions): CustomerImport {
  const { records, error } = parseCsv(text);
  if (error) return { rows: [], rejected: [], fatal: `line ${error.line}: ${error.message}`, fatalCode: { code: error.code, params: { line: error.line } } };
  if (records.length === 0) return { rows: [], rejected: [], fatal: 'the file is empty', fatalCode: { code: 'FILE_EMPTY', params: {} } };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) return { rows: [], rejected: [], fatal: `the header lacks ${missing.join(', ')} (expected name,phone[,email,card,tier,points])`, fatalCode: { code: 'HEADER_LACKS', params: { missing: missing.join(', ') } } };
  const unknown = header.filter((h) => !(REQUIRED as readonly string[]).includes(h) && !(OPTIONAL as readonly string[]).includes(h));
  if (unknown.length) return { rows: [], rejected: [], fatal: `unknown column(s) ${unknown.join(', ')}`, fatalCode: { code: 'COLUMNS_UNKNOWN', params: { columns: unknown.join(', ') } } };
  if (header.includes('points') && o.pointDecimals === undefined) return { rows: [], rejected: [], fatal: 'the file has a points column: name the program with --program', fatalCode: { code: 'POINTS_NEED_PROGRAM', params: {} } };
  const col = (h: string): number => header.indexOf(h);
  const phones = new Set<string>();
  const cards = new Set<string>();
  let serial = o.cardSerial;
  const rows: ImportedCustomer[] = [];
  const rejected: CustomerImport['rejected'] = [];
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== header.length) {
      rejected.push({ line, reason: `has ${fields.length} fields, the header has ${header.length}`, code: 'FIELD_COUNT', params: { fields: fields.length, header: header.length } });
      continue;
    }
    const get = (h: string): string | undefined => (col(h) >= 0 ? fields[col(h)].trim() : undefined);
    let points: Units | undefined;
    const ptsText = get('points');
    if (ptsText) {
      const u = decimalToUnits(ptsText, o.pointDecimals ?? 0);
      if (u === null) {
        rejected.push({ line, reason: `points "${ptsText}" is not a number of points with at most ${o.pointDecimals} decimals`, code: 'POINTS_INVALID', params: { points: ptsText, decimals: o.pointDecimals ?? 0 } });
        continue;
      }
      points = u;
    }
    const card = get('card');
    let generated = '';
    let usedSerial: number | undefined;
    if (!card) {
      do {
        serial++;
        generated = cardNumberFor(o.rules.cardPrefix, serial);
      } while (o.rules.cardTaken(generated) || cards.has(generated));
      usedSerial = serial;
    }
    const r = validateCustomer(
      { name: get('name') ?? '', phone: get('phone') ?? '', email: get('email'), card, tier: get('tier') },
      { ...o.rules, phoneTaken: (p) => phones.has(p) || o.rules.phoneTaken(p), cardTaken: (c) => cards.has(c) || o.rules.cardTaken(c) },
      o.newId(),
      generated,
      o.created,
    );
    if (!r.ok) {
      if (usedSerial !== undefined) serial--;
      rejected.push({ line, reason: r.error.message, code: r.error.code, params: { ...r.error.params } });
      continue;
    }
    phones.add(normalizePhone(r.value.phone, o.rules.countryCode));
    cards.add(r.value.card);
    rows.push({ customer: r.value, ...(usedSerial !== undefined ? { cardSerial: usedSerial } : {}), ...(points ? { points } : {}) });
  }
  return { rows, rejected };
}
