import { startHelpdeskSimulator, type HelpdeskSimulator } from '@c360/demo/sources/helpdesk/simulator';
import type { HelpdeskData, HelpdeskTicket, HelpdeskUser } from '@c360/demo/sources/helpdesk/types';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { startSupportSubgraph } from '.';

const logger = createLogger('silent');
const TOKEN = 'contract-test-token';

function user(id: number, extra: Partial<HelpdeskUser> = {}): HelpdeskUser {
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
    updated_at: '2024-01-01T00:00:00Z',
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
    via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
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

/** 100 customers with one help-desk user and one ticket each, for the batching test. */
const BATCH_USERS = Array.from({ length: 100 }, (_, i) => 5000 + i);

const data: HelpdeskData = {
  users: [
    user(101, {
      name: 'Ann Smith',
      email: 'Ann.Smith@Example.com',
      phone: '06 12 34 56 78',
      updated_at: '2030-01-01T00:00:00Z',
    }),
    user(102, {
      name: 'Caller +44 7911 123456',
      email: null,
      phone: '+447911123456',
      time_zone: 'London',
      locale: 'en-GB',
      created_at: '2024-02-01T00:00:00Z',
      updated_at: '2030-01-01T00:00:00Z',
    }),
    user(103, { name: 'Visitor 1001', email: null, updated_at: '2030-01-02T00:00:00Z' }),
    user(104, { updated_at: '2030-01-03T00:00:00Z' }),
    user(900, {
      name: 'Agent Smith',
      email: 'agent@support.example.com',
      role: 'agent',
      updated_at: '2030-01-02T12:00:00Z',
    }),
    ...BATCH_USERS.map((id) => user(id)),
  ],
  tickets: [
    ticket(11, 101, '2024-01-10T09:00:00Z', {
      subject: 'Parcel not delivered',
      status: 'closed',
      type: 'incident',
      priority: 'high',
      via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
      tags: ['delivery', 'complaint'],
      satisfaction_rating: { score: 'bad', comment: 'Still waiting' },
      updated_at: '2024-01-16T09:00:00Z',
    }),
    ticket(12, 102, '2024-02-01T08:00:00Z', {
      subject: 'Call from +447911123456',
      status: 'solved',
      type: null,
      priority: null,
      via: { channel: 'voice', source: { from: {}, to: {}, rel: null } },
      satisfaction_rating: { score: 'good', comment: null },
    }),
    ticket(13, 101, '2024-03-05T10:00:00Z', { via: { channel: 'chat', source: { from: {}, to: {}, rel: null } } }),
    ticket(14, 103, '2024-03-06T10:00:00Z', { via: { channel: 'api', source: { from: {}, to: {}, rel: null } } }),
    ...BATCH_USERS.map((id) => ticket(id, id, '2024-05-01T00:00:00Z')),
  ],
  ticket_metrics: [
    {
      id: 1,
      ticket_id: 11,
      solved_at: '2024-01-12T09:00:00Z',
      replies: 2,
      reopens: 0,
      created_at: '2024-01-10T09:00:00Z',
      updated_at: '2024-01-16T09:00:00Z',
    },
    {
      id: 2,
      ticket_id: 12,
      solved_at: '2024-02-01T08:10:00Z',
      replies: 1,
      reopens: 0,
      created_at: '2024-02-01T08:00:00Z',
      updated_at: '2024-02-01T08:10:00Z',
    },
  ],
  comment_counts: { '11': 5, '12': 2 },
};

const CUSTOMER = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        helpDeskUsers {
          id
          name
          email
          phone
          createdAt
        }
        supportTickets(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              subject
              status
              type
              complaint
              channel
              priority
              createdAt
              solvedAt
              satisfaction {
                score
                comment
              }
              tags
              commentCount
              requester {
                id
              }
            }
          }
        }
      }
    }
  }
`;

const TICKETS_ONLY = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        supportTickets(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
            }
          }
        }
      }
    }
  }
`;

