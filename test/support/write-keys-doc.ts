/** Rewrites the generated key table inside docs/keys.md from src/ui/keys/table.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { keyTableMarkdown, KEYS_DOC_END, KEYS_DOC_START } from '../../src/ui/keys/doc.js';

const file = new URL('../../docs/keys.md', import.meta.url);
const doc = readFileSync(file, 'utf8');
const a = doc.indexOf(KEYS_DOC_START);
const b = doc.indexOf(KEYS_DOC_END);
if (a < 0 || b < a) throw new Error('docs/keys.md has no key-table markers');
writeFileSync(file, doc.slice(0, a + KEYS_DOC_START.length) + '\n' + keyTableMarkdown() + '\n' + doc.slice(b));
console.log('docs/keys.md updated');
