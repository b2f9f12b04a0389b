import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/admin/command.js';
import { journalCommand } from '../../src/admin/journal.js';
import { storeCommand } from '../../src/admin/store-cmd.js';
import { backupCommand } from '../../src/admin/backup.js';
import { initStore } from '../../src/store/index.js';
import { saleEvent, seg1, tmpDir } from './helpers.js';

function ctx(dataDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const c: CommandContext = { dataDir, out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, now: () => new Date('2025-01-01T00:00:00Z') };
  return { c, out, err };
}

async function store(): Promise<string> {
  const dir = tmpDir('admin');
  const s = await initStore(dir, { currency: 'USD', register: 'R1' });
  for (let i = 1; i <= 3; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
  await s.close();
  return dir;
}

describe('admin commands', () => {
  it('answer --help with their usage', async () => {
    for (const cmd of [journalCommand, storeCommand, backupCommand]) {
      const { c, out } = ctx('/nowhere');
      expect(await cmd.run(['--help'], c)).toBe(0);
      expect(out.join('\n')).toContain(`till ${cmd.name}`);
    }
  });

  it('journal verify: 0 on a healthy store, 1 with the file and line of damage', async () => {
    const dir = await store();
    const ok = ctx(dir);
    expect(await journalCommand.run(['verify'], ok.c)).toBe(0);
    expect(ok.out.join('\n')).toContain('OK: the journal chain is intact');
    fs.writeFileSync(seg1(dir), fs.readFileSync(seg1(dir), 'utf8').replace('R1-000002', 'R1-000003'));
    const bad = ctx(dir);
    expect(await journalCommand.run(['verify'], bad.c)).toBe(1);
    expect(bad.err[0]).toContain(`${seg1(dir)} line 3`);
  });

  it('journal tail prints the last events', async () => {
    const dir = await store();
    const t = ctx(dir);
    expect(await journalCommand.run(['tail', '-n', '2'], t.c)).toBe(0);
    expect(t.out).toHaveLength(2);
    expect(t.out[1]).toMatch(/^\s+4 .*sale\.committed\s+tx sale-3/);
    expect(await journalCommand.run(['tail', '-n', 'x'], ctx(dir).c)).toBe(2);
  });

  it('store rebuild and backup', async () => {
    const dir = await store();
    fs.writeFileSync(path.join(dir, 'store.json'), 'garbage');
    const r = ctx(dir);
    expect(await storeCommand.run(['rebuild'], r.c)).toBe(0);
    expect(r.out.join()).toContain('Rebuilt the snapshot from 4 journal events');
    const dest = path.join(tmpDir('admin-bk'), 'b');
    const b = ctx(dir);
    expect(await backupCommand.run([dest], b.c)).toBe(0);
    expect(b.out[0]).toMatch(/Backed up 4 events/);
    expect(fs.existsSync(path.join(dest, 'manifest.json'))).toBe(true);
    expect(await storeCommand.run(['frobnicate'], ctx(dir).c)).toBe(2);
  });

  it('issue 8.9: store rebuild on a damaged journal says the snapshot cannot be rebuilt (not that the store cannot start) and points to repair', async () => {
    const dir = await store();
    fs.writeFileSync(seg1(dir), fs.readFileSync(seg1(dir), 'utf8').replace('R1-000002', 'R1-000003'));
    const r = ctx(dir);
    expect(await storeCommand.run(['rebuild'], r.c)).toBe(1);
    expect(r.err.join('\n')).toMatch(/^The snapshot cannot be rebuilt, the journal is damaged: .*line 3: the line was altered/);
    expect(r.err.join('\n')).not.toMatch(/cannot start/);
    expect(r.err.join('\n')).toContain(`till store repair --data ${dir}`);
  });
});
