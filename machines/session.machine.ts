/**
 * Who works the till. The checkout machine never sees a PIN: the register feeds it only while an
 * operator is signed in, and stamps every event it journals with that operator.
 *
 *   boot ─(no operators in the store)─▶ signedIn (the configuration's operator: sign-in is off)
 *     └──▶ signedOut.who ─code/badge─▶ signedOut.pin ─PIN─▶ signedIn ─idle / lock─▶ locked
 *              ▲                          │Esc                 │sign out (no sale open)   │PIN of the same
 *              └──────────────────────────┘◀───────────────────┘                          │operator or a manager
 *                                                                          signedIn ◀─────┘
 *
 * PIN checks (scrypt, throttled per register) are the register's (deps.verify); a result lands in
 * `attempt` and a transient state reads it, so one PIN is hashed once.
 */
import { assign, raise, setup } from 'xstate';
import type { Result } from '../src/domain/errors.js';
import type { OperatorView } from '../src/domain/operators/types.js';
import type { CheckoutMessage } from './checkout.types.js';
import { info, refusal } from './checkout.logic.js';

export interface SessionDeps {
  /** True when the store has operators: sign-in is required. */
  required(): boolean;
  /** Who works the till when sign-in is off (the configuration's first operator). */
  fallback: OperatorView;
  /** An enabled operator by code or badge. */
  find(codeOrBadge: string): Result<OperatorView>;
  /** Checks a PIN (throttled): the operator, or PIN_WRONG / PIN_COOLDOWN / OPERATOR_DISABLED. */
  verify(id: string, pin: string): Result<OperatorView>;
  /** Unlocks a locked till: the PIN of the operator who locked it, or of any enabled manager (one throttled check). */
  unlock(id: string, pin: string): Result<OperatorView>;
  /** Lock after this long without a key or scan, ms; 0 = never. */
  idleLockMs: number;
  /** A sale is open on the till (sign-out waits for it to be finished or voided). */
  saleOpen(): boolean;
}

export interface SessionContext {
  deps: SessionDeps;
  operator: OperatorView | null;
  /** The operator whose PIN is asked for (sign-in) or who locked the till. */
  who: OperatorView | null;
  attempt: Result<OperatorView> | null;
  message: CheckoutMessage | null;
}

export type SessionEvent =
  | { type: 'session.operator'; code: string }
  | { type: 'session.pin'; pin: string }
  | { type: 'session.cancel' }
  | { type: 'session.signOut' }
  | { type: 'session.lock' }
  /** A key or a scan: the idle time starts again. */
  | { type: 'session.activity' };

const fromResult = (r: Result<unknown>): CheckoutMessage => (r.ok ? info('OK', '') : refusal(r.error.code, r.error.message, r.error.params));

