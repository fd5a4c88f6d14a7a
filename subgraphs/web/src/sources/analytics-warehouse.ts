import { Pool } from 'pg';
import type { SourceClient } from '@c360/kit/bootstrap';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '@c360/kit/feed';

export const SYSTEM = 'web';

/** A row of the web data model's sessions table (`derived.snowplow_web_sessions`). */
export interface SessionRow {
  domain_sessionid: string;
  domain_userid: string;
  domain_sessionidx: number;
  user_id: string | null;
  start_tstamp: Date;
  end_tstamp: Date;
  page_views: number;
  first_page_url: string | null;
  first_page_title: string | null;
  referrer: string | null;
  mkt_medium: string | null;
  mkt_source: string | null;
  mkt_campaign: string | null;
  device_class: string | null;
  br_family: string | null;
  os_family: string | null;
  geo_country: string | null;
}

/** A page of sessions of one customer (one `owner` of a batch), with their total. */
export interface SessionPageRow extends SessionRow {
  owner: number;
  total_count: string;
}

/** An event of `atomic.events` that a session shows (page pings are folded into `last_ping_at`). */
export interface EventRow {
  event_id: string;
  event_name: string;
  derived_tstamp: Date;
  domain_userid: string;
  domain_sessionid: string;
  page_view_id: string | null;
  page_url: string | null;
  page_title: string | null;
  page_referrer: string | null;
  mkt_campaign: string | null;
  mkt_clickid: string | null;
  mkt_network: string | null;
  product_sku: string | null;
  product_name: string | null;
  product_quantity: number | null;
  /** NUMERIC stays a decimal string: money is never a float. */
  product_price: string | null;
  product_currency: string | null;
  /** For a page view: when its last activity ping arrived; null when there was none. */
  last_ping_at: Date | null;
}

/** Cart changes and checkouts, the events abandoned carts are derived from. */
export const CART_EVENTS = ['add_to_cart', 'remove_from_cart', 'checkout_started'] as const;

/** Where a sessions page starts: strictly before this session. */
export interface SessionsAfter {
  startedAt: string;
  sessionId: string;
}

interface FeedRow {
  domain_userid: string;
  end_tstamp: Date;
  login_ids: string[];
}

const SESSION_COLUMNS = `s.domain_sessionid, s.domain_userid, s.domain_sessionidx, s.user_id, s.start_tstamp,
  s.end_tstamp, s.page_views, s.first_page_url, s.first_page_title, s.referrer, s.mkt_medium, s.mkt_source,
  s.mkt_campaign, s.device_class, s.br_family, s.os_family, s.geo_country`;

const EVENT_COLUMNS = `e.event_id, e.event_name, e.derived_tstamp, e.domain_userid, e.domain_sessionid,
  e.page_view_id, e.page_url, e.page_title, e.page_referrer, e.mkt_campaign, e.mkt_clickid, e.mkt_network,
  e.product_sku, e.product_name, e.product_quantity, e.product_price, e.product_currency`;

/**
 * The web analytics warehouse (PostgreSQL, Snowplow-shaped tables): the only
 * code that talks to it. Every method is one round trip.
 */
export class AnalyticsWarehouse implements SourceClient {
  /** Counts round trips to the warehouse, so that tests can prove batching. */
  readonly stats = { queries: 0 };

  constructor(readonly pool: Pool) {}

