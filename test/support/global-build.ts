/**
 * vitest global setup: builds dist/ once before the tests, so every test that starts `till` as a
 * process (e2e, crash) runs the production bundle, the code a kiosk runs, built from the sources
 * under test. In-process tests import the sources. See docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build', 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
