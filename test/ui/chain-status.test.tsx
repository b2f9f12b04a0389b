/**
 * The chain on the status line (docs/chain.md): `offline since …, N sales to send` (or its short form)
 * with register, operator, devices and clock, within 80 columns in every language; `online` once the
 * database answers. The offline register is a real chain link whose database port is closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { openRegisterUi } from '../support/render-app.js';
import { width } from '../../src/ui/text.js';
import { fitStatus } from '../../src/ui/components/StatusBar.js';
import { createChainLink } from '../../src/sync/chain-link.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { en } from '../../src/i18n/index.js';
import { vi } from '../../src/i18n/vi.js';
import { zh } from '../../src/i18n/zh.js';
import { ru } from '../../src/i18n/ru.js';
import { formatMessage } from '../../src/i18n/message.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', () => res()));
  const port = (s.address() as { port: number }).port;
  await new Promise((res) => s.close(res));
  return port;
}

const CATALOG: Record<string, Record<string, string>> = { en, vi, zh, ru };

describe('the chain on the status line', () => {
  it.each(['en', 'vi', 'zh', 'ru'])('%s: offline since, with the sales to send, fits 80 columns beside register, operator, devices and clock', async (language) => {
    const url = `postgres://till@127.0.0.1:${await closedPort()}/till`;
    r = await openRegisterUi({
      columns: 80,
      rows: 24,
      fixture: {
        config: { language, chain: { ...DEFAULT_CONFIG.chain, url, timeoutMs: 300 } },
        chain: (store, config) => {
          const link = createChainLink({ config, dataDir: store.dir, journalId: store.state.meta.storeId });
          link.outbox.start(); // as `till start` does
          return link;
        },
      },
    });
    // The link notices at its first push that the database is away.
    await expect.poll(() => r!.register.chainStatus()?.online, { timeout: 10_000 }).toBe(false);
    // The long form where it fits (Chinese), else the short one.
    const forms = ['ui.chain.offline', 'ui.chain.offlineShort'].map((k) => formatMessage(CATALOG[language][k], { time: '@', count: 0 }, language));
    const shown = (top: string) => forms.some((f) => top.replace(/\d\d:\d\d(?!$)/, '@').includes(f));
    const frame = await r.ui.waitFor((f) => shown(f.split('\n')[0]));
    const top = frame.split('\n')[0];
    expect(width(top)).toBeLessThanOrEqual(80);
    expect(top).toMatch(/^R1 · /);
    expect(top).toMatch(/\d\d:\d\d$/);
  }, 30_000);

  it('takes the long form when there is room, and shows devices with a problem by their state even when compact', () => {
    const devices = [
      { label: 'Scanner', state: 'connected', tone: 'ok' as const },
      { label: 'Printer', state: 'paper out', tone: 'error' as const },
      { label: 'Drawer', state: 'closed', tone: 'ok' as const },
    ];
    const chain = { full: 'offline since 14:02, 12 sales to send', short: 'offline 14:02, 12 to send', tone: 'warn' as const };
    const base = { shop: 'Café', register: 'R1', operator: 'Lan', clock: '14:05', devices, ascii: false, chain };
    const wide = fitStatus({ ...base, width: 140 });
    expect(wide).toMatchObject({ chainText: chain.full, compact: false });
    expect(fitStatus({ ...base, width: 110 })).toMatchObject({ chainText: chain.full, compact: false });
    const narrow = fitStatus({ ...base, width: 80 });
    expect(narrow.right).toBe('offline 14:02, 12 to send  Scanner  Printer paper out  Drawer  14:05');
    expect(width(narrow.left) + narrow.gap + width(narrow.right)).toBe(80);
    const tight = fitStatus({ ...base, operator: 'Nguyễn Thị Minh Khai', width: 80 });
    expect(tight).toMatchObject({ chainText: chain.short, compact: true });
    expect(width(tight.left) + tight.gap + width(tight.right)).toBeLessThanOrEqual(80);
    expect(fitStatus({ ...base, chain: null, width: 80 }).right).toBe('Scanner connected  Printer paper out  Drawer closed  14:05');
  });
});
