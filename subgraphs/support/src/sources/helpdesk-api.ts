import {
  RESTDataSource,
  type AugmentedRequest,
  type DataSourceConfig,
  type DataSourceFetchResult,
} from '@apollo/datasource-rest';
import type { Cache } from '@c360/kit/cache';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '@c360/kit/feed';

export const SYSTEM = 'support';

type FetcherResponse = DataSourceFetchResult<unknown>['response'];

/**
 * The help desk's REST API (Zendesk Support API v2 shapes): the fields of its
 * users and tickets that this subgraph reads.
 */
export interface HelpdeskUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: string;
  time_zone: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
}

export interface HelpdeskTicket {
  id: number;
  subject: string | null;
  status: string;
  type: string | null;
  priority: string | null;
  via: { channel: string } | null;
  requester_id: number;
  tags: string[];
  satisfaction_rating: { score: string; comment?: string | null } | null;
  created_at: string;
  updated_at: string;
  /** Sideload `metric_sets`. */
  metric_set?: { solved_at: string | null; replies: number } | null;
  /** Sideload `comment_count`. */
  comment_count?: number;
}

/** Cursor-paginated lists (`page[size]`/`page[after]`). */
interface CursorPage {
  meta: { has_more: boolean; after_cursor: string | null };
  links: { next: string | null };
}

interface IncrementalUsersPage {
  users: HelpdeskUser[];
  after_cursor: string | null;
  end_of_stream: boolean;
}

/** A non-2xx answer of the help desk, with what a caller needs to react to it. */
export class HelpdeskResponseError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | null,
    detail: string,
  ) {
    super(`the help desk answered ${status}${detail ? ` (${detail})` : ''}`);
    this.name = 'HelpdeskResponseError';
  }
}

/** The tag of every cached help-desk answer. */
export const HELPDESK_CACHE_TAG = 'support:helpdesk';

/** Ids `show_many` takes at once (the help desk's limit). */
const SHOW_MANY_MAX = 100;
/** Requesters per search query: keeps the URL a few kilobytes long. */
const REQUESTERS_PER_SEARCH = 200;
/** The search export's largest page. */
const EXPORT_PAGE_SIZE = 1000;
/** Sideloads asked with every ticket read: solved time and comment count live there. */
const TICKET_SIDELOADS = 'metric_sets,comment_count';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sorted, so that the same set of ids always makes the same URL (and hits the HTTP cache). */
const sortedIds = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

/**
 * One request's view of the help desk: a RESTDataSource, so one instance per
 * GraphQL request (its deduplication of identical GETs lasts that request),
 * over an HTTP cache shared by all requests and the client's counting fetch.
 */
export class HelpdeskApi extends RESTDataSource {
  constructor(
    baseURL: string,
    private readonly token: string,
    private readonly timeoutMs: number,
    config: DataSourceConfig,
  ) {
    super(config);
    // A trailing slash keeps a path prefix of the base URL when relative paths resolve against it.
    this.baseURL = baseURL.endsWith('/') ? baseURL : `${baseURL}/`;
  }

