/**
 * What `till doctor` found: one line per check, "ok", "problem" (something a shop would notice: no
 * receipt, no scanner, a drawer that will not open) or "info", each with what to do when there is
 * something to do. The exit code is 1 when any line is a problem.
 */
export type Level = 'ok' | 'problem' | 'info';

export interface Finding {
  level: Level;
  /** What was checked: "printer", "group lp", "gpio". */
  topic: string;
  text: string;
  /** What to do about it. */
  fix?: string;
}

export const ok = (topic: string, text: string): Finding => ({ level: 'ok', topic, text });
export const info = (topic: string, text: string, fix?: string): Finding => ({ level: 'info', topic, text, ...(fix ? { fix } : {}) });
export const problem = (topic: string, text: string, fix?: string): Finding => ({ level: 'problem', topic, text, ...(fix ? { fix } : {}) });

const TOPIC = 14;

/** One finding as a line: "problem  printer        no USB printer at /dev/usb/lp0  -> plug it in". */
export function formatFinding(f: Finding): string {
  const head = `${f.level.padEnd(8)} ${f.topic.padEnd(TOPIC)} ${f.text}`;
  return f.fix ? `${head}  -> ${f.fix}` : head;
}

export function summary(findings: Finding[]): string {
  const n = findings.filter((f) => f.level === 'problem').length;
  return n === 0 ? 'All checks ok.' : `${n} problem${n === 1 ? '' : 's'} found.`;
}

export const exitCode = (findings: Finding[]): number => (findings.some((f) => f.level === 'problem') ? 1 : 0);
