/** An actor's snapshot as React state (re-renders on every transition): the checkout, the session. */
import { useCallback, useSyncExternalStore } from 'react';
import type { AnyActorRef, SnapshotFrom } from 'xstate';

export function useSnapshot<A extends AnyActorRef>(actor: A): SnapshotFrom<A> {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const sub = actor.subscribe({ next: onChange, error: onChange });
      return () => sub.unsubscribe();
    },
    [actor],
  );
  const get = useCallback(() => actor.getSnapshot() as SnapshotFrom<A>, [actor]);
  return useSyncExternalStore(subscribe, get, get);
}
