/**
 * A small stand-in for the help desk (a third-party SaaS we cannot run here):
 * an HTTP server answering a subset of Zendesk's Support API v2 with the same
 * paths, parameters, JSON shapes, errors and headers, over the records of a
 * JSON data file written by the demo seed. See README.md beside this file for
 * what it serves and where it departs from the real API.
 *
 * Demo code: the product reads it through HELPDESK_URL exactly as it would
 * read a real help desk.
 */
import express from 'express';
import { listen } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { readHelpdeskDataFile, writeHelpdeskDataFile } from './data-file';
import type { HelpdeskData, HelpdeskTicket, HelpdeskTicketMetric, HelpdeskUser } from './types';

export interface HelpdeskSimulatorOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** JSON data file (relative paths from the repository root); a missing file serves an empty help desk. */
  dataFile?: string;
  /** The records to serve, instead of a file (tests). */
  data?: HelpdeskData;
  /** The API token clients must send as `Authorization: Bearer <token>`. */
  token: string;
  /** Delay before every answer, to play a slow network or service. @default 0 */
  latencyMs?: number;
  /** Requests per token per minute before answering 429 (Zendesk's plans allow 200 to 2500). @default 700 */
  rateLimitPerMinute?: number;
  /** `max-age` of successful answers: how long clients may reuse them without asking. @default 5 */
  maxAgeSeconds?: number;
  logger?: Logger;
}

export interface HelpdeskSimulator {
  /** Base URL of the API, e.g. http://127.0.0.1:4090 (paths start with /api/v2). */
  readonly url: string;
  readonly port: number;
  /** API requests received so far (any answer, 304 and errors included). */
  readonly requestsReceived: number;
  /** Answers that were 304 Not Modified (a client revalidated a cached answer with its ETag). */
  readonly notModifiedSent: number;
  /** Plays an outage: every request is answered 503 until called with false. */
  setDown(down: boolean): void;
  /** Changes the delay before every answer. */
  setLatency(ms: number): void;
  /** Replaces the records served (or re-reads the data file when called without data). */
  reload(data?: HelpdeskData): void;
  stop(): Promise<void>;
}

const EMPTY: HelpdeskData = { users: [], tickets: [], ticket_metrics: [], comment_counts: {} };

/** Most ids `show_many` takes at once, as on Zendesk. */
const SHOW_MANY_MAX = 100;

function readDataFile(file: string, logger?: Logger): HelpdeskData {
  const data = readHelpdeskDataFile(file);
  if (data) return data;
  logger?.warn({ file }, 'help-desk simulator: no data file, serving an empty help desk (run the demo seed)');
  return EMPTY;
}

/** The records with the indexes the endpoints need. */
class Store {
  readonly users = new Map<number, HelpdeskUser>();
  readonly tickets = new Map<number, HelpdeskTicket>();
  readonly ticketsByRequester = new Map<number, HelpdeskTicket[]>();
  /** Users in incremental-export order: (updated_at, id). */
  readonly usersByChange: HelpdeskUser[];
  /** Tickets by id, the order of the search export. */
  readonly ticketsById: HelpdeskTicket[];
  private readonly metrics = new Map<number, HelpdeskTicketMetric>();

  constructor(readonly data: HelpdeskData) {
    for (const user of data.users) this.users.set(user.id, user);
    for (const ticket of data.tickets) {
      this.tickets.set(ticket.id, ticket);
      const own = this.ticketsByRequester.get(ticket.requester_id) ?? [];
      own.push(ticket);
      this.ticketsByRequester.set(ticket.requester_id, own);
    }
    this.usersByChange = [...data.users].sort((a, b) => compareIso(a.updated_at, b.updated_at) || a.id - b.id);
    this.ticketsById = [...data.tickets].sort((a, b) => a.id - b.id);
    for (const metric of data.ticket_metrics) this.metrics.set(metric.ticket_id, metric);
  }

