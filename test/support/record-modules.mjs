// `node --import ./test/support/record-modules.mjs ...`: appends the URL of every module the process
// resolves to the file named by TILL_MODULE_LOG (used by test/e2e/no-ink.e2e.test.ts).
import { register } from 'node:module';

register('./record-modules-hooks.mjs', import.meta.url, { data: { file: process.env.TILL_MODULE_LOG } });
