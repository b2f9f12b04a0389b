/**
 * The Z report names its operators (issue 10): who opened and closed the shift, who paid cash out and
 * who approved it, and the sales per operator — by name, with the id beside it where a machine reads
 * it — on the till's report (headless text and data, the screen's text), printed, and in
 * `till report z` as text, CSV and JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { writeConfig } from '../../src/store/config-file.js';
import { must, openTill } from '../register/shift-day.js';
import type { TestRegister } from '../support/register-fixture.js';
import { TEST_DAY } from '../support/register-fixture.js';
import type { ShiftReport } from '../../src/domain/shift/index.js';
import type { MockHardware } from '../../hardware/index.js';

let t: TestRegister | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function till(args: string[], dir: string): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main([...args, '--data', dir], { out: (l) => out.push(l), err: (l) => out.push(l), now: () => new Date(`${TEST_DAY}T18:00:00Z`) });
  return { code, out: out.join('\n') };
}

describe('operators by name on the Z report', () => {
  it('names who opened, sold, paid out, approved and closed: on the till, printed, and in till report text, CSV and JSON', async () => {
    const o = await openTill({ shift: { mode: 'required' } });
    t = o.t;
    const { send } = o;
    await must(send, { cmd: 'sign_in', operator: 'anna', pin: '1234' });
    await must(send, { cmd: 'shift_open', float: 10_000 });
    await must(send, { cmd: 'scan', code: '101' });
    await must(send, { cmd: 'pay' });
    await must(send, { cmd: 'exact' });
    await must(send, { cmd: 'next' });
    await must(send, { cmd: 'cash_out', amount: 500, reason: 'window cleaner', manager_pin: '9999' });
    const closed = await must(send, { cmd: 'shift_close', counted: 9_750 });
    const z = closed.report!;
    const data = z.data as ShiftReport;
    const anna = data.openedBy!;
    expect(data).toMatchObject({ openedByName: 'Anna', closedByName: 'Anna', operators: [{ operator: anna, name: 'Anna', count: 1 }] });
    expect(data.cash.moves[0]).toMatchObject({ operatorName: 'Anna', approvedBy: 'mai', approvedByName: 'Mai' });
    for (const want of ['by Anna', 'approved by Mai', 'Anna (1)']) expect(z.text).toContain(want);
    expect(z.text).not.toMatch(/by anna\b|approved by mai\b/);
    await t.register.settled();
    const printed = (t.hardware as MockHardware).printer.jobs.at(-1)!.text;
    for (const want of ['Closed', 'by Anna', 'approved by Mai', 'Anna (1)']) expect(printed).toContain(want);

    // The back office reads the Z while the register runs (no lock needed to read).
    const dir = t.dir;
    writeConfig(dir, t.config);
    const text = await till(['report', 'z'], dir);
    expect(text.out).toContain('Z REPORT');
    expect(text.code).toBe(0);
    for (const want of ['by Anna', 'approved by Mai', 'Anna (1)']) expect(text.out).toContain(want);
    const csv = (await till(['report', 'z', '--csv'], dir)).out.split('\n');
    expect(csv).toContain(`report,opened by,,Anna (${anna})`);
    expect(csv).toContain(`report,closed by,,Anna (${anna})`);
    expect(csv.find((l) => l.startsWith('cash move,'))).toContain(`by Anna (${anna}) (approved by Mai (mai))`);
    expect(csv).toContain(`operator,${anna} Anna,1,2.50`);
    const json = JSON.parse((await till(['report', 'z', '--json'], dir)).out) as ShiftReport;
    expect(json).toMatchObject({ openedBy: anna, openedByName: 'Anna', closedByName: 'Anna', operators: [{ name: 'Anna' }] });
    expect(json.cash.moves[0]).toMatchObject({ approvedByName: 'Mai' });
  });
});