  metricOf(ticketId: number): HelpdeskTicketMetric | undefined {
    return this.metrics.get(ticketId);
  }
}

const compareIso = (a: string, b: string) => Date.parse(a) - Date.parse(b);

/** An API error with Zendesk's JSON envelope (`error`, `description`). */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(description ?? error);
  }
}

const notFound = () => new ApiError(404, 'RecordNotFound', 'Not found');
const invalid = (description: string) => new ApiError(400, 'InvalidValue', description);

/** A query parameter as one string (the simple parser gives arrays for repeated names). */
function param(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function intParam(req: express.Request, name: string, fallback: number, min: number, max: number): number {
  const raw = param(req, name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be an integer from ${min} to ${max}, received "${raw}"`);
  }
  return value;
}

function idsParam(req: express.Request, max: number): number[] {
  const raw = param(req, 'ids');
  if (!raw) throw invalid('ids is required: a comma-separated list of ids');
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.some((id) => !/^\d+$/.test(id))) throw invalid(`ids must be comma-separated integers, received "${raw}"`);
  if (ids.length > max) throw invalid(`ids takes at most ${max} ids, received ${ids.length}`);
  return ids.map(Number);
}

/** Sideloads named in `include`, in Zendesk's plain (`a,b`) or search (`tickets(a,b)`) form. */
function includes(req: express.Request): Set<string> {
  const raw = param(req, 'include') ?? '';
  return new Set(
    raw
      .replace(/^tickets\((.*)\)$/, '$1')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

const encodeCursor = (position: unknown[]) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decodeCursor(name: string, cursor: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) return parsed;
  } catch {}
  throw invalid(`${name} is not a cursor returned by this API: "${cursor}"`);
}

/** Sorts of the cursor-paginated ticket lists (`sort=-created_at` is newest first). */
const TICKET_SORTS = ['id', 'created_at', 'updated_at'] as const;
type TicketSortField = (typeof TICKET_SORTS)[number];

function ticketSort(req: express.Request): { field: TicketSortField; descending: boolean } {
  const raw = param(req, 'sort') ?? 'id';
  const field = raw.replace(/^-/, '') as TicketSortField;
  if (!TICKET_SORTS.includes(field)) {
    throw invalid(`sort must be one of ${TICKET_SORTS.flatMap((s) => [s, `-${s}`]).join(', ')}, received "${raw}"`);
  }
  return { field, descending: raw.startsWith('-') };
}

const sortValue = (t: HelpdeskTicket, field: TicketSortField): number => (field === 'id' ? t.id : Date.parse(t[field]));

/**
 * One page of a cursor-paginated list (`page[size]`, `page[after]`), with the
 * `meta` and `links` members of Zendesk's cursor pagination. Items must be in
 * the order that `position` describes, ascending.
 */
function cursorPage<T>(
  req: express.Request,
  base: string,
  items: readonly T[],
  position: (item: T) => number[],
  defaultSize: number,
  maxSize: number,
) {
  const size = intParam(req, 'page[size]', defaultSize, 1, maxSize);
  const afterRaw = param(req, 'page[after]');
  let start = 0;
  if (afterRaw) {
    const after = decodeCursor('page[after]', afterRaw) as number[];
    start = items.findIndex((item) => comparePositions(position(item), after) > 0);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + size);
  const hasMore = start + size < items.length;
  const first = page[0];
  const last = page[page.length - 1];
  const link = (name: 'after' | 'before', cursor: string) => {
    const url = new URL(req.originalUrl, base);
    url.searchParams.delete('page[after]');
    url.searchParams.delete('page[before]');
    url.searchParams.set('page[size]', String(size));
    url.searchParams.set(`page[${name}]`, cursor);
    return url.toString();
  };
  const afterCursor = last ? encodeCursor(position(last)) : null;
  const beforeCursor = first ? encodeCursor(position(first)) : null;
  return {
    page,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: {
      next: hasMore && afterCursor ? link('after', afterCursor) : null,
      prev: start > 0 && beforeCursor ? link('before', beforeCursor) : null,
    },
  };
}

function comparePositions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The ticket search the export endpoint understands: `type:ticket` plus
 * `requester:<id>` (or `requester_id:<id>`), `status:`, `ticket_type:` and
 * `tags:` terms. Repeated terms of one keyword match any of their values;
 * different keywords must all match.
 */
function ticketFilter(query: string): (t: HelpdeskTicket) => boolean {
  const terms = new Map<string, string[]>();
  for (const term of query.trim().split(/\s+/).filter(Boolean)) {
    const match = /^([a-z_]+):(.+)$/.exec(term);
    if (!match)
      throw new ApiError(
        400,
        'InvalidSearchQuery',
        `The simulator only understands keyword:value terms, received "${term}"`,
      );
    const key = match[1] === 'requester_id' ? 'requester' : match[1]!;
    terms.set(key, [...(terms.get(key) ?? []), match[2]!.toLowerCase()]);
  }
  const supported = ['type', 'requester', 'status', 'ticket_type', 'tags'];
  for (const key of terms.keys()) {
    if (!supported.includes(key)) {
      throw new ApiError(
        400,
        'InvalidSearchQuery',
        `The simulator's search understands ${supported.map((k) => `${k}:`).join(' ')} terms, received "${key}:"`,
      );
    }
  }
  if (terms.get('type')?.join() !== 'ticket') {
    throw new ApiError(400, 'InvalidSearchQuery', 'The simulator only searches tickets: add type:ticket');
  }
  const anyOf = (key: string, value: (t: HelpdeskTicket) => string[]) => {
    const wanted = terms.get(key);
    return (t: HelpdeskTicket) => !wanted || value(t).some((v) => wanted.includes(v.toLowerCase()));
  };
  const checks = [
    anyOf('requester', (t) => [String(t.requester_id)]),
    anyOf('status', (t) => [t.status]),
    anyOf('ticket_type', (t) => (t.type ? [t.type] : [])),
    anyOf('tags', (t) => t.tags),
  ];
  return (t) => checks.every((check) => check(t));
}

