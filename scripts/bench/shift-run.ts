/**
 * `npm run bench:shift`: only the X/Z report rows of the benchmark (scripts/bench/shift.ts), on the
 * same .bench stores as `npm run bench` (generated once; BENCH_EVENTS as there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateStore } from './generate.js';
import { CUSTOMERS } from './data.js';
import { ROOT } from './startup.js';
import { ms } from './stats.js';
import { shiftReportBench, shiftRows } from './shift.js';

const FULL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const dir = path.join(ROOT, '.bench');
const log = (l: string) => process.stderr.write(`${l}\n`);
fs.mkdirSync(dir, { recursive: true });
const small = await generateStore(path.join(dir, 'small'), 1000, 400, log);
const full = await generateStore(path.join(dir, 'full'), FULL, CUSTOMERS, log);
log('X/Z over a shift of 5,000 sales...');
const [s, f] = await shiftReportBench(small.dir, full.dir, log);
for (const r of shiftRows(s, f, ms)) console.log(`| ${r.join(' | ')} |`);
