import { describe, expect, it } from 'vitest';
import { createKeyboardScanner } from '../../hardware/scanner/keyboard.js';
import { createMockScanner } from '../../hardware/scanner/mock.js';
import type { Scan, ScannerStatus } from '../../hardware/types.js';

describe('keyboard scanner', () => {
  it('reports "keyboard" and emits nothing on its own', async () => {
    const s = createKeyboardScanner();
    const scans: Scan[] = [];
    const off = s.onScan((x) => scans.push(x));
    await s.start();
    expect(s.status()).toBe('keyboard');
    expect(s.kind).toBe('keyboard');
    off();
    await s.stop();
    expect(scans).toEqual([]);
  });
});

describe('mock scanner', () => {
  it('delivers complete codes with time and source', () => {
    const s = createMockScanner({ now: () => 1234 });
    const scans: Scan[] = [];
    s.onScan((x) => scans.push(x));
    expect(s.emitScan('4006381333931')).toBe(true);
    s.emitScan('RR1-000042', 'hid:0c2e:0b61');
    expect(scans).toEqual([
      { code: '4006381333931', at: 1234, source: 'mock' },
      { code: 'RR1-000042', at: 1234, source: 'hid:0c2e:0b61' },
    ]);
  });

  it('announces disconnect and reconnect once each, and delivers nothing while unplugged', () => {
    const s = createMockScanner();
    const statuses: ScannerStatus[] = [];
    const scans: Scan[] = [];
    s.onStatus((x) => statuses.push(x));
    s.onScan((x) => scans.push(x));
    s.setStatus('disconnected');
    s.setStatus('disconnected');
    expect(s.status()).toBe('disconnected');
    expect(s.emitScan('123')).toBe(false);
    s.setStatus('connected');
    expect(statuses).toEqual(['disconnected', 'connected']);
    expect(scans).toEqual([]);
  });

  it('unsubscribes, and a throwing listener does not stop the others', () => {
    const s = createMockScanner();
    const got: string[] = [];
    s.onScan(() => {
      throw new Error('ui bug');
    });
    const off = s.onScan((x) => got.push(x.code));
    s.emitScan('1');
    off();
    s.emitScan('2');
    expect(got).toEqual(['1']);
  });

  it('tracks start/stop', async () => {
    const s = createMockScanner();
    await s.start();
    expect(s.started).toBe(true);
    await s.stop();
    expect(s.started).toBe(false);
  });
});
