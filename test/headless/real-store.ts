/** Headless over a real store in a temp folder (the in-memory store of support.ts folds no features). */
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../src/store/open.js';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { runHeadless } from '../../src/headless/driver.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import type { EventDraft, Store } from '../../src/store/types.js';

const dirs: string[] = [];
export const cleanupStores = () => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));

export async function realStore(seed: EventDraft[]): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'till-hl-'));
  dirs.push(dir);
  return initStore(dir, { currency: 'USD', register: 'R1' }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }, ...seed]);
}

/** Sends the commands as JSON Lines and returns the parsed replies. */
export async function runLines(store: Store, cmds: Record<string, unknown>[]) {
  const reg = createRegister({ config: demoConfig(), store, hardware: createMockHardware() });
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  const done = runHeadless(reg, { input, output });
  for (const c of cmds) input.write(`${JSON.stringify(c)}\n`);
  input.end();
  await done;
  await reg.stop();
  return out.trim().split('\n').map((l) => JSON.parse(l));
}
