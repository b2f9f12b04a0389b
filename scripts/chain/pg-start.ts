/**
 * Measures the test PostgreSQL's start-up (docs/chain.md, "Tests"): initdb into a temp folder and
 * the server's start until it accepts connections, three times.
 *   node --import tsx scripts/chain/pg-start.ts
 */
import { startPgServer } from '../../test/support/pg-server.js';

for (let i = 0; i < 3; i++) {
  const s = await startPgServer();
  console.log(`initdb ${s.timings.initdbMs.toFixed(0)} ms, server ready ${s.timings.startMs.toFixed(0)} ms`);
  await s.stop();
}
