/** The shift (issue 10, "Cash and the shift"): events, fold, plans, reports. See docs/shift.md. */
export * from './types.js';
export * from './totals.js';
export * from './fold.js';
export * from './plan.js';
export * from './report.js';
export * from './report-layout.js';
export * from './report-csv.js';