export const sessionMachine = setup({
  types: { context: {} as SessionContext, events: {} as SessionEvent, input: {} as SessionDeps },
  actions: {
    /** Journal: who signed in (or unlocked) on this register. */
    signedIn: (_, _p: { operator: OperatorView; how: 'sign-in' | 'unlock' }) => {},
    /** Journal: who signed out or was locked out, and why. */
    signedOut: (_, _p: { operator: OperatorView; why: 'sign-out' | 'lock' | 'idle' }) => {},
  },
  guards: {
    signInOff: ({ context }) => !context.deps.required(),
    attemptOk: ({ context }) => context.attempt?.ok === true,
    saleOpen: ({ context }) => context.deps.saleOpen(),
    lockEnabled: ({ context }) => context.deps.idleLockMs > 0,
  },
  delays: {
    idleLock: ({ context }) => Math.max(1, context.deps.idleLockMs),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({ deps: input, operator: null, who: null, attempt: null, message: null }),
  initial: 'boot',
  states: {
    boot: {
      always: [{ guard: 'signInOff', target: 'signedIn', actions: assign(({ context }) => ({ operator: context.deps.fallback })) }, { target: 'signedOut' }],
    },
    signedOut: {
      initial: 'who',
      entry: assign({ operator: null, who: null, attempt: null }),
      states: {
        who: {
          on: {
            'session.operator': [
              {
                guard: ({ context, event }) => context.deps.find(event.code).ok,
                target: 'pin',
                actions: assign(({ context, event }) => ({ who: (context.deps.find(event.code) as { value: OperatorView }).value, message: null })),
              },
              { actions: assign(({ context, event }) => ({ message: fromResult(context.deps.find(event.code)) })) },
            ],
            // A PIN before an operator code: say what comes first.
            'session.pin': { actions: assign({ message: () => refusal('OPERATOR_FIRST', 'Type your operator code or scan your badge first.') }) },
          },
        },
        pin: {
          on: {
            'session.pin': { target: 'checking', actions: assign(({ context, event }) => ({ attempt: context.deps.verify(context.who!.id, event.pin) })) },
            'session.cancel': { target: 'who', actions: assign({ who: null, message: null }) },
            // Another badge scanned while the PIN is asked for: that operator is signing in instead.
            'session.operator': { target: 'who', actions: raise(({ event }) => event) },
          },
        },
        checking: {
          always: [
            {
              guard: 'attemptOk',
              target: '#session.signedIn',
              actions: [
                assign(({ context }) => ({ operator: (context.attempt as { value: OperatorView }).value, message: null, attempt: null })),
                { type: 'signedIn', params: ({ context }) => ({ operator: context.operator!, how: 'sign-in' as const }) },
              ],
            },
            { target: 'pin', actions: assign(({ context }) => ({ message: fromResult(context.attempt!), attempt: null })) },
          ],
        },
      },
    },
    signedIn: {
      after: {
        idleLock: {
          guard: ({ context }) => context.deps.idleLockMs > 0 && context.deps.required(),
          target: 'locked',
          actions: [
            assign(({ context }) => ({ who: context.operator })),
            { type: 'signedOut', params: ({ context }) => ({ operator: context.operator!, why: 'idle' as const }) },
          ],
        },
      },
      on: {
        'session.activity': { target: 'signedIn', reenter: true },
        'session.signOut': [
          { guard: ({ context }) => !context.deps.required(), actions: assign({ message: () => refusal('SIGN_IN_OFF', 'Sign-in is off: this store has no operators yet (till operator add).') }) },
          { guard: 'saleOpen', actions: assign({ message: () => refusal('SALE_OPEN', 'Finish or void the sale before signing out.') }) },
          { target: 'signedOut', actions: [{ type: 'signedOut', params: ({ context }) => ({ operator: context.operator!, why: 'sign-out' as const }) }, assign({ message: null })] },
        ],
        'session.lock': [
          { guard: ({ context }) => !context.deps.required(), actions: assign({ message: () => refusal('SIGN_IN_OFF', 'Sign-in is off: this store has no operators yet (till operator add).') }) },
          {
            target: 'locked',
            actions: [assign(({ context }) => ({ who: context.operator, message: null })), { type: 'signedOut', params: ({ context }) => ({ operator: context.operator!, why: 'lock' as const }) }],
          },
        ],
      },
    },
    /** The sale (if any) waits; the same operator's PIN or a manager's opens the till again. */
    locked: {
      initial: 'pin',
      states: {
        pin: {
          on: {
            'session.pin': {
              target: 'checking',
              actions: assign(({ context, event }) => ({ attempt: context.deps.unlock(context.who!.id, event.pin) })),
            },
            // Between sales anyone may take over the till: back to the operator code.
            'session.signOut': [
              { guard: 'saleOpen', actions: assign({ message: () => refusal('SALE_OPEN', 'A sale is open: the same operator or a manager unlocks the till.') }) },
              { target: '#session.signedOut', actions: assign({ message: null }) },
            ],
          },
        },
        checking: {
          always: [
            {
              guard: 'attemptOk',
              target: '#session.signedIn',
              actions: [
                assign(({ context }) => ({ operator: (context.attempt as { value: OperatorView }).value, message: null, attempt: null })),
                { type: 'signedIn', params: ({ context }) => ({ operator: context.operator!, how: 'unlock' as const }) },
              ],
            },
            { target: 'pin', actions: assign(({ context }) => ({ message: fromResult(context.attempt!), attempt: null })) },
          ],
        },
      },
    },
  },
});

/** Where the session is, as the UI and headless name it. */
export type SessionStatus = 'signedOut' | 'pin' | 'signedIn' | 'locked';

export function sessionStatus(value: unknown): SessionStatus {
  if (value === 'signedIn' || value === 'boot') return 'signedIn';
  if (typeof value === 'object' && value && 'signedOut' in value) return (value as { signedOut: string }).signedOut === 'who' ? 'signedOut' : 'pin';
  return 'locked';
}
