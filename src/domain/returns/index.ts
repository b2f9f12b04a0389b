/** Returns and refunds of committed sales (issue 10): pure planning, the fold of what came back. */
export * from './types.js';
export * from './lines.js';
export * from './tenders.js';
export * from './giftcards.js';
export * from './loyalty.js';
export * from './plan.js';
export * from './fold.js';
export * from './receipt.js';
export * from './no-receipt.js';
export * from './exchange.js';
export * from './exchange-receipt.js';
