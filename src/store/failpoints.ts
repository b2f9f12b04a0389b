/**
 * Crash failpoints for the crash test (scripts/crash, test/store/crash.test.ts). Inert unless the
 * TILL_FAILPOINTS environment variable is set, e.g. "append-torn=0.05,snapshot-temp=0.2".
 *
 * Why: a SIGKILL from outside never tears a write (the kernel finishes the syscall and keeps the page
 * cache), so it cannot show what a power cut does. These points kill the process from inside at the
 * moments that matter: with half a transaction written, after the fsync but before the caller hears
 * of it, with half a snapshot temp file, and between the snapshot rename and the folder fsync; and
 * `print-sent`: a receipt handed to the printer while its job file is still in the print queue; `sync-sent`:
 * a push to the chain database sent but not committed, `sync-committed`: committed there before the
 * register heard it (docs/chain.md); `hq-pulled`: a page of head office's items committed to the journal
 * before the pull noted its position.
 */
export type Failpoint = 'append-torn' | 'append-synced' | 'snapshot-temp' | 'snapshot-renamed' | 'print-sent' | 'sync-sent' | 'sync-committed' | 'hq-pulled';

function parse(spec: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of (spec ?? '').split(',')) {
    const [name, p] = part.split('=');
    const prob = Number(p);
    if (name && prob > 0) out.set(name.trim(), Math.min(1, prob));
  }
  return out;
}

const armed = parse(process.env.TILL_FAILPOINTS);

/** True when this failpoint should fire now (never when TILL_FAILPOINTS is unset). */
export const hit = (name: Failpoint): boolean => armed.size > 0 && Math.random() < (armed.get(name) ?? 0);

/**
 * `hit` for a journal write: also fires with the probability of `<name>:<event type>` when `lines`
 * hold an event of that type, e.g. "append-synced:shift.closed=1" kills every shift close after its
 * fsync and nothing else (the shift crash test's lives that must die in a close).
 */
export function hitWriting(name: Failpoint, lines: Buffer): boolean {
  if (armed.size === 0) return false;
  if (Math.random() < (armed.get(name) ?? 0)) return true;
  for (const [key, p] of armed) {
    const at = key.indexOf(':');
    if (at > 0 && key.slice(0, at) === name && lines.includes(`"type":"${key.slice(at + 1)}"`) && Math.random() < p) return true;
  }
  return false;
}

/** Dies like a power cut would stop it: no handlers, no flush. */
export function crash(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL did not stop the process');
}
