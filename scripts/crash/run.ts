/**
 * `npm run crash [-- KILLS] [--lanes N] [--keep] [--shift|--returns]` (node --import tsx scripts/crash/run.ts): the long crash
 * test, plain, gift-card and loyalty sales (see harness.ts); with --shift, kills during shift closes
 * instead (shift.ts); with --returns, kills during return commits (returns.ts). Prints the tally; exit code 1 if any check failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTally, runCrashTest } from './harness.js';
import { runShiftCrash } from './shift.js';
import { runReturnCrash } from './returns.js';

const args = process.argv.slice(2);
const kills = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const lanesAt = args.indexOf('--lanes');
const lanes = lanesAt >= 0 ? Number(args[lanesAt + 1]) : 2;
const keep = args.includes('--keep');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-crash-'));
const started = Date.now();
let tally: { failures: string[] };
if (args.includes('--returns')) {
  const t = await runReturnCrash({ dataDir, kills, log: (l) => console.log(l) });
  for (const f of t.failures) console.log(`FAILED: ${f}`);
  console.log(JSON.stringify({ ...t, failures: t.failures.length }, null, 2));
  tally = t;
} else if (args.includes('--shift')) {
  const t = await runShiftCrash({ dataDir, kills, log: (l) => console.log(l) });
  for (const f of t.failures) console.log(`FAILED: ${f}`);
  console.log(JSON.stringify({ ...t, failures: t.failures.length }, null, 2));
  tally = t;
} else {
  const t = await runCrashTest({ dataDir, kills, lanes, log: (l) => console.log(l) });
  console.log(formatTally(t));
  tally = t;
}
console.log(`time                        ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (keep || tally.failures.length) console.log(`data kept in ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
process.exitCode = tally.failures.length ? 1 : 0;
