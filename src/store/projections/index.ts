/**
 * Every projection slice of the store, in fold order. Feature modules (gift cards, loyalty...) append
 * their module here; a slice missing from an existing snapshot is built by replaying the journal.
 */
import type { ProjectionModule } from '../types.js';
import { catalogProjection } from './catalog.js';
import { salesProjection } from './sales.js';
import { giftCardsProjection } from './giftcards.js';
import { loyaltyProjection } from './loyalty.js';
import { operatorsProjection } from './operators.js';
import { shiftsProjection } from './shifts.js';
import { returnsProjection } from './returns.js';
import { parkedProjection } from './parked.js';

export const PROJECTIONS: ProjectionModule<any>[] = [catalogProjection, salesProjection, giftCardsProjection];
PROJECTIONS.push(loyaltyProjection);
PROJECTIONS.push(operatorsProjection);
PROJECTIONS.push(returnsProjection);
// Shifts read what the gift-card and loyalty folds have just done: keep them after those.
PROJECTIONS.push(shiftsProjection);
PROJECTIONS.push(parkedProjection);
