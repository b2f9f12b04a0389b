import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine, sessionStatus, type SessionDeps } from '../../machines/session.machine.js';
import { fail, ok } from '../../src/domain/errors.js';

const anna = { id: 'anna', name: 'Anna', role: 'cashier' as const };
const mai = { id: 'mai', name: 'Mai', role: 'manager' as const };

function deps(over: Partial<SessionDeps> = {}): SessionDeps {
  return {
    required: () => true,
    fallback: { id: 'op1', name: 'Cashier', role: 'manager' },
    find: (c) => (c === 'anna' ? ok(anna) : fail('OPERATOR_UNKNOWN', 'no')),
    verify: (id, pin) => (id === 'anna' && pin === '1234' ? ok(anna) : fail('PIN_WRONG', 'Wrong PIN.')),
    unlock: (id, pin) => (pin === '1234' ? ok(anna) : pin === '9999' ? ok(mai) : fail('PIN_WRONG', 'Wrong PIN.')),
    idleLockMs: 60_000,
    saleOpen: () => false,
    ...over,
  };
}

afterEach(() => vi.useRealTimers());

describe('session machine', () => {
  it('without operators in the store sign-in is off: signed in as the fallback, lock refused', () => {
    const a = createActor(sessionMachine, { input: deps({ required: () => false }) }).start();
    expect(sessionStatus(a.getSnapshot().value)).toBe('signedIn');
    expect(a.getSnapshot().context.operator?.id).toBe('op1');
    a.send({ type: 'session.lock' });
    expect(a.getSnapshot().context.message?.code).toBe('SIGN_IN_OFF');
  });

  it('locks after the idle time; activity starts the time again; the journal hears why', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const m = sessionMachine.provide({ actions: { signedIn: (_, p) => void seen.push(`in:${p.how}`), signedOut: (_, p) => void seen.push(`out:${p.why}`) } });
    const a = createActor(m, { input: deps() }).start();
    a.send({ type: 'session.operator', code: 'anna' });
    a.send({ type: 'session.pin', pin: '1234' });
    expect(sessionStatus(a.getSnapshot().value)).toBe('signedIn');
    vi.advanceTimersByTime(50_000);
    a.send({ type: 'session.activity' });
    vi.advanceTimersByTime(50_000);
    expect(sessionStatus(a.getSnapshot().value)).toBe('signedIn');
    vi.advanceTimersByTime(10_001);
    expect(sessionStatus(a.getSnapshot().value)).toBe('locked');
    a.send({ type: 'session.pin', pin: '9999' });
    expect(a.getSnapshot().context.operator).toEqual(mai);
    expect(seen).toEqual(['in:sign-in', 'out:idle', 'in:unlock']);
  });

  it('idle lock 0 never locks', () => {
    vi.useFakeTimers();
    const a = createActor(sessionMachine, { input: deps({ idleLockMs: 0 }) }).start();
    a.send({ type: 'session.operator', code: 'anna' });
    a.send({ type: 'session.pin', pin: '1234' });
    vi.advanceTimersByTime(10 * 3600_000);
    expect(sessionStatus(a.getSnapshot().value)).toBe('signedIn');
  });

  it('sign-out waits for the open sale', () => {
    let open = true;
    const a = createActor(sessionMachine, { input: deps({ saleOpen: () => open }) }).start();
    a.send({ type: 'session.operator', code: 'anna' });
    a.send({ type: 'session.pin', pin: '1234' });
    a.send({ type: 'session.signOut' });
    expect(a.getSnapshot().context.message?.code).toBe('SALE_OPEN');
    open = false;
    a.send({ type: 'session.signOut' });
    expect(sessionStatus(a.getSnapshot().value)).toBe('signedOut');
    expect(a.getSnapshot().context.operator).toBeNull();
  });
});
