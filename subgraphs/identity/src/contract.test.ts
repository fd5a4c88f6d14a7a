import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { generateSecret, signCaller } from '@c360/kit/auth';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL, uniqueSystem, type GraphQLResponse } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { startIdentitySubgraph, type IdentitySubgraph } from '.';
import { removeTestData } from './testing';

const system = uniqueSystem();
const tag = randomUUID().slice(0, 8);
/** The secret the gateway would share with identity: signed callers are who they say; unsigned ones are anonymous. */
const secret = generateSecret();
let driver: Driver;
let identity: IdentitySubgraph;

const OBSERVE = /* GraphQL */ `
  mutation ($input: RecordObservationInput!) {
    observeRecord(input: $input) {
      record {
        system
        localId
      }
      customer {
        id
        identifiers {
          kind
          value
        }
        sourceRecords {
          system
          localId
        }
      }
    }
  }
`;

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  identity = await startIdentitySubgraph({
    driver,
    cache: new MemoryCache(),
    logger: createLogger('silent'),
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'development', secrets: [secret] },
  });
});

afterAll(async () => {
  await identity.stop();
  await removeTestData(driver, system, tag);
  await driver.close();
});

describe('identity subgraph contract', () => {
  it('publishes the Customer entity it owns', async () => {
    const res = await postGraphQL(identity.server.url, '{ _service { sdl } }');
    expect(res.data?._service.sdl).toMatch(/type Customer\s+@key\(fields: "id"\)/);
  });

  it('observes a record with raw identifiers and returns its customer, normalised', async () => {
    const res = await postGraphQL(identity.server.url, OBSERVE, {
      input: {
        system,
        localId: 'r1',
        identifiers: [
          { kind: 'EMAIL', value: `  Ann.${tag}@Example.COM ` },
          { kind: 'PHONE', value: '07911 123456', region: 'GB' },
        ],
        observedAt: '2026-01-01T00:00:00Z',
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.observeRecord).toEqual({
      record: { system, localId: 'r1' },
      customer: {
        id: expect.any(String),
        identifiers: [
          { kind: 'EMAIL', value: `ann.${tag}@example.com` },
          { kind: 'PHONE', value: '+447911123456' },
        ],
        sourceRecords: [{ system, localId: 'r1' }],
      },
    });
    const id = res.data!.observeRecord.customer.id;
    const lookup = await postGraphQL(
      identity.server.url,
      /* GraphQL */ `
        query ($v: String!) {
          customerByIdentifier(kind: EMAIL, value: $v) {
            id
          }
        }
      `,
      { v: `ANN.${tag}@example.com` },
    );
    expect(lookup.data).toEqual({ customerByIdentifier: { id } });
  });

  it('looks up many identifiers in one call: one entry per input in order, null where unknown, an error where malformed', async () => {
    const observe = async (localId: string, identifiers: { kind: string; value: string }[]) =>
      (await postGraphQL(identity.server.url, OBSERVE, { input: { system, localId, identifiers } })).data!.observeRecord
        .customer.id as string;
    const lea = await observe('b1', [
      { kind: 'EMAIL', value: `lea.${tag}@example.com` },
      { kind: 'PHONE', value: '+33 6 12 34 56 78' },
    ]);
    const tom = await observe('b2', [{ kind: 'LOYALTY_CARD', value: `LC${tag}` }]);
    const BATCH = /* GraphQL */ `
      query ($identifiers: [IdentifierInput!]!) {
        customersByIdentifiers(identifiers: $identifiers) {
          id
        }
      }
    `;
    const identifiers = [
      { kind: 'PHONE', value: '06.12.34.56.78' },
      { kind: 'EMAIL', value: `nobody.${tag}@example.com` },
      { kind: 'EMAIL', value: 'not an email' },
      { kind: 'LOYALTY_CARD', value: `lc-${tag}` },
      { kind: 'EMAIL', value: ` LEA.${tag}@Example.com ` },
    ];
    const first = await postGraphQL(identity.server.url, BATCH, { identifiers });
    expect(first.data).toEqual({
      customersByIdentifiers: [{ id: lea }, null, null, { id: tom }, { id: lea }],
    });
    expect(first.errors).toHaveLength(1);
    expect(first.errors![0]).toMatchObject({
      path: ['customersByIdentifiers', 2],
      extensions: { code: 'BAD_USER_INPUT', field: 'identifiers[2].value' },
    });
    // The second call answers from the cache the same way.
    expect(await postGraphQL(identity.server.url, BATCH, { identifiers })).toEqual(first);

    const none = await postGraphQL(identity.server.url, BATCH, { identifiers: [] });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifiers' });
    const tooMany = await postGraphQL(identity.server.url, BATCH, {
      identifiers: Array.from({ length: 501 }, (_, i) => ({ kind: 'COOKIE', value: `c-${i}` })),
    });
    expect(tooMany.errors?.[0]).toMatchObject({
      message: 'Invalid identifiers: expected 1 to 500 identifiers, received 501',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('finds the customer of a source record by system and local id, and null for an unknown record', async () => {
    const obs = await postGraphQL(identity.server.url, OBSERVE, {
      input: { system, localId: 'sr-1', identifiers: [{ kind: 'EMAIL', value: `sr.${tag}@example.com` }] },
    });
    const id = obs.data!.observeRecord.customer.id as string;
    const BY_RECORD = /* GraphQL */ `
      query ($system: String!, $localId: ID!) {
        customerBySourceRecord(system: $system, localId: $localId) {
          id
        }
      }
    `;
    const found = await postGraphQL(identity.server.url, BY_RECORD, { system: ` ${system} `, localId: 'sr-1' });
    expect({ data: found.data, errors: found.errors }).toEqual({
      data: { customerBySourceRecord: { id } },
      errors: undefined,
    });
    const unknown = await postGraphQL(identity.server.url, BY_RECORD, { system, localId: 'sr-unknown' });
    expect({ data: unknown.data, errors: unknown.errors }).toEqual({
      data: { customerBySourceRecord: null },
      errors: undefined,
    });
  });

  it('shows an identifier normalised, and refuses a malformed one', async () => {
    const res = await postGraphQL(
      identity.server.url,
      /* GraphQL */ `
        {
          phone: normalizedIdentifier(kind: PHONE, value: "06.12.34.56.78") {
            kind
            value
          }
          uk: normalizedIdentifier(kind: PHONE, value: "07400 123456", region: "GB") {
            value
          }
          email: normalizedIdentifier(kind: EMAIL, value: " Ann@Example.COM ") {
            value
          }
        }
      `,
    );
    expect({ data: res.data, errors: res.errors }).toEqual({
      errors: undefined,
      data: {
        phone: { kind: 'PHONE', value: '+33612345678' },
        uk: { value: '+447400123456' },
        email: { value: 'ann@example.com' },
      },
    });
    const bad = await postGraphQL(identity.server.url, '{ normalizedIdentifier(kind: PHONE, value: "12") { value } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  it('answers 500 identifiers with one read of the identity graph (the customer itself is cached by its observation)', async () => {
    const known = await postGraphQL(identity.server.url, OBSERVE, {
      input: { system, localId: 'b3', identifiers: [{ kind: 'COOKIE', value: `ck-${tag}` }] },
    });
    const id = known.data!.observeRecord.customer.id as string;
    const identifiers = Array.from({ length: 500 }, (_, i) => ({
      kind: 'COOKIE',
      value: i % 100 === 7 ? `ck-${tag}` : `unknown-${tag}-${i}`,
    }));
    const sessions = jest.spyOn(driver, 'session');
    try {
      const res = await postGraphQL(
        identity.server.url,
        'query ($i: [IdentifierInput!]!) { customersByIdentifiers(identifiers: $i) { id } }',
        { i: identifiers },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.customersByIdentifiers).toEqual(identifiers.map((_, i) => (i % 100 === 7 ? { id } : null)));
      expect(sessions).toHaveBeenCalledTimes(1);
    } finally {
      sessions.mockRestore();
    }
  });

  it('resolves Customer references by id, and an unknown id to null', async () => {
    const obs = await postGraphQL(identity.server.url, OBSERVE, {
      input: { system, localId: 'r2', identifiers: [{ kind: 'EMAIL', value: `bob.${tag}@example.com` }] },
    });
    const id = obs.data!.observeRecord.customer.id;
    const res = await postGraphQL(
      identity.server.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              id
              sourceRecords {
                system
                localId
              }
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'Customer', id },
          { __typename: 'Customer', id: 'unknown-id' },
        ],
      },
    );
    expect(res).toEqual({
      status: 200,
      data: { _entities: [{ id, sourceRecords: [{ system, localId: 'r2' }] }, null] },
    });
  });

  it('pages through every customer id in id order, for exports', async () => {
    const ids: string[] = [];
    for (const localId of ['ids-1', 'ids-2']) {
      const obs = await postGraphQL(identity.server.url, OBSERVE, {
        input: { system, localId, identifiers: [{ kind: 'EMAIL', value: `${localId}.${tag}@example.com` }] },
      });
      ids.push(obs.data!.observeRecord.customer.id);
    }
    const PAGE = /* GraphQL */ `
      query ($first: Int, $after: String) {
        customerIds(first: $first, after: $after) {
          ids
          endCursor
          hasNextPage
        }
      }
    `;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = { customerIds: { ids: string[]; endCursor: string | null; hasNextPage: boolean } };
      const res: GraphQLResponse<Page> = await postGraphQL<Page>(identity.server.url, PAGE, { first: 1000, after });
      expect(res.errors).toBeUndefined();
      const page: Page['customerIds'] = res.data!.customerIds;
      seen.push(...page.ids);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);

    const first = await postGraphQL(identity.server.url, PAGE, { first: 1 });
    const second = await postGraphQL(identity.server.url, PAGE, { first: 1, after: first.data!.customerIds.endCursor });
    expect(first.data!.customerIds.ids).toEqual([seen[0]]);
    expect(second.data!.customerIds).toEqual({
      ids: [seen[1]],
      endCursor: expect.any(String),
      hasNextPage: seen.length > 2,
    });

    const tooMany = await postGraphQL(identity.server.url, PAGE, { first: 1001 });
    expect(tooMany.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await postGraphQL(identity.server.url, PAGE, { after: 'nonsense' });
    expect(badCursor.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('rejects a malformed identifier with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const res = await postGraphQL(identity.server.url, OBSERVE, {
      input: {
        system,
        localId: 'bad',
        identifiers: [
          { kind: 'EMAIL', value: `ok.${tag}@example.com` },
          { kind: 'PHONE', value: '12' },
        ],
      },
    });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message:
          'Invalid PHONE in input.identifiers[1].value: expected a valid phone number (international, or national for region FR), received "12"',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.identifiers[1].value' }),
      }),
    ]);
    const { records } = await driver.executeQuery(
      'MATCH (r:SourceRecord {system: $system, localId: "bad"}) RETURN count(r) AS n',
      { system },
    );
    expect(records[0]!.get('n')).toBe(0);
    const lookup = await postGraphQL(
      identity.server.url,
      '{ customerByIdentifier(kind: EMAIL, value: "nope") { id } }',
    );
    expect(lookup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  it('rejects a malformed source name and observedAt', async () => {
    const res = await postGraphQL(identity.server.url, OBSERVE, {
      input: { system: 'Bad System', localId: 'x', identifiers: [], observedAt: 'yesterday' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.system' });
  });

  it('merges and unlinks through mutations, recording the client and reason, and explains the result', async () => {
    const observe = async (localId: string, name: string) =>
      (
        await postGraphQL(identity.server.url, OBSERVE, {
          input: { system, localId, identifiers: [{ kind: 'EMAIL', value: `${name}.${tag}@example.com` }] },
        })
      ).data!.observeRecord.customer.id as string;
    const [a, b] = [await observe('m1', 'mia'), await observe('m2', 'max')];
    const headers = signCaller({ client: 'steward-app', scopes: ['identity:write'] }, secret);
    const merged = await postGraphQL(
      identity.server.url,
      /* GraphQL */ `
        mutation ($ids: [ID!]!) {
          mergeCustomers(ids: $ids, reason: "verified by phone") {
            id
            sourceRecords {
              localId
            }
            anonymous
            identityLinks {
              from {
                localId
              }
              to {
                localId
              }
              rule
              identifier {
                value
              }
              confidence
              source
              actor
              reason
            }
          }
        }
      `,
      { ids: [a, b] },
      headers,
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeCustomers).toEqual({
      id: expect.stringMatching(new RegExp(`^(${a}|${b})$`)),
      sourceRecords: [{ localId: 'm1' }, { localId: 'm2' }],
      anonymous: false,
      identityLinks: [
        {
          from: { localId: expect.any(String) },
          to: { localId: expect.any(String) },
          rule: 'manual',
          identifier: null,
          confidence: 1,
          source: 'steward-app',
          actor: 'steward-app',
          reason: 'verified by phone',
        },
      ],
    });
    const unlinked = await postGraphQL(
      identity.server.url,
      /* GraphQL */ `mutation { unlinkRecord(system: "${system}", localId: "m2", reason: "wrong merge") {
        sourceRecords { localId } identityHistory { type actor reason }
      } }`,
      {},
      headers,
    );
    expect(unlinked.data!.unlinkRecord.sourceRecords).toEqual([{ localId: 'm2' }]);
    expect(unlinked.data!.unlinkRecord.identityHistory).toEqual(
      expect.arrayContaining([
        { type: 'link', actor: 'steward-app', reason: 'verified by phone' },
        { type: 'unlink', actor: 'steward-app', reason: 'wrong merge' },
      ]),
    );
  });

  it('refuses identity writes to a signed caller without identity:write, and ignores an unsigned client header', async () => {
    const readOnly = signCaller({ client: 'partner-app', scopes: ['customer:read'] }, secret);
    const observe = (headers: Record<string, string>) =>
      postGraphQL(
        identity.server.url,
        OBSERVE,
        { input: { system, localId: 'w1', identifiers: [{ kind: 'EMAIL', value: `w1.${tag}@example.com` }] } },
        headers,
      );
    const refused = await observe(readOnly);
    expect(refused).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: 'This operation needs the identity:write scope; client "partner-app" holds: customer:read',
          locations: [{ line: 3, column: 5 }],
          path: ['observeRecord'],
          extensions: { code: 'FORBIDDEN', requiredScope: 'identity:write', client: 'partner-app' },
        },
      ],
    });
    // A client name a caller sets itself is not vouched for: the decision is recorded as anonymous.
    const [a, b] = await Promise.all(
      ['w2', 'w3'].map(async (localId) => {
        const res = await postGraphQL(identity.server.url, OBSERVE, {
          input: { system, localId, identifiers: [{ kind: 'EMAIL', value: `${localId}.${tag}@example.com` }] },
        });
        return res.data!.observeRecord.customer.id as string;
      }),
    );
    const merged = await postGraphQL(
      identity.server.url,
      'mutation ($ids: [ID!]!) { mergeCustomers(ids: $ids) { identityLinks { actor } } }',
      { ids: [a, b] },
      { 'x-c360-client': 'spoofed-app' },
    );
    expect(merged.data!.mergeCustomers.identityLinks).toEqual([{ actor: 'anonymous' }]);
  });

  it('refuses a merge of fewer than two customers or of unknown ids, and an unlink of an unknown record', async () => {
    const merge = (ids: string[]) =>
      postGraphQL(identity.server.url, 'mutation ($ids: [ID!]!) { mergeCustomers(ids: $ids) { id } }', { ids });
    expect((await merge(['x', 'x'])).errors?.[0]).toMatchObject({
      message: 'Invalid ids: expected at least two different customer ids, received ["x","x"]',
      extensions: { code: 'BAD_USER_INPUT', field: 'ids' },
    });
    const unknown = await merge(['no-such-1', 'no-such-2']);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    const unlink = await postGraphQL(
      identity.server.url,
      `mutation { unlinkRecord(system: "${system}", localId: "nope") { id } }`,
    );
    expect(unlink.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'localId' });
  });
});
