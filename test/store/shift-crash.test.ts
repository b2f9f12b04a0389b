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
    expect(t.killedFromOutside).toBeGreaterThan(0);
    // Closes really ran, and only a kill loses a close's reply: each kill ends one life, so at most
    // one close per kill goes unanswered. (How many closes a run gets to send depends on where the
    // kills fall, which depends on the machine's load: the count is compared with the kills made.)
    expect(t.closesAttempted).toBeGreaterThan(0);
    expect(t.closesAcknowledged).toBeGreaterThan(0);
    expect(t.closesAttempted - t.closesAcknowledged).toBeLessThanOrEqual(t.kills);
    expect(t.closesAcknowledged + t.closesUnacknowledged).toBeLessThanOrEqual(t.closesAttempted);
    // The kills really hit the close: some were written without their reply, and sending them again was refused.
    expect(t.closesUnacknowledged + t.closesRetriedRefused).toBeGreaterThan(0);
    expect(t.salesAcknowledged).toBeGreaterThan(0);
  }, 300_000);
});
