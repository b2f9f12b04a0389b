/**
 * One racing register for test/sync/holds.test.ts, as its own process with its own connection:
 * waits until the start instant, then tries `n` holds of `amount` on one card, each for a new sale,
 * and prints how many the database granted. CODE `points:CUSTOMER:PROGRAM` races points holds instead.
 *   node --import tsx test/sync/hold-racer.ts URL CODE REGISTER N AMOUNT START_MS
 */
import { randomUUID } from 'node:crypto';
import { connectChain } from '../../src/sync/db.js';
import { holdGiftCard, holdPoints } from '../../src/sync/holds.js';

const [url, code, register, n, amount, startMs] = process.argv.slice(2);
const client = await connectChain(url, { timeoutMs: 5000 });
await new Promise((r) => setTimeout(r, Math.max(0, Number(startMs) - Date.now())));
let granted = 0;
let refused = 0;
for (let i = 0; i < Number(n); i++) {
  const [kind, customerId, programId] = code.split(':');
  const r =
    kind === 'points'
      ? await holdPoints(client, { register, saleId: randomUUID(), customerId, programId, points: Number(amount), seconds: 120 })
      : await holdGiftCard(client, { register, saleId: randomUUID(), code, amount: Number(amount), seconds: 120 });
  if (r.ok) granted++;
  else if (r.error.code === 'INSUFFICIENT_BALANCE' || r.error.code === 'INSUFFICIENT_POINTS') refused++;
  else throw r.error;
}
await client.end();
process.stdout.write(JSON.stringify({ granted, refused }));