const ann = {
  __typename: 'Customer',
  id: 'c-ann',
  sourceRecords: [
    { system: 'support', localId: '101' },
    { system: 'support', localId: '102' },
    { system: 'crm', localId: '103' },
    { system: 'commerce', localId: '104' },
  ],
};

let sim: HelpdeskSimulator;
let support: Awaited<ReturnType<typeof startSupportSubgraph>>;

beforeAll(async () => {
  sim = await startHelpdeskSimulator({ token: TOKEN, data, maxAgeSeconds: 30 });
  support = await startSupportSubgraph({ helpdeskUrl: sim.url, apiToken: TOKEN, logger, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await support.stop();
  await sim.stop();
});

describe('support subgraph contract', () => {
  it('publishes its SDL with the Customer extension', async () => {
    const res = await postGraphQL(support.url, '{ _service { sdl } }');
    const sdl: string = res.data?._service.sdl;
    expect(sdl).toContain('helpDeskUsers: [HelpDeskUser!] @requires(fields: "sourceRecords { system localId }")');
    expect(sdl).toMatch(
      /supportTickets\([\s\S]*\): SupportTicketConnection @requires\(fields: "sourceRecords \{ system localId \}"\)/,
    );
  });

  it("resolves a customer's help-desk users and tickets from its support records only", async () => {
    const res = await postGraphQL(support.url, CUSTOMER, {
      first: 2,
      r: [ann, { __typename: 'Customer', id: 'c-none', sourceRecords: [{ system: 'crm', localId: '101' }] }],
    });
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            helpDeskUsers: [
              {
                id: '101',
                name: 'Ann Smith',
                email: 'Ann.Smith@Example.com',
                phone: '06 12 34 56 78',
                createdAt: '2024-01-01T00:00:00.000Z',
              },
              {
                id: '102',
                name: 'Caller +44 7911 123456',
                email: null,
                phone: '+447911123456',
                createdAt: '2024-02-01T00:00:00.000Z',
              },
            ],
            supportTickets: {
              totalCount: 3,
              pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
              edges: [
                {
                  node: {
                    id: '13',
                    subject: 'Ticket 13',
                    status: 'OPEN',
                    type: 'QUESTION',
                    complaint: false,
                    channel: 'CHAT',
                    priority: 'NORMAL',
                    createdAt: '2024-03-05T10:00:00.000Z',
                    solvedAt: null,
                    satisfaction: { score: 'UNOFFERED', comment: null },
                    tags: [],
                    commentCount: 1,
                    requester: { id: '101' },
                  },
                },
                {
                  node: {
                    id: '12',
                    subject: 'Call from +447911123456',
                    status: 'SOLVED',
                    type: null,
                    complaint: false,
                    channel: 'PHONE',
                    priority: null,
                    createdAt: '2024-02-01T08:00:00.000Z',
                    solvedAt: '2024-02-01T08:10:00.000Z',
                    satisfaction: { score: 'GOOD', comment: null },
                    tags: [],
                    commentCount: 2,
                    requester: { id: '102' },
                  },
                },
              ],
            },
          },
          {
            helpDeskUsers: [],
            supportTickets: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
          },
        ],
      },
    });
  });

  it("counts a customer's open tickets and gives their users' locales, for the profile subgraph", async () => {
    const res = await postGraphQL(
      support.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              openSupportTicketCount
              helpDeskUsers {
                id
                locale
              }
            }
          }
        }
      `,
      { r: [ann, { __typename: 'Customer', id: 'c-none', sourceRecords: [{ system: 'crm', localId: '101' }] }] },
    );
    // Ann's tickets: 11 closed, 12 solved, 13 open.
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            openSupportTicketCount: 1,
            helpDeskUsers: [
              { id: '101', locale: 'fr' },
              { id: '102', locale: 'en-GB' },
            ],
          },
          { openSupportTicketCount: 0, helpDeskUsers: [] },
        ],
      },
    });
  });

  it('pages through the tickets, newest first, with the cursor of the previous page', async () => {
    const first = await postGraphQL(support.url, CUSTOMER, { first: 2, r: [ann] });
    const page1 = first.data!._entities[0].supportTickets;
    const next = await postGraphQL(support.url, CUSTOMER, { first: 2, after: page1.pageInfo.endCursor, r: [ann] });
    expect(next.errors).toBeUndefined();
    const page2 = next.data!._entities[0].supportTickets;
    expect(page2).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(page2.edges).toEqual([
      {
        node: expect.objectContaining({
          id: '11',
          status: 'CLOSED',
          type: 'INCIDENT',
          complaint: true,
          channel: 'EMAIL',
          priority: 'HIGH',
          solvedAt: '2024-01-12T09:00:00.000Z',
          satisfaction: { score: 'BAD', comment: 'Still waiting' },
          tags: ['delivery', 'complaint'],
          commentCount: 5,
        }),
      },
    ]);
    // The end cursor of the last page gives an empty page, not an error.
    const past = await postGraphQL(support.url, TICKETS_ONLY, { after: page2.pageInfo.endCursor, r: [ann] });
    expect(past.data!._entities[0].supportTickets).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    for (const first of [0, 101]) {
      const res = await postGraphQL(support.url, TICKETS_ONLY, { first, r: [ann] });
      expect(res.data).toEqual({ _entities: [{ supportTickets: null }] });
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: `Invalid first: expected an integer from 1 to 100, received ${first}`,
          path: ['_entities', 0, 'supportTickets'],
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }),
        }),
      ]);
    }
    const garbage = await postGraphQL(support.url, TICKETS_ONLY, { after: 'nope', r: [ann] });
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(garbage.errors?.[0]?.message).toContain('received "nope"');
  });

  it('reads 100 customers with one help-desk request per level', async () => {
    const r = BATCH_USERS.map((id) => ({
      __typename: 'Customer',
      id: `c-${id}`,
      sourceRecords: [{ system: 'support', localId: String(id) }],
    }));
    const query = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Customer {
            supportTickets(first: 5) {
              totalCount
              edges {
                node {
                  id
                  requester {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `;
    const sent = support.db.stats.queries;
    const received = sim.requestsReceived;
    const res = await postGraphQL(support.url, query, { r });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(100);
    expect(res.data!._entities[99]).toEqual({
      supportTickets: { totalCount: 1, edges: [{ node: { id: '5099', requester: { name: 'User 5099' } } }] },
    });
    // Tickets of all customers in one search export, then their requesters in one show_many.
    expect(support.db.stats.queries - sent).toBe(2);
    expect(sim.requestsReceived - received).toBe(2);
  });

  it('serves a repeated read from its HTTP cache while the help desk says it is fresh', async () => {
    const r = [{ __typename: 'Customer', id: 'c-104', sourceRecords: [{ system: 'support', localId: '104' }] }];
    const query = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Customer {
            helpDeskUsers {
              id
            }
          }
        }
      }
    `;
    await postGraphQL(support.url, query, { r });
    const sent = support.db.stats.queries;
    const again = await postGraphQL(support.url, query, { r });
    expect(again.data).toEqual({ _entities: [{ helpDeskUsers: [{ id: '104' }] }] });
    expect(support.db.stats.queries - sent).toBe(0);
  });

  it('revalidates a stale cached answer with its ETag, and the help desk answers 304 without a body', async () => {
    const shortLived = await startHelpdeskSimulator({ token: TOKEN, data, maxAgeSeconds: 1 });
    const sub = await startSupportSubgraph({
      helpdeskUrl: shortLived.url,
      apiToken: TOKEN,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const first = await postGraphQL(sub.url, CUSTOMER, { r: [ann] });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const sent = sub.db.stats.queries;
      const again = await postGraphQL(sub.url, CUSTOMER, { r: [ann] });
      expect(again.data).toEqual(first.data);
      // Both reads (users, tickets) were asked again, and both answered "not modified".
      expect(sub.db.stats.queries - sent).toBe(2);
      expect(shortLived.notModifiedSent).toBe(2);
    } finally {
      await sub.stop();
      await shortLived.stop();
    }
  });

  it('resolves SupportTicket and HelpDeskUser by key and by id, and unknown ones to null', async () => {
    const res = await postGraphQL(
      support.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on SupportTicket {
              id
              subject
            }
            ... on HelpDeskUser {
              id
              name
            }
          }
          supportTicket(id: "12") {
            id
            channel
          }
          helpDeskUser(id: "nope") {
            id
          }
        }
      `,
      {
        r: [
          { __typename: 'SupportTicket', id: '11' },
          { __typename: 'SupportTicket', id: '999999' },
          { __typename: 'HelpDeskUser', id: '103' },
          { __typename: 'HelpDeskUser', id: '1' },
        ],
      },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [{ id: '11', subject: 'Parcel not delivered' }, null, { id: '103', name: 'Visitor 1001' }, null],
        supportTicket: { id: '12', channel: 'PHONE' },
        helpDeskUser: null,
      },
    });
  });

  it('serves its observation feed: end users in change order, after the watermark, with their identifiers', async () => {
    const base = support.url.replace(/\/graphql$/, '/observations');
    // The test users changed in 2030, after the batch users: read from just before them.
    const seek = Buffer.from(JSON.stringify(['2029-12-31T00:00:00.000Z', '0'])).toString('base64url');
    const first = (await (await fetch(`${base}?limit=2&after=${seek}`)).json()) as any;
    expect(first).toEqual({
      records: [
        {
          system: 'support',
          localId: '101',
          observedAt: '2030-01-01T00:00:00.000Z',
          name: 'Ann Smith',
          match: { fullName: 'Ann Smith', country: 'FR' },
          identifiers: [
            { kind: 'EMAIL', value: 'Ann.Smith@Example.com' },
            { kind: 'PHONE', value: '06 12 34 56 78', region: 'FR' },
          ],
        },
        {
          system: 'support',
          localId: '102',
          observedAt: '2030-01-01T00:00:00.000Z',
          // "Caller +44 …" is the help desk's placeholder, not a name.
          name: null,
          match: { fullName: null, country: 'GB' },
          identifiers: [{ kind: 'PHONE', value: '+447911123456', region: 'GB' }],
        },
      ],
      nextCursor: expect.any(String),
      hasMore: true,
    });
    // The agent (changed 2030-01-02T12:00) is staff, not a customer: never in the feed.
    const rest = (await (await fetch(`${base}?limit=10&after=${first.nextCursor}`)).json()) as any;
    expect(rest.records).toEqual([
      {
        system: 'support',
        localId: '103',
        observedAt: '2030-01-02T00:00:00.000Z',
        name: null,
        match: { fullName: null, country: 'FR' },
        identifiers: [],
      },
      {
        system: 'support',
        localId: '104',
        observedAt: '2030-01-03T00:00:00.000Z',
        name: 'User 104',
        match: { fullName: 'User 104', country: 'FR' },
        identifiers: [{ kind: 'EMAIL', value: 'user104@example.com' }],
      },
    ]);
    expect(rest.hasMore).toBe(false);
    // Replaying from the last watermark gives nothing new, and keeps the watermark.
    const replay = (await (await fetch(`${base}?limit=10&after=${rest.nextCursor}`)).json()) as any;
    expect(replay).toEqual({ records: [], nextCursor: rest.nextCursor, hasMore: false });
    // From the start, every end user comes in (updatedAt, localId) order.
    const all = (await (await fetch(`${base}?limit=1000`)).json()) as any;
    expect(all.records).toHaveLength(104);
    const positions = all.records.map((r: { observedAt: string; localId: string }) => [
      r.observedAt,
      Number(r.localId),
    ]);
    expect(positions).toEqual(
      [...positions].sort((a: [string, number], b: [string, number]) => a[0].localeCompare(b[0]) || a[1] - b[1]),
    );
  });
});