  protected override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers.authorization = `Bearer ${this.token}`;
    request.headers.accept = 'application/json';
    // Each HTTP call has its own budget; the help desk's fetch aborts when it runs out.
    request.signal = AbortSignal.timeout(this.timeoutMs);
    // Our cache serves this subgraph's token only: a private cache, so `Cache-Control: private` answers are kept.
    request.httpCacheSemanticsCachePolicyOptions = { shared: false };
  }

  protected override async throwIfResponseIsError(options: {
    response: FetcherResponse;
    parsedBody: unknown;
  }): Promise<void> {
    const { response, parsedBody } = options;
    if (response.ok) return;
    const retryAfter = Number(response.headers.get('retry-after'));
    const body = parsedBody as { error?: unknown; description?: unknown } | string | null;
    const detail =
      typeof body === 'object' && body
        ? [body.error, body.description].filter((v) => typeof v === 'string').join(': ')
        : String(body ?? '').slice(0, 200);
    throw new HelpdeskResponseError(
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      detail,
    );
  }

  async me(): Promise<void> {
    await this.get('api/v2/users/me.json', { skipCache: true });
  }

  async usersByIds(ids: readonly number[]): Promise<HelpdeskUser[]> {
    const pages = await Promise.all(
      chunks(sortedIds(ids), SHOW_MANY_MAX).map((chunk) =>
        this.get<{ users: HelpdeskUser[] }>('api/v2/users/show_many.json', { params: { ids: chunk.join(',') } }),
      ),
    );
    return pages.flatMap((page) => page.users);
  }

  async ticketsByIds(ids: readonly number[]): Promise<HelpdeskTicket[]> {
    const pages = await Promise.all(
      chunks(sortedIds(ids), SHOW_MANY_MAX).map((chunk) =>
        this.get<{ tickets: HelpdeskTicket[] }>('api/v2/tickets/show_many.json', {
          params: { ids: chunk.join(','), include: TICKET_SIDELOADS },
        }),
      ),
    );
    return pages.flatMap((page) => page.tickets);
  }

  /**
   * Every ticket requested by any of the users, through the search export
   * (`type:ticket requester:1 requester:2 …`, repeated keywords match any of
   * their values): one request for up to 1000 tickets of 200 users, where the
   * per-user endpoint (`/users/{id}/tickets/requested.json`) would take one
   * request per user. Further pages only when the users have more tickets.
   */
  async ticketsByRequesters(userIds: readonly number[]): Promise<HelpdeskTicket[]> {
    const groups = await Promise.all(
      chunks(sortedIds(userIds), REQUESTERS_PER_SEARCH).map(async (chunk) => {
        const tickets: HelpdeskTicket[] = [];
        let after: string | undefined;
        for (;;) {
          const page: CursorPage & { results: HelpdeskTicket[] } = await this.get('api/v2/search/export.json', {
            params: {
              query: ['type:ticket', ...chunk.map((id) => `requester:${id}`)].join(' '),
              'filter[type]': 'ticket',
              'page[size]': String(EXPORT_PAGE_SIZE),
              'page[after]': after,
              include: `tickets(${TICKET_SIDELOADS})`,
            },
          });
          tickets.push(...page.results);
          if (!page.meta.has_more || !page.meta.after_cursor) return tickets;
          after = page.meta.after_cursor;
        }
      }),
    );
    return groups.flat();
  }

  /** Permanently deletes an end user and their tickets; false when the help desk does not hold them (404). */
  async deleteUser(id: number): Promise<boolean> {
    try {
      await this.delete(`api/v2/users/${id}.json`);
      return true;
    } catch (err) {
      if (err instanceof HelpdeskResponseError && err.status === 404) return false;
      throw err;
    }
  }

  /** One page of the incremental user export, from a start time (Unix seconds) or a cursor. */
  incrementalUsers(from: { startTime: number } | { cursor: string }, perPage: number): Promise<IncrementalUsersPage> {
    return this.get('api/v2/incremental/users/cursor.json', {
      params: {
        ...('cursor' in from ? { cursor: from.cursor } : { start_time: String(from.startTime) }),
        per_page: String(perPage),
      },
      // A watermark-driven read: always ask the help desk, never a cached page.
      skipCache: true,
    });
  }
}

export interface HelpdeskClientOptions {
  /** Base URL of the help desk, e.g. https://acme.zendesk.com or the simulator's URL. */
  baseUrl: string;
  /** API token, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Budget of one HTTP call to the help desk. */
  timeoutMs: number;
  /** Where help-desk answers are cached between requests (the help desk says how long, with Cache-Control). */
  cache: Cache;
}

/**
 * The help desk as this subgraph sees it: the only code that talks to it.
 * Long-lived; `api()` gives the per-request data source.
 */
export class HelpdeskClient {
  /** HTTP requests actually sent to the help desk (cache hits excluded, revalidations included). */
  readonly stats = { queries: 0 };
  private readonly config: DataSourceConfig;

  constructor(private readonly options: HelpdeskClientOptions) {
    const { cache, timeoutMs, baseUrl } = options;
    this.config = {
      cache: {
        get: (key) => cache.get(key),
        // RESTDataSource always gives a TTL for what it stores; an hour bounds anything that slips through.
        // Every entry carries one tag, so that an erasure can drop every answer that may name the person.
        set: async (key, value, opts) => {
          await cache.set(key, value, opts?.ttl ?? 3600);
          await cache.tag?.([HELPDESK_CACHE_TAG], key, opts?.ttl ?? 3600);
        },
        delete: (key) => cache.delete([key]),
      },
      fetch: async (url, init) => {
        this.stats.queries += 1;
        const headers = { ...init?.headers };
        // A revalidation (If-None-Match) asks with max-age=0: left alone, Node's fetch would add
        // `Cache-Control: no-cache`, which tells the server to ignore the ETag and resend the whole body.
        if (headers['if-none-match'] && !headers['cache-control']) headers['cache-control'] = 'max-age=0';
        try {
          return (await fetch(url, { ...init, headers } as RequestInit)) as unknown as FetcherResponse;
        } catch (err) {
          throw unreachable(err, baseUrl, timeoutMs);
        }
      },
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    };
  }

  /** A data source for one GraphQL request. */
  api(): HelpdeskApi {
    return new HelpdeskApi(this.options.baseUrl, this.options.token, this.options.timeoutMs, this.config);
  }

  async ping(): Promise<void> {
    await this.api().me();
  }

