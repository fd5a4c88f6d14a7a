import { startHelpdeskSimulator, type HelpdeskSimulator } from './simulator';
import type { HelpdeskData, HelpdeskTicket, HelpdeskUser } from './types';

const TOKEN = 'test-token';
const auth = { authorization: `Bearer ${TOKEN}` };

function user(id: number, updatedAt: string, extra: Partial<HelpdeskUser> = {}): HelpdeskUser {
  return {
    id,
    name: `User ${id}`,
    email: `user${id}@example.com`,
    phone: null,
    role: 'end-user',
    time_zone: 'Paris',
    locale: 'fr',
    verified: true,
    active: true,
    tags: [],
    created_at: '2024-01-01T00:00:00Z',
    updated_at: updatedAt,
    ...extra,
  };
}

function ticket(id: number, requester: number, createdAt: string, extra: Partial<HelpdeskTicket> = {}): HelpdeskTicket {
  return {
    id,
    subject: `Ticket ${id}`,
    description: 'Help',
    status: 'open',
    type: 'question',
    priority: 'normal',
    via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
    requester_id: requester,
    submitter_id: requester,
    assignee_id: null,
    tags: [],
    satisfaction_rating: { score: 'unoffered' },
    created_at: createdAt,
    updated_at: createdAt,
    ...extra,
  };
}

const data: HelpdeskData = {
  users: [
    user(101, '2024-03-01T10:00:00Z'),
    user(102, '2024-03-01T10:00:00Z', { email: null, phone: '+33612345678' }),
    user(103, '2024-02-01T00:00:00Z'),
    user(900, '2024-01-15T00:00:00Z', { role: 'agent' }),
  ],
  tickets: [
    ticket(1, 101, '2024-01-01T00:00:00Z', { status: 'solved', tags: ['delivery', 'complaint'] }),
    ticket(2, 101, '2024-02-01T00:00:00Z', { status: 'closed' }),
    ticket(3, 101, '2024-03-01T00:00:00Z'),
    ticket(4, 102, '2024-02-15T00:00:00Z', { via: { channel: 'voice', source: { from: {}, to: {}, rel: null } } }),
  ],
  ticket_metrics: [
    {
      id: 1,
      ticket_id: 1,
      solved_at: '2024-01-02T00:00:00Z',
      replies: 2,
      reopens: 0,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-02T00:00:00Z',
    },
  ],
  comment_counts: { '1': 4 },
};

let sim: HelpdeskSimulator;

beforeAll(async () => {
  sim = await startHelpdeskSimulator({ token: TOKEN, data, maxAgeSeconds: 30 });
});

afterAll(() => sim.stop());

const get = (path: string, headers: Record<string, string> = auth) => fetch(`${sim.url}${path}`, { headers });
const json = async (path: string) => {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};