describe('support subgraph when the help desk fails', () => {
  let failing: HelpdeskSimulator;
  let sub: Awaited<ReturnType<typeof startSupportSubgraph>>;
  const r = [ann];

  beforeAll(async () => {
    // No HTTP caching here: every query must reach the help desk.
    failing = await startHelpdeskSimulator({ token: TOKEN, data, maxAgeSeconds: 0, rateLimitPerMinute: 1000 });
    sub = await startSupportSubgraph({
      helpdeskUrl: failing.url,
      apiToken: TOKEN,
      sourceTimeoutMs: 300,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
  });

  afterAll(async () => {
    await sub.stop();
    await failing.stop();
  });

  const expectUnavailable = (res: Awaited<ReturnType<typeof postGraphQL>>, reason: RegExp) => {
    expect(res.data).toEqual({ _entities: [{ helpDeskUsers: null, supportTickets: null }] });
    expect(res.errors).toHaveLength(2);
    for (const field of ['helpDeskUsers', 'supportTickets']) {
      expect(res.errors).toContainEqual(
        expect.objectContaining({
          message: expect.stringMatching(reason),
          path: ['_entities', 0, field],
          extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'support' }),
        }),
      );
    }
  };

  it('answers null with SOURCE_UNAVAILABLE when the help desk answers 5xx, and recovers when it is back', async () => {
    failing.setDown(true);
    try {
      expectUnavailable(await postGraphQL(sub.url, CUSTOMER, { r }), /answered 503/);
      const health = await fetch(sub.url.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(503);
    } finally {
      failing.setDown(false);
    }
    const back = await postGraphQL(sub.url, CUSTOMER, { r });
    expect(back.errors).toBeUndefined();
    expect(back.data!._entities[0].helpDeskUsers).toHaveLength(2);
  });

  it('gives up on a slow help desk within the source budget', async () => {
    failing.setLatency(2000);
    try {
      const started = Date.now();
      expectUnavailable(await postGraphQL(sub.url, CUSTOMER, { r }), /did not answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      failing.setLatency(0);
    }
  });

  it('says when to retry once the help desk rate-limits the token', async () => {
    const limited = await startHelpdeskSimulator({ token: TOKEN, data, maxAgeSeconds: 0, rateLimitPerMinute: 1 });
    const client = await startSupportSubgraph({
      helpdeskUrl: limited.url,
      apiToken: TOKEN,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      // One request per minute: the users read passes, the tickets read is refused.
      const res = await postGraphQL(client.url, CUSTOMER, { r });
      const refused = res.errors?.find((e) => e.message.includes('429'));
      expect(refused).toMatchObject({
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'support', retryAfterSeconds: expect.any(Number) },
      });
      expect(refused!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await client.stop();
      await limited.stop();
    }
  });

  it('answers null with SOURCE_UNAVAILABLE when the help desk cannot be reached, and keeps serving', async () => {
    const stopped = await startHelpdeskSimulator({ token: TOKEN, data });
    const url = stopped.url;
    await stopped.stop();
    const orphan = await startSupportSubgraph({
      helpdeskUrl: url,
      apiToken: TOKEN,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      expectUnavailable(await postGraphQL(orphan.url, CUSTOMER, { r }), /cannot reach the help desk at .*ECONNREFUSED/);
      // The process is alive: the same subgraph still answers what needs no help desk.
      const sdl = await postGraphQL(orphan.url, '{ _service { sdl } }');
      expect(sdl.status).toBe(200);
      const feed = await fetch(orphan.url.replace(/\/graphql$/, '/observations'));
      expect(feed.status).toBe(503);
    } finally {
      await orphan.stop();
    }
  });
});
