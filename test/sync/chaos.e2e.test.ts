/**
 * The chaos test (scripts/chain/chaos.ts): 10 `till headless` registers on separate journals
 * sell on 50 shared gift cards and 200 customers while their connections to PostgreSQL are cut,
 * delayed and reset, registers are SIGKILLed and restarted, and the database restarts once. After
 * the drain: every acknowledged sale in PostgreSQL exactly once (every journal event, in fact), no
 * balance below zero but the recorded offline overspends within the limit, each card's movements
 * adding up to its balance, every journal verifying.
 *
 * A fixed seed by default (CI replays the same choices; the interleaving is the machine's);
 * TILL_CHAOS_SEED picks another, TILL_CHAOS_SECONDS runs longer (`npm run chaos:chain` from the
 * command line does the same without vitest). A failure names its seed.
 */
import { describe, expect, it } from 'vitest';
import { pgAvailable } from '../support/pg-server.js';
import { runChaos, summary } from '../../scripts/chain/chaos.js';

const SEED = Number(process.env.TILL_CHAOS_SEED ?? 20261203);
const SECONDS = Number(process.env.TILL_CHAOS_SECONDS ?? 20);

describe.runIf(pgAvailable())('10 registers under chaos on one PostgreSQL', () => {
  it(
    `seed ${SEED}: every acknowledged sale once, balances are folds, overspends recorded and within the limit, journals verify`,
    async () => {
      const r = await runChaos({ seed: SEED, seconds: SECONDS });
      const text = summary(r);
      console.log(text);
      expect(r.violations, `chaos seed ${SEED} (replay: TILL_CHAOS_SEED=${SEED} npm run chaos:chain -- --seconds ${SECONDS}):\n${text}`).toEqual([]);
      // The run did what it is for: sales on cards across registers, through kills and a restart.
      expect(r.acked).toBeGreaterThan(20);
      expect(r.stats.withGiftCard).toBeGreaterThan(0);
      expect(r.chaos.dbRestarts).toBe(1);
      expect(r.stats.kills).toBeGreaterThan(0);
    },
    (SECONDS + 150) * 1000,
  );
});
