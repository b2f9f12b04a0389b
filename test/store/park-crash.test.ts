/**
 * Parked sales across crashes (issue 11): `till headless` as a child process, killed with SIGKILL
 * after a park, between a recall and its payment, and from inside the recall's append (the
 * failpoints of src/store/failpoints.ts). After every restart the park is listed (or, once paid,
 * gone), it is recalled and paid exactly once, and the store verifies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHeadless, type Child, type Reply } from '../../scripts/crash/child.js';
import { PRODUCTS, prepareStore } from '../../scripts/crash/seed.js';
import { verifyStore } from '../../src/store/verify.js';
import { tmpDir } from './helpers.js';

type Parked = { parkId: string; no: number; lines: number; total: number; interrupted: { at: string } | null };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function kill(c: Child): Promise<void> {
  c.proc.kill('SIGKILL');
  expect((await c.exited).signal).toBe('SIGKILL');
}
const parkedOf = (r: Reply) => (r as Reply & { parked?: Parked[] }).parked ?? [];
/** Every journal event of a type, read back from the segments on disk. */
function events(dir: string, type: string): { data: any }[] {
  const j = path.join(dir, 'journal');
  return fs
    .readdirSync(j)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => fs.readFileSync(path.join(j, f), 'utf8').split('\n'))
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((e) => e.type === type);
}

describe('parked sales survive kill -9', () => {
  it('listed after a kill after the park; listed again after a kill between recall and payment; paid once', async () => {
    const dir = tmpDir('park-crash');
    dirs.push(dir);
    await prepareStore(dir);
    const [a, b] = PRODUCTS;

    let c = startHeadless(dir);
    expect((await c.send({ cmd: 'scan', code: a.barcodes[0] })).state.status).toBe('sale');
    await c.send({ cmd: 'scan', code: b.barcodes[0] });
    const saleId = (await c.send({ cmd: 'state' })).state.saleId as string;
    const parked = await c.send({ cmd: 'park' });
    expect(parked).toMatchObject({ ok: true, state: { status: 'idle', message: { code: 'SALE_PARKED' } } });
    await kill(c);

    c = startHeadless(dir);
    let list = parkedOf(await c.send({ cmd: 'parked' }));
    expect(list).toEqual([expect.objectContaining({ no: 1, lines: 2, total: a.price + b.price, interrupted: null })]);
    const parkId = list[0].parkId;
    const recalled = await c.send({ cmd: 'recall', park: parkId });
    expect(recalled).toMatchObject({ ok: true, state: { status: 'sale', saleId } });
    await kill(c);

    c = startHeadless(dir);
    list = parkedOf(await c.send({ cmd: 'parked' }));
    // Recalled, never paid: the register died with it open. It waits again, marked.
    expect(list).toEqual([expect.objectContaining({ parkId, interrupted: expect.objectContaining({ at: expect.any(String) }) })]);
    expect((await c.send({ cmd: 'recall', park: parkId })).state).toMatchObject({ status: 'sale', saleId, total: a.price + b.price });
    await c.send({ cmd: 'pay' });
    expect((await c.send({ cmd: 'exact' })).state.status).toBe('committed');
    await kill(c);

    c = startHeadless(dir);
    expect(parkedOf(await c.send({ cmd: 'parked' }))).toEqual([]);
    const again = await c.send({ cmd: 'recall', park: parkId });
    expect(again).toMatchObject({ ok: false, error: { code: 'PARKED_SALE_GONE' }, state: { status: 'idle' } });
    c.proc.stdin.end();
    await c.exited;

    expect(events(dir, 'sale.committed').filter((e) => e.data.sale.saleId === saleId)).toHaveLength(1);
    expect(events(dir, 'sale.recalled').map((e) => e.data.attempt)).toEqual([1, 2]);
    expect((await verifyStore(dir)).problems).toEqual([]);
  }, 120_000);

  it('a recall torn mid-append (power cut) is cut at restart and the park waits; one acknowledged after fsync counts', async () => {
    const dir = tmpDir('park-torn');
    dirs.push(dir);
    await prepareStore(dir);
    let c = startHeadless(dir);
    await c.send({ cmd: 'scan', code: PRODUCTS[2].barcodes[0] });
    await c.send({ cmd: 'park' });
    const parkId = parkedOf(await c.send({ cmd: 'parked' }))[0].parkId;
    c.proc.stdin.end();
    await c.exited;

    // The next append (the recall) is torn and the process dies: the cashier was never told "recalled".
    c = startHeadless(dir, { TILL_FAILPOINTS: 'append-torn=1' });
    await expect(c.send({ cmd: 'recall', park: parkId })).rejects.toThrow(/ended/);
    expect((await c.exited).signal).toBe('SIGKILL');

    c = startHeadless(dir, { TILL_FAILPOINTS: 'append-synced=1' });
    const st = await c.send({ cmd: 'state' });
    expect((st.state.storeNotices as { code: string }[] | undefined)?.map((n) => n.code)).toContain('STORE_TORN_TAIL');
    expect(parkedOf(await c.send({ cmd: 'parked' }))).toEqual([expect.objectContaining({ parkId, interrupted: null })]);
    // This time the recall reaches the disk and the process dies before it answers.
    await expect(c.send({ cmd: 'recall', park: parkId })).rejects.toThrow(/ended/);

    c = startHeadless(dir);
    expect(parkedOf(await c.send({ cmd: 'parked' }))).toEqual([expect.objectContaining({ parkId, interrupted: expect.anything() })]);
    await c.send({ cmd: 'recall', park: parkId });
    await c.send({ cmd: 'pay' });
    expect((await c.send({ cmd: 'exact' })).state.status).toBe('committed');
    c.proc.stdin.end();
    await c.exited;
    expect(events(dir, 'sale.committed')).toHaveLength(1);
    expect((await verifyStore(dir)).problems).toEqual([]);
  }, 120_000);
});
