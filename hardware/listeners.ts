/** Listener sets for device events. A listener that throws is isolated: it never reaches the device. */
import type { Unsubscribe } from './types.js';

export interface Listeners<T> {
  add(listener: (value: T) => void): Unsubscribe;
  emit(value: T): void;
  readonly size: number;
}

export function createListeners<T>(): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      if (typeof listener !== 'function') return () => {};
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(value) {
      for (const l of [...set]) {
        try {
          l(value);
        } catch {
          // A broken subscriber (a UI bug) must not stop the device or the other subscribers.
        }
      }
    },
    get size() {
      return set.size;
    },
  };
}

/** A status holder that notifies only on change. */
export function createStatus<S>(initial: S) {
  let current = initial;
  const listeners = createListeners<S>();
  return {
    get: () => current,
    set(next: S) {
      if (next === current) return;
      current = next;
      listeners.emit(next);
    },
    on: listeners.add,
  };
}

/** Timer functions, injectable so tests can drive time; defaults are looked up at call time (fake timers work). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    // A pending auto-close must not keep the process alive at shutdown.
    (h as { unref?: () => void }).unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
