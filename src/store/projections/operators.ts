/** Operators slice: who may sign in, their role and PIN hash (docs/operators.md). */
import { applyOperatorEvent, emptyOperatorSlice } from '../../domain/operators/operations.js';
import type { OperatorSlice } from '../../domain/operators/types.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';

export const OPERATORS_SLICE = 'operators';

export const operatorsProjection: ProjectionModule<OperatorSlice> = {
  name: OPERATORS_SLICE,
  version: 1,
  initial: emptyOperatorSlice,
  apply(slice, ev: JournalEvent) {
    if (ev.type.startsWith('operator.')) applyOperatorEvent(slice, ev.type, ev.data);
  },
};

export const operatorsOf = (state: StoreState): OperatorSlice => (state[OPERATORS_SLICE] as OperatorSlice | undefined) ?? emptyOperatorSlice();
