/** The checkout actor's snapshot as React state (re-renders on every transition). */
import { useCallback, useSyncExternalStore } from 'react';
import type { CheckoutActor } from '../../register.js';
import type { CheckoutSnapshot } from '../selectors.js';

export function useSnapshot(actor: CheckoutActor): CheckoutSnapshot {
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
