/**
 * Backups: a consistent copy of a store (snapshot + journal segments + configuration) with a manifest
 * of sizes and sha256 sums, every file fsync'd, the manifest written last. Safe beside a running
 * register: the snapshot is read before the journal (which only grows), and the copy's tail is cut
 * to its last complete transaction, so the copy always opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DIR_MODE, FILE_MODE, fsyncDir, nodeFsOps, writeAll, type FsOps } from './fs-ops.js';
import { sha256 } from './line.js';
import { acquireLock } from './lock.js';
import { JOURNAL_DIR, loadStore } from './load.js';
import { listSegments } from './segments.js';
import { SNAPSHOT_FILE } from './snapshot.js';
import { storeExists } from './open.js';
import { verifyStore } from './verify.js';
import { fromFsError, isStoreError, StoreError } from './errors.js';
import { CONFIG_FILE } from './config-file.js';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'till-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  source: string;
  storeId: string;
  seq: number;
  hash: string;
  files: { path: string; bytes: number; sha256: string }[];
}

async function writeDurable(ops: FsOps, file: string, buf: Buffer): Promise<void> {
  const fd = await ops.open(file, 'wx', FILE_MODE);
  try {
    await writeAll(ops, fd, buf, 0, true);
    await ops.fsync(fd);
  } finally {
    await ops.close(fd);
  }
}

function emptyOrMissing(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

export async function backupStore(dir: string, destDir: string, opts: { now?: () => Date; fs?: Partial<FsOps> } = {}): Promise<BackupManifest> {
  dir = path.resolve(dir);
  destDir = path.resolve(destDir);
  const ops = { ...nodeFsOps, ...(opts.fs ?? {}) };
  if (!storeExists(dir)) throw new StoreError('STORE_MISSING', `There is no store in ${dir} to back up.`, { file: dir });
  if (!emptyOrMissing(destDir))
    throw new StoreError('STORE_EXISTS', `The backup folder ${destDir} is not empty. Choose a new or empty folder; nothing was written.`, { file: destDir });
  // A backup that fails (damaged journal, disk full) leaves no half-made folder: the folder was new
  // or empty, so what is in it now is ours to take away again.
  const created = !fs.existsSync(destDir);
  const undo = () => {
    try {
      if (created) fs.rmSync(destDir, { recursive: true, force: true });
      else for (const n of fs.readdirSync(destDir)) fs.rmSync(path.join(destDir, n), { recursive: true, force: true });
    } catch {
      /* the error being reported matters more */
    }
  };
  // Hold the lock when the register is not running, so the copy is also the latest state.
  let lock: { release(): void } | null = null;
  try {
    lock = acquireLock(dir);
  } catch (e) {
    if (!isStoreError(e) || e.code !== 'STORE_LOCKED') throw e;
  }
  try {
    try {
      fs.mkdirSync(path.join(destDir, JOURNAL_DIR), { recursive: true, mode: DIR_MODE });
      fs.chmodSync(destDir, DIR_MODE);
      const snap = path.join(dir, SNAPSHOT_FILE);
      if (fs.existsSync(snap)) await writeDurable(ops, path.join(destDir, SNAPSHOT_FILE), fs.readFileSync(snap));
      const conf = path.join(dir, CONFIG_FILE);
      if (fs.existsSync(conf)) await writeDurable(ops, path.join(destDir, CONFIG_FILE), fs.readFileSync(conf));
      for (const seg of listSegments(path.join(dir, JOURNAL_DIR))) await writeDurable(ops, path.join(destDir, JOURNAL_DIR, seg.name), fs.readFileSync(seg.file));
      await fsyncDir(ops, path.join(destDir, JOURNAL_DIR));
    } catch (e) {
      throw fromFsError(e, destDir, 'writing the backup');
    }
    // Cut a commit that was in flight while copying, then check the whole copy.
    await loadStore(destDir, ops, { repair: true });
    const v = await verifyStore(destDir);
    if (!v.ok) {
      // A snapshot that does not equal the fold is rebuilt; a damaged journal is repaired.
      const fix = path.basename(v.problems[0].file) === SNAPSHOT_FILE ? 'store rebuild' : 'store repair';
      throw new StoreError(
        'STORE_CORRUPT',
        `The store does not verify, so no backup was made (${destDir} was left ${created ? 'uncreated' : 'empty'}): ${v.problems[0].message.split(destDir).join(dir)} Run \`till journal verify --data ${dir}\`, then \`till ${fix} --data ${dir}\` with the register closed.`,
        { file: destDir },
      );
    }
    const files: BackupManifest['files'] = [];
    const add = (rel: string) => {
      const buf = fs.readFileSync(path.join(destDir, rel));
      files.push({ path: rel, bytes: buf.length, sha256: sha256(buf) });
    };
    for (const n of [SNAPSHOT_FILE, CONFIG_FILE]) if (fs.existsSync(path.join(destDir, n))) add(n);
    for (const seg of listSegments(path.join(destDir, JOURNAL_DIR))) add(`${JOURNAL_DIR}/${seg.name}`);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: (opts.now ?? (() => new Date()))().toISOString(),
      source: dir,
      storeId: v.state.meta.storeId,
      seq: v.lastSeq,
      hash: v.lastHash,
      files,
    };
    await writeDurable(ops, path.join(destDir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await fsyncDir(ops, destDir);
    return manifest;
  } catch (e) {
    undo();
    throw e;
  } finally {
    lock?.release();
  }
}

