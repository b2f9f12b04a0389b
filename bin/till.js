#!/usr/bin/env node
// Entry point of the `till` command. Runs the TypeScript sources through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
