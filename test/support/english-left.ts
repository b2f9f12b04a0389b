/**
 * "No English words left" in a translated output, robustly: the words of the same command's English
 * output (three letters or more, whole words in any script) that reappear in the translation, less
 * the words that are the same in every language — commands, options, codes, file and product names —
 * which the caller lists or which are written as such (--option, till.config.json, CODE_NAMES).
 */
const WORD = /\p{L}(?:[\p{L}_'’-]*[\p{L}_])?/gu;

/** Technical words every language keeps as they are (what one types, or the name of a thing). */
export const TECHNICAL = new Set([
  'till', 'json', 'csv', 'utf', 'sha256', 'postgres', 'postgresql', 'pgpass', 'pgpassword', 'createdb', 'sslmode', 'tls', 'usd', 'vnd', 'cny', 'rub', 'ean', 'upc',
  'sku', 'barcode', 'name', 'price', 'category', 'tax_class', 'sold_by', 'localhost', 'yyyy-mm-dd', 'hh', 'mm', 'stdin', 'stdout',
]);

const words = (text: string): string[] => (text.match(WORD) ?? []).map((w) => w.toLowerCase()).filter((w) => w.length >= 3);

/**
 * The English words of `english` still in `translated`: none, when translated. Commands (`till giftcard
 * show`), `--options`, `ERROR_CODES`, paths and file names are skipped in both.
 */
export function englishLeft(english: string, translated: string, allow: readonly string[] = []): string[] {
  const strip = (t: string) =>
    t
      .replace(/\btill(?: [a-z][a-z-]*){0,3}/g, ' ')
      .replace(/(^|[\s[(|'"`（“«])--?[a-z][a-z-]*/gm, '$1 ')
      .replace(/\b[A-Z][A-Z0-9_]{1,}\b/g, ' ')
      .replace(/[^\s,;:()（）"“”«»]*\/[^\s,;:()（）"“”«»]*/g, ' ')
      .replace(/\b[A-Za-z_]+(?:\.[A-Za-z_]+)+\b/g, ' ')
      .replace(/\S+\.(?:json|csv|md|jsonl)\b/g, ' ')
      .replace(/postgres:\/\/\S+/g, ' ')
      // A UUID (a store's or a ledger's id) is no English, whatever letters its hex happens to spell.
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' ');
  const en = new Set(words(strip(english)));
  const skip = new Set([...TECHNICAL, ...allow.map((w) => w.toLowerCase())]);
  return [...new Set(words(strip(translated)).filter((w) => en.has(w) && !skip.has(w)))];
}
