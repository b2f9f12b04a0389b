/**
 * Issue 10: SIGKILLs during a return's commit lose nothing and double nothing (scripts/crash/returns.ts
 * has the checks: the journal and the snapshot agree, no return or receipt number twice, no line back
 * more than it was sold, every return whole with its gift-card and points events, every acknowledged
 * return and sale once, and a return whose reply was lost is found written once or not at all).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runReturnCrash } from '../../scripts/crash/returns.js';
import { tmpDir } from './helpers.js';

describe('return crash test', () => {
  it('loses and doubles no return over 25 kills during return commits', async () => {
    const dataDir = tmpDir('return-crash');
    const t = await runReturnCrash({ dataDir, kills: 25 });
    console.log(JSON.stringify({ ...t, failures: t.failures.length }));
    expect(t.failures).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true }); // kept when a check failed
    expect(t.kills).toBeGreaterThanOrEqual(25);
    expect(t.killedFromOutside).toBeGreaterThan(0);
    expect(t.salesAcknowledged).toBeGreaterThan(0);
    // Returns really ran and the kills hit them: each kill ends one life, so at most one return per
    // kill goes without its reply, and each of those was found written once or not at all.
    expect(t.returnsAcknowledged).toBeGreaterThan(0);
    expect(t.returnsAttempted - t.returnsAcknowledged).toBeLessThanOrEqual(t.kills);
    expect(t.returnsUnacknowledged + t.returnsLost).toBeLessThanOrEqual(t.returnsAttempted - t.returnsAcknowledged);
    expect(t.returnsUnacknowledged + t.returnsLost).toBeGreaterThan(0);
    expect(t.returnsWithCardsOrPoints).toBeGreaterThan(0);
  }, 300_000);
});
