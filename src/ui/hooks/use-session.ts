/** The sign-in session as React state: which sign-in screen covers the till (null: someone is signed in). */
import { useCallback, useSyncExternalStore } from 'react';
import type { Register } from '../../register.js';
import type { SessionScreen } from '../keys/table.js';
import type { SessionStatus } from '../../../machines/session.machine.js';

export const sessionScreenOf = (status: SessionStatus): SessionScreen | null =>
  status === 'signedIn' ? null : status === 'signedOut' ? 'signIn' : status;

export function useSession(register: Register) {
  const actor = register.session.actor;
  const subscribe = useCallback(
    (onChange: () => void) => {
      const sub = actor.subscribe({ next: onChange, error: onChange });
      return () => sub.unsubscribe();
    },
    [actor],
  );
  const get = useCallback(() => actor.getSnapshot(), [actor]);
  return useSyncExternalStore(subscribe, get, get);
}
