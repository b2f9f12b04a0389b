/**
 * A fake machine for `till doctor`: /etc/passwd and /etc/group, /dev/usb/lp0, /dev/input/by-id links,
 * /dev/hidraw0 and /dev/gpiochip0 as plain files with modes, under a temporary root. Files are created
 * with the test process's group, so the fake /etc/group names that gid "lp" (no chown needed).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FakeRoot {
  root: string;
  /** gid of every file created here; /etc/group calls it "lp". */
  gid: number;
  file(path: string, mode?: number): void;
  link(path: string, target: string): void;
  etc(opts: { user?: string; uid?: number; groups?: Record<string, string[]> }): void;
  stop(): void;
}

export function fakeRoot(existing?: string): FakeRoot {
  const root = existing ?? mkdtempSync(join(tmpdir(), 'till-doctor-root-'));
  const gid = process.getgid?.() ?? 0;
  const at = (p: string) => join(root, p);
  return {
    root,
    gid,
    file(path, mode = 0o660) {
      mkdirSync(dirname(at(path)), { recursive: true });
      writeFileSync(at(path), '');
      chmodSync(at(path), mode);
    },
    link(path, target) {
      mkdirSync(dirname(at(path)), { recursive: true });
      symlinkSync(target, at(path));
    },
    etc({ user = 'till', uid = 4242, groups = {} }) {
      mkdirSync(at('etc'), { recursive: true });
      writeFileSync(at('etc/passwd'), `root:x:0:0:root:/root:/bin/sh\n${user}:x:${uid}:${uid}::/home/${user}:/bin/sh\n`);
      // "lp" is the gid files here get; the others get gids nobody's files have.
      const lines = [`${user}:x:${uid}:`, `lp:x:${gid}:${(groups.lp ?? []).join(',')}`];
      let next = 7000;
      for (const [name, members] of Object.entries(groups)) if (name !== 'lp') lines.push(`${name}:x:${next++}:${members.join(',')}`);
      writeFileSync(at('etc/group'), `${lines.join('\n')}\n`);
    },
    stop: () => rmSync(root, { recursive: true, force: true }),
  };
}
