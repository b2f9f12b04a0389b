#!/usr/bin/env node
/**
 * `npm run build`: the production bundle in dist/ (esbuild, NODE_ENV=production, source maps).
 * One entry, src/cli.ts, split into chunks: what every command needs is dist/till.js, and the
 * terminal UI (Ink, React and the screens) is a chunk loaded only by `till start` / `till demo`
 * through their dynamic import, so `till headless` and the back-office commands never read it.
 * Packages with native code (compiled .node files) stay outside the bundle and load from
 * node_modules. dist/build.json lists the project's source files that went in, so bin/till.js can
 * tell when a source is newer than the build and run the sources instead (see docs/performance.md).
 *
 *   node scripts/build/build.mjs              build (fails when esbuild is missing)
 *   node scripts/build/build.mjs --if-possible  build, or say why not and exit 0 (npm's `prepare`:
 *                                             an `npm ci --omit=dev` has no esbuild and needs none)
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const ifPossible = process.argv.includes('--if-possible');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  const msg = 'till build: esbuild is not installed (a production install without dev dependencies); bin/till.js uses dist/ if it was copied, the sources otherwise.';
  if (ifPossible) {
    console.error(msg);
    process.exit(0);
  }
  console.error(`${msg}\nRun npm ci (with dev dependencies) first.`);
  process.exit(1);
}

/**
 * Dependencies that carry compiled addons, themselves or through a dependency (onoff needs epoll's
 * epoll.node): bundling them would lose their .node files, which `bindings` finds next to the package.
 */
function nativePackages() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = new Set(['better-sqlite3']);
  const seen = new Map();
  const isNative = (name) => {
    if (seen.has(name)) return seen.get(name);
    seen.set(name, false);
    const dir = path.join(ROOT, 'node_modules', name);
    if (!fs.existsSync(path.join(dir, 'package.json'))) return false;
    const p = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const deps = Object.keys(p.dependencies ?? {});
    const native =
      fs.existsSync(path.join(dir, 'binding.gyp')) || fs.existsSync(path.join(dir, 'prebuilds')) || Boolean(p.gypfile) || deps.some((d) => /^(bindings|node-gyp-build|node-addon-api|nan|pkg-prebuilt)$/.test(d)) || deps.some(isNative);
    seen.set(name, native);
    return native;
  };
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
    if (!fs.existsSync(path.join(ROOT, 'node_modules', name, 'package.json'))) out.add(name); // not installed (optional): leave the import to run time
    else if (isNative(name)) out.add(name);
  }
  return [...out];
}

const t0 = performance.now();
const tmp = `${DIST}.tmp-${process.pid}`;
fs.rmSync(tmp, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: { till: 'src/cli.ts' },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  minifySyntax: true,
  treeShaking: true,
  metafile: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink's React DevTools hook is imported only when DEV=true; it is not a dependency.
  external: [...nativePackages(), 'react-devtools-core'],
  // CommonJS packages inside an ESM bundle call require() for Node's built-ins.
  banner: { js: "import { createRequire as __tillRequire } from 'node:module'; const require = __tillRequire(import.meta.url);" },
  logLevel: 'warning',
});
const sources = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/')).sort();
fs.writeFileSync(path.join(tmp, 'build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), sources: [...sources, 'package.json'] }, null, 1)}\n`);
fs.writeFileSync(path.join(tmp, 'meta.json'), JSON.stringify(result.metafile));
// Swap in whole: a reader sees the old build or the new one, never half of each.
const old = `${DIST}.old-${process.pid}`;
if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
fs.renameSync(tmp, DIST);
fs.rmSync(old, { recursive: true, force: true });
const size = (f) => fs.statSync(path.join(DIST, f)).size;
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).map((f) => path.relative(tmp, path.join(ROOT, f)));
console.error(`till build: ${files.length} files, till.js ${(size('till.js') / 1024).toFixed(0)} kB, in ${(performance.now() - t0).toFixed(0)} ms (dist/)`);
