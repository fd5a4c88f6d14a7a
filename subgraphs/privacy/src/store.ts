import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@c360/kit/pg-migrations';

export const SYSTEM = 'privacy';
export const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');
/** Advisory lock of the privacy migrations (consent 360_2005, profile 360_2009). */
const MIGRATION_LOCK_ID = 360_2010;

export type JobStatus = 'OPEN' | 'DONE';
export type TaskStatus = 'PENDING' | 'FAILED' | 'DONE';

export interface ErasureJobRow {
  jobId: string;
  customerId: string;
  status: JobStatus;
  requestedBy: string;
  reason: string | null;
  requestedAt: Date;
  completedAt: Date | null;
}

export interface ErasureTaskRow {
  jobId: string;
  target: string;
  stage: number;
  localIds: string[];
  records: number;
  status: TaskStatus;
  attempts: number;
  erased: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  doneAt: Date | null;
}

export interface ErasureEventRow {
  at: Date;
  target: string | null;
  type: string;
  detail: string | null;
}

export interface NewTask {
  target: string;
  stage: number;
  localIds: string[];
}

export interface PiiReadRow {
  /** The gateway's id of the read (a UUID): the same id is stored once. */
  id?: string | null;
  at: Date;
  client: string;
  requestId: string | null;
  operationName: string | null;
  fields: string[];
  customerIds: string[];
}

/** Stages of an erasure: a task runs once every task of a lower stage is done. */
export const STAGES = { identity: 0, sources: 1, caches: 2 } as const;

const JOB = `job_id AS "jobId", customer_id AS "customerId", status, requested_by AS "requestedBy", reason,
  requested_at AS "requestedAt", completed_at AS "completedAt"`;
const taskColumns = (t: string) => `${t}.job_id AS "jobId", ${t}.target, ${t}.stage, ${t}.local_ids AS "localIds",
  ${t}.records, ${t}.status, ${t}.attempts, ${t}.erased, ${t}.last_error AS "lastError",
  ${t}.next_attempt_at AS "nextAttemptAt", ${t}.done_at AS "doneAt"`;

/** The privacy subgraph's PostgreSQL database: erasure jobs and the PII-read audit. */
export class PrivacyStore {
  constructor(readonly pool: Pool) {}

  static connect(url: string, timeoutMs: number): PrivacyStore {
    const pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    pool.on('error', () => {});
    return new PrivacyStore(pool);
  }

