/**
 * The one paging style of the back office: `--page N --per-page M` on every list and history
 * (`customer show`, `customer find`, `giftcard show`, `giftcard list`), a footer "page 2 of 7 (...)",
 * and `--json` for a machine-readable answer with the same page fields.
 */
import { TillError } from '../domain/errors.js';
import { pageOf, type Page, type PageRequest } from '../domain/paging.js';
import type { CommandContext } from './command.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100_000;

/** The options every paged subcommand takes (spread into its parse options). */
export const PAGE_OPTIONS = { page: { type: 'string' }, 'per-page': { type: 'string' }, json: { type: 'boolean' } } as const;

const usage = (message: string): never => {
  throw new TillError('USAGE', message);
};

/** `--limit` was the old way of some lists; say what replaced it instead of "Unknown option". */
export function refuseLimit(argv: readonly string[]): void {
  if (argv.some((a) => a === '--limit' || a.startsWith('--limit='))) usage('--limit is replaced by --page N --per-page M (the same on every list)');
}

function whole(text: unknown, what: string, max: number): number {
  const n = typeof text === 'string' && /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) usage(`${what} must be a whole number from 1 to ${max}`);
  return n;
}

export function pageRequest(values: { page?: unknown; 'per-page'?: unknown }): PageRequest {
  return {
    page: values.page === undefined ? 1 : whole(values.page, '--page', 999_999_999),
    perPage: values['per-page'] === undefined ? DEFAULT_PER_PAGE : whole(values['per-page'], '--per-page', MAX_PER_PAGE),
  };
}

/** The page asked for; asking past the last page is a usage error naming how many there are. */
export function pageOrRefuse<T>(all: readonly T[], req: PageRequest): Page<T> {
  const p = pageOf(all, req);
  if (!p) return usage(`--page ${req.page}: there ${Math.ceil(all.length / req.perPage) === 1 ? 'is 1 page' : `are ${Math.ceil(all.length / req.perPage)} pages`} of ${req.perPage}`);
  return p;
}

/** "page 2 of 7 (movements 21-40 of 134, newest first); next: --page 3" */
export function pageFooter(p: Page<unknown>, noun: string, order?: string): string {
  const range = p.total === 0 ? `no ${noun}` : `${noun} ${p.first}-${p.last} of ${p.total}`;
  return `page ${p.page} of ${p.pages} (${range}${order ? `, ${order}` : ''})${p.page < p.pages ? `; next: --page ${p.page + 1}` : ''}`;
}

/** A JSON answer: one document, keys in a fixed order, indented for a reader piping it to `head`. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}
