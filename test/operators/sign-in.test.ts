import { afterEach, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { createHeadlessHandler } from '../../src/headless/driver.js';
import { shopOperators } from './support.js';
import fs from 'node:fs';
import path from 'node:path';

let t: TestRegister | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function till(config = {}) {
  t = await createTestRegister({ seed: shopOperators(), config });
  const h = createHeadlessHandler(t.register);
  const send = (o: object) => h(JSON.stringify(o));
  return { t, send };
}

/** Every journal line, in order (the segments are plain JSON Lines). */
const journal = async (dir: string): Promise<{ type: string; operator: string; data: any }[]> =>
  fs.readdirSync(path.join(dir, 'journal')).sort().flatMap((f) => fs.readFileSync(path.join(dir, 'journal', f), 'utf8').split('\n').filter((l) => l.trimStart().startsWith('{')).map((l) => JSON.parse(l)));

describe('sign-in at the till (headless)', () => {
  it('nothing but sign-in while signed out; a wrong PIN is refused; the sale is journaled as the operator', async () => {
    const { send, t } = await till();
    let r = await send({ cmd: 'state' });
    expect(r.state.session).toEqual({ status: 'signedOut', required: true, operator: null });
    expect((await send({ cmd: 'scan', code: '101' })).error?.code).toBe('SIGNED_OUT');
    expect((await send({ cmd: 'sign_in', operator: 'ghost', pin: '1234' })).error?.code).toBe('OPERATOR_UNKNOWN');
    r = await send({ cmd: 'sign_in', operator: 'anna', pin: '1111' });
    expect(r.error?.code).toBe('PIN_WRONG');
    expect(r.state.session?.status).toBe('signedOut');
    r = await send({ cmd: 'sign_in', operator: 'OP-0001', pin: '1234' });
    expect(r.ok).toBe(true);
    expect(r.state.session?.operator).toEqual({ id: 'anna', name: 'Anna', role: 'cashier' });
    expect(t.register.operator).toEqual({ id: 'anna', name: 'Anna' });
    expect((await send({ cmd: 'sign_in', operator: 'mai', pin: '9999' })).error?.code).toBe('ALREADY_SIGNED_IN');
    await send({ cmd: 'scan', code: '101' });
    expect((await send({ cmd: 'sign_out' })).error?.code).toBe('SALE_OPEN');
    await send({ cmd: 'pay' });
    r = await send({ cmd: 'exact' });
    expect(r.state.status).toBe('committed');
    expect((await send({ cmd: 'sign_out' })).ok).toBe(true);
    await t.register.settled();
    const evs = await journal(t.dir);
    const sale = evs.find((e) => e.type === 'sale.committed')!;
    expect(sale.operator).toBe('anna');
    expect(sale.data.sale.operator).toEqual({ id: 'anna', name: 'Anna' });
    expect(evs.filter((e) => e.type.startsWith('operator.')).map((e) => [e.type, e.operator])).toEqual([
      ['operator.added', ''], ['operator.added', ''],
      ['operator.pin.failed', 'anna'], ['operator.signed-in', 'anna'], ['operator.signed-out', 'anna'],
    ]);
    expect(JSON.stringify(evs)).not.toMatch(/"1111"|"1234"/);
  });

  it('wrong PINs are throttled per register like gift-card guesses', async () => {
    const { send } = await till({ signIn: { idleLockSeconds: 0, pinLimitPerMinute: 3, cooldownSeconds: 60 } });
    for (let i = 0; i < 3; i++) await send({ cmd: 'sign_in', operator: 'anna', pin: '0000' });
    const r = await send({ cmd: 'sign_in', operator: 'anna', pin: '1234' });
    expect(r.error?.code).toBe('PIN_COOLDOWN');
    expect(r.error?.message).toMatch(/wait 60 s/);
  });

  it('voiding a sale with a payment needs a manager PIN, and the approver is journaled', async () => {
    const { send, t } = await till();
    await send({ cmd: 'sign_in', operator: 'anna', pin: '1234' });
    await send({ cmd: 'scan', code: '101' });
    await send({ cmd: 'scan', code: '101' });
    await send({ cmd: 'pay' });
    await send({ cmd: 'card', amount: 100, reference: 'A1' });
    let r = await send({ cmd: 'void' });
    expect(r.error?.code).toBe('APPROVAL_REQUIRED');
    expect(r.state.status).toBe('tender');
    r = await send({ cmd: 'void', manager_pin: '1234' });
    expect(r.error?.code).toBe('PIN_WRONG');
    r = await send({ cmd: 'void', manager_pin: '9999' });
    expect(r.ok).toBe(true);
    expect(r.state.status).toBe('idle');
    await t.register.settled();
    const voided = (await journal(t.dir)).find((e) => e.type === 'sale.voided')!;
    expect(voided).toMatchObject({ operator: 'anna', data: { tenders: 1, approvedBy: 'mai' } });
  });

  it('a void of a sale without payments needs nobody; a manager approval is one-shot', async () => {
    const { send } = await till();
    await send({ cmd: 'sign_in', operator: 'anna', pin: '1234' });
    await send({ cmd: 'scan', code: '101' });
    expect((await send({ cmd: 'void' })).ok).toBe(true);
  });

  it('locked mid-sale: the sale waits; the same operator or a manager unlocks, nobody else', async () => {
    const { send } = await till();
    await send({ cmd: 'sign_in', operator: 'anna', pin: '1234' });
    await send({ cmd: 'scan', code: '101' });
    let r = await send({ cmd: 'lock' });
    expect(r.state.session?.status).toBe('locked');
    expect((await send({ cmd: 'scan', code: '101' })).error?.code).toBe('LOCKED');
    expect((await send({ cmd: 'sign_out' })).error?.code).toBe('SALE_OPEN');
    expect((await send({ cmd: 'unlock', pin: '5555' })).error?.code).toBe('PIN_WRONG');
    r = await send({ cmd: 'unlock', pin: '9999' });
    expect(r.ok).toBe(true);
    expect(r.state.session?.operator?.id).toBe('mai');
    expect(r.state.lines).toHaveLength(1);
  });
});

describe('device scans without the UI (the register routes them)', () => {
  it('signed out a scan is a badge; on the PIN prompt or a locked till it is ignored, never a PIN', async () => {
    const { t } = await till();
    const deliver = (code: string) => t.register.scans.deliver({ code, at: 0, source: 'hid' });
    deliver('OP-0001');
    expect(t.register.session.status()).toBe('pin');
    deliver('1234');
    expect(t.register.session.status()).toBe('pin');
    expect(t.register.session.actor.getSnapshot().context.who?.id).toBe('anna');
  });
});

describe('the wrong-PIN pause survives a restart', () => {
  it('a new process on the same data folder still refuses during the pause', async () => {
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { initStore, openStore } = await import('../../src/store/open.js');
    const { createRegister } = await import('../../src/register.js');
    const { createMockHardware } = await import('../../hardware/index.js');
    const { demoConfig } = await import('../../src/admin/demo-store.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'till-pin-'));
    const config = { ...demoConfig(), signIn: { idleLockSeconds: 0, pinLimitPerMinute: 3, cooldownSeconds: 60 } };
    const now = () => new Date('2025-03-14T09:26:00Z');
    try {
      const s1 = await initStore(dir, { currency: 'USD', register: 'R1' }, shopOperators());
      const r1 = createRegister({ config, store: s1, hardware: createMockHardware({ now: () => 0 }), now });
      const h1 = createHeadlessHandler(r1);
      for (let i = 0; i < 3; i++) await h1(JSON.stringify({ cmd: 'sign_in', operator: 'anna', pin: '0000' }));
      await r1.stop();
      await s1.close();
      expect(statSync(path.join(dir, 'pin-guesses.json')).mode & 0o777).toBe(0o600);
      const s2 = await openStore(dir, { register: 'R1' });
      const r2 = createRegister({ config, store: s2, hardware: createMockHardware({ now: () => 0 }), now });
      const r = await createHeadlessHandler(r2)(JSON.stringify({ cmd: 'sign_in', operator: 'anna', pin: '1234' }));
      expect(r.error?.code).toBe('PIN_COOLDOWN');
      await r2.stop();
      await s2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
