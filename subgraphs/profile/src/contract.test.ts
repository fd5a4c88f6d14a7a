import { configureSubgraphAuth, generateSecret, signCaller } from '@c360/kit/auth';
import { createLogger } from '@c360/kit/logger';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startProfileSubgraph } from '.';
import { createTestPgSchema, postGraphQL, type TestPgSchema } from '@c360/kit/testing';

const logger = createLogger('silent');
const secret = generateSecret();
const NOW = new Date('2025-06-01T12:00:00.000Z');
const admin = signCaller({ client: 'ops-console', scopes: ['admin'] }, secret);
const reader = signCaller({ client: 'sales-app', scopes: ['customer:read', 'pii:read'] }, secret);

let db: TestPgSchema;
let profile: Awaited<ReturnType<typeof startProfileSubgraph>>;
/** A second replica on the same database: a change through one must show in the other. */
let replica: Awaited<ReturnType<typeof startProfileSubgraph>>;

const start = () =>
  startProfileSubgraph({
    databaseUrl: db.url,
    logger,
    host: '127.0.0.1',
    port: 0,
    reportingCurrency: 'EUR',
    exchangeRates: { GBP: 1.17 },
    now: () => NOW,
  });

/** Ann: in the CRM, the shop, the loyalty programme and the help desk, with conflicting emails and phones. */
const ann = {
  __typename: 'Customer',
  id: 'c-ann',
  crmContacts: [
    {
      contactId: 'CRM-1',
      firstName: 'Ann',
      lastName: 'Smith',
      personalEmail: ' Ann.Smith@Example.com ',
      workEmail: 'ann@acme.example',
      mobilePhone: '06 12 34 56 78',
      workPhone: null,
      company: 'Acme',
      address: { street: '1 rue de Rivoli', city: 'Paris', postcode: '75001', country: 'FR' },
      updatedAt: '2024-01-01T00:00:00.000Z',
    },
  ],
  shopAccounts: [
    {
      accountId: '42',
      email: 'ann.smith@example.com',
      firstName: 'Ann',
      lastName: 'Smith',
      phone: '+33 6 12 34 56 78',
      country: 'FR',
      updatedAt: '2025-03-01T00:00:00.000Z',
    },
  ],
  loyaltyCards: [
    {
      cardNumber: '2901234567897',
      firstName: 'ANN',
      lastName: 'SMITH-JONES',
      email: 'ann.sj@mail.example',
      phone: '06 98 76 54 32',
      country: 'FR',
      updatedAt: '2025-05-01T00:00:00.000Z',
    },
  ],
  helpDeskUsers: [
    {
      id: '101',
      name: 'Caller +33 6 12 34 56 78',
      email: null,
      phone: '+33612345678',
      locale: 'fr',
      updatedAt: '2024-06-01T00:00:00.000Z',
    },
  ],
  onlinePurchases: [
    { reference: 'WEB-1', purchasedAt: '2025-03-01T10:00:00.000Z', total: { amount: '120.00', currency: 'EUR' } },
    { reference: 'WEB-2', purchasedAt: '2025-05-20T00:00:00.000Z', total: { amount: '100.00', currency: 'GBP' } },
  ],
  inStorePurchases: [
    {
      reference: 'PAR01-01-20240115-0001',
      purchasedAt: '2024-01-15T10:00:00.000Z',
      total: { amount: '45.50', currency: 'EUR' },
    },
  ],
  openSupportTicketCount: 1,
  latestNps: { score: 9 },
  lastWebSession: { startedAt: '2025-05-30T08:00:00.000Z' },
  consents: [
    { purpose: 'MARKETING', channel: 'EMAIL', granted: true, since: '2024-02-01T00:00:00.000Z' },
    { purpose: 'MARKETING', channel: 'SMS', granted: false, since: '2024-03-01T00:00:00.000Z' },
    { purpose: 'PROFILING', channel: 'PHONE', granted: true, since: '2024-03-01T00:00:00.000Z' },
  ],
};

