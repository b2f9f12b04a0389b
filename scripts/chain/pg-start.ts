/**
 * Measures the test PostgreSQL's start-up (docs/chain.md, "Tests"): initdb into a temp folder and
 * the server's start until it accepts connections, three times.
 *   node --import tsx scripts/chain/pg-start.ts
 * With `--serve PORT` it starts one throwaway server on that port and keeps it until Ctrl+C (the
 * two-register demo, docs/chain.md "Trying it with two registers"); the cluster is deleted on exit.
 */
import { parseArgs } from 'node:util';
import { startPgServer } from '../../test/support/pg-server.js';

const { values } = parseArgs({ options: { serve: { type: 'string' } } });
if (values.serve) {
  const s = await startPgServer({ port: Number(values.serve) });
  console.log(`PostgreSQL for the demo: ${s.url} (Ctrl+C stops it and deletes the cluster)`);
  const stop = () => void s.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30); // keep running until a signal
} else {
  for (let i = 0; i < 3; i++) {
    const s = await startPgServer();
    console.log(`initdb ${s.timings.initdbMs.toFixed(0)} ms, server ready ${s.timings.startMs.toFixed(0)} ms`);
    await s.stop();
  }
}
