/**
 * `till shift` and `till report` in the back office: the same shift service as the till (same
 * refusals), X and Z read from the projection without the lock while the register runs, a Z shown
 * again says COPY, and `report sales` streamed from the journal adds up to the same figures.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { writeConfig } from '../../src/store/config-file.js';
import { createHeadlessHandler } from '../../src/headless/driver.js';
import { createTestRegister, TEST_DAY, type TestRegister } from '../support/register-fixture.js';
import type { ShiftReport } from '../../src/domain/shift/index.js';
import { must } from '../register/shift-day.js';

let t: TestRegister | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function till(args: string[], dir: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--data', dir], { out: (l) => out.push(l), err: (l) => err.push(l), now: () => new Date(`${TEST_DAY}T18:00:00Z`) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('till shift and till report', () => {
  it('opens, reports and closes a shift in the back office; reads X and Z while the register runs', async () => {
    t = await createTestRegister();
    const dir = t.dir;
    writeConfig(dir, t.config);
    const send = createHeadlessHandler(t.register);
    const sell = async (code: string, cash: number) => {
      await must((o) => send(JSON.stringify(o)), { cmd: 'scan', code });
      await must((o) => send(JSON.stringify(o)), { cmd: 'pay' });
      await must((o) => send(JSON.stringify(o)), { cmd: 'cash', amount: cash });
      await must((o) => send(JSON.stringify(o)), { cmd: 'next' });
    };

    // The register holds the lock: writing commands refuse, reading ones work.
    expect(await till(['shift', 'open', '--float', '100.00'], dir)).toMatchObject({ code: 1, err: expect.stringContaining('in use by another till process') });
    let r = await till(['report', 'x'], dir);
    expect(r).toMatchObject({ code: 1, err: 'No shift is open on register R1.' });
    const opened = await t.register.shift.open(10_000, { '5000': 1, '2000': 2, '1000': 1 });
    expect(opened.ok).toBe(true);
    await sell('101', 500); // 2.50 cash
    await sell('102', 380); // 3.80 cash
    r = await till(['report', 'x'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('X REPORT');
    expect(r.out).toMatch(/Expected in drawer\s+\$106\.30/);
    const csv = (await till(['report', 'x', '--csv'], dir)).out.split('\n');
    expect(csv[0]).toBe('section,item,count,amount');
    expect(csv).toContain('sales,sales,2,6.30');
    expect(csv).toContain('cash,expected,,106.30');
    const json = JSON.parse((await till(['report', 'x', '--json'], dir)).out) as ShiftReport;
    expect(json).toMatchObject({ kind: 'X', sales: { count: 2, total: 630 }, cash: { float: 10_000, expected: 10_630 } });
    expect((await till(['report', 'x', '--width', '32'], dir)).out.split('\n').every((l) => l.length <= 32)).toBe(true);
    expect(await till(['report', 'x', '--width', '40'], dir)).toMatchObject({ code: 2 });

    // The register closes (the kiosk's manager works over SSH now).
    await t.register.stop();
    await t.store.close();
    expect(await till(['shift', 'open', '--float', '0'], dir)).toMatchObject({ code: 1, err: expect.stringContaining('already open') });
    expect(await till(['shift', 'close', '--counted', '1.00', '--operator', 'ghost'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('--operator must be one of') });
    r = await till(['shift', 'status'], dir);
    expect(r.out).toContain('Float 100.00 USD; 2 sale(s), 6.30 USD; cash expected in the drawer 106.30 USD.');
    expect(await till(['shift', 'close', '--counted', '106.30', '--count', '100.00x1,5.00x1,1.00x1'], dir)).toMatchObject({ code: 1, err: 'The notes and coins add up to 106.00 USD, not the counted cash of 106.30 USD.' });
    expect(await till(['shift', 'close', '--counted', '106.30', '--count', '100.00x1,3.00x2'], dir)).toMatchObject({ code: 1, err: expect.stringContaining('not a note or coin') });
    expect(await till(['shift', 'close', '--counted', 'lots'], dir)).toMatchObject({ code: 2 });
    r = await till(['shift', 'close', '--counted', '106.00', '--count', '100.00x1,5.00x1,1.00x1'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Z REPORT No. 1');
    expect(r.out).toMatch(/Difference\s+-\$0\.30/);
    expect(r.out).not.toContain('COPY');
    expect(await till(['shift', 'close', '--counted', '106.00'], dir)).toMatchObject({ code: 1, err: expect.stringContaining('No shift is open') });

    // A Z shown again is a copy, and the same figures.
    r = await till(['report', 'z'], dir);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.includes('*** COPY ***'))).toHaveLength(2);
    const z = JSON.parse((await till(['report', 'z', '--z', '1', '--json'], dir)).out) as ShiftReport;
    expect(z).toMatchObject({ kind: 'Z', z: 1, copy: true, cash: { expected: 10_630, counted: 10_600, difference: -30 }, sales: { count: 2, total: 630 } });
    expect(await till(['report', 'z', '--z', '2'], dir)).toMatchObject({ code: 1, err: 'There is no Z report 2 for register R1.' });
    expect(await till(['report', 'z', '--z', 'two'], dir)).toMatchObject({ code: 2 });

    // The range report streams the journal: the same sales, the Z closed in it.
    const sales = JSON.parse((await till(['report', 'sales', '--from', '2025-03-13', '--to', '2025-03-15', '--json'], dir)).out) as ShiftReport;
    expect(sales).toMatchObject({ kind: 'SALES', sales: z.sales, payments: z.payments, taxes: z.taxes, categories: z.categories });
    expect(sales.days!.reduce((a, d) => a + d.total, 0)).toBe(630);
    expect(sales.shifts).toEqual([{ register: 'R1', z: 1, closedAt: z.closedAt, expected: 10_630, counted: 10_600, difference: -30 }]);
    const empty = JSON.parse((await till(['report', 'sales', '--from', '2024-01-01', '--to', '2024-12-31', '--json'], dir)).out) as ShiftReport;
    expect(empty.sales.count).toBe(0);
    expect(await till(['report', 'sales', '--from', '2025-03-15', '--to', '2025-03-13'], dir)).toMatchObject({ code: 2 });
    expect(await till(['report', 'sales', '--from', '2025-02-30', '--to', '2025-03-13'], dir)).toMatchObject({ code: 2 });
    expect(await till(['report'], dir)).toMatchObject({ code: 2 });
    expect(fs.existsSync(dir)).toBe(true);
  });
});
