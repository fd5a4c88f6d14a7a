import { Pool } from 'pg';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '@c360/kit/feed';

/** A CRM contact row, as the CRM stores it. */
export interface ContactRow {
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email_personal: string | null;
  email_work: string | null;
  phone_mobile: string | null;
  phone_work: string | null;
  company: string | null;
  job_title: string | null;
  owner_name: string | null;
  street: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  created_at: Date;
  updated_at: Date;
}

export const SYSTEM = 'crm';

/** The demo CRM's PostgreSQL database: the only code that talks to it. */
export class CrmDatabase {
  /** Round trips to PostgreSQL, every one of them, so that tests can prove batching. */
  readonly stats = { queries: 0 };

  /** The same count as `stats.queries`, under the name older tests read. */
  get queries(): number {
    return this.stats.queries;
  }

  constructor(readonly pool: Pool) {}

  static connect(url: string, timeoutMs: number): CrmDatabase {
    const pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: timeoutMs,
      // A slow CRM must not hold a request longer than the source budget.
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs,
    });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    return new CrmDatabase(pool);
  }

  async contactsByIds(ids: readonly string[]): Promise<ContactRow[]> {
    this.stats.queries += 1;
    const { rows } = await this.pool.query<ContactRow>(
      'SELECT * FROM contacts WHERE contact_id = ANY($1::text[]) ORDER BY updated_at DESC, contact_id',
      [ids],
    );
    return rows;
  }

  /** Contacts changed after the watermark, oldest change first, with their identifiers. */
  async feed(after: FeedPosition | null, limit: number) {
    this.stats.queries += 1;
    const { rows } = after
      ? await this.pool.query<ContactRow>(
          `SELECT * FROM contacts WHERE (updated_at, contact_id) > ($1::timestamptz, $2)
           ORDER BY updated_at, contact_id LIMIT $3`,
          [after.updatedAt, after.localId, limit],
        )
      : await this.pool.query<ContactRow>('SELECT * FROM contacts ORDER BY updated_at, contact_id LIMIT $1', [limit]);
    const records: ObservedRecord[] = rows.map((row) => ({
      system: SYSTEM,
      localId: row.contact_id,
      observedAt: row.updated_at.toISOString(),
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
      match: {
        givenName: row.first_name,
        familyName: row.last_name,
        street: row.street,
        city: row.city,
        postcode: row.postcode,
        country: row.country,
      },
      identifiers: identifiersOf(row),
    }));
    const positions = rows.map((row) => ({ updatedAt: row.updated_at.toISOString(), localId: row.contact_id }));
    return { records, positions };
  }

  /**
   * Right to erasure: deletes the contacts. The CRM keeps nothing else about
   * a contact (no activity table in the demo), so deleting the row erases the person.
   */
  async erase(localIds: string[]): Promise<number> {
    this.stats.queries += 1;
    const { rowCount } = await this.pool.query('DELETE FROM contacts WHERE contact_id = ANY($1::text[])', [localIds]);
    return rowCount ?? 0;
  }

  async ping(): Promise<void> {
    this.stats.queries += 1;
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function identifiersOf(row: ContactRow): ObservedIdentifier[] {
  const region = row.country?.trim() || null;
  const ids: ObservedIdentifier[] = [];
  for (const email of [row.email_personal, row.email_work])
    if (email?.trim()) ids.push({ kind: 'EMAIL', value: email });
  for (const phone of [row.phone_mobile, row.phone_work])
    if (phone?.trim()) ids.push({ kind: 'PHONE', value: phone, region });
  return ids;
}
