/**
 * A register on a real store in a temp folder with mock devices: the demo catalog and configuration,
 * a fixed clock and ids. `failCommits(code, n)` makes the next n sale commits throw a StoreError, as
 * a full disk would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../src/store/open.js';
import { StoreError } from '../../src/store/errors.js';
import type { Store, StoreErrorCode } from '../../src/store/types.js';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware, type MockHardware } from '../../hardware/index.js';
import { demoConfig, demoExtras, demoProducts } from '../../src/admin/demo-store.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { Product } from '../../src/domain/catalog.js';
import type { TillStore } from '../../src/store/till-store.js';
import type { ChainLink } from '../../src/sync/chain-link.js';

export interface TestRegister {
  register: Register;
  store: Store;
  hardware: MockHardware;
  config: TillConfig;
  dir: string;
  /** The next `times` commits of a sale fail with `code` (nothing is written). */
  failCommits(code: StoreErrorCode, times?: number): void;
  /** Sale commits wait until the returned function is called (to observe "Saving…"). */
  holdCommits(): () => void;
  close(): Promise<void>;
}

/** The fixed day of the test clock (2025-03-14T09:26:00Z). */
export const TEST_DAY = '2025-03-14';

export async function createTestRegister(
  opts: {
    config?: Partial<TillConfig>;
    products?: Product[];
    seed?: { type: string; data: unknown }[];
    /** Also the demo store's loyalty program, tiers, customers and gift cards (as of TEST_DAY). */
    demo?: boolean;
    /** The register's log (effects' failures, a scan router that threw). */
    log?: (line: string) => void;
    /** A chain link for the register (test/sync): made once the store exists. */
    chain?: (store: TillStore, config: TillConfig) => ChainLink;
  } = {},
): Promise<TestRegister> {
  const dir = mkdtempSync(join(tmpdir(), 'till-ui-'));
  const config: TillConfig = { ...demoConfig(), ...opts.config };
  const real = await initStore(dir, { currency: config.currency, register: config.register.id }, [
    { type: 'catalog.upserted', data: { products: opts.products ?? demoProducts() } },
    ...(opts.demo ? demoExtras(TEST_DAY) : []),
    ...(opts.seed ?? []),
  ], { idleCheckpointMs: 0 });
  const failures: StoreErrorCode[] = [];
  let gate: Promise<void> | null = null;
  const store = new Proxy(real as Store, {
    get(target, prop) {
      if (prop === 'commit')
        return async (req: Parameters<Store['commit']>[0]) => {
          const sale = req.events.some((e) => e.type === 'sale.committed');
          if (sale && gate) await gate;
          const code = sale ? failures.shift() : undefined;
          if (code) throw new StoreError(code, `Injected ${code}. Nothing was saved.`, { file: 'journal' });
          return target.commit(req);
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const hardware = createMockHardware({ now: () => 0 });
  let n = 0;
  const register = createRegister({
    config,
    store,
    hardware,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    now: () => new Date(`${TEST_DAY}T09:26:00Z`),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.chain ? { chain: opts.chain(real, config) } : {}),
  });
  return {
    register,
    store,
    hardware,
    config,
    dir,
    failCommits(code, times = 1) {
      for (let i = 0; i < times; i++) failures.push(code);
    },
    holdCommits() {
      let open!: () => void;
      gate = new Promise<void>((res) => (open = res));
      return () => {
        gate = null;
        open();
      };
    },
    async close() {
      await register.stop();
      await real.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo product with a short code, for readable tests ("101" Espresso...). */
export function demoProduct(code: string): Product {
  const p = demoProducts().find((x) => x.barcodes.includes(code));
  if (!p) throw new Error(`no demo product with code ${code}`);
  return p;
}
