import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRegister } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { runHeadless } from '../../src/headless/driver.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { createMemoryStore } from './support.js';

/** An output whose reader has gone: every write fails with EPIPE, as a pipe to `head` does. */
function closedPipe(): Writable {
  return new Writable({
    write(_chunk, _enc, cb) {
      cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' }));
    },
  });
}

describe('issue 8.8 broken pipes', () => {
  it('headless: a closed output ends the run quietly and stops reading input', async () => {
    const store = createMemoryStore(demoProducts());
    const reg = createRegister({ config: demoConfig(), store, hardware: createMockHardware() });
    const input = new PassThrough();
    const done = runHeadless(reg, { input, output: closedPipe() });
    input.write('{"cmd":"state"}\n');
    input.write('{"cmd":"scan","code":"101"}\n');
    // The input is never ended: the driver must not wait for it once nobody reads the replies.
    await expect(done).resolves.toBeUndefined();
    expect(input.destroyed).toBe(true);
    await reg.stop();
  });

  it('till giftcard show CODE | head -1 and till headless | head -c 5: no trace, exit 0, lock released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'till-pipe-'));
    const till = resolve('bin/till.js');
    try {
      execFileSync('node', [till, 'init', '--data', join(dir, 's')], { stdio: 'pipe' });
      execFileSync('node', [till, 'giftcard', 'create', '--data', join(dir, 's'), '--value', '10', '--csv', join(dir, 'c.csv')], { stdio: 'pipe' });
      const code = execFileSync('sh', ['-c', `tail -1 "${dir}/c.csv" | cut -d, -f1`]).toString().trim();
      const show = spawnSync('sh', ['-c', `node "${till}" giftcard show ${code} --data "${dir}/s" | head -1; echo "rc=$?"`], { encoding: 'utf8' });
      expect(show.stderr).toBe('');
      expect(show.stdout).toMatch(/^Gift card \*{4}\w{4}\n/);
      const lines = Array.from({ length: 6 }, () => '{"cmd":"state"}').join('\n');
      const hl = spawnSync('sh', ['-c', `(for l in 1 2 3 4 5 6; do echo '{"cmd":"state"}'; sleep 0.2; done) | (node "${till}" headless --data "${dir}/s"; echo "headless rc=$?" >&2) | head -c 5`], { encoding: 'utf8', input: lines });
      expect(hl.stdout).toBe('{"ok"');
      expect(hl.stderr.trim()).toBe('headless rc=0');
      expect(readdirSync(join(dir, 's')).filter((f) => f.endsWith('.lock'))).toEqual([]);
      expect(existsSync(join(dir, 's', 'store.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
