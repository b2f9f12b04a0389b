/**
 * The configuration file of a data folder: `<data>/till.config.json`. Reading validates it; every
 * problem names its key. Writing is atomic (temp file + fsync + rename) with mode 0600.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TillError } from '../domain/errors.js';
import { validateConfig, type TillConfig } from '../domain/config.js';

export const CONFIG_FILE = 'till.config.json';

export const configPath = (dataDir: string): string => join(dataDir, CONFIG_FILE);

/** Parses and validates a configuration file at any path. Throws TillError CONFIG_INVALID / CONFIG_MISSING. */
export function readConfigFile(path: string): TillConfig {
  if (!existsSync(path)) throw new TillError('CONFIG_MISSING', `No configuration file at ${path}.`, { path });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TillError('CONFIG_INVALID', `${path} is not valid JSON: ${(e as Error).message}`, { path });
  }
  const v = validateConfig(raw);
  if (!v.ok) {
    const list = v.problems.map((p) => `  ${p.key}: ${p.message}`).join('\n');
    throw new TillError('CONFIG_INVALID', `${path} has ${v.problems.length} problem(s):\n${list}`, { path });
  }
  return v.config;
}

export const readConfig = (dataDir: string): TillConfig => readConfigFile(configPath(dataDir));

/**
 * The `language` the data folder's configuration names, read without validating the file (the back
 * office picks its output's language with it before any command reports a broken configuration);
 * undefined when there is no readable file or it names none.
 */
export function configuredLanguage(dataDir: string): string | undefined {
  try {
    const lang = (JSON.parse(readFileSync(configPath(dataDir), 'utf8')) as { language?: unknown } | null)?.language;
    return typeof lang === 'string' ? lang : undefined;
  } catch {
    return undefined;
  }
}

export function writeConfig(dataDir: string, config: TillConfig): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = configPath(dataDir);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(config, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
