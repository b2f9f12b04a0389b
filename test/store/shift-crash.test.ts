/**
 * Issue 10: kills during a shift close lose nothing and double nothing (scripts/crash/shift.ts has
 * the checks). `npm run crash` is the sale crash test; this one is about the shift.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runShiftCrash } from '../../scripts/crash/shift.js';
import { tmpDir } from './helpers.js';

describe('shift crash test', () => {
  it('closes every shift once over 30 kills, Z numbers without a gap, every acknowledged close and sale kept', async () => {
    const dataDir = tmpDir('shift-crash');
    const t = await runShiftCrash({ dataDir, kills: 30 });
    console.log(JSON.stringify({ ...t, failures: t.failures.length }));
    expect(t.failures).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true }); // kept when a check failed
    expect(t.kills).toBeGreaterThanOrEqual(30);
    // Kills from outside (a timer during shift_close) land only when the close is slower than the
    // timer: on a quiet machine every close may answer first, so they are counted (logged above), not
    // required; the failpoints inside the close kill it in every run.
    // Closes really ran and the kills hit them. How many a run gets to send, and how many of the lost
    // replies were written, depends on where the kills fall, which depends on the machine's load: the
    // counts are compared with each other, not with fixed numbers. Each kill ends one life, so at
    // most one close per kill goes unanswered, and every close whose reply was lost is accounted
    // for: written once (sent again and refused) or not written (closed later as a new close).
    expect(t.closesAcknowledged).toBeGreaterThan(0);
    const lost = t.closesAttempted - t.closesAcknowledged;
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(t.kills);
    expect(lost).toBe(t.closesRetriedRefused + t.closesNotWritten + t.closesPendingAtEnd);
    expect(t.closesUnacknowledged).toBeGreaterThanOrEqual(t.closesRetriedRefused);
    expect(t.closesUnacknowledged).toBeLessThanOrEqual(t.closesRetriedRefused + t.closesPendingAtEnd);
    expect(t.salesAcknowledged).toBeGreaterThan(0);
  }, 300_000);
});
