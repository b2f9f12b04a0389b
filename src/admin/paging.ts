/**
 * The one paging style of the back office: `--page N --per-page M` on every list and history
 * (`customer show`, `customer find`, `giftcard show`, `giftcard list`), a footer "page 2 of 7 (...)",
 * and `--json` for a machine-readable answer with the same page fields.
 */
import { TillError } from '../domain/errors.js';
import { pageOf, type Page, type PageRequest } from '../domain/paging.js';
import type { CommandContext } from './command.js';
import { translate } from '../i18n/index.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100_000;

/** The options every paged subcommand takes (spread into its parse options). */
export const PAGE_OPTIONS = { page: { type: 'string' }, 'per-page': { type: 'string' }, json: { type: 'boolean' } } as const;

const usage = (message: string): never => {
  throw new TillError('USAGE', message);
};

/** `--limit` was the old way of some lists; say what replaced it instead of "Unknown option". */
export function refuseLimit(argv: readonly string[], lang = 'en'): void {
  if (argv.some((a) => a === '--limit' || a.startsWith('--limit='))) usage(translate(lang, 'cli.page.limit'));
}

function whole(text: unknown, what: string, max: number, lang: string): number {
  const n = typeof text === 'string' && /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) usage(translate(lang, 'cli.page.whole', { what, max: String(max) }));
  return n;
}

export function pageRequest(values: { page?: unknown; 'per-page'?: unknown }, lang = 'en'): PageRequest {
  return {
    page: values.page === undefined ? 1 : whole(values.page, '--page', 999_999_999, lang),
    perPage: values['per-page'] === undefined ? DEFAULT_PER_PAGE : whole(values['per-page'], '--per-page', MAX_PER_PAGE, lang),
  };
}

/** The page asked for; asking past the last page is a usage error naming how many there are. */
export function pageOrRefuse<T>(all: readonly T[], req: PageRequest, lang = 'en'): Page<T> {
  const p = pageOf(all, req);
  if (!p) return usage(translate(lang, 'cli.page.past', { page: req.page, pages: Math.ceil(all.length / req.perPage), per: req.perPage }));
  return p;
}

/** What a paged list holds, and in which order (the footer's words: en-cli-paging.ts). */
export type PageNoun = 'cards' | 'movements' | 'customers' | 'rows';

/** "page 2 of 7 (movements 21-40 of 134, newest first); next: --page 3"; `order` is already in the output's language. */
export function pageFooter(p: Page<unknown>, noun: PageNoun, order?: string, lang = 'en'): string {
  const range = p.total === 0 ? translate(lang, `cli.page.none.${noun}`) : translate(lang, `cli.page.range.${noun}`, { first: p.first, last: p.last, total: p.total });
  const footer = translate(lang, 'cli.page.footer', { page: p.page, pages: p.pages, range, order: order ? `${translate(lang, 'cli.page.orderSep')}${order}` : '' });
  return `${footer}${p.page < p.pages ? translate(lang, 'cli.page.next', { page: p.page + 1 }) : ''}`;
}

/** A JSON answer: one document, keys in a fixed order, indented for a reader piping it to `head`. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}
