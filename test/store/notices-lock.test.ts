/**
 * Issue 8, defects 10 (a torn tail is reported where the manager sees it), 13 (a stale lock whose pid
 * was reused is taken over) and 14 (receipt files are private).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import type { TillStore } from '../../src/store/till-store.js';
import { bootId, processStart } from '../../src/store/lock.js';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { createSimulatedPrinter } from '../../hardware/printer/simulated.js';
import { createHeadlessHandler } from '../../src/headless/driver.js';
import { demoConfig } from '../../src/admin/demo-store.js';
import { fixedClock, saleEvent, seg1, tmpDir, unpad } from './helpers.js';

const open: TillStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

async function tornStore(): Promise<string> {
  const dir = tmpDir('notice');
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [], { now: fixedClock() });
  await s.commit({ id: 'sale-1', events: [saleEvent('R1', 1)] });
  await s.close();
  unpad(seg1(dir));
  fs.appendFileSync(seg1(dir), '{"seq":3,"id":"x","type":"sale.commi'); // power cut mid-line
  return dir;
}

describe('store notices in the screen language (issue 13)', () => {
  it('the message line says the torn tail in vi, zh and ru, the log and headless keep the English', async () => {
    const seen: Record<string, string | null> = {};
    for (const language of ['en', 'vi', 'zh', 'ru']) {
      const dir = await tornStore();
      const s = await openStore(dir, { register: 'R1' });
      open.push(s);
      const reg = createRegister({ config: { ...demoConfig(), language }, store: s, hardware: createMockHardware(), log: () => {} });
      seen[language] = reg.storeNotice();
      expect(s.notices[0].message).toMatch(/^Power cut while saving/);
      await reg.stop();
    }
    // English reads as the store wrote it; the others are their catalog's text with the same values.
    expect(seen.en).toBe(
      `Power cut while saving: an unconfirmed transaction (${seen.en!.match(/\((\d+) bytes\)/)![1]} bytes) was cut from the end of ${seen.en!.match(/end of (\S+)\./)![1]}. It was never confirmed to the cashier; every confirmed sale is kept.`,
    );
    expect(seen.vi).toMatch(/^Mất điện khi đang lưu: một giao dịch chưa xác nhận \(\d+ byte\) đã bị cắt khỏi cuối journal\//);
    expect(seen.zh).toMatch(/^保存时断电：一笔未确认的交易（\d+ 字节）已从 journal\/\S+ 末尾删除/);
    expect(seen.ru).toMatch(/^Сбой питания при сохранении: неподтверждённая операция \(\d+ байт\) удалена из конца journal\//);
  });
});

describe('issue 8.10 torn tail reported', () => {
  it('is cut and reported once: store notice, till.log, the register message line and headless state', async () => {
    const dir = await tornStore();
    const s = await openStore(dir, { register: 'R1' });
    open.push(s);
    expect(s.recovery.tornBytes).toBeGreaterThan(0);
    expect(s.notices.map((n) => n.code)).toEqual(['STORE_TORN_TAIL']);
    expect(s.notices[0].message).toMatch(/an unconfirmed transaction \(\d+ bytes\) was cut/);
    const log = fs.readFileSync(path.join(dir, 'till.log'), 'utf8');
    expect(log).toMatch(/WARNING STORE_TORN_TAIL/);
    expect(fs.statSync(path.join(dir, 'till.log')).mode & 0o777).toBe(0o600);

    const lines: string[] = [];
    const reg = createRegister({ config: demoConfig(), store: s, hardware: createMockHardware(), log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/STORE_TORN_TAIL/);
    expect(reg.storeNotice()).toMatch(/^Power cut while saving/);
    const reply = await createHeadlessHandler(reg)('{"id":1,"cmd":"state"}');
    expect(reply.state?.storeNotices?.[0]).toMatchObject({ code: 'STORE_TORN_TAIL', level: 'warning' });
    await reg.stop();
    await s.close();

    // The next start has nothing to report: it was cut and reported once.
    const again = await openStore(dir, { register: 'R1' });
    open.push(again);
    expect(again.notices).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'till.log'), 'utf8').match(/STORE_TORN_TAIL/g)).toHaveLength(1);
  });
});

describe('issue 8.13 stale lock with a reused pid', () => {
  it('records pid, boot id and start time, and takes over a lock whose pid now belongs to another process', async () => {
    const dir = tmpDir('lock');
    const s = await initStore(dir, { currency: 'USD', register: 'R1' });
    const text = fs.readFileSync(path.join(dir, 'till.lock'), 'utf8');
    expect(text.split('\n')[0]).toBe(String(process.pid));
    if (bootId()) expect(text).toContain(`boot=${bootId()}`);
    if (processStart(process.pid)) expect(text).toContain(`start=${processStart(process.pid)}`);
    await s.close();

    // Another live process holds the pid the lock names (as after a power cut and a reboot).
    const other = spawn('sleep', ['30']);
    try {
      await new Promise((r) => other.once('spawn', r));
      const pid = other.pid!;
      const lock = path.join(dir, 'till.lock');
      if (processStart(pid)) {
        fs.writeFileSync(lock, `${pid}\nboot=${bootId()}\nstart=1\n`);
        const a = await openStore(dir, { register: 'R1' });
        expect(a.recovery.lockTakenOver).toMatch(/another process/);
        expect(a.notices.map((n) => n.code)).toContain('LOCK_TAKEN_OVER');
        await a.close();
      }
      if (bootId()) {
        fs.writeFileSync(lock, `${pid}\nboot=00000000-0000-0000-0000-000000000000\nstart=${processStart(pid)}\n`);
        const b = await openStore(dir, { register: 'R1' });
        expect(b.recovery.lockTakenOver).toMatch(/before the last restart/);
        await b.close();
      }
      // The real owner (same boot, same start time) still locks the store out.
      fs.writeFileSync(lock, `${pid}\nboot=${bootId()}\nstart=${processStart(pid)}\n`);
      await expect(openStore(dir, { register: 'R1' })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      // A lock of the old format (pid only) of a live process is respected too.
      fs.writeFileSync(lock, `${pid}\n`);
      await expect(openStore(dir, { register: 'R1' })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      fs.unlinkSync(lock);
    } finally {
      other.kill();
    }
  });
});

describe('issue 8.14 receipt file modes', () => {
  it('receipts/ is 0700 and its files 0600, also when an earlier version left 0755/0644', async () => {
    const dir = tmpDir('receipts');
    fs.mkdirSync(path.join(dir, 'receipts'), { mode: 0o755 });
    fs.chmodSync(path.join(dir, 'receipts'), 0o755);
    fs.writeFileSync(path.join(dir, 'receipts', 'R1-000001.txt'), 'old', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'receipts', 'R1-000001.txt'), 0o644);
    const p = createSimulatedPrinter({ dataDir: dir });
    const r = await p.print({ id: 'receipt:R1-000001', bytes: Buffer.from('x'), text: 'GIFT CARD 07K8 T7FK 6FDP BE03 ZDRN' } as never);
    expect(r.ok).toBe(true);
    expect(fs.statSync(path.join(dir, 'receipts')).mode & 0o777).toBe(0o700);
    for (const ext of ['bin', 'txt']) expect(fs.statSync(path.join(dir, 'receipts', `R1-000001.${ext}`)).mode & 0o777).toBe(0o600);
  });

  it('receipt files an earlier version left at 0644 and that are never reprinted become 0600 at the first print', async () => {
    const dir = tmpDir('receipts-old');
    fs.mkdirSync(path.join(dir, 'receipts'), { mode: 0o755 });
    for (const f of ['R1-000001.bin', 'R1-000001.txt']) fs.writeFileSync(path.join(dir, 'receipts', f), 'GIFT CARD 07K8 T7FK 6FDP BE03 ZDRN', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'receipts', 'R1-000001.txt'), 0o644);
    const p = createSimulatedPrinter({ dataDir: dir });
    expect((await p.print({ id: 'receipt:R1-000002', bytes: Buffer.from('x'), text: 'y' } as never)).ok).toBe(true);
    for (const f of fs.readdirSync(path.join(dir, 'receipts'))) expect(fs.statSync(path.join(dir, 'receipts', f)).mode & 0o777, f).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, 'receipts')).sort()).toEqual(['R1-000001.bin', 'R1-000001.txt', 'R1-000002.bin', 'R1-000002.txt']);
  });
});
