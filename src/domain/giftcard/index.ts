/** Gift cards: codes, the card ledger (a fold of journal events), selling, redeeming, limits, reports. */
export * from './admin-view.js';
export * from './code.js';
export * from './dates.js';
export * from './errors.js';
export * from './guess-limiter.js';
export * from './ledger.js';
export * from './operations.js';
export * from './redeem.js';
export * from './report.js';
export * from './sell.js';
export * from './types.js';
export * from './topup.js';
