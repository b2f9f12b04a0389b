/**
 * `npm run bench:hardware`: only the device rows of the benchmark (scripts/bench/hardware.ts): scan to
 * cart through the HID path and receipt print time to the TCP printer fake, each beside its baseline.
 * Uses the small .bench store (the 100,000-product catalog; generated once, as `npm run bench` does).
 *   BENCH_SCANS=5000 BENCH_PRINTS=300   rounds of each way
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateStore } from './generate.js';
import { ROOT } from './startup.js';
import { ms } from './stats.js';
import { hardwareRows, hidScanBench, printBench } from './hardware.js';

const dir = path.join(ROOT, '.bench');
const log = (l: string) => process.stderr.write(`${l}\n`);
fs.mkdirSync(dir, { recursive: true });
const small = await generateStore(path.join(dir, 'small'), 1000, 400, log);
log('scan -> cart through the HID path...');
const scan = await hidScanBench(small.dir, Number(process.env.BENCH_SCANS ?? 5000));
log('receipt print to the TCP printer fake...');
const print = await printBench(path.join(dir, 'hardware'), Number(process.env.BENCH_PRINTS ?? 300));
for (const r of hardwareRows(scan, print, ms)) console.log(`| ${r.join(' | ')} |`);
