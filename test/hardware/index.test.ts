import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockHardware, createSimulatedHardware } from '../../hardware/index.js';

describe('hardware sets', () => {
  let dir = '';
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('simulated: keyboard scanner, file printer, self-closing drawer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-hw-'));
    const hw = createSimulatedHardware({ dataDir: dir });
    expect([hw.scanner.status(), hw.printer.status(), hw.drawer.status()]).toEqual(['keyboard', 'ready', 'closed']);
    expect([hw.scanner.kind, hw.printer.kind, hw.drawer.kind]).toEqual(['keyboard', 'simulated', 'simulated']);
    await hw.drawer.close();
    await hw.printer.close();
  });

  it('simulated with no printer and no drawer', () => {
    const hw = createSimulatedHardware({ dataDir: '/nonexistent', printer: 'none', drawer: 'none' });
    expect([hw.printer.status(), hw.drawer.status()]).toEqual(['none', 'none']);
  });

  it('mock: typed controls', async () => {
    const hw = createMockHardware({ now: () => 5 });
    const codes: string[] = [];
    hw.scanner.onScan((s) => codes.push(s.code));
    hw.scanner.emitScan('123');
    await hw.drawer.open();
    await hw.printer.print({ id: 'x', bytes: new Uint8Array([1]), text: '' });
    expect(codes).toEqual(['123']);
    expect(hw.drawer.pulses).toBe(1);
    expect(hw.printer.jobs).toHaveLength(1);
  });
});
