import type { Page } from '../models';

/**
 * The three fields of a cursor connection over a page: edges with their
 * cursors, pageInfo pointing after the last one, and the list's total.
 */
export function connectionOf<T>(cursorOf: (item: T) => string) {
  return {
    edges: (page: Page<T>) => page.items.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: (page: Page<T>) => {
      const last = page.items[page.items.length - 1];
      return { hasNextPage: page.hasNextPage, endCursor: last === undefined ? null : cursorOf(last) };
    },
    totalCount: (page: Page<T>) => page.totalCount,
  };
}

/** Money from a stored DECIMAL string and its currency. */
export const money = (amount: string, currency: string) => ({ amount, currency });
