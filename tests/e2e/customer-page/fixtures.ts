import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import type { Product } from '@c360/embedded/product';
import { matchKeysOf } from '@c360/subgraph-identity/matching/live';
import { normalizeIdentifier } from '@c360/subgraph-identity/normalize';

/** People of our own in the test CRM and shop, observed into the identity graph: never the demo data. */
export interface PagePeople {
  tag: string;
  /** One customer: a CRM contact and a shop account sharing an email; the CRM holds a French mobile. */
  ada: {
    email: string;
    family: string;
    mobile: string;
    postcode: string;
    contactId: string;
    accountId: string;
    customerId: string;
  };
  /** Two records of one person under different emails: the matcher sends the pair to review. */
  marie: { family: string; contactId: string; accountId: string; emails: [string, string] };
}

/** The people's ids and values, before anything is written: removePeople cleans up after a half-done createPeople. */
export function newPeople(): PagePeople {
  const tag = randomUUID().slice(0, 8);
  const letters = tag.replace(/[0-9]/g, '').padEnd(4, 'x');
  // A mobile of our own: +33 6, then a digit of 0-2 or 4-8 (06 3x and 06 9x are partly unallocated, and the identity
  // subgraph, with libphonenumber's full metadata, refuses e.g. 06 97: CI failed on one such draw), then 7 random.
  const digits = `${'01245678'[Math.floor(Math.random() * 8)]}${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
  const ada = {
    email: `ada.page-${tag}@example.org`,
    family: `Pagetest${letters}`,
    postcode: '75011',
    mobile: `+33 6 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6, 8)}`,
    contactId: `CRM-PAGE-${tag}`,
    accountId: String(3_900_000_000 + Math.floor(Math.random() * 390_000_000)),
    customerId: '',
  };
  const marie = {
    family: `Reviewtest${letters}`,
    contactId: `CRM-REV-${tag}`,
    accountId: String(3_900_000_000 + Math.floor(Math.random() * 390_000_000)),
    emails: [`marie.rev-${tag}@example.org`, `m.rev-${tag}@example.net`] as [string, string],
  };
  return { tag, ada, marie };
}

export async function createPeople(product: Product, people: PagePeople): Promise<void> {
  const { ada, marie } = people;
  const pg = new Pool({ connectionString: product.config.CRM_DATABASE_URL, max: 1 });
  const shop = await mysql.createConnection({ uri: product.config.COMMERCE_DATABASE_URL });
  try {
    await pg.query(
      `INSERT INTO contacts (contact_id, first_name, last_name, email_personal, phone_mobile, postcode, country)
       VALUES ($1, 'Ada', $2, $3, $4, $8, 'FR'), ($5, 'Marie', $6, $7, NULL, NULL, 'FR')`,
      [ada.contactId, ada.family, ada.email, ada.mobile, marie.contactId, marie.family, marie.emails[0], ada.postcode],
    );
    await shop.query(
      `INSERT INTO customer_account (account_id, email, first_name, last_name, country, created_at, updated_at)
       VALUES (?, ?, 'Ada', ?, 'FR', NOW(3), NOW(3)), (?, ?, 'Marie', ?, 'FR', NOW(3), NOW(3))`,
      [ada.accountId, ada.email, ada.family, marie.accountId, marie.emails[1], marie.family],
    );
  } finally {
    await pg.end();
    await shop.end();
  }
  // Observed into the identity graph directly (as the feeds do), so that the product's first feed
  // catch-up, which may hold the graph's lock for a while on a busy machine, cannot time the setup out.
  const match = (givenName: string, familyName: string, postcode?: string) =>
    matchKeysOf({ givenName, familyName, postcode, country: 'FR' });
  const observedAt = new Date().toISOString();
  const customers = await product.identity.graph.observe([
    {
      system: 'crm',
      localId: ada.contactId,
      identifiers: [normalizeIdentifier('EMAIL', ada.email), normalizeIdentifier('PHONE', ada.mobile)],
      observedAt,
      // Name and postcode as the CRM feed gives them: what search by name + postcode reads.
      match: match('Ada', ada.family, ada.postcode),
    },
    { system: 'commerce', localId: ada.accountId, identifiers: [normalizeIdentifier('EMAIL', ada.email)], observedAt },
    {
      system: 'crm',
      localId: marie.contactId,
      identifiers: [normalizeIdentifier('EMAIL', marie.emails[0])],
      observedAt,
      match: match('Marie', marie.family),
    },
    {
      system: 'commerce',
      localId: marie.accountId,
      identifiers: [normalizeIdentifier('EMAIL', marie.emails[1])],
      observedAt,
      match: match('Marie', marie.family),
    },
  ]);
  ada.customerId = customers.get(`commerce\u0000${ada.accountId}`)!;
  if (!ada.customerId) throw new Error(`no customer for the observed records: ${JSON.stringify([...customers])}`);
}

export async function removePeople(product: Product, people: PagePeople): Promise<void> {
  const { ada, marie } = people;
  const pg = new Pool({ connectionString: product.config.CRM_DATABASE_URL, max: 1 });
  const shop = await mysql.createConnection({ uri: product.config.COMMERCE_DATABASE_URL });
  try {
    await pg.query('DELETE FROM contacts WHERE contact_id = ANY($1)', [[ada.contactId, marie.contactId]]);
    await shop.query('DELETE FROM customer_account WHERE account_id IN (?, ?)', [ada.accountId, marie.accountId]);
  } finally {
    await pg.end();
    await shop.end();
  }
  const records = [
    { system: 'crm', localId: ada.contactId },
    { system: 'commerce', localId: ada.accountId },
    { system: 'crm', localId: marie.contactId },
    { system: 'commerce', localId: marie.accountId },
  ];
  await product.driver.executeQuery(
    `UNWIND $records AS rec
     MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
     OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
     OPTIONAL MATCH (c)<-[:MERGED_INTO*0..]-(m:Customer)
     OPTIONAL MATCH (r)<-[:CONCERNS]-(review:MatchReview)
     OPTIONAL MATCH (e:IdentityEvent) WHERE e.system = rec.system AND e.localId = rec.localId
     DETACH DELETE r, c, m, review, e`,
    { records },
  );
  await product.driver.executeQuery(
    `MATCH (i:Identifier) WHERE i.value IN $values AND NOT (i)<-[:HAS]-() DETACH DELETE i`,
    { values: [ada.email, marie.emails[0], marie.emails[1]] },
  );
}
