import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedDrawer } from '../../hardware/drawer/simulated.js';
import { createMockDrawer } from '../../hardware/drawer/mock.js';
import { createNoDrawer } from '../../hardware/drawer/none.js';
import type { DrawerStatus } from '../../hardware/types.js';

describe('simulated drawer', () => {
  afterEach(() => vi.useRealTimers());

  it('opens on a kick and closes by itself after the delay', async () => {
    vi.useFakeTimers();
    const d = createSimulatedDrawer({ autoCloseMs: 4000 });
    const seen: DrawerStatus[] = [];
    d.onStatus((s) => seen.push(s));
    expect(d.status()).toBe('closed');
    expect(await d.open()).toEqual({ ok: true });
    expect(d.status()).toBe('open');
    vi.advanceTimersByTime(3999);
    expect(d.status()).toBe('open');
    vi.advanceTimersByTime(1);
    expect(d.status()).toBe('closed');
    expect(seen).toEqual(['open', 'closed']);
    expect(d.pulses).toBe(1);
  });

  it('defaults to 4 s, a second kick restarts the wait, and shut() closes at once', async () => {
    vi.useFakeTimers();
    const d = createSimulatedDrawer();
    await d.open();
    vi.advanceTimersByTime(3000);
    await d.open();
    vi.advanceTimersByTime(3000);
    expect(d.status()).toBe('open');
    vi.advanceTimersByTime(1000);
    expect(d.status()).toBe('closed');
    await d.open();
    d.shut();
    expect(d.status()).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses injected timers', async () => {
    const fns: (() => void)[] = [];
    const d = createSimulatedDrawer({ autoCloseMs: 10, timers: { setTimeout: (fn) => fns.push(fn), clearTimeout: () => {} } });
    await d.open();
    expect(d.status()).toBe('open');
    fns[0]();
    expect(d.status()).toBe('closed');
  });

  it('close() releases the pending timer', async () => {
    vi.useFakeTimers();
    const d = createSimulatedDrawer();
    await d.open();
    await d.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('mock drawer', () => {
  it('counts pulses and stays open until shut', async () => {
    const d = createMockDrawer();
    const seen: DrawerStatus[] = [];
    d.onStatus((s) => seen.push(s));
    await d.open();
    expect(d.pulses).toBe(1);
    expect(d.status()).toBe('open');
    await d.close();
    expect(d.status()).toBe('closed');
    await d.open();
    d.shut();
    expect(seen).toEqual(['open', 'closed', 'open', 'closed']);
    expect(d.pulses).toBe(2);
  });

  it('fails the next kick on demand without opening', async () => {
    const d = createMockDrawer();
    d.fail();
    d.fail('DRAWER_OFFLINE');
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_ERROR' });
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_OFFLINE', message: 'The cash drawer did not respond.' });
    expect(d.status()).toBe('closed');
    expect(d.pulses).toBe(0);
    expect(d.attempts).toBe(2);
    expect(await d.open()).toEqual({ ok: true });
  });

  it('setStatus reports unknown (no sensor) and the like', () => {
    const d = createMockDrawer();
    const seen: DrawerStatus[] = [];
    d.onStatus((s) => seen.push(s));
    d.setStatus('unknown');
    expect(d.status()).toBe('unknown');
    expect(seen).toEqual(['unknown']);
  });
});

describe('no drawer', () => {
  it('reports none and resolves DRAWER_NONE', async () => {
    const d = createNoDrawer();
    expect(d.status()).toBe('none');
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_NONE' });
  });
});
