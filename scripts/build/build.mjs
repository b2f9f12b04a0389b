#!/usr/bin/env node
/**
 * `npm run build`: the production bundle in dist/ (esbuild, NODE_ENV=production, source maps).
 * Entry src/cli.ts (and the proof's worker thread, dist/proof-worker.js), split into chunks: what
 * every command needs is dist/till.js, and the
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

/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly inlined as a base64 data: URL, and its
 * Emscripten loader fetches that URL with `fetch` whenever `fetch` exists. In Node that first
 * `fetch` loads Node's whole HTTP client (undici, ~30 ms of CPU on this machine under load) only to
 * decode the string the loader can decode itself (its synchronous base64 path, taken where `fetch`
 * is missing). The build takes that path. Text not found (another yoga version): the file is left
 * as it is and the build says so; only start-up time depends on it.
 */
const YOGA_FETCH = 'function ya(){return w||"function"!=typeof fetch?';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes(YOGA_FETCH)) {
        console.error('till build: yoga-layout\'s wasm loader is not the one expected; left unchanged (it loads undici at start).');
        return { contents: text, loader: 'js' };
      }
      return { contents: text.replace(YOGA_FETCH, 'function ya(){return!0?'), loader: 'js' };
    });
  },
};

/**
 * Lazy catalogs: the languages other than English (src/i18n/vi.ts, zh.ts, ru.ts and the parts they
 * spread in, ~600 kB of object literals) cost ~0.1 s of CPU at every start when evaluated, yet a
 * process speaks one or two of them. Each is evaluated here, at build time, from the sources, and
 * goes into the bundle as one JSON string with a function that parses it the first time the
 * language is asked for (src/i18n/index.ts takes a catalog or such a function). The texts are the
 * sources' own; the parts' files are added to build.json's sources so that editing one makes the
 * build stale, as any source does.
 */
const LAZY = ['vi', 'zh', 'ru'];
async function lazyCatalogs() {
  const texts = new Map();
  const inputs = new Set();
  for (const lang of LAZY) {
    const r = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [`src/i18n/${lang}.ts`], bundle: true, write: false, format: 'esm', platform: 'node', metafile: true, logLevel: 'warning' });
    const mod = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
    if (!mod[lang] || typeof mod[lang] !== 'object') throw new Error(`src/i18n/${lang}.ts exports no catalog named ${lang}`);
    texts.set(lang, JSON.stringify(mod[lang]));
    for (const f of Object.keys(r.metafile.inputs)) inputs.add(f);
  }
  const plugin = {
    name: 'lazy-catalogs',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]i18n[\\/](vi|zh|ru)\.ts$/ }, (args) => {
        const lang = path.basename(args.path, '.ts');
        return { contents: `let made;\nconst text = ${JSON.stringify(texts.get(lang))};\nexport const ${lang} = () => (made ??= JSON.parse(text));\n`, loader: 'js' };
      });
    },
  };
  return { plugin, inputs };
}

const t0 = performance.now();
const catalogsLazy = await lazyCatalogs();
const tmp = `${DIST}.tmp-${process.pid}`;
fs.rmSync(tmp, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: ROOT,
  // The proof of the balances folds the journal in a worker thread (src/store/balance-proof.ts),
  // which starts dist/proof-worker.js; the store's code it shares with till.js is in a chunk.
  entryPoints: { till: 'src/cli.ts', 'proof-worker': 'src/store/proof-worker.ts' },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  // Minified: V8 parses every loaded file before the first frame, and 3.1 MB of JavaScript became
  // 2.3 MB for the register UI (the parse is about a fifth of its start-up CPU). The linked source
  // maps name the .ts files and lines; error classes set their `name` themselves, so nothing reads
  // a minified function name.
  minifySyntax: true,
  minifyWhitespace: true,
  minifyIdentifiers: true,
  treeShaking: true,
  metafile: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink's React DevTools hook is imported only when DEV=true; it is not a dependency.
  external: [...nativePackages(), 'react-devtools-core'],
  // CommonJS packages inside an ESM bundle call require() for Node's built-ins.
  banner: { js: "import { createRequire as __tillRequire } from 'node:module'; const require = __tillRequire(import.meta.url);" },
  plugins: [yogaWithoutFetch, catalogsLazy.plugin],
  logLevel: 'warning',
});
const sources = [...new Set([...Object.keys(result.metafile.inputs), ...catalogsLazy.inputs])].filter((f) => !f.includes('node_modules/')).sort();
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
