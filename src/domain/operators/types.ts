/** Operators: who works the till. Kept in the journal like everything else (src/store/projections/operators.ts). */
import type { PinHash } from './pin.js';

export type OperatorRole = 'cashier' | 'manager';
export const ROLES: readonly OperatorRole[] = ['cashier', 'manager'];

export interface Operator {
  /** The operator code typed at sign-in: 1–16 lowercase letters, digits, '-' or '_'. */
  id: string;
  name: string;
  role: OperatorRole;
  pin: PinHash;
  /** A badge barcode that stands for the operator code at sign-in (optional). */
  card: string | null;
  disabled: boolean;
  created: string;
  /**
   * The language the till's screen speaks to this operator (a code of src/i18n/languages.ts); absent
   * or null: the shop's. Receipts keep the shop's language whoever is signed in.
   */
  language?: string | null;
}

/** What the register and headless show of an operator: never the PIN hash. */
export interface OperatorView {
  id: string;
  name: string;
  role: OperatorRole;
}

export const viewOf = (o: Pick<Operator, 'id' | 'name' | 'role'>): OperatorView => ({ id: o.id, name: o.name, role: o.role });

export interface OperatorSlice {
  byId: Record<string, Operator>;
  /** Badge barcode -> operator id. */
  byCard: Record<string, string>;
}

export const OPERATOR_ADDED = 'operator.added';
export const OPERATOR_PIN_SET = 'operator.pin.set';
export const OPERATOR_DISABLED = 'operator.disabled';
export const OPERATOR_ENABLED = 'operator.enabled';
/** data: { id, language } — language null goes back to the shop's. */
export const OPERATOR_LANGUAGE_SET = 'operator.language.set';
export const OPERATOR_SIGNED_IN = 'operator.signed-in';
export const OPERATOR_SIGNED_OUT = 'operator.signed-out';
/** A wrong PIN or an approval refused: journaled so a manager sees attempts (never the PIN typed). */
export const OPERATOR_PIN_FAILED = 'operator.pin.failed';
