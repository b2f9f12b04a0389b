/** Operators for tests: a cheap scrypt cost (the cost travels with the hash), fixed salt. */
import type { AppHarness } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { hashPin } from '../../src/domain/operators/pin.js';
import { OPERATOR_ADDED } from '../../src/domain/operators/types.js';

export const CHEAP = { N: 16, r: 1, p: 1 };

export const operatorEvent = (id: string, name: string, role: 'cashier' | 'manager', pin: string, card: string | null = null) => ({
  type: OPERATOR_ADDED,
  data: { operator: { id, name, role, pin: hashPin(pin, new Uint8Array(16).fill(id.length), CHEAP), card, disabled: false, created: '2025-01-01T00:00:00.000Z' } },
});

/** Anna (cashier, PIN 1234, badge OP-0001) and Mai (manager, PIN 9999). */
export const shopOperators = () => [operatorEvent('anna', 'Anna', 'cashier', '1234', 'OP-0001'), operatorEvent('mai', 'Mai', 'manager', '9999')];

/** Signs Anna (or another operator) in on the UI's sign-in screen, typed as a person types. */
export async function signInUi(app: AppHarness, code = 'anna', pin = '1234'): Promise<void> {
  await app.waitFor('Operator code or badge:');
  app.type(code);
  app.press(KEY.enter);
  await app.waitFor('PIN for');
  app.type(pin);
  app.press(KEY.enter);
  await app.waitFor('Scan or type a code');
}
