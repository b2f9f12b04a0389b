// The proof worker (proof-worker.ts) started from the sources (development, tests): a worker thread
// does not inherit the TypeScript loader the main thread registered (bin/till.js, vitest), so this
// plain-JS entry registers tsx in the worker first. The production bundle starts dist/proof-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./proof-worker.ts');
