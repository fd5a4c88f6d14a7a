import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { migrate, MigrationError, migrationFiles } from './migrations';
import type { ConsentCommand } from './commands';
import { ConsentRegister } from './sources/consent-register';
import { createTestPgSchema, type TestPgSchema } from '@c360/kit/testing';

let db: TestPgSchema;

beforeAll(async () => {
  db = await createTestPgSchema(TEST_ENV.CONSENT_DATABASE_URL!, 'consent');
});

afterAll(async () => {
  await db.drop();
});

describe('consent register migrations', () => {
  it('apply once even when replicas start together, and are recorded in consent_schema_migrations', async () => {
    const versions = migrationFiles().map((f) => f.replace(/\.sql$/, ''));
    expect(versions[0]).toBe('0001_consent_register');
    // Three replicas on their own connections, at the same time: one applies, the others find it done.
    const pools = [1, 2, 3].map(() => new Pool({ connectionString: db.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrate(pool)));
      expect(applied.flat()).toEqual(versions);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    const { rows } = await db.pool.query('SELECT version FROM consent_schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
    expect(await migrate(db.pool)).toEqual([]);
  });

  it('rolls back a migration the database refuses and names it, keeping the ones before', async () => {
    const other = await createTestPgSchema(TEST_ENV.CONSENT_DATABASE_URL!, 'consent');
    const dir = mkdtempSync(path.join(tmpdir(), 'consent-migrations-'));
    try {
      writeFileSync(path.join(dir, '0001_first.sql'), 'CREATE TABLE first_table (id int);');
      writeFileSync(path.join(dir, '0002_broken.sql'), 'CREATE TABLE half_done (id int); SELEC 1;');
      const failure = await migrate(other.pool, undefined, dir).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).message).toMatch(/^consent migration 0002_broken failed: syntax error/);
      const { rows } = await other.pool.query(
        `SELECT (SELECT array_agg(version) FROM consent_schema_migrations) AS versions,
                to_regclass('half_done') IS NULL AS rolled_back`,
      );
      expect(rows).toEqual([{ versions: ['0001_first'], rolled_back: true }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await other.drop();
    }
  });
});

describe('consent_record_event at scale', () => {
  it('looks each identifier up by the key, never reading the identifier table through (0003)', async () => {
    const register = new ConsentRegister(db.pool);
    const command = (i: number): ConsentCommand => ({
      subjectId: null,
      identifiers: [
        { kind: 'EMAIL', value: `scale-${i}@example.com`, region: null },
        { kind: 'PHONE', value: `+336${String(10_000_000 + i)}`, region: 'FR' },
      ],
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'GRANTED',
      source: 'test',
      occurredAt: '2026-11-01T00:00:00.000Z',
      wordingVersion: 'v1',
      form: null,
      ipAddress: null,
      userAgent: null,
      collectedBy: null,
      proofReference: null,
      recordedBy: null,
      idempotencyKey: null,
      requestHash: null,
    });
    const client = await db.pool.connect();
    const scans = async () => {
      // This session's counts reach the view at the end of its transaction once asked to (PostgreSQL 15).
      await client.query('SELECT pg_stat_force_next_flush()');
      const { rows } = await client.query<{ seq_scan: string; idx_scan: string }>(
        `SELECT seq_scan, idx_scan FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'consent_subject_identifier'`,
        [db.schema],
      );
      return { seq: Number(rows[0]!.seq_scan), idx: Number(rows[0]!.idx_scan) };
    };
    try {
      await register.migrate();
      const before = await scans();
      // Planned as a join, the lookup read the whole (small, unanalysed) table once per capture: quadratic in a seed.
      for (let from = 0; from < 600; from += 200) {
        await register.record(
          Array.from({ length: 200 }, (_, i) => command(from + i)),
          client,
        );
      }
      // A second capture of known identifiers finds their subject.
      const [again] = await register.record([{ ...command(7), status: 'WITHDRAWN', wordingVersion: null }], client);
      const after = await scans();
      expect(after.seq - before.seq).toBe(0);
      expect(after.idx - before.idx).toBeGreaterThanOrEqual(601);
      const first = await client.query<{ subject_id: string }>(
        "SELECT subject_id FROM consent_subject_identifier WHERE kind = 'EMAIL' AND value = 'scale-7@example.com'",
      );
      expect(again!.subjectId).toBe(first.rows[0]!.subject_id);
    } finally {
      client.release();
    }
  });
});
