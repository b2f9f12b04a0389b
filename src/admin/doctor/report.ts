/**
 * What `till doctor` found: one line per check, "ok", "problem" (something a shop would notice: no
 * receipt, no scanner, a drawer that will not open) or "info", each with what to do when there is
 * something to do. The exit code is 1 when any line is a problem.
 */
import { textWidth } from '../../domain/receipt-text.js';
import type { Translate } from '../../i18n/index.js';

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
const LEVEL = 8;

/** Pads to `cols` terminal columns (a CJK character takes two). */
const padCols = (text: string, cols: number): string => text + ' '.repeat(Math.max(1, cols - textWidth(text)));

/**
 * One finding as a line: "problem  printer        no USB printer at /dev/usb/lp0  -> plug it in". The level
 * word and the topic are the catalog's (`cli.doctor.level.*`, `cli.doctor.topic.*`; an unknown topic as given).
 */
export function formatFinding(f: Finding, t?: Translate): string {
  const level = t ? t(`cli.doctor.level.${f.level}`) : f.level;
  const group = /^group (\S+)$/.exec(f.topic);
  const topicKey = group ? 'cli.doctor.topic.group' : `cli.doctor.topic.${f.topic.replace(/ /g, '-')}`;
  const topic = t && t(topicKey) !== topicKey ? t(topicKey, { name: group?.[1] ?? '' }) : f.topic;
  const head = `${padCols(level, LEVEL + 1)}${padCols(topic, TOPIC + 1)}${f.text}`;
  return f.fix ? `${head}  -> ${f.fix}` : head;
}

export function summary(findings: Finding[], t?: Translate): string {
  const n = findings.filter((f) => f.level === 'problem').length;
  if (t) return n === 0 ? t('cli.doctor.allOk') : t('cli.doctor.problems', { n });
  return n === 0 ? 'All checks ok.' : `${n} problem${n === 1 ? '' : 's'} found.`;
}

export const exitCode = (findings: Finding[]): number => (findings.some((f) => f.level === 'problem') ? 1 : 0);