/** Starts the simulator; resolves once it listens. */
export async function startHelpdeskSimulator(options: HelpdeskSimulatorOptions): Promise<HelpdeskSimulator> {
  const { token, logger } = options;
  const host = options.host ?? '127.0.0.1';
  const rateLimit = options.rateLimitPerMinute ?? 700;
  const maxAge = options.maxAgeSeconds ?? 5;
  const { dataFile } = options;
  const load = (data?: HelpdeskData) =>
    new Store(data ?? options.data ?? (dataFile ? readDataFile(dataFile, logger) : EMPTY));
  let store = load();
  let latencyMs = options.latencyMs ?? 0;
  let down = false;
  let received = 0;
  let notModified = 0;
  /** Fixed one-minute windows per token, as Zendesk counts requests per minute. */
  const windows = new Map<string, { start: number; count: number }>();
  let base = '';

  const withUrl = <T extends { id: number }>(kind: 'users' | 'tickets', record: T): T & { url: string } => ({
    ...record,
    url: `${base}/api/v2/${kind}/${record.id}.json`,
  });
  const ticketOut = (ticket: HelpdeskTicket, sideloads: Set<string>) => ({
    ...withUrl('tickets', ticket),
    ...(sideloads.has('metric_sets') ? { metric_set: store.metricOf(ticket.id) ?? null } : {}),
    ...(sideloads.has('comment_count') ? { comment_count: store.data.comment_counts[String(ticket.id)] ?? 1 } : {}),
  });

  const app = express();
  app.disable('x-powered-by');
  // Weak ETags on every JSON answer; Express answers 304 when If-None-Match matches.
  app.set('etag', 'weak');

  app.use(async (req, res, next) => {
    received += 1;
    res.on('finish', () => {
      if (res.statusCode === 304) notModified += 1;
    });
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (down) {
      res.set('Retry-After', '30');
      res.status(503).json({ error: 'ServiceUnavailable', description: 'The help desk is temporarily unavailable' });
      return;
    }
    const auth = req.get('authorization') ?? '';
    if (auth !== `Bearer ${token}`) {
      res.set('WWW-Authenticate', 'Bearer realm="Web Password"');
      res.status(401).json({ error: "Couldn't authenticate you" });
      return;
    }
    const now = Date.now();
    let window = windows.get(token);
    if (!window || now - window.start >= 60_000) windows.set(token, (window = { start: now, count: 0 }));
    window.count += 1;
    res.set('X-Rate-Limit', String(rateLimit));
    res.set('X-Rate-Limit-Remaining', String(Math.max(0, rateLimit - window.count)));
    if (window.count > rateLimit) {
      res.set('Retry-After', String(Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000))));
      res.status(429).json({
        error: 'APIRateLimitExceeded',
        description: 'Number of allowed API requests per minute exceeded',
      });
      return;
    }
    // Answers may be reused for max-age seconds by this client only, then revalidated with their ETag.
    // (No must-revalidate: http-cache-semantics 4.3, under RESTDataSource, would then never reuse a fresh answer.)
    res.set('Cache-Control', `private, max-age=${maxAge}`);
    next();
  });

  const route = (path: string, handler: (req: express.Request) => unknown) =>
    app.get(path, (req, res) => {
      try {
        res.json(handler(req));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        res.set('Cache-Control', 'no-cache');
        res
          .status(err.status)
          .json(err.description ? { error: err.error, description: err.description } : { error: err.error });
      }
    });

  route('/api/v2/users/me.json', () => ({
    user: { id: 1, name: 'c360 integration', email: 'c360-integration@helpdesk.invalid', role: 'admin' },
  }));

  route('/api/v2/users/show_many.json', (req) => {
    const users = idsParam(req, SHOW_MANY_MAX)
      .map((id) => store.users.get(id))
      .filter((u): u is HelpdeskUser => u !== undefined)
      .map((u) => withUrl('users', u));
    return { users, next_page: null, previous_page: null, count: users.length };
  });

  route('/api/v2/users/:id/tickets/requested.json', (req) => {
    const id = Number(req.params.id);
    if (!store.users.has(id)) throw notFound();
    const { field, descending } = ticketSort(req);
    const sign = descending ? -1 : 1;
    const own = [...(store.ticketsByRequester.get(id) ?? [])].sort(
      (a, b) => sign * (sortValue(a, field) - sortValue(b, field)) || sign * (a.id - b.id),
    );
    const sideloads = includes(req);
    const { page, meta, links } = cursorPage(
      req,
      base,
      own,
      (t) => [sign * sortValue(t, field), sign * t.id],
      100,
      100,
    );
    return { tickets: page.map((t) => ticketOut(t, sideloads)), meta, links };
  });

  route('/api/v2/tickets/show_many.json', (req) => {
    const sideloads = includes(req);
    const tickets = idsParam(req, SHOW_MANY_MAX)
      .map((id) => store.tickets.get(id))
      .filter((t): t is HelpdeskTicket => t !== undefined)
      .map((t) => ticketOut(t, sideloads));
    return { tickets, next_page: null, previous_page: null, count: tickets.length };
  });

  route('/api/v2/search/export.json', (req) => {
    const query = param(req, 'query');
    if (!query) throw invalid('query is required');
    if (param(req, 'filter[type]') !== 'ticket')
      throw invalid('filter[type] is required: the simulator exports ticket');
    const matches = store.ticketsById.filter(ticketFilter(query));
    const sideloads = includes(req);
    const { page, meta, links } = cursorPage(req, base, matches, (t) => [t.id], 100, 1000);
    return {
      results: page.map((t) => ({ ...ticketOut(t, sideloads), result_type: 'ticket' })),
      facets: null,
      meta,
      links,
    };
  });

  route('/api/v2/incremental/users/cursor.json', (req) => {
    const perPage = intParam(req, 'per_page', 1000, 1, 1000);
    const cursorRaw = param(req, 'cursor');
    let after: number[];
    if (cursorRaw) after = decodeCursor('cursor', cursorRaw) as number[];
    else {
      const startRaw = param(req, 'start_time');
      if (startRaw === undefined || !/^\d+$/.test(startRaw)) {
        throw invalid(
          `start_time is required (Unix epoch seconds) unless a cursor is given, received "${startRaw ?? ''}"`,
        );
      }
      // Changed at or after start_time: position just before its first millisecond.
      after = [Number(startRaw) * 1000 - 1, Number.MAX_SAFE_INTEGER];
    }
    const position = (u: HelpdeskUser) => [Date.parse(u.updated_at), u.id];
    let start = store.usersByChange.findIndex((u) => comparePositions(position(u), after) > 0);
    if (start < 0) start = store.usersByChange.length;
    const page = store.usersByChange.slice(start, start + perPage);
    const last = page[page.length - 1];
    const first = page[0];
    // The after cursor is given even at the end of the stream, so that the next poll resumes there.
    const afterCursor = encodeCursor(last ? position(last) : after);
    const url = (cursor: string) => `${base}/api/v2/incremental/users/cursor.json?cursor=${cursor}&per_page=${perPage}`;
    return {
      users: page.map((u) => withUrl('users', u)),
      after_url: url(afterCursor),
      after_cursor: afterCursor,
      before_url: first ? url(encodeCursor(position(first))) : null,
      before_cursor: first ? encodeCursor(position(first)) : null,
      end_of_stream: start + perPage >= store.usersByChange.length,
    };
  });

  // Right to erasure. Zendesk erases a person in two calls (DELETE /users/{id}, then
  // DELETE /deleted_users/{id}, which scrubs their tickets); the simulator does both at once:
  // the end user and the tickets they requested go, from memory and from the data file.
  app.delete('/api/v2/users/:id.json', (req, res) => {
    res.set('Cache-Control', 'no-cache');
    const id = Number(req.params.id);
    const user = store.users.get(id);
    if (!Number.isInteger(id) || !user || user.role !== 'end-user') {
      res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
      return;
    }
    const gone = new Set((store.ticketsByRequester.get(id) ?? []).map((t) => t.id));
    const data: HelpdeskData = {
      users: store.data.users.filter((u) => u.id !== id),
      tickets: store.data.tickets.filter((t) => !gone.has(t.id)),
      ticket_metrics: store.data.ticket_metrics.filter((m) => !gone.has(m.ticket_id)),
      comment_counts: Object.fromEntries(
        Object.entries(store.data.comment_counts).filter(([ticket]) => !gone.has(Number(ticket))),
      ),
    };
    store = new Store(data);
    if (dataFile && !options.data) writeHelpdeskDataFile(dataFile, data);
    logger?.info({ user: id, tickets: gone.size }, 'help-desk simulator: end user permanently deleted');
    res.json({ user: { ...withUrl('users', user), active: false } });
  });

  app.use((_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.status(404).json({ error: 'InvalidEndpoint', description: 'Not found' });
  });

  const server = await listen('helpdesk-simulator', app, host, options.port ?? 0);
  base = server.url;
  logger?.info(
    { url: base, users: store.data.users.length, tickets: store.data.tickets.length },
    'help-desk simulator listening',
  );
  return {
    url: server.url,
    port: server.port,
    get requestsReceived() {
      return received;
    },
    get notModifiedSent() {
      return notModified;
    },
    setDown: (value) => {
      down = value;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    reload: (data) => {
      store = load(data);
    },
    stop: () => server.stop(),
  };
}