/** Bob: a shop account only, who never bought, consented to post but has no street address. */
const bob = {
  __typename: 'Customer',
  id: 'c-bob',
  crmContacts: [],
  shopAccounts: [
    {
      accountId: '43',
      email: 'bob@example.com',
      firstName: 'Bob',
      lastName: null,
      phone: null,
      country: 'GB',
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  ],
  loyaltyCards: [],
  helpDeskUsers: [],
  onlinePurchases: [],
  inStorePurchases: [],
  openSupportTicketCount: 0,
  latestNps: null,
  lastWebSession: null,
  consents: [{ purpose: 'MARKETING', channel: 'POST', granted: true, since: '2025-01-01T00:00:00.000Z' }],
};

/** Cy: every source down (the planner sends null for a field whose source failed). */
const cy = {
  __typename: 'Customer',
  id: 'c-cy',
  crmContacts: null,
  shopAccounts: null,
  loyaltyCards: null,
  helpDeskUsers: null,
  onlinePurchases: null,
  inStorePurchases: [],
  openSupportTicketCount: null,
  latestNps: null,
  lastWebSession: null,
  consents: null,
};

const LINEAGE = 'lineage { system localId updatedAt }';
const GOLDEN_STRING = `value ${LINEAGE} decidedBy candidates { value ${LINEAGE} }`;
const PROFILE = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Customer {
        profile {
          name { ${GOLDEN_STRING} }
          email { ${GOLDEN_STRING} }
          phone { value ${LINEAGE} decidedBy }
          postalAddress {
            value { street city postcode country }
            ${LINEAGE}
            decidedBy
            candidates { value { street city postcode country } lineage { system localId } }
          }
          birthDate { value }
          language { value decidedBy }
          company { value decidedBy }
          emails { value best sources { system localId } }
          phones { value best sources { system localId } }
        }
      }
    }
  }
`;

const EMAIL = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Customer {
        profile {
          email {
            value
            decidedBy
            lineage {
              system
              localId
              updatedAt
            }
          }
        }
      }
    }
  }
`;

const SET_RULE = /* GraphQL */ `
  mutation ($attribute: GoldenAttribute!, $rule: SurvivorshipRuleInput!) {
    setSurvivorshipRule(attribute: $attribute, rule: $rule) {
      attribute
      strategies
      sourcePriority
      version
      changedBy
    }
  }
`;

const DEFINE = /* GraphQL */ `
  mutation ($name: String!, $description: String, $rule: JSON!) {
    defineSegment(name: $name, description: $description, rule: $rule) {
      name
      description
      rule
      version
      changedBy
    }
  }
`;

const SEGMENTS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Customer {
        segments {
          name
          version
        }
      }
    }
  }