  migrate(): Promise<string[]> {
    return migrate(this.pool, { name: 'privacy', dir: MIGRATIONS_DIR, lockId: MIGRATION_LOCK_ID });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Creates a job and its tasks in one transaction; when the customer already
   * has an open job, returns that one instead (`created` false).
   *
   * The tasks of the first stage are created leased to the caller for
   * `leaseMs` (attempt 1 counted): the request that creates a job owns its
   * first stage, so no worker can take it before the request runs it, and a
   * request that dies before it does leaves it to the workers once the lease
   * has run out. They are returned as `claimed`.
   *
   * The open job another request made can finish between this one's insert and its read of it: that
   * job is returned all the same (`created` false). Jobs are never deleted, so it is always found.
   */
  async createJob(input: {
    customerId: string;
    requestedBy: string;
    reason: string | null;
    tasks: NewTask[];
    leaseMs: number;
  }): Promise<{ jobId: string; created: boolean; claimed: ErasureTaskRow[] }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const jobId = randomUUID();
      const inserted = await client.query(
        `INSERT INTO erasure_job (job_id, customer_id, status, requested_by, reason) VALUES ($1, $2, 'OPEN', $3, $4)
         ON CONFLICT (customer_id) WHERE status = 'OPEN' DO NOTHING`,
        [jobId, input.customerId, input.requestedBy, input.reason],
      );
      if (inserted.rowCount === 0) {
        await client.query('ROLLBACK');
        // The open job met may have finished since (another instance's workers are fast): the answer is then
        // that job, the customer's latest, rather than a second erasure of a person already erased.
        const open = (await this.openJobOf(input.customerId)) ?? (await this.jobsOf(input.customerId))[0];
        if (!open) throw new Error(`the erasure job of ${input.customerId} vanished; ask again`);
        return { jobId: open.jobId, created: false, claimed: [] };
      }
      const first = Math.min(...input.tasks.map((t) => t.stage));
      const { rows: claimed } = await client.query<ErasureTaskRow>(
        `INSERT INTO erasure_task AS t (job_id, target, stage, local_ids, records, status, attempts, leased_until)
         SELECT $1, n.target, n.stage, ARRAY(SELECT jsonb_array_elements_text(n.local_ids)), jsonb_array_length(n.local_ids),
                'PENDING',
                CASE WHEN n.stage = $3 THEN 1 ELSE 0 END,
                CASE WHEN n.stage = $3 THEN clock_timestamp() + $4 * interval '1 millisecond' END
         FROM jsonb_to_recordset($2::jsonb) AS n(target text, stage smallint, local_ids jsonb)
         RETURNING ${taskColumns('t')}`,
        [
          jobId,
          JSON.stringify(input.tasks.map((t) => ({ target: t.target, stage: t.stage, local_ids: t.localIds }))),
          first,
          input.leaseMs,
        ],
      );
      await client.query(`INSERT INTO erasure_event (job_id, type, detail) VALUES ($1, 'requested', $2)`, [
        jobId,
        `requested by ${input.requestedBy}; tasks: ${input.tasks.map((t) => t.target).join(', ')}`,
      ]);
      await client.query('COMMIT');
      return { jobId, created: true, claimed: claimed.filter((t) => t.stage === first) };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async openJobOf(customerId: string): Promise<ErasureJobRow | null> {
    const { rows } = await this.pool.query<ErasureJobRow>(
      `SELECT ${JOB} FROM erasure_job WHERE customer_id = $1 AND status = 'OPEN'`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  async job(jobId: string): Promise<ErasureJobRow | null> {
    const { rows } = await this.pool.query<ErasureJobRow>(`SELECT ${JOB} FROM erasure_job WHERE job_id = $1`, [jobId]);
    return rows[0] ?? null;
  }

  async jobsOf(customerId: string): Promise<ErasureJobRow[]> {
    const { rows } = await this.pool.query<ErasureJobRow>(
      `SELECT ${JOB} FROM erasure_job WHERE customer_id = $1 ORDER BY requested_at DESC, job_id`,
      [customerId],
    );
    return rows;
  }

  /** Tasks of the jobs, in stage then name order. */
  async tasks(jobIds: readonly string[]): Promise<ErasureTaskRow[]> {
    const { rows } = await this.pool.query<ErasureTaskRow>(
      `SELECT ${taskColumns('erasure_task')} FROM erasure_task WHERE job_id = ANY($1::uuid[]) ORDER BY job_id, stage, target`,
      [jobIds],
    );
    return rows;
  }

  async events(jobIds: readonly string[]): Promise<(ErasureEventRow & { jobId: string })[]> {
    const { rows } = await this.pool.query<ErasureEventRow & { jobId: string }>(
      `SELECT job_id AS "jobId", at, target, type, detail FROM erasure_event WHERE job_id = ANY($1::uuid[]) ORDER BY seq`,
      [jobIds],
    );
    return rows;
  }

  /**
   * Takes the tasks that are due (not done, their time come, not leased, every
   * task of an earlier stage of their job done), counting an attempt and
   * leasing them for `leaseMs`, so that concurrent workers (replicas) never
   * run one task twice at once and a crashed worker's task is taken again.
   */
  async claimDue(limit: number, leaseMs: number, jobId?: string): Promise<ErasureTaskRow[]> {
    const { rows } = await this.pool.query<ErasureTaskRow>(
      `UPDATE erasure_task t SET attempts = t.attempts + 1,
              leased_until = clock_timestamp() + $2 * interval '1 millisecond'
       FROM (
         SELECT d.job_id, d.target FROM erasure_task d
         WHERE d.status <> 'DONE' AND d.next_attempt_at <= clock_timestamp()
           AND (d.leased_until IS NULL OR d.leased_until < clock_timestamp())
           AND ($3::uuid IS NULL OR d.job_id = $3::uuid)
           AND NOT EXISTS (SELECT 1 FROM erasure_task e
                           WHERE e.job_id = d.job_id AND e.stage < d.stage AND e.status <> 'DONE')
         ORDER BY d.next_attempt_at, d.job_id, d.stage, d.target
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE t.job_id = due.job_id AND t.target = due.target
       RETURNING ${taskColumns('t')}`,
      [limit, leaseMs, jobId ?? null],
    );
    return rows;
  }

  /** Adds record ids to a job's tasks (records the identity graph found that the plan did not hold), creating tasks as needed. */
  async addRecords(jobId: string, byTarget: Map<string, string[]>): Promise<void> {
    for (const [target, ids] of byTarget) {
      await this.pool.query(
        `INSERT INTO erasure_task (job_id, target, stage, local_ids, records, status)
         VALUES ($1, $2, ${STAGES.sources}, $3::text[], cardinality($3::text[]), 'PENDING')
         ON CONFLICT (job_id, target) DO UPDATE SET
           local_ids = ARRAY(SELECT DISTINCT unnest(erasure_task.local_ids || EXCLUDED.local_ids)),
           records = cardinality(ARRAY(SELECT DISTINCT unnest(erasure_task.local_ids || EXCLUDED.local_ids))),
           status = CASE WHEN erasure_task.status = 'DONE' THEN 'PENDING' ELSE erasure_task.status END,
           done_at = NULL`,
        [jobId, target, ids],
      );
      await this.event(jobId, target, 'records-added', `${ids.length} record(s) found by the identity graph`);
    }
  }

  /** Adds ids to an existing task (the caches task learning of more records). */
  async appendIds(jobId: string, target: string, ids: string[]): Promise<void> {
    await this.pool.query(
      `UPDATE erasure_task SET local_ids = ARRAY(SELECT DISTINCT unnest(local_ids || $3::text[]))
       WHERE job_id = $1 AND target = $2`,
      [jobId, target, ids],
    );
  }

  /** Marks a task done; closes the job (and clears its tasks' record ids) when it was the last one. */
  async taskDone(task: Pick<ErasureTaskRow, 'jobId' | 'target'>, erased: number, detail: string): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `UPDATE erasure_task SET status = 'DONE', erased = $3, last_error = NULL, leased_until = NULL,
                done_at = date_trunc('milliseconds', clock_timestamp())
         WHERE job_id = $1 AND target = $2`,
        [task.jobId, task.target, erased],
      );
      await client.query(`INSERT INTO erasure_event (job_id, target, type, detail) VALUES ($1, $2, 'task-done', $3)`, [
        task.jobId,
        task.target,
        detail,
      ]);
      const closed = await client.query(
        `UPDATE erasure_job SET status = 'DONE', completed_at = date_trunc('milliseconds', clock_timestamp())
         WHERE job_id = $1 AND status = 'OPEN'
           AND NOT EXISTS (SELECT 1 FROM erasure_task WHERE job_id = $1 AND status <> 'DONE')`,
        [task.jobId],
      );
      if ((closed.rowCount ?? 0) > 0) {
        // The record ids were needed to reach the sources; once every source is done nothing needs them.
        await client.query(`UPDATE erasure_task SET local_ids = '{}' WHERE job_id = $1`, [task.jobId]);
        await client.query(`INSERT INTO erasure_event (job_id, type, detail) VALUES ($1, 'job-done', NULL)`, [
          task.jobId,
        ]);
      }
      await client.query('COMMIT');
      return (closed.rowCount ?? 0) > 0;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async taskFailed(task: Pick<ErasureTaskRow, 'jobId' | 'target'>, error: string, retryInMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE erasure_task SET status = 'FAILED', last_error = $3, leased_until = NULL,
              next_attempt_at = clock_timestamp() + $4 * interval '1 millisecond'
       WHERE job_id = $1 AND target = $2`,
      [task.jobId, task.target, error.slice(0, 2000), retryInMs],
    );
    await this.event(task.jobId, task.target, 'attempt-failed', error.slice(0, 2000));
  }

  async event(jobId: string, target: string | null, type: string, detail: string | null): Promise<void> {
    await this.pool.query(`INSERT INTO erasure_event (job_id, target, type, detail) VALUES ($1, $2, $3, $4)`, [
      jobId,
      target,
      type,
      detail,
    ]);
  }

  async addPiiReads(reads: readonly PiiReadRow[]): Promise<number> {
    if (reads.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      // A record sent twice (delivery is at least once) is kept once: its id is unique.
      `INSERT INTO pii_read (id, at, client, request_id, operation_name, fields, customer_ids)
       SELECT r.id, r.at, r.client, r.request_id, r.operation_name,
              ARRAY(SELECT jsonb_array_elements_text(r.fields)), ARRAY(SELECT jsonb_array_elements_text(r.customer_ids))
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, at timestamptz, client text, request_id text, operation_name text, fields jsonb, customer_ids jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(
          reads.map((r) => ({
            id: r.id ?? null,
            at: r.at,
            client: r.client,
            request_id: r.requestId,
            operation_name: r.operationName,
            fields: r.fields,
            customer_ids: r.customerIds,
          })),
        ),
      ],
    );
    return rowCount ?? 0;
  }

  /** Reads of any of these customer ids (a customer and the ids merged into it), newest first. */
  async piiReadsOf(customerIds: readonly string[], first: number): Promise<PiiReadRow[]> {
    const { rows } = await this.pool.query<PiiReadRow>(
      `SELECT at, client, request_id AS "requestId", operation_name AS "operationName", fields, customer_ids AS "customerIds"
       FROM pii_read WHERE customer_ids && $1::text[] ORDER BY at DESC, seq DESC LIMIT $2`,
      [customerIds, first],
    );
    return rows;
  }
}
