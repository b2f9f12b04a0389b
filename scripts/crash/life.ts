/**
 * One life of a `till headless` child in a crash loop (returns.ts, shift.ts): the driver runs the
 * register until it ends, by our SIGKILL from outside or by a failpoint's kill.
 */
import { ChildGone, type Child } from './child.js';

/** What a life's end counts. */
export interface LifeTally {
  kills: number;
  killedFromOutside: number;
  failures: string[];
}

/** The outside kill: `arm(ms)` SIGKILLs the child after `ms` unless `disarm()` comes first. */
export interface OutsideKill {
  arm(ms: number): void;
  disarm(): void;
}

/**
 * Runs `drive` on `child`, then closes its stdin and waits for it. A ChildGone (the child died under
 * a request) ends the life quietly; any other error is a failure in `t`, with the child's stderr, and
 * the child is killed. A SIGKILL end counts as a kill, and as one from outside when `arm`'s timer fired.
 */
export async function liveOnce(child: Child, dir: string, t: LifeTally, drive: (kill: OutsideKill) => Promise<void>): Promise<void> {
  let outside = false;
  let timer: NodeJS.Timeout | null = null;
  const kill: OutsideKill = {
    arm: (ms) => {
      timer = setTimeout(() => ((outside = true), child.proc.kill('SIGKILL')), ms);
    },
    disarm: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  try {
    await drive(kill);
    child.proc.stdin.end();
    await child.exited;
  } catch (e) {
    if (!(e instanceof ChildGone)) {
      t.failures.push(`${dir}: ${(e as Error).message}\n${child.stderr()}`);
      child.proc.kill('SIGKILL');
    }
  }
  kill.disarm();
  const end = await child.exited;
  if (end.signal === 'SIGKILL') {
    t.kills++;
    if (outside) t.killedFromOutside++;
  }
}
