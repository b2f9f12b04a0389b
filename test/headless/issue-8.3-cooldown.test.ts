/**
 * 8.3 The guessing cool-down is not lost on restart, and a guesser learns nothing from the reply:
 * misses in one register, a new register on a newly opened store on the same folder still refuses a
 * valid code until the cool-down is over; unknown and mistyped codes get one code and one message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/giftcard/index.js';
import { initStore, openStore } from '../../src/store/open.js';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { runHeadless } from '../../src/headless/driver.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import type { Store } from '../../src/store/types.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const CARD = generateCode(Uint8Array.from({ length: 12 }, (_, i) => i * 17 + 3));
const unknown = (n: number) => generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 31 + n * 7) & 0xff));
const badCheck = CARD.slice(0, -1) + (CARD.endsWith('0') ? '1' : '0');
const config = demoConfig(); // 5 unrecognised codes a minute, then a 60 s cool-down

async function seeded(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-8.3-'));
  dirs.push(dir);
  const s = await initStore(dir, { currency: 'USD', register: 'R1' }, [
    { type: 'catalog.upserted', data: { products: demoProducts() } },
    { type: 'giftcard.issued', data: { code: CARD, state: 'active', currency: 'USD', faceValue: 1000, price: 1000 } },
  ]);
  await s.close();
  return dir;
}

/** One "process": opens the store, runs the lines at clock `at`, closes everything. */
async function session(dir: string, at: number, cmds: Record<string, unknown>[]) {
  const store: Store = await openStore(dir, { register: 'R1', verifyHistory: false });
  const reg = createRegister({ config, store, hardware: createMockHardware(), now: () => new Date(at) });
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  const done = runHeadless(reg, { input, output });
  for (const c of cmds) input.write(`${JSON.stringify(c)}\n`);
  input.end();
  await done;
  await reg.stop();
  await store.close();
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

const T0 = Date.parse('2026-03-02T10:00:00Z');
const misses = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, cmd: 'giftcard_check', code: `GC${unknown(i)}` }));

describe('8.3 the guessing cool-down survives a restart', () => {
  it('misses in one process; a new process on the same folder still refuses a valid code during the cool-down', async () => {
    const dir = await seeded();
    const first = await session(dir, T0, misses(5));
    expect(first.map((r) => r.error?.code)).toEqual(['GIFT_CARD_UNKNOWN', 'GIFT_CARD_UNKNOWN', 'GIFT_CARD_UNKNOWN', 'GIFT_CARD_UNKNOWN', 'GIFT_CARD_UNKNOWN']);

    // 0.8 s later, a new process: the valid card is refused, nothing about it is shown.
    const [again] = await session(dir, T0 + 800, [{ id: 9, cmd: 'giftcard_check', code: `GC${CARD}` }]);
    expect(again).toMatchObject({ id: 9, ok: false, error: { code: 'GIFT_CARD_COOLDOWN' }, state: { status: 'idle' } });
    expect(again.state.balance).toBeUndefined();

    // Once the cool-down is over, the same card is answered.
    const [later] = await session(dir, T0 + 4 + 60_000, [{ id: 10, cmd: 'giftcard_check', code: `GC${CARD}` }]);
    expect(later).toMatchObject({ ok: true, state: { status: 'balance', balance: { balance: 1000 } } });
  });

  it('the count of misses goes on across a restart: 3 + 2 start the cool-down', async () => {
    const dir = await seeded();
    await session(dir, T0, misses(3));
    const second = await session(dir, T0 + 1000, [...misses(2), { id: 7, cmd: 'giftcard_check', code: `GC${CARD}` }]);
    expect(second[2]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_COOLDOWN' } });
  });
});

describe('8.3 one public code for unknown and mistyped gift cards', () => {
  it('headless replies carry GIFT_CARD_UNKNOWN and one message for both, in every place a code is read', async () => {
    const dir = await seeded();
    const r = await session(dir, T0, [
      { cmd: 'giftcard_check', code: `GC${unknown(1)}` },
      { cmd: 'giftcard_check', code: `GC${badCheck}` },
      { cmd: 'scan', code: '101' },
      { cmd: 'scan', code: `GC${badCheck}` },
      { cmd: 'pay' },
      { cmd: 'giftcard_pay', code: `GC${unknown(2)}` },
    ]);
    const refusals = [r[0], r[1], r[3], r[5]];
    for (const x of refusals) expect(x).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN', message: refusals[0].error.message } });
    expect(JSON.stringify(r)).not.toContain('BAD_CHECK');
  });
});
