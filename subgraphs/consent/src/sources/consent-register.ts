import { DatabaseError, Pool, type PoolClient } from 'pg';
import { badUserInput } from '@c360/kit/errors';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '@c360/kit/feed';
import type { ConsentChannel, ConsentPurpose, ConsentStatus } from '../__generated__/resolvers-types';
import type { ConsentCommand, SubjectIdentifier } from '../commands';
import { UUID } from '../commands';
import { migrate } from '../migrations';

export const SYSTEM = 'consent';

/** A consent subject with its identifiers. */
export interface SubjectRow {
  subject_id: string;
  created_at: Date;
  last_changed_at: Date;
  erased_at: Date | null;
  /** In the order they were added; `added_at` is ISO-8601 text (from JSON). */
  identifiers: (SubjectIdentifier & { added_at: string })[];
}

/** An event of the append-only history. */
export interface EventRow {
  event_id: string;
  /** Recording order (bigint, as text). */
  seq: string;
  subject_id: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  recorded_by: string | null;
  occurred_at: Date;
  recorded_at: Date;
  wording_version: string | null;
  form: string | null;
  ip_address: string | null;
  user_agent: string | null;
  collected_by: string | null;
  proof_reference: string | null;
}

/** The current consent of a subject for one purpose × channel: its latest event (view consent_current_state). */
export type StateRow = Pick<
  EventRow,
  | 'subject_id'
  | 'purpose'
  | 'channel'
  | 'status'
  | 'occurred_at'
  | 'source'
  | 'proof_reference'
  | 'wording_version'
  | 'event_id'
  | 'seq'
>;

/** A group of subjects whose histories are read as one (a customer's subjects), named by `owner`. */
export interface HistoryOwner {
  owner: string;
  subjectIds: readonly string[];
}

/** One row of a history page: an event of an owner's page, or only the owner's total when its page is empty. */
export type HistoryRow = { owner: string; total_count: string } & (EventRow | { [K in keyof EventRow]: null });

/** Where a history page starts: strictly after (older than) this event. */
export interface HistoryAfter {
  occurredAt: string;
  seq: string;
}

export interface RecordResult {
  eventId: string;
  subjectId: string;
  /** True when an earlier request with the same idempotency key had recorded it. */
  replayed: boolean;
}

export interface ConsentRegisterOptions {
  /**
   * The feed serves subjects changed at least this long ago, so that a
   * transaction still committing with an earlier change time is not skipped
   * by a consumer whose watermark moved past it. @default 200
   */
  feedSettleMs?: number;
}

/** The columns of an EventRow, read from consent_event aliased `e`. */
const EVENT_COLUMNS = `e.event_id, e.seq::text AS seq, e.subject_id, e.purpose, e.channel, e.status, e.source,
  e.recorded_by, e.occurred_at, e.recorded_at, e.wording_version, e.form, host(e.ip_address) AS ip_address, e.user_agent,
  e.collected_by, e.proof_reference`;

const IDENTIFIERS_OF = (subject: string) => `coalesce((
  SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value, 'region', i.region, 'added_at', i.added_at)
                  ORDER BY i.added_at, i.kind, i.value)
  FROM consent_subject_identifier i WHERE i.subject_id = ${subject}), '[]'::json)`;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The pool, or a client inside a transaction. */
type Executor = Pool | PoolClient;

/**
 * The consent register's PostgreSQL database: the only code that talks to it.
 * The schema is the register's own: versioned migrations applied on first use
 * (and at start, see index.ts).
 */
export class ConsentRegister {
  /** Counts round trips to the database, so that tests can prove batching. */
  readonly stats = { queries: 0 };
  private migrated: Promise<string[]> | null = null;

  constructor(
    readonly pool: Pool,
    private readonly options: ConsentRegisterOptions = {},
  ) {}