`;

beforeAll(async () => {
  db = await createTestPgSchema(TEST_ENV.PROFILE_DATABASE_URL!, 'profile', 2);
  configureSubgraphAuth({ secrets: [secret] });
  profile = await start();
  replica = await start();
});

afterAll(async () => {
  await profile?.stop();
  await replica?.stop();
  await db.drop();
  configureSubgraphAuth({});
});

describe('profile subgraph contract', () => {
  it('publishes its SDL with the Customer extensions and their @requires', async () => {
    const res = await postGraphQL(profile.url, '{ _service { sdl } }');
    const sdl: string = res.data?._service.sdl;
    expect(sdl).toMatch(/profile: GoldenProfile @requires\(fields: "crmContacts \{/);
    expect(sdl).toMatch(/kpis: CustomerKpis @requires\(fields: "onlinePurchases \{/);
    expect(sdl).toMatch(/segments: \[SegmentMembership!\] @requires/);
    expect(sdl).toMatch(/contactability: \[ChannelContactability!\] @requires/);
    expect(sdl).toContain('value: String @pii');
  });

  it('builds the golden record with lineage, the deciding strategy and every candidate', async () => {
    const res = await postGraphQL(profile.url, PROFILE, { r: [ann, bob, cy, { __typename: 'Customer', id: 'x' }] });
    expect(res.errors).toBeUndefined();
    const crm = { system: 'crm', localId: 'CRM-1', updatedAt: '2024-01-01T00:00:00.000Z' };
    const shop = { system: 'commerce', localId: '42', updatedAt: '2025-03-01T00:00:00.000Z' };
    const card = { system: 'stores', localId: '2901234567897', updatedAt: '2025-05-01T00:00:00.000Z' };
    expect(res.data!._entities[0]).toEqual({
      profile: {
        name: {
          value: 'Ann Smith',
          lineage: crm,
          decidedBy: 'SOURCE_PRIORITY',
          candidates: [
            { value: 'Ann Smith', lineage: crm },
            { value: 'ANN SMITH-JONES', lineage: card },
            { value: 'Ann Smith', lineage: shop },
          ],
        },
        email: {
          value: 'ann.sj@mail.example',
          lineage: card,
          decidedBy: 'MOST_RECENT',
          candidates: [
            { value: 'ann.sj@mail.example', lineage: card },
            { value: 'ann.smith@example.com', lineage: shop },
            { value: 'ann.smith@example.com', lineage: crm },
            { value: 'ann@acme.example', lineage: crm },
          ],
        },
        phone: { value: '+33698765432', lineage: card, decidedBy: 'MOST_RECENT' },
        postalAddress: {
          value: { street: '1 rue de Rivoli', city: 'Paris', postcode: '75001', country: 'FR' },
          lineage: crm,
          decidedBy: 'MOST_COMPLETE',
          candidates: [
            {
              value: { street: '1 rue de Rivoli', city: 'Paris', postcode: '75001', country: 'FR' },
              lineage: { system: 'crm', localId: 'CRM-1' },
            },
            {
              value: { street: null, city: null, postcode: null, country: 'FR' },
              lineage: { system: 'stores', localId: '2901234567897' },
            },
            {
              value: { street: null, city: null, postcode: null, country: 'FR' },
              lineage: { system: 'commerce', localId: '42' },
            },
          ],
        },
        birthDate: null,
        language: { value: 'fr', decidedBy: 'UNANIMOUS' },
        company: { value: 'Acme', decidedBy: 'UNANIMOUS' },
        emails: [
          { value: 'ann.sj@mail.example', best: true, sources: [{ system: 'stores', localId: '2901234567897' }] },
          {
            value: 'ann.smith@example.com',
            best: false,
            sources: [
              { system: 'commerce', localId: '42' },
              { system: 'crm', localId: 'CRM-1' },
            ],
          },
          { value: 'ann@acme.example', best: false, sources: [{ system: 'crm', localId: 'CRM-1' }] },
        ],
        phones: [
          { value: '+33698765432', best: true, sources: [{ system: 'stores', localId: '2901234567897' }] },
          {
            value: '+33612345678',
            best: false,
            sources: [
              { system: 'commerce', localId: '42' },
              { system: 'support', localId: '101' },
              { system: 'crm', localId: 'CRM-1' },
            ],
          },
        ],
      },
    });
    expect(res.data!._entities[1].profile).toMatchObject({
      name: { value: 'Bob', decidedBy: 'UNANIMOUS' },
      email: { value: 'bob@example.com' },
      phone: null,
      company: null,
      phones: [],
    });
    // Every contact source down: no golden record rather than an empty one; nothing known: an empty one.
    expect(res.data!._entities[2]).toEqual({ profile: null });
    expect(res.data!._entities[3]).toEqual({ profile: null });
  });

  it('computes omnichannel KPIs in the reporting currency', async () => {
    const res = await postGraphQL(
      profile.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              kpis {
                orderCount
                onlineOrderCount
                storePurchaseCount
                totalSpent {
                  amount
                  currency
                }
                spentByCurrency {
                  amount
                  currency
                }
                spentLast12Months {
                  amount
                  currency
                }
                averageBasket {
                  amount
                  currency
                }
                firstPurchaseAt
                lastPurchaseAt
                daysSinceLastPurchase
                purchasesPerMonth
                recencyScore
                frequencyScore
                monetaryScore
                openSupportTickets
                lastNps
                daysSinceLastWebVisit
              }
            }
          }
        }
      `,
      { r: [ann, bob, cy] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      {
        kpis: {
          orderCount: 3,
          onlineOrderCount: 2,
          storePurchaseCount: 1,
          // 120 EUR + 100 GBP × 1.17 + 45.50 EUR
          totalSpent: { amount: '282.50', currency: 'EUR' },
          spentByCurrency: [
            { amount: '165.50', currency: 'EUR' },
            { amount: '100.00', currency: 'GBP' },
          ],
          spentLast12Months: { amount: '237.00', currency: 'EUR' },
          averageBasket: { amount: '94.17', currency: 'EUR' },
          firstPurchaseAt: '2024-01-15T10:00:00.000Z',
          lastPurchaseAt: '2025-05-20T00:00:00.000Z',
          daysSinceLastPurchase: 12,
          purchasesPerMonth: 0.18,
          recencyScore: 5,
          frequencyScore: 2,
          monetaryScore: 3,
          openSupportTickets: 1,
          lastNps: 9,
          daysSinceLastWebVisit: 2,
        },
      },
      {
        kpis: {
          orderCount: 0,
          onlineOrderCount: 0,
          storePurchaseCount: 0,
          totalSpent: { amount: '0.00', currency: 'EUR' },
          spentByCurrency: [],
          spentLast12Months: { amount: '0.00', currency: 'EUR' },
          averageBasket: null,
          firstPurchaseAt: null,
          lastPurchaseAt: null,
          daysSinceLastPurchase: null,
          purchasesPerMonth: null,
          recencyScore: null,
          frequencyScore: null,
          monetaryScore: null,
          openSupportTickets: 0,
          lastNps: null,
          daysSinceLastWebVisit: null,
        },
      },
      // The shop could not be read: no KPIs rather than wrong ones.
      { kpis: null },
    ]);
  });

  it('reports a purchase in a currency without an exchange rate on the kpis field', async () => {
    const usd = {
      ...bob,
      onlinePurchases: [
        { reference: 'W', purchasedAt: '2025-01-01T00:00:00Z', total: { amount: '1.00', currency: 'USD' } },
      ],
    };
    const res = await postGraphQL(
      profile.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { kpis { orderCount } } } }',
      {
        r: [usd],
      },
    );
    expect(res.data!._entities).toEqual([{ kpis: null }]);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'No exchange rate from USD to EUR: add it to the KPI rates',
        path: ['_entities', 0, 'kpis'],
        extensions: expect.objectContaining({ code: 'KPI_CURRENCY_UNKNOWN' }),
      }),
    ]);
  });

  it('says per channel whether and why the customer may be contacted for marketing', async () => {
    const res = await postGraphQL(
      profile.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { contactability { channel contactable reason consentSince } } } }',
      { r: [ann, bob, cy] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      {
        contactability: [
          { channel: 'EMAIL', contactable: true, reason: 'CONSENT_GRANTED', consentSince: '2024-02-01T00:00:00.000Z' },
          { channel: 'SMS', contactable: false, reason: 'CONSENT_WITHDRAWN', consentSince: '2024-03-01T00:00:00.000Z' },
          // A PROFILING consent on the phone is not a marketing one.
          { channel: 'PHONE', contactable: false, reason: 'NEVER_ASKED', consentSince: null },
          { channel: 'POST', contactable: false, reason: 'NEVER_ASKED', consentSince: null },
        ],
      },
      {
        contactability: [
          { channel: 'EMAIL', contactable: false, reason: 'NEVER_ASKED', consentSince: null },
          { channel: 'SMS', contactable: false, reason: 'NEVER_ASKED', consentSince: null },
          { channel: 'PHONE', contactable: false, reason: 'NEVER_ASKED', consentSince: null },
          { channel: 'POST', contactable: false, reason: 'NO_CONTACT_POINT', consentSince: '2025-01-01T00:00:00.000Z' },
        ],
      },
      {
        contactability: ['EMAIL', 'SMS', 'PHONE', 'POST'].map((channel) => ({
          channel,
          contactable: false,
          reason: 'CONSENT_UNAVAILABLE',
          consentSince: null,
        })),
      },
    ]);
  });

  it('lists the rules in force: the built-in defaults until one is changed', async () => {
    const res = await postGraphQL(
      profile.url,
      '{ survivorshipRules { attribute strategies sourcePriority version changedBy changedAt history { version } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.survivorshipRules).toHaveLength(7);
    expect(res.data!.survivorshipRules[1]).toEqual({
      attribute: 'EMAIL',
      strategies: ['MOST_RECENT', 'MOST_FREQUENT'],
      sourcePriority: [],
      version: 0,
      changedBy: null,
      changedAt: null,
      history: [],
    });
  });

  it('refuses rule and segment changes without the admin scope', async () => {
    const rule = { strategies: ['SOURCE_PRIORITY'], sourcePriority: ['commerce'] };
    const refused = await postGraphQL(profile.url, SET_RULE, { attribute: 'EMAIL', rule }, reader);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'admin' });
    const segment = await postGraphQL(
      profile.url,
      DEFINE,
      { name: 'nope', rule: { field: 'kpi.orderCount', op: 'gt', value: 1 } },
      reader,
    );
    expect(segment.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'admin' });
    for (const mutation of [
      'mutation { updateSegment(name: "nope", description: "x") { name } }',
      'mutation { deleteSegment(name: "nope") }',
    ]) {
      const res = await postGraphQL(profile.url, mutation, {}, reader);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('rejects invalid rules with BAD_USER_INPUT naming the offending part', async () => {
    const noPriority = await postGraphQL(
      profile.url,
      SET_RULE,
      { attribute: 'EMAIL', rule: { strategies: ['SOURCE_PRIORITY'] } },
      admin,
    );
    expect(noPriority.errors?.[0]).toMatchObject({
      message: 'Invalid rule.sourcePriority: SOURCE_PRIORITY needs a non-empty sourcePriority list',
      extensions: { code: 'BAD_USER_INPUT', field: 'rule' },
    });
    const twice = await postGraphQL(
      profile.url,
      SET_RULE,
      { attribute: 'EMAIL', rule: { strategies: ['MOST_RECENT', 'MOST_RECENT'] } },
      admin,
    );
    expect(twice.errors?.[0]?.message).toBe('Invalid rule.strategies: a strategy may appear only once');
    const badSystem = await postGraphQL(
      profile.url,
      SET_RULE,
      { attribute: 'EMAIL', rule: { strategies: ['SOURCE_PRIORITY'], sourcePriority: ['CRM!'] } },
      admin,
    );
    expect(badSystem.errors?.[0]?.message).toMatch(/^Invalid rule\.sourcePriority\.0: expected a source system name/);
  });

  it('puts a changed rule in force on the next query of every replica, with lineage to the new source, and keeps history', async () => {
    const before = await postGraphQL(replica.url, EMAIL, { r: [ann] });
    expect(before.data!._entities[0].profile.email).toEqual({
      value: 'ann.sj@mail.example',
      decidedBy: 'MOST_RECENT',
      lineage: { system: 'stores', localId: '2901234567897', updatedAt: '2025-05-01T00:00:00.000Z' },
    });

    const set = await postGraphQL(
      profile.url,
      SET_RULE,
      { attribute: 'EMAIL', rule: { strategies: ['SOURCE_PRIORITY', 'MOST_RECENT'], sourcePriority: ['commerce'] } },
      admin,
    );
    expect(set).toEqual({
      status: 200,
      data: {
        setSurvivorshipRule: {
          attribute: 'EMAIL',
          strategies: ['SOURCE_PRIORITY', 'MOST_RECENT'],
          sourcePriority: ['commerce'],
          version: 1,
          changedBy: 'ops-console',
        },
      },
    });

    // The other replica sees it at once: no restart, no cache to wait for.
    const after = await postGraphQL(replica.url, EMAIL, { r: [ann] });
    expect(after.data!._entities[0].profile.email).toEqual({
      value: 'ann.smith@example.com',
      decidedBy: 'SOURCE_PRIORITY',
      lineage: { system: 'commerce', localId: '42', updatedAt: '2025-03-01T00:00:00.000Z' },
    });

    await postGraphQL(
      profile.url,
      SET_RULE,
      { attribute: 'EMAIL', rule: { strategies: ['SOURCE_PRIORITY'], sourcePriority: ['crm', 'commerce'] } },
      admin,
    );
    const rules = await postGraphQL(
      replica.url,
      '{ survivorshipRules { attribute version changedBy changedAt history { version strategies sourcePriority changedBy changedAt } } }',
    );
    const email = rules.data!.survivorshipRules.find((r: { attribute: string }) => r.attribute === 'EMAIL');
    expect(email).toEqual({
      attribute: 'EMAIL',
      version: 2,
      changedBy: 'ops-console',
      changedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      history: [
        {
          version: 2,
          strategies: ['SOURCE_PRIORITY'],
          sourcePriority: ['crm', 'commerce'],
          changedBy: 'ops-console',
          changedAt: email.changedAt,
        },
        {
          version: 1,
          strategies: ['SOURCE_PRIORITY', 'MOST_RECENT'],
          sourcePriority: ['commerce'],
          changedBy: 'ops-console',
          changedAt: expect.any(String),
        },
      ],
    });

    // Back to the default order, so that the other tests see what they expect.
    await postGraphQL(
      profile.url,
      SET_RULE,
      { attribute: 'EMAIL', rule: { strategies: ['MOST_RECENT', 'MOST_FREQUENT'] } },
      admin,
    );
  });

  it('reads the rules once per request and reloads them only after a change', async () => {
    await postGraphQL(profile.url, EMAIL, { r: [ann] });
    const { queries, reloads } = profile.store.stats;
    await postGraphQL(profile.url, EMAIL, { r: [ann, bob, ann, bob] });
    expect(profile.store.stats.queries - queries).toBe(1);
    expect(profile.store.stats.reloads).toBe(reloads);
  });

  it('evaluates a segment defined at run time on the next query, and follows its changes and deletion', async () => {
    const rule = {
      all: [
        { field: 'kpi.spentLast12Months', op: 'gt', value: 200 },
        { field: 'kpi.daysSinceLastPurchase', op: 'lt', value: 90 },
        { field: 'contactable.EMAIL', op: 'eq', value: true },
      ],
    };
    expect((await postGraphQL(replica.url, SEGMENTS, { r: [ann, bob, cy] })).data!._entities).toEqual([
      { segments: [] },
      { segments: [] },
      { segments: [] },
    ]);
    const defined = await postGraphQL(
      profile.url,
      DEFINE,
      { name: 'active-big-spenders', description: 'Spent over 200 in 12 months, bought lately, emailable', rule },
      admin,
    );
    expect(defined).toEqual({
      status: 200,
      data: {
        defineSegment: {
          name: 'active-big-spenders',
          description: 'Spent over 200 in 12 months, bought lately, emailable',
          rule,
          version: 1,
          changedBy: 'ops-console',
        },
      },
    });
    await postGraphQL(
      profile.url,
      DEFINE,
      { name: 'never-bought', rule: { field: 'kpi.orderCount', op: 'eq', value: 0 } },
      admin,
    );
    expect((await postGraphQL(replica.url, SEGMENTS, { r: [ann, bob, cy] })).data!._entities).toEqual([
      { segments: [{ name: 'active-big-spenders', version: 1 }] },
      { segments: [{ name: 'never-bought', version: 1 }] },
      // KPIs unknown (shop down): no KPI condition holds.
      { segments: [] },
    ]);

    const again = await postGraphQL(profile.url, DEFINE, { name: 'never-bought', rule }, admin);
    expect(again.errors?.[0]).toMatchObject({
      message: 'Invalid name: segment "never-bought" exists already (version 1); use updateSegment to change it',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });

    const updated = await postGraphQL(
      profile.url,
      /* GraphQL */ `
        mutation ($rule: JSON) {
          updateSegment(name: "never-bought", rule: $rule) {
            name
            description
            version
          }
        }
      `,
      { rule: { field: 'kpi.orderCount', op: 'gte', value: 3 } },
      admin,
    );
    expect(updated.data).toEqual({ updateSegment: { name: 'never-bought', description: null, version: 2 } });
    const deleted = await postGraphQL(
      profile.url,
      'mutation { deleteSegment(name: "active-big-spenders") }',
      {},
      admin,
    );
    expect(deleted.data).toEqual({ deleteSegment: true });
    expect((await postGraphQL(replica.url, SEGMENTS, { r: [ann, bob] })).data!._entities).toEqual([
      { segments: [{ name: 'never-bought', version: 2 }] },
      { segments: [] },
    ]);
    const listed = await postGraphQL(
      replica.url,
      '{ segments { name version rule } segment(name: "active-big-spenders") { name } }',
    );
    expect(listed.data).toEqual({
      segments: [{ name: 'never-bought', version: 2, rule: { field: 'kpi.orderCount', op: 'gte', value: 3 } }],
      segment: null,
    });
    expect(
      (await postGraphQL(profile.url, 'mutation { deleteSegment(name: "active-big-spenders") }', {}, admin)).data,
    ).toEqual({
      deleteSegment: false,
    });
    // A deleted name can be defined again: a new version of it.
    const redefined = await postGraphQL(profile.url, DEFINE, { name: 'active-big-spenders', rule }, admin);
    expect(redefined.data!.defineSegment.version).toBe(3);
  });

  it('rejects an invalid segment with BAD_USER_INPUT naming the place in the rule', async () => {
    const cases: [unknown, string, string][] = [
      [
        {
          all: [
            { field: 'kpi.orderCount', op: 'gt', value: 1 },
            { field: 'kpi.totalSpent', op: 'gt', value: 'lots' },
          ],
        },
        'rule.all.1.value',
        'Invalid rule.all.1.value: expected a number for kpi.totalSpent, received "lots"',
      ],
      [{ field: 'kpi.shoeSize', op: 'gt', value: 1 }, 'rule.field', 'Invalid rule.field: unknown field "kpi.shoeSize"'],
      [{ any: [] }, 'rule.any', 'Invalid rule.any: expected a non-empty list of conditions'],
      [
        { field: 'profile.country', op: 'gt', value: 'FR' },
        'rule.op',
        'Invalid rule.op: "gt" does not apply to string field profile.country',
      ],
    ];
    for (const [rule, field, message] of cases) {
      const res = await postGraphQL(profile.url, DEFINE, { name: 'bad', rule }, admin);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message.startsWith(message)).toBe(true);
    }
    const badName = await postGraphQL(
      profile.url,
      DEFINE,
      { name: 'no spaces', rule: { field: 'kpi.orderCount', op: 'exists' } },
      admin,
    );
    expect(badName.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    const missing = await postGraphQL(
      profile.url,
      'mutation { updateSegment(name: "ghost", description: "x") { name } }',
      {},
      admin,
    );
    expect(missing.errors?.[0]).toMatchObject({
      message: 'Invalid name: there is no segment named "ghost"',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });

  it('lists the fields segment rules may use', async () => {
    const res = await postGraphQL(profile.url, '{ segmentFields { name type } }');
    expect(res.data!.segmentFields).toContainEqual({ name: 'kpi.spentLast12Months', type: 'number' });
    expect(res.data!.segmentFields).toContainEqual({ name: 'contactable.EMAIL', type: 'boolean' });
  });
});
