/**
 * The register's side of sign-in: the session machine (machines/session.machine.ts) with its PIN
 * checks, throttle and journal effects, and manager approval on the spot. Sign-in is required once
 * the store has an enabled operator (`till operator add`); a store without operators runs as the
 * configuration's first operator, as before operators existed, and approvals are not asked for
 * (nobody could give one).
 *
 * Wrong PINs are throttled per register like gift-card guesses: `signIn.pinLimitPerMinute` misses in
 * a minute pause every PIN check (sign-in, unlock, approval) for `signIn.cooldownSeconds`. Each miss
 * is journaled (`operator.pin.failed`, never the PIN typed) so a manager can see attempts. The
 * throttle's state is kept in DATA/pin-guesses.json like the gift-card limiter's, so a restart does
 * not reset a pause.
 */
import { randomUUID } from 'node:crypto';
import { createActor, type ActorRefFrom } from 'xstate';
import { sessionMachine, sessionStatus, type SessionStatus } from '../machines/session.machine.js';
import type { TillConfig } from './domain/config.js';
import { fail, ok, type Result } from './domain/errors.js';
import { initialGuessState, recordGuess, type GuessState } from './domain/giftcard/guess-limiter.js';
import { activeManagers, activeOperators, findOperator } from './domain/operators/operations.js';
import { verifyPin } from './domain/operators/pin.js';
import { needsApproval, type ApprovalAction, type ApprovalFacts } from './domain/operators/approval.js';
import { OPERATOR_PIN_FAILED, OPERATOR_SIGNED_IN, OPERATOR_SIGNED_OUT, viewOf, type OperatorView } from './domain/operators/types.js';
import { operatorsOf } from './store/projections/operators.js';
import type { Store } from './store/types.js';

export type SessionActor = ActorRefFrom<typeof sessionMachine>;

export interface SessionService {
  actor: SessionActor;
  /** Who is at the till (the configuration's operator while sign-in is off). */
  operator(): OperatorView;
  status(): SessionStatus;
  /** Sign-in is on: the store has operators. */
  required(): boolean;
  /** Does this action need a manager's PIN here and now? */
  needsApproval(action: ApprovalAction, facts?: ApprovalFacts): boolean;
  /** A manager's PIN given on the spot: the approver, or why not (PIN_WRONG, PIN_COOLDOWN...). */
  approve(pin: string): Result<OperatorView>;
  stop(): void;
}

export interface SessionOptions {
  config: TillConfig;
  store: Store;
  now: () => Date;
  /** Journal writes are effects of the session: the register tracks them (settled()) and logs failures. */
  track: <T>(p: Promise<T>) => Promise<T>;
  log: (line: string) => void;
  /** Is a sale open on the till? */
  saleOpen: () => boolean;
  /** Who works the till while sign-in is off (default: the configuration's first operator). */
  fallback?: { id: string; name: string };
}

export function createSession(opts: SessionOptions): SessionService {
  const { config, store, now, track, log } = opts;
  const slice = () => operatorsOf(store.state);
  const required = () => activeOperators(slice()).length > 0;
  const first = opts.fallback ?? config.operators[0];
  const fallback: OperatorView = { id: first.id, name: first.name, role: 'manager' };
  const limits = { limitPerMinute: config.signIn.pinLimitPerMinute, cooldownSeconds: config.signIn.cooldownSeconds };
  // Durable like the gift-card limiter: a restart (or pulling the plug) does not reset the pause.
  let guesses: GuessState = store.pinGuesses?.load(now().getTime(), limits) ?? initialGuessState();

  const journal = (type: string, data: unknown, operator: string) =>
    void track(store.commit({ id: randomUUID(), events: [{ type, data }], operator }).catch((e: Error) => log(`journal ${type}: ${e.message}`)));

  const coolingDown = (): Result<never> | null => {
    const t = now().getTime();
    return t < guesses.until ? fail('PIN_COOLDOWN', 'Too many wrong PINs: wait {seconds} s.', { seconds: Math.ceil((guesses.until - t) / 1000) }) : null;
  };

  /** Records one PIN check; a miss counts towards the pause and is journaled. */
  function outcome(matched: OperatorView | null, purpose: 'sign-in' | 'unlock' | 'approval', who: string | null): Result<OperatorView> {
    const next = recordGuess(guesses, now().getTime(), matched !== null, limits);
    if (JSON.stringify(next) !== JSON.stringify(guesses)) store.pinGuesses?.save(next);
    guesses = next;
    if (matched) return ok(matched);
    journal(OPERATOR_PIN_FAILED, { operator: who, purpose, register: config.register.id }, who ?? current().id);
    return coolingDown() ?? fail('PIN_WRONG', 'Wrong PIN.');
  }

  function verify(id: string, pin: string, purpose: 'sign-in' | 'unlock'): Result<OperatorView> {
    const wait = coolingDown();
    if (wait) return wait;
    const o = findOperator(slice(), id);
    if (!o || o.disabled) return fail('OPERATOR_DISABLED', 'This operator can no longer sign in. Ask a manager.');
    return outcome(verifyPin(pin, o.pin) ? viewOf(o) : null, purpose, o.id);
  }

  function verifyManager(pin: string, purpose: 'approval'): Result<OperatorView> {
    const wait = coolingDown();
    if (wait) return wait;
    const m = activeManagers(slice()).find((o) => verifyPin(pin, o.pin));
    return outcome(m ? viewOf(m) : null, purpose, null);
  }

  const machine = sessionMachine.provide({
    actions: {
      signedIn: (_, p) => journal(OPERATOR_SIGNED_IN, { operator: p.operator.id, how: p.how, register: config.register.id }, p.operator.id),
      signedOut: (_, p) => journal(OPERATOR_SIGNED_OUT, { operator: p.operator.id, why: p.why, register: config.register.id }, p.operator.id),
    },
  });
  const actor = createActor(machine, {
    input: {
      required,
      fallback,
      find(code) {
        const o = findOperator(slice(), code);
        if (!o) return fail('OPERATOR_UNKNOWN', 'No operator has that code or badge.');
        if (o.disabled) return fail('OPERATOR_DISABLED', 'This operator can no longer sign in. Ask a manager.');
        return ok(viewOf(o));
      },
      verify: (id, pin) => verify(id, pin, 'sign-in'),
      unlock(id, pin) {
        const wait = coolingDown();
        if (wait) return wait;
        const own = findOperator(slice(), id);
        const match = own && !own.disabled && verifyPin(pin, own.pin) ? own : activeManagers(slice()).find((o) => verifyPin(pin, o.pin));
        return outcome(match ? viewOf(match) : null, 'unlock', id);
      },
      idleLockMs: config.signIn.idleLockSeconds * 1000,
      saleOpen: opts.saleOpen,
    },
  });
  actor.start();

  function current(): OperatorView {
    const s = actor.getSnapshot();
    return s.context.operator ?? s.context.who ?? fallback;
  }

  return {
    actor,
    operator: current,
    status: () => sessionStatus(actor.getSnapshot().value),
    required,
    needsApproval: (action, facts) => required() && needsApproval(config.approvals, action, facts),
    approve: (pin) => verifyManager(pin, 'approval'),
    stop: () => actor.stop(),
  };
}
