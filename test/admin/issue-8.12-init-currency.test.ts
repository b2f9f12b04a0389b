/** Issue 8.12 through the CLI: `till init` refuses a currency not in ISO 4217; an existing store keeps working. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createStore } from '../../src/admin/init.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';

let dir: string;
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-8.12-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function till(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => void out.push(l), err: (l) => void err.push(l), isTTY: false, now: () => new Date(2025, 2, 10) });
  return { code, out, err };
}

const configFile = (currency: string): string => {
  const f = path.join(dir, `config-${currency}.json`);
  fs.writeFileSync(f, JSON.stringify({ ...DEFAULT_CONFIG, currency }));
  return f;
};

describe('issue 8.12 till init accepts currency QQQ', () => {
  it('refuses QQQ and a withdrawn code, creating nothing', async () => {
    for (const [code, message] of [['QQQ', /currency: "QQQ" is not an ISO 4217 currency code/], ['HRK', /currency: "HRK" \(Kuna\) was withdrawn from ISO 4217 in 2023; a new store keeps its books in "EUR"/]] as const) {
      const data = path.join(dir, `data-${code}`);
      const r = await till('--data', data, 'init', '--config', configFile(code));
      expect(r.code).not.toBe(0);
      expect(r.err.join('\n')).toMatch(message);
      expect(r.err.join('\n')).toMatch(/Nothing was created\./);
      expect(fs.existsSync(data)).toBe(false);
    }
  });

  it('creates VND, KWD and CLF stores', async () => {
    for (const code of ['VND', 'KWD', 'CLF']) {
      const r = await till('--data', path.join(dir, `data-${code}`), 'init', '--config', configFile(code));
      expect(r.code).toBe(0);
      expect(r.out[0]).toMatch(`(currency ${code}, register R1)`);
    }
  });

  it('an existing store in a since-withdrawn currency keeps working; a configuration edited to QQQ is refused with its key', async () => {
    const data = path.join(dir, 'data-old');
    await createStore(data, { ...DEFAULT_CONFIG, currency: 'HRK' });
    expect((await till('--data', data, 'loyalty', 'program', 'list')).code).toBe(0);
    const cfg = path.join(data, 'till.config.json');
    fs.writeFileSync(cfg, JSON.stringify({ ...JSON.parse(fs.readFileSync(cfg, 'utf8')), currency: 'QQQ' }));
    const r = await till('--data', data, 'loyalty', 'program', 'list');
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toMatch(/till\.config\.json has 1 problem\(s\):\n {2}currency: "QQQ" is not an ISO 4217 currency code/);
  });
});
