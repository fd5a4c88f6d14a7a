import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { demoSchema, ensurePostgresDatabase } from '@c360/embedded/services';
import { createLogger } from '@c360/kit/logger';
import { AnalyticsWarehouse } from '@c360/subgraph-web/sources/analytics-warehouse';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { generateDataset } from '../generate';
import { addSourceTruth, type SourceSeedContext } from './contract';
import { generateWeb, loadWeb, streamWeb, WEB_SYSTEM, type WebData, type WebEvent } from './web';

const dataset = generateDataset({ people: 400 });
const ctx: SourceSeedContext = { seed: dataset.seed, nowMs: Date.parse(dataset.now), people: dataset.people };
const web = generateWeb(ctx);
const { events, sessions, users } = web.data;
const normalise = (email: string) => email.trim().toLowerCase();

/** The normalised login emails seen on each cookie. */
function loginsByCookie(list: readonly WebEvent[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of list) {
    if (e.eventName !== 'login' || e.userId === null) continue;
    out.set(e.domainUserid, (out.get(e.domainUserid) ?? new Set()).add(normalise(e.userId)));
  }
  return out;
}

describe('generateWeb', () => {
  it('gives the same data for the same seed, and other data for another seed', () => {
    expect(JSON.stringify(generateWeb(ctx))).toBe(JSON.stringify(web));
    const other = generateWeb({ ...ctx, seed: ctx.seed + 1 });
    expect(other.data.users[0]!.domainUserid).not.toBe(users[0]!.domainUserid);
  });

  it('streams the same data in chunks of whole cookies, with the truth, the stats and the visitors gone through', () => {
    const progress: number[] = [];
    const streamed = streamWeb(ctx, (done) => progress.push(done));
    const chunks = [...streamed.data];
    expect(chunks.length).toBeGreaterThan(2);
    const joined: WebData = {
      events: chunks.flatMap((c) => c.events),
      sessions: chunks.flatMap((c) => c.sessions),
      users: chunks.flatMap((c) => c.users),
    };
    expect(JSON.stringify(joined)).toBe(JSON.stringify(web.data));
    expect(streamed.truth).toEqual(web.truth);
    expect(streamed.stats).toEqual(web.stats);
    // No cookie is split: each chunk holds the sessions and user row of every cookie it has events of.
    for (const chunk of chunks) {
      expect(new Set(chunk.users.map((u) => u.domainUserid))).toEqual(new Set(chunk.events.map((e) => e.domainUserid)));
    }
    expect(progress).toHaveLength(chunks.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(streamed.visitors);
    expect(streamed.visitors).toBe(ctx.people.length + Math.round(ctx.people.length * 0.6));
  });

  it('gives about 45 % of the people web activity, every everywhere person included', () => {
    const withWeb = new Set(web.truth.map((t) => t.personId));
    expect(withWeb.size).toBe(web.stats.people);
    expect(withWeb.size / ctx.people.length).toBeGreaterThan(0.4);
    expect(withWeb.size / ctx.people.length).toBeLessThan(0.5);
    const everywhere = ctx.people.filter((p) => p.everywhere);
    expect(everywhere.length).toBeGreaterThan(5);
    expect(everywhere.filter((p) => !withWeb.has(p.id))).toEqual([]);
  });

  it('gives each everywhere person a logged-in browser with several sessions, page views, an ad click and a cart', () => {
    const logins = loginsByCookie(events);
    for (const person of ctx.people.filter((p) => p.everywhere)) {
      const cookies = web.truth.filter((t) => t.personId === person.id).map((t) => t.localId);
      const rich = cookies.find((cookie) => {
        const own = events.filter((e) => e.domainUserid === cookie);
        const names = new Set(own.map((e) => e.eventName));
        return (
          logins.get(cookie)?.has(person.personalEmail) &&
          sessions.filter((s) => s.domainUserid === cookie).length >= 3 &&
          ['page_view', 'page_ping', 'ad_click', 'add_to_cart', 'checkout_started', 'login'].every((n) =>
            names.has(n as WebEvent['eventName']),
          )
        );
      });
      expect({ person: person.id, rich: rich !== undefined }).toEqual({ person: person.id, rich: true });
    }
  });

  it('writes a truth that matches the data: each person cookie with exactly the emails it logged in with', () => {
    const logins = loginsByCookie(events);
    const people = new Map(ctx.people.map((p) => [p.id, p]));
    const cookies = new Set(users.map((u) => u.domainUserid));
    expect(cookies.size).toBe(users.length);
    for (const record of web.truth) {
      const person = people.get(record.personId)!;
      expect(record.system).toBe(WEB_SYSTEM);
      expect(cookies.has(record.localId)).toBe(true);
      const emails = record.identifiers.filter((i) => i.kind === 'EMAIL').map((i) => i.value);
      expect(record.identifiers.filter((i) => i.kind !== 'EMAIL')).toEqual([{ kind: 'COOKIE', value: record.localId }]);
      expect(new Set(emails)).toEqual(logins.get(record.localId) ?? new Set());
      for (const email of emails) expect([person.personalEmail, person.workEmail]).toContain(email);
    }
    // Cookies of nobody known never log in, and are not in the truth.
    const owned = new Set(web.truth.map((t) => t.localId));
    const anonymous = users.filter((u) => !owned.has(u.domainUserid));
    expect(anonymous.length).toBe(web.stats.anonymousCookies);
    expect(anonymous.length).toBeGreaterThan(100);
    expect(anonymous.filter((u) => logins.has(u.domainUserid))).toEqual([]);
    // Some person cookies never log in either: the person's, but nothing ties them to anyone.
    expect(web.truth.filter((t) => t.identifiers.length === 1).length).toBeGreaterThan(0);
    // The truth can be added to the base ground truth: no identifier belongs to two people.
    expect(() => addSourceTruth(structuredClone(dataset.groundTruth), web.truth)).not.toThrow();
  });

  it('keeps cookie ids valid, logins typed the way people type, and every time in the past', () => {
    for (const u of users) expect(u.domainUserid).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    const typed = events.filter((e) => e.eventName === 'login').map((e) => e.userId!);
    expect(typed.some((t) => t !== normalise(t))).toBe(true);
    expect(typed.some((t) => t === normalise(t))).toBe(true);
    const now = new Date(ctx.nowMs).toISOString();
    expect(events.filter((e) => e.collectorTstamp > now || e.derivedTstamp > e.collectorTstamp)).toEqual([]);
    // Every event belongs to a session of its cookie, and sessions of a cookie never overlap.
    const byId = new Map(sessions.map((s) => [s.domainSessionid, s]));
    expect(events.filter((e) => byId.get(e.domainSessionid)?.domainUserid !== e.domainUserid)).toEqual([]);
    const byCookie = new Map<string, typeof sessions>();
    for (const s of sessions) byCookie.set(s.domainUserid, [...(byCookie.get(s.domainUserid) ?? []), s]);
    for (const list of byCookie.values()) {
      const ordered = [...list].sort((a, b) => a.domainSessionidx - b.domainSessionidx);
      for (let i = 1; i < ordered.length; i++) expect(ordered[i]!.startTstamp > ordered[i - 1]!.endTstamp).toBe(true);
    }
  });
});

describe('loadWeb', () => {
  // A database of its own: loading replaces every row, which must not disturb other tests.
  const database = `c360_test_web_seed_${randomUUID().slice(0, 8)}`;
  const url = TEST_ENV.WEB_DATABASE_URL!.replace(/\/[^/]+$/, `/${database}`);
  let pool: Pool;

  beforeAll(async () => {
    await ensurePostgresDatabase(url, demoSchema('web'), createLogger('silent'));
    pool = new Pool({ connectionString: url });
  });

  afterAll(async () => {
    await pool.end();
    const admin = new Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    // Not WITH (FORCE): pool.end() can resolve before the server's backends have exited, and forcing would send
    // them a 57P01 that the ended pool's clients raise as an unhandled error (CI run 44). Without it PostgreSQL
    // waits (up to 5 s) for them to go, and a connection left open by mistake fails the drop by name.
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.end();
  });

  it('replaces the warehouse content, and the feed then tells the identity graph what the truth says', async () => {
    const messages: string[] = [];
    const indexes = async () =>
      (
        await pool.query<{ def: string }>(
          `SELECT indexdef AS def FROM pg_indexes WHERE schemaname IN ('atomic', 'derived') ORDER BY indexname`,
        )
      ).rows.map((r) => r.def);
    const before = await indexes();
    expect(before.some((d) => d.includes('events_login_idx'))).toBe(true);
    await loadWeb(web.data, { pool });
    const result = await loadWeb(web.data, { pool, log: (m) => messages.push(m) });
    // The secondary indexes, dropped for the load, are all back as they were.
    expect(await indexes()).toEqual(before);
    expect(result).toEqual({
      cookies: users.length,
      sessions: sessions.length,
      events: events.length,
      ms: expect.any(Number),
    });
    expect(messages).toEqual([expect.stringMatching(/^seed: web \d+ cookies, \d+ sessions, \d+ events in \d+ ms$/)]);
    // The planner knows what was written (autovacuum may be off or not yet round): every table analysed by the load.
    const analysed = await pool.query<{ table: string; rows: string }>(
      `SELECT schemaname || '.' || relname AS table, n_live_tup AS rows FROM pg_stat_user_tables
       WHERE schemaname IN ('atomic', 'derived') AND last_analyze IS NOT NULL ORDER BY 1`,
    );
    expect(analysed.rows).toEqual([
      { table: 'atomic.events', rows: String(events.length) },
      { table: 'derived.snowplow_web_sessions', rows: String(sessions.length) },
      { table: 'derived.snowplow_web_users', rows: String(users.length) },
    ]);
    const counts = await pool.query<{ events: string; sessions: string; users: string }>(
      `SELECT (SELECT count(*) FROM atomic.events) AS events,
              (SELECT count(*) FROM derived.snowplow_web_sessions) AS sessions,
              (SELECT count(*) FROM derived.snowplow_web_users) AS users`,
    );
    expect(counts.rows[0]).toEqual({
      events: String(events.length),
      sessions: String(sessions.length),
      users: String(users.length),
    });

    const warehouse = AnalyticsWarehouse.connect(url, 5000);
    try {
      const { records } = await warehouse.feed(null, 10_000);
      expect(records).toHaveLength(users.length);
      const fed = new Map(
        records.map((r) => [
          r.localId,
          new Set(r.identifiers.map((i) => `${i.kind}:${i.kind === 'EMAIL' ? normalise(i.value) : i.value}`)),
        ]),
      );
      for (const record of web.truth) {
        expect(fed.get(record.localId)).toEqual(new Set(record.identifiers.map((i) => `${i.kind}:${i.value}`)));
      }
      const owned = new Set(web.truth.map((t) => t.localId));
      const anonymous = records.filter((r) => !owned.has(r.localId));
      expect(anonymous.every((r) => r.identifiers.length === 1 && r.identifiers[0]!.kind === 'COOKIE')).toBe(true);
    } finally {
      await warehouse.close();
    }
  });

  it('writes streamed chunks as it writes the whole data, and refuses a duplicate key, keeping what was there', async () => {
    const content = async () =>
      (
        await pool.query<{ events: string; sessions: string; users: string }>(
          `SELECT (SELECT md5(string_agg(e::text, '|' ORDER BY e.event_id)) FROM atomic.events e) AS events,
                  (SELECT md5(string_agg(s::text, '|' ORDER BY s.domain_sessionid)) FROM derived.snowplow_web_sessions s) AS sessions,
                  (SELECT md5(string_agg(u::text, '|' ORDER BY u.domain_userid)) FROM derived.snowplow_web_users u) AS users`,
        )
      ).rows[0];
    await loadWeb(web.data, { pool });
    const whole = await content();
    const streamed = await loadWeb(streamWeb(ctx).data, { pool });
    expect(await content()).toEqual(whole);
    expect(streamed).toEqual({
      cookies: users.length,
      sessions: sessions.length,
      events: events.length,
      ms: expect.any(Number),
    });
    // The keys are dropped for the load and added back: a duplicate event id fails the load, which changes nothing.
    const duplicated: WebData = { events: [...events, events[0]!], sessions, users };
    await expect(loadWeb(duplicated, { pool })).rejects.toThrow(
      /events_pkey|duplicate key|could not create unique index/,
    );
    expect(await content()).toEqual(whole);
  });
});