  static connect(url: string, timeoutMs: number): AnalyticsWarehouse {
    const pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: timeoutMs,
      // A slow warehouse must not hold a request longer than the source budget:
      // the server cancels the statement, and the client stops waiting anyway.
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs,
    });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    return new AnalyticsWarehouse(pool);
  }

  private async query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    this.stats.queries += 1;
    const { rows } = await this.pool.query(sql, values);
    return rows as T[];
  }

  sessionsByIds(ids: readonly string[]): Promise<SessionRow[]> {
    return this.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM derived.snowplow_web_sessions s WHERE s.domain_sessionid = ANY($1::text[])`,
      [ids],
    );
  }

  /**
   * One page of sessions for each owner (a customer, given as the list of its
   * cookies), newest first across the owner's cookies, with the owner's total:
   * one query for every customer of a request. Fetches `first + 1` sessions so
   * that the caller knows whether a next page exists. Owners without any
   * session still get a row (with null session columns) carrying their total.
   */
  sessionPages(
    owners: readonly (readonly string[])[],
    first: number,
    after: SessionsAfter | null,
  ): Promise<SessionPageRow[]> {
    const ownerIdx = owners.flatMap((cookies, i) => cookies.map(() => i));
    const cookies = owners.flat();
    return this.query<SessionPageRow>(
      `WITH wanted AS (
         SELECT DISTINCT w.owner, w.domain_userid FROM unnest($1::int[], $2::text[]) AS w(owner, domain_userid)
       ),
       totals AS (
         SELECT w.owner, count(s.domain_sessionid) AS total_count
         FROM wanted w LEFT JOIN derived.snowplow_web_sessions s ON s.domain_userid = w.domain_userid
         GROUP BY w.owner
       ),
       paged AS (
         SELECT w.owner AS page_owner, ${SESSION_COLUMNS},
                row_number() OVER (PARTITION BY w.owner ORDER BY s.start_tstamp DESC, s.domain_sessionid DESC) AS rn
         FROM wanted w JOIN derived.snowplow_web_sessions s ON s.domain_userid = w.domain_userid
         WHERE $3::timestamptz IS NULL OR (s.start_tstamp, s.domain_sessionid) < ($3::timestamptz, $4::text)
       )
       SELECT t.owner, t.total_count, p.*
       FROM totals t LEFT JOIN paged p ON p.page_owner = t.owner AND p.rn <= $5
       ORDER BY t.owner, p.rn`,
      [ownerIdx, cookies, after?.startedAt ?? null, after?.sessionId ?? null, first + 1],
    );
  }

  /**
   * The events of many sessions that a session shows, in time order, without
   * the page pings; each page view carries the time of its last ping instead,
   * from which the time on page follows.
   */
  eventsBySessions(sessionIds: readonly string[]): Promise<EventRow[]> {
    return this.query<EventRow>(
      `SELECT * FROM (
         SELECT ${EVENT_COLUMNS},
                max(e.derived_tstamp) FILTER (WHERE e.event_name = 'page_ping')
                  OVER (PARTITION BY e.domain_sessionid, e.page_view_id) AS last_ping_at
         FROM atomic.events e WHERE e.domain_sessionid = ANY($1::text[])
       ) x
       WHERE x.event_name <> 'page_ping'
       ORDER BY x.domain_sessionid, x.derived_tstamp, x.event_id`,
      [sessionIds],
    );
  }

  /** The cart changes and checkouts of many cookies, in time order. */
  cartEventsByCookies(cookies: readonly string[]): Promise<EventRow[]> {
    return this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS}, NULL::timestamptz AS last_ping_at
       FROM atomic.events e
       WHERE e.domain_userid = ANY($1::text[]) AND e.event_name = ANY($2::text[])
       ORDER BY e.derived_tstamp, e.event_id`,
      [cookies, CART_EVENTS],
    );
  }

  /**
   * Cookies whose last event is after the watermark, oldest first, each with
   * the logins seen on it. A cookie's position moves whenever it has a new
   * event, so a login on an old cookie comes round again.
   */
  async feed(after: FeedPosition | null, limit: number) {
    // Logins in the order they first happened, each distinct value once.
    const select = `SELECT u.domain_userid, u.end_tstamp,
        ARRAY(SELECT l.user_id FROM atomic.events l
              WHERE l.domain_userid = u.domain_userid AND l.event_name = 'login' AND l.user_id IS NOT NULL
              GROUP BY l.user_id ORDER BY min(l.derived_tstamp), l.user_id) AS login_ids
      FROM derived.snowplow_web_users u`;
    const rows = after
      ? await this.query<FeedRow>(
          `${select} WHERE (u.end_tstamp, u.domain_userid) > ($1::timestamptz, $2)
           ORDER BY u.end_tstamp, u.domain_userid LIMIT $3`,
          [after.updatedAt, after.localId, limit],
        )
      : await this.query<FeedRow>(`${select} ORDER BY u.end_tstamp, u.domain_userid LIMIT $1`, [limit]);
    const records: ObservedRecord[] = rows.map((row) => ({
      system: SYSTEM,
      localId: row.domain_userid,
      observedAt: row.end_tstamp.toISOString(),
      identifiers: identifiersOf(row),
    }));
    const positions = rows.map((row) => ({ updatedAt: row.end_tstamp.toISOString(), localId: row.domain_userid }));
    return { records, positions };
  }

  /**
   * Right to erasure of browser cookies (the records of this source), in one
   * transaction: every event the cookie sent (page views, logins with the
   * email typed, cart events), its sessions and its user row. Cookies the
   * warehouse does not hold are nothing to do.
   */
  async erase(localIds: string[]): Promise<number> {
    this.stats.queries += 1;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM atomic.events WHERE domain_userid = ANY($1::text[])', [localIds]);
      await client.query('DELETE FROM derived.snowplow_web_sessions WHERE domain_userid = ANY($1::text[])', [localIds]);
      const { rowCount } = await client.query(
        'DELETE FROM derived.snowplow_web_users WHERE domain_userid = ANY($1::text[])',
        [localIds],
      );
      await client.query('COMMIT');
      return rowCount ?? 0;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function identifiersOf(row: FeedRow): ObservedIdentifier[] {
  const ids: ObservedIdentifier[] = [{ kind: 'COOKIE', value: row.domain_userid }];
  // The site logs people in by email; a user_id without an @ would be some
  // other account key, which is no email and must not be matched as one.
  for (const login of row.login_ids) if (login.includes('@')) ids.push({ kind: 'EMAIL', value: login });
  return ids;
}
