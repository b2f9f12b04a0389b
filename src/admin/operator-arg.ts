/**
 * `--operator ID` of the back-office commands: who the journal says made the change. One of the
 * configuration's operators or an enabled operator of the store (`till operator add`); default the
 * configuration's first. An unknown or disabled id is refused before anything is written.
 */
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { operatorsOf } from '../store/projections/operators.js';
import type { StoreState } from '../store/types.js';

export function backOfficeOperator(config: TillConfig, state: StoreState, given: string | undefined): string {
  const fallback = config.operators[0].id;
  if (given === undefined) return fallback;
  if (config.operators.some((o) => o.id === given)) return given;
  const o = operatorsOf(state).byId[given.toLowerCase()];
  if (o && Object.prototype.hasOwnProperty.call(operatorsOf(state).byId, given.toLowerCase()) && !o.disabled) return o.id;
  const known = [...config.operators.map((x) => x.id), ...Object.values(operatorsOf(state).byId).filter((x) => !x.disabled).map((x) => x.id)];
  throw new TillError('USAGE', `--operator must be one of ${[...new Set(known)].join(', ')}${o?.disabled ? ` (${given} is disabled)` : ''}`);
}
