/**
 * Programs per register (Odoo POS: each point of sale chooses the loyalty program it runs). The
 * register's configuration key `loyalty.programs` is "all" (the default: every program of the store)
 * or the list of program ids this register applies. A program not listed is neither earned nor
 * offered at this register: the till, headless and the receipt see only the listed ones. Programs are
 * store data and the list is a setting, so the ids are checked twice: their form with the
 * configuration, their existence when the register opens on the store.
 */
import type { LoyaltyProgram } from './types.js';

export type RegisterPrograms = 'all' | string[];

const ID = /^[A-Za-z0-9_.-]{1,40}$/;

/** The problem with a `loyalty.programs` value as a setting, or null. */
export function registerProgramsFormProblem(v: unknown): string | null {
  if (v === 'all') return null;
  const bad = `must be "all" or a list of program ids such as ["cb", "coffee"] (letters, digits, ".", "-", "_"), got ${JSON.stringify(v)?.slice(0, 40) ?? String(v)}`;
  if (!Array.isArray(v)) return bad;
  if (v.some((x) => typeof x !== 'string' || !ID.test(x))) return bad;
  const dup = v.find((x, i) => v.indexOf(x) !== i);
  return dup === undefined ? null : `lists "${dup}" twice`;
}

/** The problem with the list against the store's programs (an id the store has no program for), or null. */
export function registerProgramsStoreProblem(sel: RegisterPrograms | undefined, all: readonly Pick<LoyaltyProgram, 'id'>[]): string | null {
  if (sel === undefined || sel === 'all') return null;
  const known = new Set(all.map((p) => p.id));
  const unknown = sel.filter((id) => !known.has(id));
  if (unknown.length === 0) return null;
  const list = all.map((p) => p.id).join(', ') || 'none yet';
  return `loyalty.programs names ${unknown.map((id) => `"${id}"`).join(', ')}, which the store has no program for (programs: ${list}). Fix the configuration, or create the program with: till loyalty program set FILE.json`;
}

/** The programs this register applies, in the store's order. */
export function programsForRegister(all: readonly LoyaltyProgram[], sel: RegisterPrograms | undefined): LoyaltyProgram[] {
  if (sel === undefined || sel === 'all') return all.slice();
  const on = new Set(sel);
  return all.filter((p) => on.has(p.id));
}
