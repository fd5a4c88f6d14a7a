import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache } from '../../shared/src/cache';
import { createLogger } from '../../shared/src/logger';
import { postGraphQL, uniqueSystem } from '../../shared/src/testing';
import { TEST_NEO4J_URI } from '../../../tests/setup/test-env';
import { startIdentitySubgraph, type IdentitySubgraph } from '.';
import { removeTestData } from './testing';

const system = uniqueSystem();
const tag = randomUUID().slice(0, 8);
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
    const headers = { 'x-c360-client': 'steward-app' };
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
