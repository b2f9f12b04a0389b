/**
 * One page of an ordered list, for every paged back-office view (histories, lists): pages count from
 * 1, an empty list is one empty page, and `first`/`last` are 1-based positions in the whole list
 * (0 when the page is empty).
 */
export interface PageRequest {
  page: number;
  perPage: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  pages: number;
  total: number;
  first: number;
  last: number;
}

/** The page asked for, or null when the list has fewer pages than `req.page`. */
export function pageOf<T>(all: readonly T[], req: PageRequest): Page<T> | null {
  const pages = Math.max(1, Math.ceil(all.length / req.perPage));
  if (req.page > pages) return null;
  const start = (req.page - 1) * req.perPage;
  const items = all.slice(start, start + req.perPage);
  return { items, page: req.page, perPage: req.perPage, pages, total: all.length, first: items.length ? start + 1 : 0, last: start + items.length };
}

/** The page fields of a JSON answer, the same in every command. */
export const pageFields = (p: Page<unknown>): { page: number; perPage: number; pages: number; total: number } => ({ page: p.page, perPage: p.perPage, pages: p.pages, total: p.total });
