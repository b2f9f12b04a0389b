/**
 * The key table as Markdown, for docs/keys.md (a test keeps the document and the table in step;
 * regenerate with `node --import tsx test/support/write-keys-doc.ts`).
 */
import { t } from '../../i18n/index.js';
import { KEY_TABLE, SCREENS, keysLabel } from './table.js';

export function keyTableMarkdown(): string {
  const rows = KEY_TABLE.map((b) => {
    const screens = b.screens.length === SCREENS.length ? t('ui.screen.all') : b.screens.map((s) => t(`ui.screen.${s}`)).join(', ');
    const keys = keysLabel(b)
      .split(' / ')
      .map((k) => `\`${k.replace('|', '\\|')}\``)
      .join(' / ');
    return `| ${keys} | ${t(b.label).replace(/\|/g, '\\|')} | ${screens} |`;
  });
  return ['| Keys | What it does | Screens |', '| --- | --- | --- |', ...rows].join('\n');
}

export const KEYS_DOC_START = '<!-- key-table:start (generated from src/ui/keys/table.ts) -->';
export const KEYS_DOC_END = '<!-- key-table:end -->';
