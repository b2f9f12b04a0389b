/**
 * The words of a product import's findings in a language: the domain gives a code and its values
 * (src/domain/catalog-import.ts), the catalogs the sentence (`cli.import.reason.<CODE>`,
 * `cli.import.fatal.<CODE>`).
 */
import type { ImportFatal, ImportRejection } from '../domain/catalog-import.js';
import { translate } from './index.js';

export const importReasonText = (r: Pick<ImportRejection, 'code' | 'params'>, lang = 'en'): string => translate(lang, `cli.import.reason.${r.code}`, r.params);

export const importFatalText = (f: ImportFatal, lang = 'en'): string => translate(lang, `cli.import.fatal.${f.code}`, f.params);
