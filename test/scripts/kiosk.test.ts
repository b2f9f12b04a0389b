/**
 * The kiosk installer and its unit, checked with the tools a CI runner has: shellcheck on
 * install.sh, systemd-analyze verify on the filled-in unit, and the installer's dry run (what it would
 * install: the driver packages, the groups, the udev rules, the doctor at the end). A tool that is not
 * installed skips its check and says so, except in CI (.ci/run installs both and sets
 * TILL_REQUIRE_KIOSK_TOOLS, so a missing tool fails there).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('scripts/kiosk', () => {
  it.skipIf(!has('shellcheck') && !process.env.TILL_REQUIRE_KIOSK_TOOLS)('install.sh passes shellcheck', () => {
    const r = spawnSync('shellcheck', ['scripts/kiosk/install.sh'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('systemd-analyze') && !process.env.TILL_REQUIRE_KIOSK_TOOLS)('till.service, filled in as the installer does, passes systemd-analyze verify', () => {
    const dir = mkdtempSync(join(tmpdir(), 'till-unit-'));
    try {
      const unit = readFileSync(join(ROOT, 'scripts/kiosk/till.service'), 'utf8').replaceAll('@TILL_DIR@', '/opt/till').replaceAll('@DATA_DIR@', '/var/lib/till').replaceAll('@USER@', 'root');
      writeFileSync(join(dir, 'till.service'), unit);
      const r = spawnSync('systemd-analyze', ['verify', join(dir, 'till.service')], { encoding: 'utf8' });
      expect(r.stderr.split('\n').filter((l) => l.includes('till.service'))).toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the dry run installs what the drivers need, the groups, the udev rules, and runs the doctor last', () => {
    const r = spawnSync('bash', ['scripts/kiosk/install.sh', '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\+ apt-get install -y --no-install-recommends libusb-1\.0-0 libudev1 gpiod build-essential python3 console-setup$/m);
    for (const g of ['lp', 'plugdev', 'gpio', 'input', 'dialout']) expect(r.stdout).toContain(`usermod -aG ${g} till`);
    expect(r.stdout).toContain('+ install -m 0644 ' + join(ROOT, 'scripts/kiosk/99-till.rules') + ' /etc/udev/rules.d/99-till.rules');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('+ env TILL_DATA=/var/lib/till node /opt/till/bin/till.js doctor --user till');
  });

  it('the udev rules give the printer a stable name and the GPIO lines to the gpio group', () => {
    const rules = readFileSync(join(ROOT, 'scripts/kiosk/99-till.rules'), 'utf8');
    expect(rules).toMatch(/KERNEL=="lp\[0-9\]\*", GROUP="lp", MODE="0660", SYMLINK\+="till-printer"/);
    expect(rules).toMatch(/KERNEL=="gpiochip\[0-9\]\*", GROUP="gpio", MODE="0660"/);
    expect(rules).toContain('chgrp gpio /sys/class/gpio/export /sys/class/gpio/unexport');
  });
});
