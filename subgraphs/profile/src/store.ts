import path from 'node:path';
import { Pool, type PoolClient } from 'pg';
import { migrate } from '@c360/kit/pg-migrations';
import { DEFAULT_RULES, GOLDEN_ATTRIBUTES, parseAttributeRule, type GoldenAttribute } from './rules';
import { parseSegmentRule, type Condition } from './segments';
import type { AttributeRule } from './survivorship';

export const SYSTEM = 'profile';
export const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');
/** Advisory lock of the profile migrations (the consent register uses 360_2005). */
const MIGRATION_LOCK_ID = 360_2009;

/** A survivorship rule in force, with the version that put it there (0: the built-in default). */
export interface RuleInForce {
  attribute: GoldenAttribute;
  rule: AttributeRule;
  version: number;
  changedBy: string | null;
  changedAt: Date | null;
}

export interface RuleVersion {
  attribute: GoldenAttribute;
  version: number;
  rule: AttributeRule;
  changedBy: string;
  changedAt: Date;
}

export interface SegmentDefinition {
  name: string;
  description: string | null;
  /** As stored (what the admin sent, validated). */
  rule: unknown;
  /** Parsed, ready to evaluate. */
  condition: Condition;
  version: number;
  changedBy: string;
  changedAt: Date;
}

/** The rules and segments in force, as of `version` of the profile configuration. */
export interface ProfileConfig {
  version: number;
  rules: Record<GoldenAttribute, RuleInForce>;
  /** By name. */
  segments: SegmentDefinition[];
}

/** A change the store refuses because of what is stored (a segment that exists already, or not). */
export class ConfigConflictError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ConfigConflictError';
  }
}

interface RuleRow {
  attribute: GoldenAttribute;
  version: number;
  rule: unknown;
  changed_by: string;
  changed_at: Date;
}

interface SegmentRow {
  name: string;
  version: number;
  description: string | null;
  rule: unknown;
  changed_by: string;
  changed_at: Date;
}

/**
 * The profile subgraph's PostgreSQL database: survivorship rules and segment
 * definitions, versioned. Keeps the configuration in force in memory and
 * re-reads it when the version counter moved (a change by any process).
 */
export class ProfileStore {
  /** Round trips to the database, so that tests can prove caching. */
  readonly stats = { queries: 0, reloads: 0 };
  private cached: ProfileConfig | null = null;
  private loading: Promise<ProfileConfig> | null = null;
  private migrated: Promise<string[]> | null = null;

  constructor(readonly pool: Pool) {}

  static connect(url: string, timeoutMs: number): ProfileStore {
    const pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    // An idle connection dropped by the server must not crash the process.
    pool.on('error', () => {});
    return new ProfileStore(pool);
  }

  /** Applies the migrations once per process (again after a failure, e.g. the database was down). */
  migrate(): Promise<string[]> {
    this.migrated ??= migrate(
      this.pool,
      { name: 'profile', dir: MIGRATIONS_DIR, lockId: MIGRATION_LOCK_ID },
      () => this.stats.queries++,
    ).catch((err: unknown) => {
      this.migrated = null;
      throw err;
    });
    return this.migrated;
  }

  private async query<T>(sql: string, values?: unknown[], client?: PoolClient): Promise<T[]> {
    await this.migrate();
    this.stats.queries++;
    const result = await (client ?? this.pool).query(sql, values);
    return result.rows as T[];
  }

  /**
   * The configuration in force: one read of the version counter, and a
   * reload of the rules and segments only when it moved. Call once per request.
   */
  async current(): Promise<ProfileConfig> {
    const [row] = await this.query<{ version: string }>('SELECT version::text FROM profile_config_version');
    const version = Number(row?.version ?? 0);
    if (this.cached && this.cached.version === version) return this.cached;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    const loaded = await this.loading;
    // A reload that started before a newer change is still at least as new as the version read above.
    return loaded.version >= version ? loaded : this.load();
  }

