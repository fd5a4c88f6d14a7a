import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import type { Product } from '@c360/embedded/product';
import { writeClientsFile } from '@c360/gateway/testing';
import { generateSecret, KNOWN_SCOPES } from '@c360/kit/auth';
import { postGraphQL } from '@c360/kit/testing';

/**
 * What a gateway in production mode needs: a clients file of its own (the demo one is refused there) with
 * one client holding every scope, and the secret that signs subgraph requests. Give `PRODUCTION_ACCESS`
 * to the config and send `E2E_AUTH` with each request.
 */
const e2eClients = writeClientsFile([{ name: 'e2e-tests', scopes: [...KNOWN_SCOPES] }]);
export const PRODUCTION_ACCESS = { CLIENTS_PATH: e2eClients.path, SUBGRAPH_SHARED_SECRET: generateSecret() };
export const E2E_AUTH: Record<string, string> = { 'x-api-key': e2eClients.keys['e2e-tests']! };

/** A person of our own in the test CRM and shop, observed into the identity graph: never the demo data. */
export interface TestPerson {
  email: string;
  contactId: string;
  accountId: string;
  customerId: string;
}

/** What a customer page asks: identity's keys and each source's records (CRM and shop in parallel). */
export const CUSTOMER_PAGE = /* GraphQL */ `
  query CustomerPage($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      sourceRecords {
        system
        localId
      }
      crmContacts {
        contactId
        lastName
      }
      shopAccounts {
        accountId
        email
      }
    }
  }
`;

const OBSERVE = /* GraphQL */ `
  mutation Observe($input: RecordObservationInput!) {
    observeRecord(input: $input) {
      customer {
        id
      }
    }
  }
`;

/**
 * Writes one CRM contact and one shop account sharing an email, with ids no
 * other test uses, and observes both through the gateway (identity's own
 * mutation), so that they are one customer.
 */
export async function createTestPerson(product: Product): Promise<TestPerson> {
  const tag = randomUUID().slice(0, 8);
  const email = `resilience-${tag}@example.org`;
  const contactId = `CRM-RES-${tag}`;
  // INT UNSIGNED, far above the seed's ids (6 digits).
  const accountId = String(4_000_000_000 + Math.floor(Math.random() * 290_000_000));
  const pg = new Pool({ connectionString: product.config.CRM_DATABASE_URL, max: 1 });
  const shop = await mysql.createConnection({ uri: product.config.COMMERCE_DATABASE_URL });
  try {
    await pg.query(
      `INSERT INTO contacts (contact_id, first_name, last_name, email_personal, country) VALUES ($1, 'Ada', 'Resilience', $2, 'FR')`,
      [contactId, email],
    );
    await shop.query(
      `INSERT INTO customer_account (account_id, email, first_name, last_name, country, created_at, updated_at)
       VALUES (?, ?, 'Ada', 'Resilience', 'FR', NOW(3), NOW(3))`,
      [accountId, email],
    );
  } finally {
    await pg.end();
    await shop.end();
  }
  let customerId = '';
  for (const [system, localId] of [
    ['crm', contactId],
    ['commerce', accountId],
  ] as const) {
    const res = await postGraphQL(
      product.gateway.url,
      OBSERVE,
      { input: { system, localId, identifiers: [{ kind: 'EMAIL', value: email }], name: 'Ada Resilience' } },
      product.config.CLIENTS_PATH === PRODUCTION_ACCESS.CLIENTS_PATH ? E2E_AUTH : {},
    );
    if (res.errors) throw new Error(`observeRecord failed: ${JSON.stringify(res.errors)}`);
    customerId = res.data!.observeRecord.customer.id;
  }
  return { email, contactId, accountId, customerId };
}

/** Removes the person's rows from the sources and everything identity wrote about its two records. */
export async function removeTestPerson(product: Product, person: TestPerson): Promise<void> {
  const pg = new Pool({ connectionString: product.config.CRM_DATABASE_URL, max: 1 });
  const shop = await mysql.createConnection({ uri: product.config.COMMERCE_DATABASE_URL });
  try {
    await pg.query('DELETE FROM contacts WHERE contact_id = $1', [person.contactId]);
    await shop.query('DELETE FROM customer_account WHERE account_id = ?', [person.accountId]);
  } finally {
    await pg.end();
    await shop.end();
  }
  const records = [
    { system: 'crm', localId: person.contactId },
    { system: 'commerce', localId: person.accountId },
  ];
  await product.driver.executeQuery(
    `UNWIND $records AS rec
     MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
     OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
     OPTIONAL MATCH (c)<-[:MERGED_INTO*0..]-(m:Customer)
     DETACH DELETE r, c, m`,
    { records },
  );
  await product.driver.executeQuery(
    `MATCH (n)
     WHERE (n:Identifier AND n.value = $email)
        OR (n:IdentityEvent AND ((n.system = 'crm' AND n.localId = $contactId)
                              OR (n.system = 'commerce' AND n.localId = $accountId)
                              OR n.customerId = $customerId))
     DETACH DELETE n`,
    { email: person.email, contactId: person.contactId, accountId: person.accountId, customerId: person.customerId },
  );
}

/** The customer page of a person when every subgraph answers. */
export function wholeCustomer(person: TestPerson) {
  return {
    id: person.customerId,
    sourceRecords: expect.arrayContaining([
      { system: 'crm', localId: person.contactId },
      { system: 'commerce', localId: person.accountId },
    ]),
    crmContacts: [{ contactId: person.contactId, lastName: 'Resilience' }],
    shopAccounts: [{ accountId: person.accountId, email: person.email }],
  };
}

/**
 * A stand-in for a subgraph, in front of the real one: in `hang` mode it
 * accepts requests and never answers (a stuck subgraph); in `pass` mode it
 * forwards them. Counts the GraphQL requests it receives.
 */
export interface StandIn {
  url: string;
  mode: 'hang' | 'pass';
  /** GraphQL POSTs received so far. */
  calls: number;
  close(): Promise<void>;
}

export async function startStandIn(target: string, mode: StandIn['mode'] = 'hang'): Promise<StandIn> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST') standIn.calls += 1;
    if (standIn.mode === 'hang') return;
    try {
      const upstream = await fetch(new URL(req.url ?? '/', target), {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (err) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end((err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: StandIn = {
    url: `http://127.0.0.1:${port}/graphql`,
    mode,
    calls: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return standIn;
}

/** The samples of a metric in Prometheus text format, as `name{labels} value` lines. */
export function samples(metricsText: string, name: string): string[] {
  return metricsText.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
