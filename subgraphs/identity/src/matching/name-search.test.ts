import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { generateSecret } from '@c360/kit/auth';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL, uniqueSystem } from '@c360/kit/testing';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { startIdentitySubgraph, type IdentitySubgraph } from '..';
import { removeTestData } from '../testing';
import { nameQueryOf } from './name-search';

const system = uniqueSystem('names');
const tag = randomUUID().replace(/-/g, '').slice(0, 8);
const family = `Dupont${tag}`;
let driver: Driver;
let identity: IdentitySubgraph;

const OBSERVE = /* GraphQL */ `
  mutation ($input: RecordObservationInput!) {
    observeRecord(input: $input) {
      customer {
        id
      }
    }
  }
`;
const SEARCH = /* GraphQL */ `
  query ($name: String!, $postcode: String!, $first: Int) {
    customersByName(name: $name, postcode: $postcode, first: $first) {
      id
      sourceRecords {
        localId
      }
    }
  }
`;

const search = async (name: string, postcode: string, first?: number) => {
  const res = await postGraphQL<{ customersByName: { id: string; sourceRecords: { localId: string }[] }[] }>(
    identity.server.url,
    SEARCH,
    { name, postcode, first },
  );
  return res;
};
const found = async (name: string, postcode: string) => {
  const res = await search(name, postcode);
  expect(res.errors).toBeUndefined();
  return res
    .data!.customersByName.map((c) =>
      c.sourceRecords
        .map((r) => r.localId)
        .sort()
        .join('+'),
    )
    .sort();
};

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  identity = await startIdentitySubgraph({
    driver,
    cache: new MemoryCache(),
    logger: createLogger('silent'),
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'development', secrets: [generateSecret()] },
  });
  const people = [
    { localId: 'marie-paris', match: { givenName: 'Marie', familyName: family, postcode: '75011', country: 'FR' } },
    { localId: 'paul-paris', match: { givenName: 'Paul', familyName: family, postcode: '75011', country: 'FR' } },
    { localId: 'marie-lyon', match: { givenName: 'Marie', familyName: family, postcode: '69001', country: 'FR' } },
    { localId: 'jm-london', match: { fullName: `Mr Jean-Marc ${family}`, postcode: 'SW1A 1AA', country: 'GB' } },
  ];
  for (const p of people) {
    const res = await postGraphQL(identity.server.url, OBSERVE, {
      input: {
        system,
        localId: p.localId,
        identifiers: [{ kind: 'EMAIL', value: `${p.localId}.${tag}@example.com` }],
        observedAt: '2026-01-01T00:00:00Z',
        match: p.match,
      },
    });
    expect(res.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await identity.stop();
  await removeTestData(driver, system, tag);
  await driver.close();
});

describe('customersByName', () => {
  it('finds the customer by name and postcode however they are typed: case, accents, order, spaces', async () => {
    expect(await found(`Marie ${family}`, '75011')).toEqual(['marie-paris']);
    expect(await found(`${family.toUpperCase()}, MARIÉ`, ' 75 011 ')).toEqual(['marie-paris']);
    expect(await found(`Mme marie ${family}`, '75011')).toEqual(['marie-paris']);
    expect(await found(`Marie ${family}`, '69001')).toEqual(['marie-lyon']);
    expect(await found(`jean marc ${family}`, 'sw1a-1aa')).toEqual(['jm-london']);
  });

  it('finds every person of a family name alone at the postcode, and nobody for another name or postcode', async () => {
    expect(await found(family, '75011')).toEqual(['marie-paris', 'paul-paris']);
    expect(await found(`Marc ${family}`, '75011')).toEqual([]);
    expect(await found(`Marie ${family}`, '75012')).toEqual([]);
    const limited = await search(family, '75011', 1);
    expect(limited.data?.customersByName).toHaveLength(1);
  });

  it('refuses a search it cannot run with BAD_USER_INPUT naming the argument', async () => {
    for (const [name, postcode, first, field] of [
      ['  ', '75011', 20, 'name'],
      ['-- !', '75011', 20, 'name'],
      ['a b c d e f g', '75011', 20, 'name'],
      ['Marie', ' - ', 20, 'postcode'],
      ['Marie', '1234567890123', 20, 'postcode'],
      ['Marie', '75011', 0, 'first'],
      ['Marie', '75011', 101, 'first'],
    ] as const) {
      const res = await search(name, postcode, first);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('reads one MatchBlock per initial the name can start with', () => {
    expect(nameQueryOf('Marie Dupont', '75 011')).toMatchObject({ words: ['marie', 'dupont'], postcode: '75011' });
    expect(nameQueryOf('Marie Dupont', '75011').blocks).toHaveLength(2);
    expect(nameQueryOf('Dupont', '75011').blocks).toHaveLength(36);
  });
});
