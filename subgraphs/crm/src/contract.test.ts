import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startCrmSubgraph } from '.';

const logger = createLogger('silent');
const url = TEST_ENV.CRM_DATABASE_URL!;
const tag = randomUUID().slice(0, 8);
const ids = [`T-${tag}-1`, `T-${tag}-2`];
let pool: Pool;
let crm: Awaited<ReturnType<typeof startCrmSubgraph>>;

beforeAll(async () => {
  pool = new Pool({ connectionString: url });
  await pool.query(
    `INSERT INTO contacts (contact_id, first_name, last_name, email_personal, phone_mobile, company, owner_name, city, country, created_at, updated_at)
     VALUES ($1, 'Ann', 'Smith', 'Ann.Smith@Example.com', '06 12 34 56 78', 'Acme', 'Rep One', 'Lyon', 'FR', '2024-01-01Z', '2030-01-01Z'),
            ($2, 'Bob', 'Jones', NULL, NULL, NULL, NULL, NULL, NULL, '2024-01-01Z', '2030-01-02Z')`,
    ids,
  );
  crm = await startCrmSubgraph({ databaseUrl: url, logger, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await crm.stop();
  await pool.query('DELETE FROM contacts WHERE contact_id = ANY($1)', [ids]);
  await pool.end();
});

describe('crm subgraph contract', () => {
  it('publishes its SDL with the Customer extension', async () => {
    const res = await postGraphQL(crm.url, /* GraphQL */ '{ _service { sdl } }');
    expect(res.data?._service.sdl).toContain(
      'crmContacts: [CrmContact!] @requires(fields: "sourceRecords { system localId }")',
    );
  });

  it('resolves Customer with the representation the planner sends, in one CRM query for all customers', async () => {
    const before = crm.db.queries;
    const res = await postGraphQL(
      crm.url,
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Customer {
              crmContacts {
                contactId
                firstName
                lastName
                personalEmail
                mobilePhone
                company
                ownerName
                address {
                  city
                  country
                }
              }
            }
          }
        }
      `,
      {
        representations: [
          {
            __typename: 'Customer',
            id: 'c1',
            sourceRecords: [
              { system: 'crm', localId: ids[0] },
              { system: 'commerce', localId: '1' },
            ],
          },
          { __typename: 'Customer', id: 'c2', sourceRecords: [{ system: 'crm', localId: ids[1] }] },
          { __typename: 'Customer', id: 'c3', sourceRecords: [{ system: 'crm', localId: 'unknown' }] },
        ],
      },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            crmContacts: [
              {
                contactId: ids[0],
                firstName: 'Ann',
                lastName: 'Smith',
                personalEmail: 'Ann.Smith@Example.com',
                mobilePhone: '06 12 34 56 78',
                company: 'Acme',
                ownerName: 'Rep One',
                address: { city: 'Lyon', country: 'FR' },
              },
            ],
          },
          {
            crmContacts: [
              {
                contactId: ids[1],
                firstName: 'Bob',
                lastName: 'Jones',
                personalEmail: null,
                mobilePhone: null,
                company: null,
                ownerName: null,
                address: null,
              },
            ],
          },
          { crmContacts: [] },
        ],
      },
    });
    expect(crm.db.queries - before).toBe(1);
  });

  it('resolves CrmContact by key, and an unknown key to null rather than an error', async () => {
    const res = await postGraphQL(
      crm.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on CrmContact {
              contactId
              firstName
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'CrmContact', contactId: ids[1] },
          { __typename: 'CrmContact', contactId: 'nope' },
        ],
      },
    );
    expect(res).toEqual({ status: 200, data: { _entities: [{ contactId: ids[1], firstName: 'Bob' }, null] } });
  });

  it('serves its observation feed in change order, resuming from a cursor', async () => {
    const base = crm.url.replace(/\/graphql$/, '/observations');
    // The test contacts were changed in 2030, after every seeded contact: read from just before them.
    const seekCursor = Buffer.from(JSON.stringify(['2029-12-31T00:00:00.000Z', ''])).toString('base64url');
    const first = (await (await fetch(`${base}?limit=1&after=${seekCursor}`)).json()) as any;
    expect(first).toEqual({
      records: [
        {
          system: 'crm',
          localId: ids[0],
          observedAt: '2030-01-01T00:00:00.000Z',
          name: 'Ann Smith',
          match: { givenName: 'Ann', familyName: 'Smith', street: null, city: 'Lyon', postcode: null, country: 'FR' },
          identifiers: [
            { kind: 'EMAIL', value: 'Ann.Smith@Example.com' },
            { kind: 'PHONE', value: '06 12 34 56 78', region: 'FR' },
          ],
        },
      ],
      nextCursor: expect.any(String),
      hasMore: true,
    });
    const second = (await (await fetch(`${base}?limit=5&after=${first.nextCursor}`)).json()) as any;
    expect(second.records.map((r: { localId: string }) => r.localId)).toEqual([ids[1]]);
    expect(second.hasMore).toBe(false);
  });

  it('refuses a malformed feed cursor or limit with 400 and says what it expected', async () => {
    const base = crm.url.replace(/\/graphql$/, '/observations');
    const bad = await fetch(`${base}?after=garbage`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error).toMatch(/^after: expected a cursor/);
    const limit = await fetch(`${base}?limit=0`);
    expect(limit.status).toBe(400);
  });

  it('answers null with a SOURCE_UNAVAILABLE error naming the source when the CRM is down', async () => {
    const down = await startCrmSubgraph({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/c360_test_crm',
      sourceTimeoutMs: 500,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const res = await postGraphQL(
        down.url,
        /* GraphQL */ `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Customer {
                crmContacts {
                  contactId
                }
              }
            }
          }
        `,
        { r: [{ __typename: 'Customer', id: 'c1', sourceRecords: [{ system: 'crm', localId: ids[0] }] }] },
      );
      expect(res.data).toEqual({ _entities: [{ crmContacts: null }] });
      expect(res.errors).toEqual([
        expect.objectContaining({
          path: ['_entities', 0, 'crmContacts'],
          extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'crm' }),
        }),
      ]);
      const health = await fetch(down.url.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(503);
    } finally {
      await down.stop();
    }
  });

  it('answers a malformed JSON body or an oversized one with a JSON error and a code, not an HTML page', async () => {
    const post = (body: string) =>
      fetch(crm.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"query": "{ crmContact(contactId: "x") { contactId } }"}');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^The request body is not valid JSON: /),
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    const huge = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3_000_000) } }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^The request body is larger than the limit of \d+ bytes$/),
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });
});