  /**
   * End users changed after the watermark, oldest change first, from the
   * incremental user export. The export starts at a second (start_time) and
   * its cursors are its own, so the read starts at the watermark's second and
   * skips what is not strictly after it. Agents and admins are staff, not
   * customers: they are left out.
   */
  async feed(after: FeedPosition | null, limit: number) {
    const api = this.api();
    const afterMs = after ? Date.parse(after.updatedAt) : -Infinity;
    const afterId = after ? Number(after.localId) : -Infinity;
    const users: HelpdeskUser[] = [];
    let from: { startTime: number } | { cursor: string } = {
      startTime: Number.isFinite(afterMs) ? Math.floor(afterMs / 1000) : 0,
    };
    for (;;) {
      const page = await api.incrementalUsers(from, Math.min(1000, limit));
      for (const user of page.users) {
        const changed = Date.parse(user.updated_at);
        const isAfter = changed > afterMs || (changed === afterMs && user.id > afterId);
        if (isAfter && user.role === 'end-user') users.push(user);
      }
      if (users.length >= limit || page.end_of_stream || !page.after_cursor) break;
      from = { cursor: page.after_cursor };
    }
    const kept = users.slice(0, limit);
    const records: ObservedRecord[] = kept.map((user) => ({
      system: SYSTEM,
      localId: String(user.id),
      observedAt: new Date(user.updated_at).toISOString(),
      name: personName(user.name),
      // The help desk holds one name field: matched word by word (full_name), in any order.
      match: { fullName: personName(user.name), country: regionOf(user) },
      identifiers: identifiersOf(user),
    }));
    const positions = kept.map((user) => ({
      updatedAt: new Date(user.updated_at).toISOString(),
      localId: String(user.id),
    }));
    return { records, positions };
  }

  /**
   * Right to erasure of help-desk end users (the records of this source):
   * each is permanently deleted with their tickets, one call per user (the
   * help desk has no bulk deletion). Users it does not hold are nothing to do.
   * Then every cached help-desk answer is dropped (they are keyed by URL,
   * not by person).
   */
  async erase(localIds: string[]): Promise<number> {
    const api = this.api();
    const ids = localIds.filter((id) => /^\d+$/.test(id)).map(Number);
    let erased = 0;
    for (const id of ids) if (await api.deleteUser(id)) erased += 1;
    // Cached answers are keyed by URL (ids, searches), not by person: drop them all. Erasures are rare.
    await this.options.cache.invalidateTags?.([HELPDESK_CACHE_TAG]);
    return erased;
  }

  async close(): Promise<void> {}
}

function unreachable(err: unknown, baseUrl: string, timeoutMs: number): Error {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new Error(`the help desk at ${baseUrl} did not answer within ${timeoutMs} ms`);
  }
  const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new Error(`cannot reach the help desk at ${baseUrl}: ${why}`);
}

/**
 * The help desk names people it cannot name itself: callers after their
 * number, chat visitors after a number. Those are not names and must not feed
 * name matching.
 */
export function personName(name: string | null): string | null {
  const trimmed = name?.trim();
  if (!trimmed || /^(Caller|Visitor)\b/i.test(trimmed)) return null;
  return trimmed;
}

/** The help desk's time-zone names of the countries the demo serves, and a few more. */
const TIME_ZONE_COUNTRY: Record<string, string> = {
  Paris: 'FR',
  London: 'GB',
  Edinburgh: 'GB',
  Berlin: 'DE',
  Madrid: 'ES',
  Brussels: 'BE',
  Amsterdam: 'NL',
  Rome: 'IT',
  Lisbon: 'PT',
  Dublin: 'IE',
  Bern: 'CH',
  Vienna: 'AT',
  'Eastern Time (US & Canada)': 'US',
  'Central Time (US & Canada)': 'US',
  'Mountain Time (US & Canada)': 'US',
  'Pacific Time (US & Canada)': 'US',
};

/** The user's country as far as the help desk tells: its time zone, else the country part of its locale. */
export function regionOf(user: Pick<HelpdeskUser, 'time_zone' | 'locale'>): string | null {
  const fromZone = user.time_zone ? TIME_ZONE_COUNTRY[user.time_zone] : undefined;
  if (fromZone) return fromZone;
  const match = /^[a-z]{2}-([A-Za-z]{2})$/.exec(user.locale ?? '');
  return match ? match[1]!.toUpperCase() : null;
}

function identifiersOf(user: HelpdeskUser): ObservedIdentifier[] {
  const ids: ObservedIdentifier[] = [];
  if (user.email?.trim()) ids.push({ kind: 'EMAIL', value: user.email });
  if (user.phone?.trim()) ids.push({ kind: 'PHONE', value: user.phone, region: regionOf(user) });
  return ids;
}
