/**
 * Issue 3's crash test: `till headless` as a child process, killed 100+ times at random moments and
 * by failpoints inside appends and snapshot writes; see scripts/crash/harness.ts for the checks.
 * `node --import tsx scripts/crash/run.ts 1000` runs the long version.
 */
import { describe, expect, it } from 'vitest';
import { formatTally, runCrashTest } from '../../scripts/crash/harness.js';
import { tmpDir } from './helpers.js';

describe('crash test', () => {
  it('loses and doubles no acknowledged sale over 100 kills, and always restarts without repair', async () => {
    const tally = await runCrashTest({ dataDir: tmpDir('crash'), kills: 100, lanes: 3 });
    console.log(formatTally(tally));
    expect(tally.failures).toEqual([]);
    expect(tally.kills).toBeGreaterThanOrEqual(100);
    expect(tally.killedFromOutside).toBeGreaterThan(0);
    expect(tally.killedByFailpoint).toBeGreaterThan(0);
    expect(tally.restarts).toBeGreaterThan(50);
    expect(tally.salesAcknowledged).toBeGreaterThan(0);
    expect(tally.salesInJournal).toBeGreaterThanOrEqual(tally.salesAcknowledged);
  }, 300_000);
});
