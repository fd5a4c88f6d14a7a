import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache } from '../../shared/src/cache';
import { createLogger } from '../../shared/src/logger';
import { postGraphQL, uniqueSystem } from '../../shared/src/testing';
import { TEST_NEO4J_URI } from '../../../tests/setup/test-env';
import { startIdentitySubgraph, type IdentitySubgraph } from '.';

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
  await driver.executeQuery(
    `MATCH (r:SourceRecord {system: $system}) OPTIONAL MATCH (r)-[:BELONGS_TO]->(c) OPTIONAL MATCH (c)<-[:MERGED_INTO*0..]-(m) DETACH DELETE r, c, m`,
    { system },
  );
  await driver.executeQuery('MATCH (i:Identifier) WHERE i.value CONTAINS $tag DETACH DELETE i', { tag });
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
});
