import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { nodeFsOps, type FsOps } from '../../src/store/fs-ops.js';
import type { TillStore } from '../../src/store/till-store.js';
import { dataSize, readSnapshot, saleEvent, seg1, tmpDir } from './helpers.js';

const opened: TillStore[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close().catch(() => {});
});

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** A file-system facade whose next journal append fails the way `plan` says. */
function faulty() {
  const plan: { write?: string; halfWrite?: boolean; datasync?: string; ftruncate?: string } = {};
  const ops: Partial<FsOps> = {
    async write(fd, buf, off, len, pos) {
      if (plan.write) {
        const code = plan.write;
        delete plan.write;
        if (plan.halfWrite) await nodeFsOps.write(fd, buf, off, Math.floor(len / 2), pos);
        throw errno(code);
      }
      return nodeFsOps.write(fd, buf, off, len, pos);
    },
    async datasync(fd) {
      if (plan.datasync) {
        const code = plan.datasync;
        delete plan.datasync;
        throw errno(code);
      }
      return nodeFsOps.datasync(fd);
    },
    async ftruncate(fd, len) {
      if (plan.ftruncate) {
        const code = plan.ftruncate;
        delete plan.ftruncate;
        throw errno(code);
      }
      return nodeFsOps.ftruncate(fd, len);
    },
  };
  return { plan, ops };
}

async function setup() {
  const dir = tmpDir('faults');
  await (await initStore(dir, { currency: 'USD', register: 'R1' })).close();
  const f = faulty();
  const s = await openStore(dir, { register: 'R1', fs: f.ops });
  opened.push(s);
  await s.commit({ id: 'sale-1', events: [saleEvent('R1', 1)] });
  return { dir, s, plan: f.plan, size: dataSize(seg1(dir)), state: JSON.stringify(s.state) };
}

describe('commit failures leave nothing half-written and the state unchanged', () => {
  it.each([
    ['ENOSPC', 'DISK_FULL', /disk is full/],
    ['EROFS', 'READ_ONLY', /read-only/],
    ['EACCES', 'PERMISSION', /permission/i],
    ['EPERM', 'PERMISSION', /permission/i],
    ['EIO', 'IO_ERROR', /could not be written/],
  ])('%s in the middle of the write -> %s', async (sys, code, text) => {
    const { dir, s, plan, size, state } = await setup();
    plan.write = sys;
    plan.halfWrite = true;
    const err = await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2), saleEvent('R1', 3)] }).catch((e) => e);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(text);
    expect(err.message).toContain('Nothing was saved');
    expect(dataSize(seg1(dir))).toBe(size);
    expect(JSON.stringify(s.state)).toBe(state);
    expect(s.hasTx('sale-2')).toBe(false);
    // The cashier retries: the same sale goes through once.
    const ok = await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2), saleEvent('R1', 3)] });
    expect(ok.duplicate).toBe(false);
    expect(s.state.sales.count).toBe(3);
  });

  it('a failed fsync rolls the write back too', async () => {
    const { dir, s, plan, size, state } = await setup();
    plan.datasync = 'ENOSPC';
    const err = await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2)] }).catch((e) => e);
    expect(err.code).toBe('DISK_FULL');
    expect(dataSize(seg1(dir))).toBe(size);
    expect(JSON.stringify(s.state)).toBe(state);
  });

  it('when even the rollback fails, the next commit removes the partial write first', async () => {
    const { dir, s, plan, size, state } = await setup();
    plan.write = 'EROFS';
    plan.halfWrite = true;
    plan.ftruncate = 'EROFS';
    const err = await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2)] }).catch((e) => e);
    expect(err.code).toBe('READ_ONLY');
    expect(dataSize(seg1(dir))).toBeGreaterThan(size); // the partial bytes are still there
    expect(JSON.stringify(s.state)).toBe(state);
    await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2)] });
    await s.close();
    const t = await openStore(dir, { register: 'R1' });
    opened.push(t);
    expect(t.recovery.tornBytes).toBe(0);
    expect(t.state.sales.count).toBe(2);
  });

  it('a partial write left by a crash is cut at the next start', async () => {
    const { dir, s, plan } = await setup();
    plan.write = 'EIO';
    plan.halfWrite = true;
    plan.ftruncate = 'EIO';
    await s.commit({ id: 'sale-2', events: [saleEvent('R1', 2)] }).catch(() => {});
    fs.unlinkSync(`${dir}/till.lock`);
    const t = await openStore(dir, { register: 'R1' });
    opened.push(t);
    expect(t.recovery.tornBytes).toBeGreaterThan(0);
    expect(t.state.sales.count).toBe(1);
  });

  it('a snapshot that cannot be written leaves the old one and the journal intact', async () => {
    const dir = tmpDir('faults');
    await (await initStore(dir, { currency: 'USD', register: 'R1' })).close();
    let failRename = true;
    const s = await openStore(dir, {
      register: 'R1',
      fs: { rename: async (a, b) => (failRename ? Promise.reject(errno('ENOSPC')) : nodeFsOps.rename(a, b)) },
    });
    opened.push(s);
    await s.commit({ id: 'sale-1', events: [saleEvent('R1', 1)] });
    const before = fs.readFileSync(`${dir}/store.json`, 'utf8');
    const err = await s.checkpoint().catch((e) => e);
    expect(err.code).toBe('DISK_FULL');
    expect(fs.readFileSync(`${dir}/store.json`, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    failRename = false;
    await s.checkpoint();
    expect(readSnapshot(dir).state.sales.count).toBe(1);
  });
});
