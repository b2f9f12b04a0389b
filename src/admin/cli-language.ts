/**
 * The language of the back office's output (issue 13): `--lang` on the command line, else
 * `TILL_LANG`, else the language of the store in the data folder (its configuration's `language`, the
 * shop's), else English. The store's file is read without validating it: a broken configuration is
 * the command's to report, in English if need be — choosing a language never fails a command.
 */
import { TillError } from '../domain/errors.js';
import { isLanguage, LANGUAGES, type Language } from '../i18n/languages.js';
import { translate } from '../i18n/index.js';
import { configuredLanguage } from '../store/config-file.js';

/** The store's own language, when its configuration names one of the register's. */
function storeLanguage(dataDir: string): Language | undefined {
  const lang = configuredLanguage(dataDir);
  return isLanguage(lang) ? lang : undefined;
}

export function cliLanguage(opts: { flag?: string; env?: string; dataDir?: string }): Language {
  if (opts.flag !== undefined) {
    if (!isLanguage(opts.flag)) throw new TillError('USAGE', translate('en', 'cli.badLang', { languages: LANGUAGES.join(', '), value: opts.flag }), { languages: LANGUAGES.join(', '), value: opts.flag });
    return opts.flag;
  }
  if (isLanguage(opts.env)) return opts.env;
  return (opts.dataDir && storeLanguage(opts.dataDir)) || 'en';
}

/**
 * Takes a global `--lang X` / `--lang=X` out of argv: only BEFORE the command's name, since after it
 * `--lang` is the command's own option (`till demo --lang vi`: the demo's language; `till operator
 * add --lang ru`: the operator's). Undefined when absent.
 */
export function extractLang(argv: string[]): { lang?: string; rest: string[] } {
  const rest: string[] = [];
  let lang: string | undefined;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') {
      if (i + 1 >= argv.length) throw new TillError('USAGE', '--lang needs a language');
      lang = argv[++i];
    } else if (a.startsWith('--lang=')) lang = a.slice(7);
    else if (!a.startsWith('-')) break;
    else rest.push(a);
  }
  return { lang, rest: [...rest, ...argv.slice(i)] };
}

/** The commands whose own `--lang` (the screen's language of the run) also speaks for their output. */
export const OWN_LANG: ReadonlySet<string> = new Set(['start', 'demo']);