  private async load(): Promise<ProfileConfig> {
    this.stats.reloads++;
    const client = await this.pool.connect();
    try {
      // One snapshot for the counter and what it counts.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [version] = await this.query<{ version: string }>(
        'SELECT version::text FROM profile_config_version',
        [],
        client,
      );
      const rules = await this.query<RuleRow>(
        `SELECT DISTINCT ON (attribute) attribute, version, rule, changed_by, changed_at
         FROM profile_survivorship_rule ORDER BY attribute, version DESC`,
        [],
        client,
      );
      const segments = await this.query<SegmentRow>(
        `SELECT * FROM (
           SELECT DISTINCT ON (name) name, version, description, rule, changed_by, changed_at
           FROM profile_segment ORDER BY name, version DESC
         ) s WHERE s.rule IS NOT NULL ORDER BY name`,
        [],
        client,
      );
      await client.query('COMMIT');
      const config: ProfileConfig = {
        version: Number(version?.version ?? 0),
        rules: Object.fromEntries(
          GOLDEN_ATTRIBUTES.map((attribute) => [
            attribute,
            { attribute, rule: DEFAULT_RULES[attribute], version: 0, changedBy: null, changedAt: null },
          ]),
        ) as Record<GoldenAttribute, RuleInForce>,
        segments: segments.map(segmentOf),
      };
      for (const row of rules) {
        config.rules[row.attribute] = {
          attribute: row.attribute,
          rule: ruleOf(row),
          version: row.version,
          changedBy: row.changed_by,
          changedAt: row.changed_at,
        };
      }
      if (!this.cached || config.version >= this.cached.version) this.cached = config;
      return config;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Every stored version of an attribute's rule, newest first. */
  async ruleHistory(attribute: GoldenAttribute): Promise<RuleVersion[]> {
    const rows = await this.query<RuleRow>(
      'SELECT * FROM profile_survivorship_rule WHERE attribute = $1 ORDER BY version DESC',
      [attribute],
    );
    return rows.map((row) => ({
      attribute: row.attribute,
      version: row.version,
      rule: ruleOf(row),
      changedBy: row.changed_by,
      changedAt: row.changed_at,
    }));
  }

  /** Puts a validated rule in force as the attribute's next version. */
  async setRule(attribute: GoldenAttribute, rule: AttributeRule, changedBy: string): Promise<RuleVersion> {
    return this.change(async (client) => {
      const [row] = await this.query<RuleRow>(
        `INSERT INTO profile_survivorship_rule (attribute, version, rule, changed_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM profile_survivorship_rule WHERE attribute = $1
         RETURNING *`,
        [attribute, JSON.stringify(rule), changedBy],
        client,
      );
      return { attribute, version: row!.version, rule: ruleOf(row!), changedBy, changedAt: row!.changed_at };
    });
  }

  /**
   * Writes a segment's next version. `expect` says whether the segment must
   * exist now (update, delete) or not (define); `rule` null deletes it.
   */
  async writeSegment(
    name: string,
    change: { description?: string | null; rule?: unknown },
    changedBy: string,
    expect: 'new' | 'existing',
  ): Promise<{ written: boolean; segment: SegmentDefinition | null }> {
    return this.change(async (client) => {
      const [latest] = await this.query<SegmentRow>(
        'SELECT * FROM profile_segment WHERE name = $1 ORDER BY version DESC LIMIT 1',
        [name],
        client,
      );
      const exists = latest !== undefined && latest.rule !== null;
      if (expect === 'new' && exists) {
        throw new ConfigConflictError(
          `Invalid name: segment "${name}" exists already (version ${latest.version}); use updateSegment to change it`,
          'name',
        );
      }
      if (expect === 'existing' && !exists) return { written: false, segment: null };
      const rule = change.rule === undefined ? latest?.rule : change.rule;
      const description = change.description === undefined ? (latest?.description ?? null) : change.description;
      const [row] = await this.query<SegmentRow>(
        `INSERT INTO profile_segment (name, version, description, rule, changed_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [name, (latest?.version ?? 0) + 1, description, rule === null ? null : JSON.stringify(rule), changedBy],
        client,
      );
      return { written: true, segment: row!.rule === null ? null : segmentOf(row!) };
    });
  }

  /** Runs a change in a transaction that first moves the version counter (and so waits for other writers). */
  private async change<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.migrate();
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await this.query('UPDATE profile_config_version SET version = version + 1', [], client);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function ruleOf(row: { attribute: string; version: number; rule: unknown }): AttributeRule {
  const parsed = parseAttributeRule(row.rule);
  // Rows are validated before they are written: a bad one was written by hand and is a defect to fix.
  if (!parsed.ok) throw new Error(`Stored rule ${row.attribute} v${row.version} is invalid: ${parsed.error}`);
  return parsed.rule;
}

function segmentOf(row: SegmentRow): SegmentDefinition {
  return {
    name: row.name,
    description: row.description,
    rule: row.rule,
    condition: parseSegmentRule(row.rule),
    version: row.version,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}
