/**
 * Issue 3's crash test: `till headless` as a child process selling plain items, gift cards and
 * loyalty sales, killed 100+ times at random moments and by failpoints inside appends and snapshot
 * writes; see scripts/crash/harness.ts for the checks. `npm run crash` runs the long version (1,000).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTally, runCrashTest } from '../../scripts/crash/harness.js';
import { startHeadless } from '../../scripts/crash/child.js';
import { PRODUCTS, prepareStore } from '../../scripts/crash/seed.js';
import { PROJECTIONS } from '../../src/store/projections/index.js';
import { verifyStore } from '../../src/store/verify.js';
import type { ProjectionModule } from '../../src/store/types.js';
import { tmpDir } from './helpers.js';

describe('crash test', () => {
  it('loses and doubles no acknowledged sale, gift-card movement or points over 100 kills, and always restarts without repair', async () => {
    const dataDir = tmpDir('crash');
    const tally = await runCrashTest({ dataDir, kills: 100, lanes: 3 });
    console.log(formatTally(tally));
    expect(tally.failures).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true }); // kept when a check failed
    expect(tally.kills).toBeGreaterThanOrEqual(100);
    expect(tally.killedFromOutside).toBeGreaterThan(0);
    expect(tally.killedByFailpoint).toBeGreaterThan(0);
    expect(tally.restarts).toBeGreaterThan(50);
    expect(tally.salesAcknowledged).toBeGreaterThan(0);
    expect(tally.salesInJournal).toBeGreaterThanOrEqual(tally.salesAcknowledged);
    // The mix really ran: cards sold and spent (one down to zero), points earned and spent.
    expect(tally.giftCardsSold).toBeGreaterThan(0);
    expect(tally.giftCardRedemptions).toBeGreaterThan(0);
    expect(tally.giftCardsSpentDown).toBeGreaterThan(0);
    expect(tally.loyaltySales).toBeGreaterThan(0);
    expect(tally.pointsEarned).toBeGreaterThan(0);
    expect(tally.rewardSales).toBeGreaterThan(0);
    expect(tally.liveChecks).toBeGreaterThan(0);
    expect(tally.restartChecks).toBeGreaterThan(0);
    expect(tally.recomputations).toBeGreaterThanOrEqual(tally.kills);
  }, 300_000);

  it('verifyStore compares the gift-card and loyalty slices of the snapshot with the fold of the journal', async () => {
    const dir = tmpDir('crash-verify');
    const seed = await prepareStore(dir);
    const child = startHeadless(dir);
    const replies = [];
    for (const cmd of [
      { cmd: 'scan', code: seed.customers[2].card },
      { cmd: 'scan', code: PRODUCTS[5].barcodes[0] },
      { cmd: 'pay' },
      { cmd: 'giftcard_pay', code: `GC${seed.cards[0].code}`, amount: 100 },
      { cmd: 'exact' },
    ])
      replies.push(await child.send(cmd));
    child.proc.stdin.end();
    await child.exited;
    expect(replies.map((r) => r.error?.code ?? r.state.status)).toEqual(['sale', 'sale', 'tender', 'tender', 'committed']);
    expect((await verifyStore(dir)).problems).toEqual([]);

    // A fold that counts each sale twice for one slice: the snapshot (written by the right fold) must differ in that slice.
    const doubled = (name: string): ProjectionModule<any>[] =>
      PROJECTIONS.map((m) =>
        m.name !== name
          ? m
          : {
              ...m,
              apply(slice, ev, state) {
                m.apply(slice, ev, state);
                if (ev.type === 'sale.committed') m.apply(slice, ev, state);
              },
            },
      );
    for (const name of ['giftcards', 'loyalty']) {
      const v = await verifyStore(dir, { modules: doubled(name) });
      expect(v.problems.map((p) => p.message).join('\n')).toContain(`slice "${name}" differs from the fold of the journal`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
