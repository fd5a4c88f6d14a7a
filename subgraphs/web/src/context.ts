import DataLoader from 'dataloader';
import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput, fromSource } from '@c360/kit/errors';
import { groupedLoader, keyedLoader } from '@c360/kit/loaders';
import type { WebSessionConnectionModel } from './models';
import {
  SYSTEM,
  type AnalyticsWarehouse,
  type EventRow,
  type SessionRow,
  type SessionPageRow,
} from './sources/analytics-warehouse';

/** One page of one customer's sessions: the customer is the set of their cookies. */
export interface SessionsPageKey {
  cookies: readonly string[];
  first: number;
  after: string | null;
}

export interface WebContext {
  loaders: {
    /** Sessions by id (Query.webSession, WebSession references). */
    sessions: DataLoader<string, SessionRow | null>;
    /** One page of sessions per customer; all customers asking for the same page go in one query. */
    sessionPages: DataLoader<SessionsPageKey, WebSessionConnectionModel, string>;
    /** The events of a session (pages, ad clicks, cart events): one query for every session of a request. */
    sessionEvents: DataLoader<string, EventRow[]>;
    /** Cart changes and checkouts by cookie, the material of abandoned carts. */
    cartEvents: DataLoader<string, EventRow[]>;
  };
}

/** A position in a list ordered by time then id, newest first: the item's time and id. */
export const encodeTimeCursor = (at: Date, id: string) => packCursor([at.toISOString(), id]);

/** Where a page starts: strictly after the item at this time with this id, in newest-first order. */
export interface TimeCursor {
  at: string;
  id: string;
}

/** Reads a cursor made by encodeTimeCursor; anything else is the caller's mistake, named as `after`. */
export function decodeTimeCursor(cursor: string, what: string): TimeCursor {
  const [at, id] = unpackCursor(cursor) ?? [];
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
    throw badUserInput(`Invalid after: expected a ${what} cursor (pageInfo.endCursor), received "${cursor}"`, 'after');
  }
  return { at, id };
}

/** Checks a page size argument; the default applies when the client gave none. */
export function pageSize(first: number | null | undefined, fallback = 10): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
  }
  return size;
}

export function createContext(db: AnalyticsWarehouse): WebContext {
  return {
    loaders: {
      sessions: keyedLoader(
        (ids) => fromSource(SYSTEM, () => db.sessionsByIds(ids)),
        (row) => row.domain_sessionid,
      ),
      sessionPages: new DataLoader<SessionsPageKey, WebSessionConnectionModel, string>(
        (keys) => loadSessionPages(db, keys),
        { cacheKeyFn: pageKey },
      ),
      sessionEvents: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.eventsBySessions(ids)),
        (row) => row.domain_sessionid,
      ),
      cartEvents: groupedLoader(
        (cookies) => fromSource(SYSTEM, () => db.cartEventsByCookies(cookies)),
        (row) => row.domain_userid,
      ),
    },
  };
}

/**
 * Pages of sessions for many customers. Keys are grouped by `after` only: the
 * planner sends every customer of a request with the same arguments, and
 * `webSessions(first: n)` and `lastWebSession` (a first page of one) share one
 * query that fetches the larger page, each key keeping its own size. So a
 * request costs one query per distinct cursor, normally exactly one.
 */
async function loadSessionPages(
  db: AnalyticsWarehouse,
  keys: readonly SessionsPageKey[],
): Promise<WebSessionConnectionModel[]> {
  const groups = new Map<string, SessionsPageKey[]>();
  for (const key of keys) {
    const group = groups.get(key.after ?? '');
    if (group) group.push(key);
    else groups.set(key.after ?? '', [key]);
  }
  const pages = new Map<string, WebSessionConnectionModel>();
  await Promise.all(
    [...groups.entries()].map(async ([after, group]) => {
      // One owner per distinct set of cookies, however many keys ask for it.
      const owners = [...new Set(group.map(ownerKey))];
      const first = Math.max(...group.map((k) => k.first));
      const cursor = after ? decodeTimeCursor(after, 'web sessions') : null;
      const rows = await fromSource(SYSTEM, () =>
        db.sessionPages(
          owners.map((o) => JSON.parse(o) as string[]),
          first,
          cursor && { startedAt: cursor.at, sessionId: cursor.id },
        ),
      );
      const byOwner = new Map<number, SessionPageRow[]>();
      for (const row of rows) {
        const own = byOwner.get(row.owner);
        if (own) own.push(row);
        else byOwner.set(row.owner, [row]);
      }
      for (const key of group) {
        const own = byOwner.get(owners.indexOf(ownerKey(key))) ?? [];
        // An owner without sessions comes back as one row with its total and no session.
        const sessions = own.filter((r) => r.domain_sessionid !== null);
        pages.set(pageKey(key), {
          sessions: sessions.slice(0, key.first),
          hasNextPage: sessions.length > key.first,
          totalCount: Number(own[0]?.total_count ?? 0),
        });
      }
    }),
  );
  return keys.map((key) => pages.get(pageKey(key))!);
}

function ownerKey(key: SessionsPageKey): string {
  return JSON.stringify([...new Set(key.cookies)].sort());
}

function pageKey(key: SessionsPageKey): string {
  return JSON.stringify([ownerKey(key), key.first, key.after]);
}
