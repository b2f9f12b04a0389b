/**
 * The parts of the operating system the doctor reads, under an injectable root (tests pass a fake
 * `/dev`, `/sys` and `/etc`): users and groups from /etc/passwd and /etc/group, and whether a user can
 * open a file judged from its mode, owner and group - not from what the process running the doctor
 * may do (an installer often runs it as root or as a different user than the kiosk's).
 */
import type { Translate } from '../../i18n/index.js';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export interface SystemGroup {
  name: string;
  gid: number;
  members: string[];
}

export interface Who {
  name: string;
  uid: number;
  /** Primary group and every group /etc/group lists the user in. */
  gids: number[];
  /** Known to /etc/passwd under the root (false: only the process's own identity was used). */
  known: boolean;
}

export const rooted = (root: string, path: string): string => (root === '/' ? path : join(root, path));

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  } catch {
    return [];
  }
}

export function readGroups(root: string): SystemGroup[] {
  return readLines(rooted(root, '/etc/group')).map((l) => {
    const [name, , gid, members = ''] = l.split(':');
    return { name, gid: Number(gid), members: members.split(',').filter(Boolean) };
  });
}

/** The user `name` (default: who runs the doctor) with the groups the system gives them. */
export function whoIs(root: string, name?: string): Who {
  const me = userInfo();
  const wanted = name ?? me.username;
  const entry = readLines(rooted(root, '/etc/passwd'))
    .map((l) => l.split(':'))
    .find((f) => f[0] === wanted);
  const uid = entry ? Number(entry[2]) : wanted === me.username ? me.uid : -1;
  const gid = entry ? Number(entry[3]) : wanted === me.username ? me.gid : -1;
  const groups = readGroups(root);
  const gids = [...new Set([gid, ...groups.filter((g) => g.members.includes(wanted)).map((g) => g.gid)])].filter((g) => g >= 0);
  return { name: wanted, uid, gids, known: Boolean(entry) };
}

export const groupName = (groups: SystemGroup[], gid: number): string => groups.find((g) => g.gid === gid)?.name ?? String(gid);

export function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Can `who` open a file with this mode and owner read-write (`rw`) or for writing (`w`)? (root can.) */
export function canOpen(st: Stats, who: Who, want: 'rw' | 'w' = 'rw'): boolean {
  if (who.uid === 0) return true;
  const bits = st.uid === who.uid ? (st.mode >> 6) & 7 : who.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
  const need = want === 'rw' ? 6 : 2;
  return (bits & need) === need;
}

/**
 * Whether `who` can open `path` (read-write, or write-only for sysfs's export), and if not what to do: usually join the file's group
 * (the udev rules in scripts/kiosk/99-till.rules give printers to lp, hidraw to plugdev, GPIO to gpio).
 */
export function accessFinding(path: string, who: Who, groups: SystemGroup[], t: Translate, want: 'rw' | 'w' = 'rw'): { ok: true; text: string } | { ok: false; text: string; fix: string } {
  const st = statOf(path);
  if (!st) return { ok: false, text: t('cli.doctor.access.missing', { path }), fix: t('cli.doctor.access.missingFix') };
  const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
  const group = groupName(groups, st.gid);
  const p = { path, mode, group, user: who.name };
  const need = want === 'rw' ? 6 : 2;
  if (canOpen(st, who, want)) return { ok: true, text: t('cli.doctor.access.can', p) };
  if (((st.mode >> 3) & need) === need && !who.gids.includes(st.gid))
    return { ok: false, text: t('cli.doctor.access.cannot', p), fix: t('cli.doctor.access.joinGroup', p) };
  return { ok: false, text: t('cli.doctor.access.cannot', p), fix: t('cli.doctor.access.udev') };
}
