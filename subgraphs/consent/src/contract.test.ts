import { randomUUID } from 'node:crypto';
import { configureSubgraphAuth, generateSecret, signCaller } from '@c360/kit/auth';
import { createLogger } from '@c360/kit/logger';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { createTestPgSchema, postGraphQL, type TestPgSchema } from '@c360/kit/testing';
import { startConsentSubgraph } from '.';

const logger = createLogger('silent');
const secret = generateSecret();
let db: TestPgSchema;
let consent: Awaited<ReturnType<typeof startConsentSubgraph>>;

const RECORD = /* GraphQL */ `
  mutation ($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      replayed
      event {
        id
        purpose
        channel
        status
        source
        recordedBy
        occurredAt
        proof {
          wordingVersion
          form
          ipAddress
          userAgent
          collectedBy
          reference
        }
      }
      subject {
        id
        identifiers {
          kind
          value
          region
        }
      }
      currentState {
        purpose
        channel
        granted
        since
        source
      }
    }
  }
`;

const CUSTOMERS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        consents {
          purpose
          channel
          granted
          since
          source
          proofReference
          wordingVersion
        }
        consentHistory(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              purpose
              channel
              status
              occurredAt
            }
          }
        }
      }
    }
  }
`;

interface Input {
  subject: { id?: string; identifiers?: { kind: string; value: string; region?: string }[] };
  purpose: string;
  channel: string;
  status: string;
  source: string;
  occurredAt: string;
  proof?: Record<string, string>;
  idempotencyKey?: string;
}

const grant = (subject: Input['subject'], purpose: string, channel: string, occurredAt: string): Input => ({
  subject,
  purpose,
  channel,
  status: 'GRANTED',
  source: 'web-signup-form',
  occurredAt,
  proof: { wordingVersion: 'signup-v1', reference: `ref-${occurredAt}` },
});
const withdraw = (subject: Input['subject'], purpose: string, channel: string, occurredAt: string): Input => ({
  subject,
  purpose,
  channel,
  status: 'WITHDRAWN',
  source: 'preference-centre',
  occurredAt,
});

async function record(input: Input, headers: Record<string, string> = {}) {
  const res = await postGraphQL(consent.url, RECORD, { input }, headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.recordConsent;
}

const eventCount = async () => Number((await db.pool.query('SELECT count(*) FROM consent_event')).rows[0].count);
const customer = (id: string, subjects: string[], others: { system: string; localId: string }[] = []) => ({
  __typename: 'Customer',
  id,
  sourceRecords: [...subjects.map((localId) => ({ system: 'consent', localId })), ...others],
});

// Subjects: ann (email + French mobile), ann's UK phone (a second subject of the same person), bob.
let ann: string;
let annPhone: string;
let bob: string;

beforeAll(async () => {
  configureSubgraphAuth({ secrets: [secret] });
  db = await createTestPgSchema(TEST_ENV.CONSENT_DATABASE_URL!, 'consent');
  consent = await startConsentSubgraph({ databaseUrl: db.url, logger, host: '127.0.0.1', port: 0, feedSettleMs: 0 });
  const annIds = [
    { kind: 'EMAIL', value: ' Ann.Smith@Example.com ' },
    { kind: 'PHONE', value: '06 12 34 56 78', region: 'FR' },
  ];
  ann = (await record(grant({ identifiers: annIds }, 'MARKETING', 'EMAIL', '2024-01-01T10:00:00Z'))).subject.id;
  await record(grant({ id: ann }, 'ANALYTICS', 'WEB', '2024-01-01T10:00:01Z'));
  await record(
    grant(
      { identifiers: [{ kind: 'EMAIL', value: 'ann.smith@example.com' }] },
      'MARKETING',
      'SMS',
      '2024-03-01T09:00:00Z',
    ),
  );
  await record(withdraw({ id: ann }, 'MARKETING', 'EMAIL', '2024-06-01T08:00:00Z'));
  annPhone = (
    await record(
      grant(
        { identifiers: [{ kind: 'PHONE', value: '+44 7400 123456' }] },
        'MARKETING',
        'POST',
        '2024-02-01T12:00:00Z',
      ),
    )
  ).subject.id;
  // Granted on the second subject after the withdrawal on the first: the customer's state is granted.
  await record(grant({ id: annPhone }, 'MARKETING', 'EMAIL', '2024-07-01T12:00:00Z'));
  bob = (
    await record(
      withdraw(
        { identifiers: [{ kind: 'EMAIL', value: 'bob@example.com' }] },
        'MARKETING',
        'EMAIL',
        '2024-05-01T00:00:00Z',
      ),
    )
  ).subject.id;
});

afterAll(async () => {
  await consent.stop();
  await db.drop();
});

describe('consent subgraph contract', () => {
  it('publishes its SDL with the Customer extension', async () => {
    const res = await postGraphQL(consent.url, /* GraphQL */ '{ _service { sdl } }');
    expect(res.data?._service.sdl).toContain(
      'consents: [ConsentState!] @requires(fields: "sourceRecords { system localId }")',
    );
    expect(res.data?._service.sdl).toMatch(
      /consentHistory\([\s\S]*?\): ConsentEventConnection @requires\(fields: "sourceRecords \{ system localId \}"\)/,
    );
  });

  it('records a consent, normalising the identifiers the subject is found and created by', async () => {
    const created = await record({
      ...grant(
        { identifiers: [{ kind: 'EMAIL', value: '  Carol@Example.COM' }] },
        'PROFILING',
        'WEB',
        '2025-01-02T03:04:05.678+02:00',
      ),
      proof: {
        wordingVersion: 'cookie-banner-v5',
        form: 'https://shop.example.com/',
        ipAddress: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
        collectedBy: ' ',
        reference: 'CB-42',
      },
    });
    expect(created).toEqual({
      replayed: false,
      event: {
        id: expect.any(String),
        purpose: 'PROFILING',
        channel: 'WEB',
        status: 'GRANTED',
        source: 'web-signup-form',
        recordedBy: 'anonymous',
        occurredAt: '2025-01-02T01:04:05.678Z',
        proof: {
          wordingVersion: 'cookie-banner-v5',
          form: 'https://shop.example.com/',
          ipAddress: '203.0.113.7',
          userAgent: 'Mozilla/5.0',
          collectedBy: null,
          reference: 'CB-42',
        },
      },
      subject: { id: expect.any(String), identifiers: [{ kind: 'EMAIL', value: 'carol@example.com', region: null }] },
      currentState: {
        purpose: 'PROFILING',
        channel: 'WEB',
        granted: true,
        since: '2025-01-02T01:04:05.678Z',
        source: 'web-signup-form',
      },
    });
    // The same person typed differently, with a new phone: same subject, phone attached in E.164.
    const again = await record(
      withdraw(
        {
          identifiers: [
            { kind: 'EMAIL', value: 'CAROL@example.com' },
            { kind: 'PHONE', value: '0044 7812 345678' },
          ],
        },
        'PROFILING',
        'WEB',
        '2025-02-01T00:00:00Z',
      ),
    );
    expect(again.subject).toEqual({
      id: created.subject.id,
      identifiers: [
        { kind: 'EMAIL', value: 'carol@example.com', region: null },
        { kind: 'PHONE', value: '+447812345678', region: 'GB' },
      ],
    });
    expect(again.currentState).toMatchObject({ granted: false, since: '2025-02-01T00:00:00.000Z' });
  });

  it('derives the current state from the latest event by when it occurred: a back-dated event does not override', async () => {
    const late = await record(grant({ id: bob }, 'MARKETING', 'EMAIL', '2020-01-01T00:00:00Z'));
    expect(late.currentState).toEqual({
      purpose: 'MARKETING',
      channel: 'EMAIL',
      granted: false,
      since: '2024-05-01T00:00:00.000Z',
      source: 'preference-centre',
    });
  });

  it('resolves consents and paginated history of many customers in one register query per field, ignoring other systems', async () => {
    const before = consent.db.stats.queries;
    const res = await postGraphQL(consent.url, CUSTOMERS, {
      first: 2,
      r: [
        customer('c1', [ann, annPhone], [{ system: 'crm', localId: ann }]),
        customer('c2', [bob]),
        customer('c3', [], [{ system: 'commerce', localId: '1' }]),
        customer('c4', [randomUUID(), 'not-a-subject-id']),
      ],
    });
    // states, history: one round trip each for all four customers.
    expect(consent.db.stats.queries - before).toBe(2);
    const page = (edges: [string, string, string, string][], totalCount: number, hasNextPage: boolean) => ({
      totalCount,
      pageInfo: { hasNextPage, endCursor: edges.length ? expect.any(String) : null },
      edges: edges.map(([purpose, channel, status, occurredAt]) => ({
        node: { purpose, channel, status, occurredAt },
      })),
    });
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            consents: [
              {
                purpose: 'MARKETING',
                channel: 'EMAIL',
                granted: true,
                since: '2024-07-01T12:00:00.000Z',
                source: 'web-signup-form',
                proofReference: 'ref-2024-07-01T12:00:00Z',
                wordingVersion: 'signup-v1',
              },
              {
                purpose: 'MARKETING',
                channel: 'SMS',
                granted: true,
                since: '2024-03-01T09:00:00.000Z',
                source: 'web-signup-form',
                proofReference: 'ref-2024-03-01T09:00:00Z',
                wordingVersion: 'signup-v1',
              },
              {
                purpose: 'MARKETING',
                channel: 'POST',
                granted: true,
                since: '2024-02-01T12:00:00.000Z',
                source: 'web-signup-form',
                proofReference: 'ref-2024-02-01T12:00:00Z',
                wordingVersion: 'signup-v1',
              },
              {
                purpose: 'ANALYTICS',
                channel: 'WEB',
                granted: true,
                since: '2024-01-01T10:00:01.000Z',
                source: 'web-signup-form',
                proofReference: 'ref-2024-01-01T10:00:01Z',
                wordingVersion: 'signup-v1',
              },
            ],
            consentHistory: page(
              [
                ['MARKETING', 'EMAIL', 'GRANTED', '2024-07-01T12:00:00.000Z'],
                ['MARKETING', 'EMAIL', 'WITHDRAWN', '2024-06-01T08:00:00.000Z'],
              ],
              6,
              true,
            ),
          },
          {
            consents: [
              {
                purpose: 'MARKETING',
                channel: 'EMAIL',
                granted: false,
                since: '2024-05-01T00:00:00.000Z',
                source: 'preference-centre',
                proofReference: null,
                wordingVersion: null,
              },
            ],
            consentHistory: page(
              [
                ['MARKETING', 'EMAIL', 'WITHDRAWN', '2024-05-01T00:00:00.000Z'],
                ['MARKETING', 'EMAIL', 'GRANTED', '2020-01-01T00:00:00.000Z'],
              ],
              2,
              false,
            ),
          },
          { consents: [], consentHistory: page([], 0, false) },
          { consents: [], consentHistory: page([], 0, false) },
        ],
      },
    });
  });

  it('reads the subjects of all events of all customers in one more query, the next level down', async () => {
    const before = consent.db.stats.queries;
    const res = await postGraphQL(
      consent.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              consentHistory(first: 10) {
                edges {
                  node {
                    subject {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { r: [customer('c1', [ann, annPhone]), customer('c2', [bob])] },
    );
    const subjectsOf = (i: number) =>
      new Set(res.data!._entities[i].consentHistory.edges.map((e: any) => e.node.subject.id));
    expect([subjectsOf(0), subjectsOf(1)]).toEqual([new Set([ann, annPhone]), new Set([bob])]);
    // history, then subjects: one round trip per level.
    expect(consent.db.stats.queries - before).toBe(2);
  });

  it('pages through a history with cursors until the end', async () => {
    const r = [customer('c1', [ann, annPhone])];
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res: Awaited<ReturnType<typeof postGraphQL<any>>> = await postGraphQL(consent.url, CUSTOMERS, {
        r,
        first: 2,
        after,
      });
      const history = res.data!._entities[0].consentHistory;
      expect(history.totalCount).toBe(6);
      seen.push(...history.edges.map((e: any) => `${e.node.occurredAt} ${e.node.channel}`));
      expect(history.pageInfo.hasNextPage).toBe(i < 2);
      after = history.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      '2024-07-01T12:00:00.000Z EMAIL',
      '2024-06-01T08:00:00.000Z EMAIL',
      '2024-03-01T09:00:00.000Z SMS',
      '2024-02-01T12:00:00.000Z POST',
      '2024-01-01T10:00:01.000Z WEB',
      '2024-01-01T10:00:00.000Z EMAIL',
    ]);
    const beyond = await postGraphQL(consent.url, CUSTOMERS, { r, first: 2, after });
    expect(beyond.data!._entities[0].consentHistory).toEqual({
      totalCount: 6,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    const r = [customer('c1', [ann])];
    for (const first of [0, 101]) {
      const res = await postGraphQL(consent.url, CUSTOMERS, { r, first });
      expect(res.data!._entities[0].consentHistory).toBeNull();
      expect(res.errors?.[0]).toMatchObject({
        path: ['_entities', 0, 'consentHistory'],
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
    }
    const badCursor = await postGraphQL(consent.url, CUSTOMERS, { r, after: 'nope' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(badCursor.errors?.[0]?.message).toContain('received "nope"');
  });

  it('serves a subject to privacy officers by id, by entity key, and null for an unknown id', async () => {
    const query = /* GraphQL */ `
      query ($id: ID!, $r: [_Any!]!) {
        consentSubject(id: $id) {
          id
          identifiers {
            kind
            value
            region
            addedAt
          }
          createdAt
          lastChangedAt
          consents {
            purpose
            channel
            granted
            eventId
            subjectId
          }
          history(first: 1) {
            totalCount
            edges {
              node {
                id
                subject {
                  id
                }
              }
            }
          }
        }
        _entities(representations: $r) {
          ... on ConsentSubject {
            id
          }
        }
      }
    `;
    const res = await postGraphQL(consent.url, query, {
      id: ann.toUpperCase(),
      r: [
        { __typename: 'ConsentSubject', id: bob },
        { __typename: 'ConsentSubject', id: randomUUID() },
        { __typename: 'ConsentSubject', id: 'garbage' },
      ],
    });
    expect(res.errors).toBeUndefined();
    const subject = res.data!.consentSubject;
    expect(subject).toEqual({
      id: ann,
      identifiers: [
        { kind: 'EMAIL', value: 'ann.smith@example.com', region: null, addedAt: expect.any(String) },
        { kind: 'PHONE', value: '+33612345678', region: 'FR', addedAt: subject.identifiers[0].addedAt },
      ],
      createdAt: subject.identifiers[0].addedAt,
      lastChangedAt: expect.any(String),
      consents: [
        { purpose: 'MARKETING', channel: 'EMAIL', granted: false, eventId: expect.any(String), subjectId: ann },
        { purpose: 'MARKETING', channel: 'SMS', granted: true, eventId: expect.any(String), subjectId: ann },
        { purpose: 'ANALYTICS', channel: 'WEB', granted: true, eventId: expect.any(String), subjectId: ann },
      ],
      history: { totalCount: 4, edges: [{ node: { id: subject.consents[0].eventId, subject: { id: ann } } }] },
    });
    expect(res.data!._entities).toEqual([{ id: bob }, null, null]);
    const unknown = await postGraphQL(consent.url, query, { id: 'nope', r: [] });
    expect(unknown).toEqual({ status: 200, data: { consentSubject: null, _entities: [] } });
  });

  it('rejects invalid input with BAD_USER_INPUT naming the field, recording nothing', async () => {
    const ok = grant(
      { identifiers: [{ kind: 'EMAIL', value: 'dora@example.com' }] },
      'MARKETING',
      'EMAIL',
      '2024-01-01T00:00:00Z',
    );
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const cases: [Partial<Input>, string][] = [
      [{ subject: {} }, 'subject'],
      [{ subject: { id: 'nope' } }, 'subject.id'],
      [{ subject: { id: randomUUID() } }, 'subject.id'],
      [{ subject: { identifiers: [{ kind: 'EMAIL', value: 'not-an-email' }] } }, 'subject.identifiers[0].value'],
      [{ subject: { identifiers: [{ kind: 'PHONE', value: '123' }] } }, 'subject.identifiers[0].value'],
      [
        { subject: { identifiers: [{ kind: 'PHONE', value: '0612345678', region: 'France' }] } },
        'subject.identifiers[0].region',
      ],
      [
        {
          subject: {
            identifiers: [
              { kind: 'EMAIL', value: 'ann.smith@example.com' },
              { kind: 'PHONE', value: '+447400123456' },
            ],
          },
        },
        'subject.identifiers',
      ],
      [
        { subject: { id: bob, identifiers: [{ kind: 'EMAIL', value: 'ann.smith@example.com' }] } },
        'subject.identifiers',
      ],
      [{ source: '  ' }, 'source'],
      [{ occurredAt: 'yesterday' }, 'occurredAt'],
      [{ occurredAt: '2024-01-01T10:00:00' }, 'occurredAt'],
      [{ occurredAt: tomorrow }, 'occurredAt'],
      [{ proof: undefined }, 'proof.wordingVersion'],
      [{ proof: { wordingVersion: 'v1', ipAddress: '300.1.1.1' } }, 'proof.ipAddress'],
      [{ idempotencyKey: '' }, 'idempotencyKey'],
    ];
    const before = await eventCount();
    for (const [change, field] of cases) {
      const res = await postGraphQL(consent.url, RECORD, { input: { ...ok, ...change } });
      expect({ field, data: res.data, extensions: res.errors?.[0]?.extensions }).toEqual({
        field,
        data: null,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      });
    }
    expect(await eventCount()).toBe(before);
  });

  it('records once per idempotency key, even for concurrent retries, and refuses a key reused for another consent', async () => {
    const key = randomUUID();
    const input = {
      ...grant(
        { identifiers: [{ kind: 'EMAIL', value: `erin-${key}@example.com` }] },
        'MARKETING',
        'SMS',
        '2024-04-04T00:00:00Z',
      ),
      idempotencyKey: key,
    };
    const before = await eventCount();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => record(input)));
    expect(new Set(results.map((r) => r.event.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.subject.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    // A retry spelling the email differently is the same request once normalised.
    const retry = await record({
      ...input,
      subject: { identifiers: [{ kind: 'EMAIL', value: `  ERIN-${key}@Example.com` }] },
    });
    expect(retry).toEqual({ ...results[0], replayed: true });
    expect(await eventCount()).toBe(before + 1);

    const reused = await postGraphQL(consent.url, RECORD, { input: { ...input, status: 'WITHDRAWN' } });
    expect(reused.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`"${key}" was already used for a different consent`),
      extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
    });
    expect(await eventCount()).toBe(before + 1);
  });

  it('puts concurrent first consents of a new identifier on one subject', async () => {
    const email = `frank-${randomUUID()}@example.com`;
    const results = await Promise.all(
      (['EMAIL', 'SMS', 'PHONE', 'POST'] as const).map((channel) =>
        record(grant({ identifiers: [{ kind: 'EMAIL', value: email }] }, 'MARKETING', channel, '2024-01-01T00:00:00Z')),
      ),
    );
    expect(new Set(results.map((r) => r.subject.id)).size).toBe(1);
  });

  it('needs the consent:write scope to record, and stores the client the gateway vouches for', async () => {
    const input = grant(
      { identifiers: [{ kind: 'EMAIL', value: 'gina@example.com' }] },
      'MARKETING',
      'EMAIL',
      '2024-01-01T00:00:00Z',
    );
    const reader = signCaller({ client: 'sales-app', scopes: ['customer:read'] }, secret);
    const refused = await postGraphQL(consent.url, RECORD, { input }, reader);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'consent:write' });
    const writer = signCaller({ client: 'preference-centre-app', scopes: ['consent:write'] }, secret);
    const recorded = await postGraphQL(consent.url, RECORD, { input }, writer);
    expect(recorded.data!.recordConsent.event.recordedBy).toBe('preference-centre-app');
    // Writing consents opens no personal data: the subject's identifier values stay behind pii:read.
    expect(recorded.data!.recordConsent.subject.identifiers[0].value).toBeNull();
    expect(recorded.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['recordConsent', 'subject', 'identifiers', 0, 'value'],
          extensions: { code: 'FORBIDDEN' },
        }),
      ]),
    );
    expect(new Set(recorded.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it("gives the audience engine's bulk read only to a caller holding customer:read and pii:read", async () => {
    const FACTS = /* GraphQL */ `
      query ($c: [[ID!]!]!, $f: [String!]!) {
        consentAudienceFacts(customers: $c, facts: $f)
      }
    `;
    const vars = { c: [['no-such-subject'], []], f: ['consents'] };
    const reader = signCaller({ client: 'analyst', scopes: ['customer:read'] }, secret);
    const refused = await postGraphQL(consent.url, FACTS, vars, reader);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'pii:read' });
    const audience = signCaller({ client: 'profile-audience', scopes: ['customer:read', 'pii:read'] }, secret);
    const answered = await postGraphQL(consent.url, FACTS, vars, audience);
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.consentAudienceFacts).toEqual([{ consents: [] }, { consents: [] }]);
  });

  it('refuses to change or delete history in the database itself', async () => {
    const before = await db.pool.query('SELECT * FROM consent_event ORDER BY seq');
    const statements = [
      "UPDATE consent_event SET status = 'GRANTED'",
      'DELETE FROM consent_event',
      'TRUNCATE consent_event CASCADE',
      "UPDATE consent_subject_identifier SET value = 'x@example.com'",
      'DELETE FROM consent_subject_identifier',
      'DELETE FROM consent_subject',
      `UPDATE consent_subject SET subject_id = '${randomUUID()}'`,
    ];
    for (const sql of statements) {
      await expect(db.pool.query(sql)).rejects.toMatchObject({
        code: 'CN900',
        message: expect.stringMatching(/^The consent register is append-only: (UPDATE|DELETE|TRUNCATE) on consent_/),
      });
    }
    expect((await db.pool.query('SELECT * FROM consent_event ORDER BY seq')).rows).toEqual(before.rows);
  });

  it('serves its observation feed in change order, resuming from a cursor, with nothing new on replay', async () => {
    const base = consent.url.replace(/\/graphql$/, '/observations');
    const read = async (query: string) => (await (await fetch(`${base}?${query}`)).json()) as any;
    const first = await read('limit=2');
    expect(first).toEqual({
      records: [
        {
          system: 'consent',
          localId: ann,
          observedAt: expect.any(String),
          identifiers: [
            { kind: 'EMAIL', value: 'ann.smith@example.com' },
            { kind: 'PHONE', value: '+33612345678', region: 'FR' },
          ],
        },
        {
          system: 'consent',
          localId: annPhone,
          observedAt: expect.any(String),
          identifiers: [{ kind: 'PHONE', value: '+447400123456', region: 'GB' }],
        },
      ],
      nextCursor: expect.any(String),
      hasMore: true,
    });
    expect(first.records[0].observedAt <= first.records[1].observedAt).toBe(true);

    const all: any[] = [...first.records];
    let cursor = first.nextCursor;
    for (;;) {
      const page = await read(`limit=3&after=${cursor}`);
      all.push(...page.records);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const subjects = (
      await db.pool.query('SELECT subject_id FROM consent_subject ORDER BY last_changed_at, subject_id')
    ).rows;
    expect(all.map((r) => r.localId)).toEqual(subjects.map((s) => s.subject_id));
    expect(await read(`limit=3&after=${cursor}`)).toEqual({ records: [], nextCursor: cursor, hasMore: false });

    // A new consent moves its subject to the end of the feed.
    await record(grant({ id: bob }, 'MARKETING', 'PUSH', '2024-09-09T00:00:00Z'));
    const next = await read(`after=${cursor}`);
    expect(next.records.map((r: { localId: string }) => r.localId)).toEqual([bob]);
  });

  it('holds back changes younger than the settle time from the feed', async () => {
    const settling = await startConsentSubgraph({
      databaseUrl: db.url,
      logger,
      host: '127.0.0.1',
      port: 0,
      feedSettleMs: 60_000,
    });
    try {
      const read = async (url: string) =>
        (await (await fetch(url.replace(/\/graphql$/, '/observations?limit=10000'))).json()) as any;
      // Every subject of this run changed seconds ago: served without a settle time, held back with one of a minute.
      expect((await read(consent.url)).records.length).toBeGreaterThan(5);
      expect(await read(settling.url)).toEqual({ records: [], nextCursor: null, hasMore: false });
    } finally {
      await settling.stop();
    }
  });

  it('answers null with SOURCE_UNAVAILABLE naming the source when the register is down, and keeps serving', async () => {
    const down = await startConsentSubgraph({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/c360_test_consent',
      sourceTimeoutMs: 500,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await postGraphQL(down.url, CUSTOMERS, { r: [customer('c1', [ann])] });
        expect(res.data).toEqual({ _entities: [{ consents: null, consentHistory: null }] });
        const errors = [...(res.errors ?? [])].sort((a, b) => String(a.path).localeCompare(String(b.path)));
        expect(errors).toEqual([
          expect.objectContaining({
            path: ['_entities', 0, 'consentHistory'],
            extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'consent' }),
          }),
          expect.objectContaining({
            path: ['_entities', 0, 'consents'],
            extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'consent' }),
          }),
        ]);
      }
      const write = await postGraphQL(down.url, RECORD, {
        input: grant({ id: ann }, 'MARKETING', 'EMAIL', '2024-01-01T00:00:00Z'),
      });
      expect(write.data).toBeNull();
      expect(write.errors?.[0]).toMatchObject({
        path: ['recordConsent'],
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'consent' },
      });
      expect((await fetch(down.url.replace(/\/graphql$/, '/health'))).status).toBe(503);
      expect((await fetch(down.url.replace(/\/graphql$/, '/observations'))).status).toBe(503);
    } finally {
      await down.stop();
    }
  });
});