  static connect(url: string, timeoutMs: number, options: ConsentRegisterOptions = {}): ConsentRegister {
    const pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: timeoutMs,
      // A slow register must not hold a request longer than the source budget.
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs,
    });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    return new ConsentRegister(pool, options);
  }

  /**
   * Applies the pending migrations once per process; a failure (the database
   * being down) is retried on the next call. Returns the versions applied.
   */
  migrate(): Promise<string[]> {
    this.migrated ??= migrate(this.pool, () => (this.stats.queries += 1)).catch((err: unknown) => {
      this.migrated = null;
      throw err;
    });
    return this.migrated;
  }

  private async query<R>(sql: string, values: unknown[], on: Executor = this.pool): Promise<R[]> {
    await this.migrate();
    this.stats.queries += 1;
    const { rows } = await on.query(sql, values);
    return rows as R[];
  }

  /**
   * Records commands in order through the register's one insert path
   * (`consent_record_event`), in a single round trip. Pass a client to record
   * inside its transaction. A refusal by the register (unknown subject,
   * identifiers of another subject, reused idempotency key) is a
   * BAD_USER_INPUT naming the input field.
   */
  async record(commands: readonly ConsentCommand[], on?: Executor): Promise<RecordResult[]> {
    if (commands.length === 0) return [];
    try {
      const rows = await this.query<{ event: string; subject: string; replayed: boolean }>(
        `SELECT r.event, r.subject, r.replayed
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS c(cmd, ord)
         CROSS JOIN LATERAL consent_record_event(c.cmd) AS r
         ORDER BY c.ord`,
        [JSON.stringify(commands)],
        on,
      );
      return rows.map((r) => ({ eventId: r.event, subjectId: r.subject, replayed: r.replayed }));
    } catch (err) {
      // CN0xx: the register refused the command (see consent_record_event); the field is in COLUMN.
      if (err instanceof DatabaseError && err.code?.startsWith('CN0')) throw badUserInput(err.message, err.column);
      throw err;
    }
  }

  subjectsByIds(ids: readonly string[]): Promise<SubjectRow[]> {
    return this.query<SubjectRow>(
      `SELECT s.subject_id, s.created_at, s.last_changed_at, s.erased_at, ${IDENTIFIERS_OF('s.subject_id')} AS identifiers
       FROM consent_subject s WHERE s.subject_id = ANY($1::uuid[])`,
      [uuids(ids)],
    );
  }

  statesBySubjects(ids: readonly string[]): Promise<StateRow[]> {
    return this.query<StateRow>(
      `SELECT subject_id, purpose, channel, status, occurred_at, source, proof_reference, wording_version, event_id,
              seq::text AS seq
       FROM consent_current_state WHERE subject_id = ANY($1::uuid[])`,
      [uuids(ids)],
    );
  }

  eventsByIds(ids: readonly string[]): Promise<EventRow[]> {
    return this.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM consent_event e WHERE e.event_id = ANY($1::uuid[])`, [
      uuids(ids),
    ]);
  }

  /**
   * The first `first + 1` events of each owner's subjects (the extra one tells
   * whether a next page exists), newest first, with each owner's total count:
   * one query for all owners of a request. Owners without events come back as
   * one row with null event columns.
   */
  historyPages(owners: readonly HistoryOwner[], first: number, after: HistoryAfter | null): Promise<HistoryRow[]> {
    const pairs = owners.flatMap((o) => uuids(o.subjectIds).map((id) => [o.owner, id] as const));
    if (pairs.length === 0) return Promise.resolve([]);
    return this.query<HistoryRow>(
      `WITH owners AS (
         SELECT DISTINCT o.owner, o.subject_id FROM unnest($1::text[], $2::uuid[]) AS o(owner, subject_id)
       ),
       totals AS (
         SELECT o.owner, count(e.event_id)::text AS total_count
         FROM owners o LEFT JOIN consent_event e ON e.subject_id = o.subject_id
         GROUP BY o.owner
       ),
       page AS (
         SELECT * FROM (
           SELECT o.owner, e.event_id, e.seq, e.occurred_at,
                  row_number() OVER (PARTITION BY o.owner ORDER BY e.occurred_at DESC, e.seq DESC) AS rn
           FROM owners o JOIN consent_event e ON e.subject_id = o.subject_id
           WHERE $3::timestamptz IS NULL OR (e.occurred_at, e.seq) < ($3::timestamptz, $4::bigint)
         ) ranked
         WHERE rn <= $5
       )
       SELECT t.owner, t.total_count, ${EVENT_COLUMNS}
       FROM totals t
       LEFT JOIN page p ON p.owner = t.owner
       LEFT JOIN consent_event e ON e.event_id = p.event_id
       ORDER BY t.owner, p.rn`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1]), after?.occurredAt ?? null, after?.seq ?? null, first + 1],
    );
  }

  /**
   * Subjects changed after the watermark, oldest change first, with their
   * identifiers as the register stores them (normalised).
   */
  async feed(after: FeedPosition | null, limit: number) {
    const rows = await this.query<{ subject_id: string; last_changed_at: Date; identifiers: SubjectIdentifier[] }>(
      `WITH page AS (
         SELECT subject_id, last_changed_at FROM consent_subject
         WHERE (last_changed_at, subject_id) > ($1::timestamptz, $2::uuid)
           AND last_changed_at <= clock_timestamp() - $4 * interval '1 millisecond'
         ORDER BY last_changed_at, subject_id
         LIMIT $3
       )
       SELECT p.subject_id, p.last_changed_at, ${IDENTIFIERS_OF('p.subject_id')} AS identifiers
       FROM page p ORDER BY p.last_changed_at, p.subject_id`,
      [
        after?.updatedAt ?? '-infinity',
        after && UUID.test(after.localId) ? after.localId : NIL_UUID,
        limit,
        this.options.feedSettleMs ?? 200,
      ],
    );
    const records: ObservedRecord[] = rows.map((row) => ({
      system: SYSTEM,
      localId: row.subject_id,
      observedAt: row.last_changed_at.toISOString(),
      identifiers: row.identifiers.map((i): ObservedIdentifier =>
        i.kind === 'PHONE' ? { kind: i.kind, value: i.value, region: i.region } : { kind: i.kind, value: i.value },
      ),
    }));
    const positions = rows.map((row) => ({ updatedAt: row.last_changed_at.toISOString(), localId: row.subject_id }));
    return { records, positions };
  }

  /**
   * Right to erasure of consent subjects (the records of this source) through
   * the register's one audited erasure path (`consent_erase_subject`, see
   * migration 0002): identifiers and events removed, the erasure logged.
   * Resolves to how many subjects this call erased; unknown or already erased
   * subjects are nothing to do.
   */
  async erase(localIds: string[], requestedBy: string): Promise<number> {
    const ids = uuids(localIds);
    if (ids.length === 0) return 0;
    const rows = await this.query<{ erased: number }>(
      `SELECT count(*) FILTER (WHERE consent_erase_subject(s, $2)) ::int AS erased
       FROM unnest($1::uuid[]) AS s`,
      [ids, requestedBy],
    );
    return rows[0]?.erased ?? 0;
  }

  async ping(): Promise<void> {
    this.stats.queries += 1;
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Ids that can be subject or event ids: anything else cannot be in the register, and would fail the cast. */
function uuids(ids: readonly string[]): string[] {
  return ids.filter((id) => UUID.test(id));
}