/** Restores a backup into a data folder that holds no store (`till init --from-backup DIR`). */
export async function restoreBackup(srcDir: string, dataDir: string, opts: { fs?: Partial<FsOps> } = {}): Promise<BackupManifest> {
  srcDir = path.resolve(srcDir);
  dataDir = path.resolve(dataDir);
  const ops = { ...nodeFsOps, ...(opts.fs ?? {}) };
  const mf = path.join(srcDir, MANIFEST_FILE);
  const bad = (what: string) => new StoreError('STORE_CORRUPT', `${srcDir} is not a usable till backup: ${what}. Nothing was restored.`, { file: srcDir });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(mf, 'utf8'));
  } catch {
    throw bad(`${MANIFEST_FILE} is missing or unreadable (was the backup interrupted?)`);
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.files)) throw bad(`${MANIFEST_FILE} is not a till backup manifest`);
  const contents = new Map<string, Buffer>();
  for (const f of manifest.files) {
    if (typeof f.path !== 'string' || f.path.includes('..') || path.isAbsolute(f.path)) throw bad(`the manifest names a bad path ${JSON.stringify(f.path)}`);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(path.join(srcDir, f.path));
    } catch {
      throw bad(`${f.path} is missing`);
    }
    if (buf.length !== f.bytes || sha256(buf) !== f.sha256) throw bad(`${f.path} differs from the manifest (damaged copy)`);
    contents.set(f.path, buf);
  }
  if (storeExists(dataDir)) throw new StoreError('STORE_EXISTS', `A store already exists in ${dataDir}. Restore into an empty data folder; nothing was changed.`, { file: dataDir });
  try {
    fs.mkdirSync(path.join(dataDir, JOURNAL_DIR), { recursive: true, mode: DIR_MODE });
    fs.chmodSync(dataDir, DIR_MODE);
    fs.chmodSync(path.join(dataDir, JOURNAL_DIR), DIR_MODE);
    for (const [rel, buf] of contents) {
      const target = path.join(dataDir, rel);
      if (rel === CONFIG_FILE && fs.existsSync(target)) continue; // keep a configuration written for this register
      await writeDurable(ops, target, buf);
    }
    await fsyncDir(ops, path.join(dataDir, JOURNAL_DIR));
    await fsyncDir(ops, dataDir);
  } catch (e) {
    throw fromFsError(e, dataDir, 'restoring the backup');
  }
  const v = await verifyStore(dataDir);
  if (!v.ok) throw new StoreError('STORE_CORRUPT', `The restored store in ${dataDir} does not verify: ${v.problems[0].message}`, { file: dataDir });
  return manifest;
}