describe('help-desk simulator', () => {
  it('refuses requests without the API token with 401, as Zendesk does', async () => {
    const none = await get('/api/v2/users/show_many.json?ids=101', {});
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "Couldn't authenticate you" });
    const wrong = await get('/api/v2/users/show_many.json?ids=101', { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('answers unknown paths and unknown records with 404 and a JSON error', async () => {
    const path = await get('/api/v2/nothing.json');
    expect(path.status).toBe(404);
    expect(await path.json()).toEqual({ error: 'InvalidEndpoint', description: 'Not found' });
    const record = await get('/api/v2/users/999/tickets/requested.json');
    expect(record.status).toBe(404);
    expect(await record.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' });
  });

  it('shows many users by id, skipping unknown ones, and refuses more than 100 ids', async () => {
    const body = await json('/api/v2/users/show_many.json?ids=102,101,5');
    expect(body.users.map((u: HelpdeskUser) => u.id)).toEqual([102, 101]);
    expect(body.users[0]).toMatchObject({
      email: null,
      phone: '+33612345678',
      url: `${sim.url}/api/v2/users/102.json`,
    });
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    const tooMany = await get(`/api/v2/users/show_many.json?ids=${many}`);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({
      error: 'InvalidValue',
      description: 'ids takes at most 100 ids, received 101',
    });
  });

  it('shows many tickets with the metric_sets and comment_count sideloads', async () => {
    const body = await json('/api/v2/tickets/show_many.json?ids=1,4&include=metric_sets,comment_count');
    expect(body.tickets[0]).toMatchObject({
      id: 1,
      tags: ['delivery', 'complaint'],
      metric_set: { solved_at: '2024-01-02T00:00:00Z', replies: 2 },
      comment_count: 4,
    });
    expect(body.tickets[1]).toMatchObject({ id: 4, via: { channel: 'voice' }, metric_set: null, comment_count: 1 });
    const plain = await json('/api/v2/tickets/show_many.json?ids=1');
    expect(plain.tickets[0]).not.toHaveProperty('metric_set');
  });

  it("pages through a user's requested tickets with cursor pagination", async () => {
    const first = await json('/api/v2/users/101/tickets/requested.json?page[size]=2&sort=-created_at');
    expect(first.tickets.map((t: HelpdeskTicket) => t.id)).toEqual([3, 2]);
    expect(first.meta).toEqual({ has_more: true, after_cursor: expect.any(String), before_cursor: expect.any(String) });
    const next = new URL(first.links.next);
    expect(next.searchParams.get('page[after]')).toBe(first.meta.after_cursor);
    const second = await json(`${next.pathname}${next.search}`);
    expect(second.tickets.map((t: HelpdeskTicket) => t.id)).toEqual([1]);
    expect(second.meta.has_more).toBe(false);
    expect(second.links.next).toBeNull();
  });

  it('exports the tickets of several requesters in one search, any of the repeated requester terms matching', async () => {
    const query = encodeURIComponent('type:ticket requester:101 requester:102');
    const body = await json(`/api/v2/search/export.json?query=${query}&filter[type]=ticket&page[size]=3`);
    expect(body.results.map((t: HelpdeskTicket) => t.id)).toEqual([1, 2, 3]);
    expect(body.results[0].result_type).toBe('ticket');
    expect(body.meta.has_more).toBe(true);
    const rest = await json(
      `/api/v2/search/export.json?query=${query}&filter[type]=ticket&page[size]=3&page[after]=${body.meta.after_cursor}`,
    );
    expect(rest.results.map((t: HelpdeskTicket) => t.id)).toEqual([4]);
    const complaints = await json(
      `/api/v2/search/export.json?query=${encodeURIComponent('type:ticket tags:complaint')}&filter[type]=ticket`,
    );
    expect(complaints.results.map((t: HelpdeskTicket) => t.id)).toEqual([1]);
    const unsupported = await get(
      `/api/v2/search/export.json?query=${encodeURIComponent('type:ticket foo:bar')}&filter[type]=ticket`,
    );
    expect(unsupported.status).toBe(400);
  });

  it('exports users changed since a time, oldest change first, resuming from its cursor', async () => {
    const start = Date.parse('2024-02-01T00:00:00Z') / 1000;
    const first = await json(`/api/v2/incremental/users/cursor.json?start_time=${start}&per_page=2`);
    // Changed at or after start_time, by (updated_at, id): 103 then the two changed at the same second.
    expect(first.users.map((u: HelpdeskUser) => u.id)).toEqual([103, 101]);
    expect(first.end_of_stream).toBe(false);
    const second = await json(`/api/v2/incremental/users/cursor.json?cursor=${first.after_cursor}&per_page=2`);
    expect(second.users.map((u: HelpdeskUser) => u.id)).toEqual([102]);
    expect(second.end_of_stream).toBe(true);
    // At the end of the stream the cursor still resumes where the stream stopped.
    const replay = await json(`/api/v2/incremental/users/cursor.json?cursor=${second.after_cursor}`);
    expect(replay).toMatchObject({ users: [], end_of_stream: true, after_cursor: second.after_cursor });
    const missing = await get('/api/v2/incremental/users/cursor.json');
    expect(missing.status).toBe(400);
  });

  it('sends ETag and Cache-Control, and answers 304 when the ETag still matches', async () => {
    const res = await get('/api/v2/users/show_many.json?ids=101');
    expect(res.headers.get('cache-control')).toBe('private, max-age=30');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    // max-age=0 asks to revalidate; without it Node's fetch adds `no-cache`, which skips the ETag check.
    const again = await get('/api/v2/users/show_many.json?ids=101', {
      ...auth,
      'if-none-match': etag!,
      'cache-control': 'max-age=0',
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers 503 while down, and serves again once back', async () => {
    sim.setDown(true);
    try {
      const res = await get('/api/v2/users/show_many.json?ids=101');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
    } finally {
      sim.setDown(false);
    }
    expect((await get('/api/v2/users/show_many.json?ids=101')).status).toBe(200);
  });

  it('answers 429 with Retry-After once a token exceeds its requests per minute', async () => {
    const limited = await startHelpdeskSimulator({ token: TOKEN, data, rateLimitPerMinute: 2 });
    try {
      const call = () => fetch(`${limited.url}/api/v2/users/show_many.json?ids=101`, { headers: auth });
      const first = await call();
      expect(first.headers.get('x-rate-limit')).toBe('2');
      expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
      expect((await call()).status).toBe(200);
      const refused = await call();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(await refused.json()).toEqual({
        error: 'APIRateLimitExceeded',
        description: 'Number of allowed API requests per minute exceeded',
      });
    } finally {
      await limited.stop();
    }
  });

  it('serves the records of a data file, and an empty help desk when the file is missing', async () => {
    const missing = await startHelpdeskSimulator({ token: TOKEN, dataFile: '.data/test/helpdesk/does-not-exist.json' });
    try {
      const res = await fetch(`${missing.url}/api/v2/users/show_many.json?ids=101`, { headers: auth });
      expect(await res.json()).toMatchObject({ users: [], count: 0 });
    } finally {
      await missing.stop();
    }
  });
});
