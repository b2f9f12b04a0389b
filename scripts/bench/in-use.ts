/**
 * `node --import tsx scripts/bench/in-use.ts [label]`: the "register in use" row alone (issue 12):
 * `till headless` on .bench/full (generate it with `npm run bench` first), customer lookups, 1,000
 * sales, the snapshot they make due, and the background proof of the balances (issue 8) until the
 * register is idle; prints the sample as JSON (BENCH_TRACE=1 adds the RSS timeline). BENCH_NODE_FLAGS
 * adds node flags (heap sizes as on a Pi); BENCH_CGROUP=/sys/fs/cgroup/cpu/NAME runs the register in
 * that cpu cgroup (a CPU quota); BENCH_DATA another folder holding full/. Used to measure before/after
 * and under a CPU quota without the whole bench.
 */
import path from 'node:path';
import { barcodeOf, cardOf, PRODUCTS } from './data.js';
import { registerInUse, ROOT } from './startup.js';

const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const sales = Number(process.env.BENCH_SALES ?? 1000);
const { trace, ...s } = await registerInUse(path.join(process.env.BENCH_DATA ?? path.join(ROOT, '.bench'), 'full'), cardOf(4242), Array.from({ length: 100 }, (_, i) => barcodeOf((i * 997) % PRODUCTS)), sales, flags, ROOT, process.env.BENCH_CGROUP);
console.log(JSON.stringify({ label: process.argv[2] ?? '', flags, ...s, ...(process.env.BENCH_TRACE ? { trace: trace.filter((_, i) => i % 4 === 0) } : {}) }));
