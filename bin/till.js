#!/usr/bin/env node
// Entry point of the `till` command. Runs the production build (dist/till.js, `npm run build`) when
// it is there and up to date, the TypeScript sources through tsx's loader otherwise (development).
// "Up to date": no source file that went into the build (listed in dist/build.json) is newer than
// the build, so an edited source never runs as stale bundled code. TILL_SOURCES=1 forces the sources.
import { existsSync, readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function freshBuild() {
  if (process.env.TILL_SOURCES === '1') return false;
  try {
    const manifest = new URL('dist/build.json', root);
    const built = statSync(manifest).mtimeMs;
    const { sources } = JSON.parse(readFileSync(manifest, 'utf8'));
    // A copied install (kiosk) may carry dist/ without src/: then the build is all there is.
    if (!existsSync(new URL('src', root))) return true;
    for (const f of sources) {
      const s = statSync(new URL(f, root), { throwIfNoEntry: false });
      if (!s || s.mtimeMs > built) return false;
    }
    return true;
  } catch {
    return false;
  }
}

let main;
if (freshBuild()) {
  // Source maps turn dist/ positions in a stack trace into .ts files and lines, but switching them on
  // makes Node read and index every loaded file's map at load (~0.1 s of CPU here, more than a Pi
  // can spare before the first frame). Stack traces are printed only with TILL_DEBUG=1, so that is
  // when they are on; `node --enable-source-maps bin/till.js` maps a crash without it.
  if (process.env.TILL_DEBUG) process.setSourceMapsEnabled?.(true);
  ({ main } = await import('../dist/till.js'));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('till: no up-to-date build in dist/ and no tsx to run the sources. Run: npm run build (or npm ci).\n');
    process.exit(1);
  }
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
