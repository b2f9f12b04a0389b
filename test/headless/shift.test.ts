/** The shift's headless commands on a real store: JSON checks, state.shift, printing, auto-open at the first sale. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { createHeadlessHandler } from '../../src/headless/driver.js';
import type { TillConfig } from '../../src/domain/config.js';

let t: TestRegister | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function till(config: Partial<TillConfig> = {}) {
  t = await createTestRegister({ config });
  const h = createHeadlessHandler(t.register);
  return { t, send: (o: object) => h(JSON.stringify(o)) };
}

describe('shift commands over headless', () => {
  it('checks JSON types, shows the open shift in state, prints reports on request', async () => {
    const { t, send } = await till();
    for (const bad of [{ cmd: 'shift_open', float: '100' }, { cmd: 'shift_open', float: 100, count: { '100': 'one' } }, { cmd: 'shift_open', float: 100, count: [1] }, { cmd: 'cash_in', amount: 1 }, { cmd: 'report_x', width: 40 }, { cmd: 'report_x', print: 'yes' }])
      expect((await send(bad)).error?.code, JSON.stringify(bad)).toBe('BAD_REQUEST');
    expect((await send({ cmd: 'state' })).state.shift).toBeNull();
    const open = await send({ cmd: 'shift_open', float: 5000 });
    expect(open.state.shift).toMatchObject({ float: 5000, expectedCash: 5000, auto: false, sales: { count: 0, total: 0 } });
    expect((await send({ cmd: 'cash_in', amount: 1000, reason: 'Change from the bank' })).cash).toMatchObject({ direction: 'in', amount: 1000 });
    // No operators in this store: nobody signs in, so nobody is asked to approve.
    const out = await send({ cmd: 'cash_out', amount: 500, reason: 'Stamps' });
    expect(out.ok).toBe(true);
    expect(out.cash?.approvedBy).toBeUndefined();
    expect(out.state.shift?.expectedCash).toBe(5500);
    expect((await send({ cmd: 'cash_out', amount: 5501, reason: 'Too much' })).error?.code).toBe('CASH_SHORT');
    expect((await send({ cmd: 'cash_out', amount: 0, reason: 'x' })).error?.code).toBe('BAD_AMOUNT');
    expect((await send({ cmd: 'cash_in', amount: 10, reason: ' ' })).error?.code).toBe('REASON_REQUIRED');
    expect((await send({ cmd: 'no_sale' })).drawer).toEqual({ opened: true });

    const jobs = t.hardware.printer.jobs.length;
    const x = await send({ cmd: 'report_x', width: 32 });
    expect(x.report).toMatchObject({ kind: 'X', z: null, copy: false });
    expect(x.report!.printed).toBeUndefined();
    expect(x.report!.text.split('\n').every((l) => l.length <= 32)).toBe(true);
    expect(t.hardware.printer.jobs).toHaveLength(jobs);
    t.hardware.printer.fail('error');
    const failed = await send({ cmd: 'report_x', print: true });
    expect(failed.report!.printed).toEqual({ ok: false, code: 'PRINTER_ERROR' });
    const printed = await send({ cmd: 'report_x', print: true });
    expect(printed.report!.printed).toEqual({ ok: true });
    expect(t.hardware.printer.jobs.at(-1)!.text).toContain('X REPORT');

    const z = await send({ cmd: 'shift_close', counted: 5500, print: false });
    expect(z.report).toMatchObject({ kind: 'Z', z: 1, data: { cash: { expected: 5500, difference: 0 }, noSales: { count: 1, approved: 0 } } });
    expect(z.report!.printed).toBeUndefined();
    expect(z.state.shift).toBeNull();
    expect((await send({ cmd: 'report_z', z: 2 })).error?.code).toBe('Z_NOT_FOUND');
    expect((await send({ cmd: 'no_sale' })).error?.code).toBe('SHIFT_NOT_OPEN');
  });

  it('shift.mode "auto" opens a shift with a float of 0 at the first sale; "required" refuses the sale', async () => {
    const { send } = await till();
    for (const c of [{ cmd: 'scan', code: '101' }, { cmd: 'pay' }, { cmd: 'exact' }]) await send(c);
    const s = (await send({ cmd: 'state' })).state;
    expect(s.status).toBe('committed');
    expect(s.shift).toMatchObject({ auto: true, float: 0, expectedCash: 250, sales: { count: 1, total: 250 } });
    await t!.close();
    const req = await till({ shift: { mode: 'required' } });
    const r = await req.send({ cmd: 'scan', code: '101' });
    expect([r.error?.code, r.state.status, r.state.lines]).toEqual(['SHIFT_NOT_OPEN', 'idle', []]);
    expect(r.error?.message).toBe('No shift is open on this register. Open a shift first.');
    await req.send({ cmd: 'shift_open', float: 0 });
    for (const c of [{ cmd: 'scan', code: '101' }, { cmd: 'pay' }]) await req.send(c);
    expect((await req.send({ cmd: 'exact' })).state.status).toBe('committed');
  });
});
