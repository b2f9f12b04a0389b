/**
 * `till headless` and the back-office commands never load Ink or React (issue 12): importing Ink
 * costs about a second of CPU, and these draw nothing. Checked from outside, in a child process
 * whose module resolutions are recorded, both for the production bundle and for the sources.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..');
const UI_PACKAGE = /\/node_modules\/(ink|react|react-reconciler|yoga-layout|ink-[^/]+)\//;
/** The chain's database client (issue 15): loaded only when a shop configures chain.url. */
const PG_PACKAGE = /\/node_modules\/(pg|pg-[^/]+|pgpass)\//;
let dir: string;

/** The modules `till ARGS` resolves, as file paths relative to the project. */
function modulesOf(args: string[], sources: boolean, input = ''): { files: string[]; status: number | null; stderr: string } {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/support/record-modules.mjs'), join(ROOT, 'bin/till.js'), ...args, '--data', join(dir, 'store')], {
    cwd: ROOT,
    input,
    env: { ...process.env, TILL_DATA: '', TILL_MODULE_LOG: log, TILL_SOURCES: sources ? '1' : '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const urls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:')) : [];
  return { files: [...new Set(urls.map((u) => fileURLToPath(u).slice(ROOT.length + 1)))], status: r.status, stderr: r.stderr };
}

/** The source files inside the loaded dist/ files, from the build's metafile. */
function bundledInputs(files: string[]): string[] {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const byName = new Map(Object.entries(meta.outputs).map(([k, v]) => [k.replace(/^dist[^/]*\//, 'dist/'), Object.keys(v.inputs)]));
  return files.filter((f) => f.startsWith('dist/')).flatMap((f) => byName.get(f) ?? []);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'till-no-ink-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/till.js'), 'init', '--data', join(dir, 'store')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Command, arguments, stdin, the exit codes it may end with. */
const COMMANDS: [string, string[], string, number[]][] = [
  ['till headless', ['headless'], '{"id":1,"cmd":"state"}\n', [0]],
  ['till giftcard list', ['giftcard', 'list'], '', [0]],
  ['till customer find', ['customer', 'find', 'nobody'], '', [0]],
  ['till journal verify', ['journal', 'verify'], '', [0]],
  // 1 = problems found (a machine without a printer, scanner or drawer has them); it still ran.
  ['till doctor', ['doctor'], '', [0, 1]],
  ['till report sales', ['report', 'sales', '--from', '2000-01-01', '--to', '2100-12-31', '--csv'], '', [0]],
  // 1 = no shift is open on this fresh store; it still ran.
  ['till report x', ['report', 'x'], '', [1]],
];

describe.each([
  ['the production bundle', false],
  ['the sources', true],
])('no Ink or React in %s', (_label, sources) => {
  it.each(COMMANDS)('%s', (_name, args, input, codes) => {
    const { files, status, stderr } = modulesOf(args, sources, input);
    expect(codes, stderr).toContain(status);
    expect(files.some((f) => (sources ? f.startsWith('src/') : f.startsWith('dist/')))).toBe(true); // it ran what we think
    expect(files.filter((f) => UI_PACKAGE.test(`/${f}`))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/ui/'))).toEqual([]);
    if (!sources) expect(bundledInputs(files).filter((f) => UI_PACKAGE.test(`/${f}`) || f.startsWith('src/ui/'))).toEqual([]);
    // A register without chain.url never loads the PostgreSQL client nor the chain's modules.
    expect(files.filter((f) => PG_PACKAGE.test(`/${f}`) || f.startsWith('src/sync/'))).toEqual([]);
    if (!sources) expect(bundledInputs(files).filter((f) => PG_PACKAGE.test(`/${f}`) || f.startsWith('src/sync/'))).toEqual([]);
  });
});

it('till sync with a chain.url does load the PostgreSQL client (the check above can see it)', () => {
  const cfgFile = join(dir, 'store', 'till.config.json');
  const saved = readFileSync(cfgFile, 'utf8');
  const cfg = JSON.parse(saved);
  // A port nothing listens on: the command says offline, after loading pg.
  writeFileSync(cfgFile, JSON.stringify({ ...cfg, chain: { url: 'postgres://till@127.0.0.1:9/till', timeoutMs: 500 } }));
  try {
    const { files, status, stderr } = modulesOf(['sync', 'status'], true);
    expect(status, stderr).toBe(1);
    expect(files.some((f) => PG_PACKAGE.test(`/${f}`))).toBe(true);
  } finally {
    writeFileSync(cfgFile, saved);
  }
});

it('the UI entry does load Ink (the check above can see it)', () => {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const start = Object.entries(meta.outputs).find(([k]) => /chunks\/start-[^/]+\.js$/.test(k));
  expect(start && Object.keys(start[1].inputs).some((f) => f.includes('node_modules/ink/'))).toBe(true);
});
