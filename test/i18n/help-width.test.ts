/**
 * The help screen (F1) at 80 columns: the keys take up to 22 columns and each key's text the other
 * 58 in one row, cut with "…" past them. English fits; the tmux drive of issue 13 found Russian and
 * Vietnamese texts cut ("Добавить введённый или отсканированный код (после оплаты,…"). Every
 * language's text of every key fits its row.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, translate } from '../../src/i18n/index.js';
import { KEY_TABLE } from '../../src/ui/keys/table.js';
import { width } from '../../src/ui/text.js';

const LABEL_COLUMNS = 80 - 22;

describe.each(LANGUAGES)('%s', (lang) => {
  it(`every key's help text fits the ${LABEL_COLUMNS} columns beside the keys at 80 columns`, () => {
    const long = [...new Set(KEY_TABLE.map((b) => b.label))].map((k) => translate(lang, k)).filter((s) => width(s) > LABEL_COLUMNS);
    expect(long).toEqual([]);
  });
});
