import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/** Statements of a migration file: separated by `;` at line end, `//` comments dropped. */
export function statementsOf(cypher: string): string[] {
  return cypher
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Applies the versioned Cypher migrations in `migrations/` in order, once
 * each: applied versions are recorded as (:Migration {version}) nodes, and
 * every statement is written to be idempotent (IF NOT EXISTS) as well.
 */
export async function migrate(driver: Driver, database?: string): Promise<string[]> {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.cypher$/.test(f))
    .sort();
  const session = driver.session({ database });
  const applied: string[] = [];
  try {
    const done = await session.run('MATCH (m:Migration) RETURN m.version AS version');
    const seen = new Set(done.records.map((r) => r.get('version') as string));
    for (const file of files) {
      const version = file.replace(/\.cypher$/, '');
      if (seen.has(version)) continue;
      for (const statement of statementsOf(readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'))) {
        await session.run(statement);
      }
      await session.run('MERGE (m:Migration {version: $version}) ON CREATE SET m.appliedAt = datetime()', {
        version,
      });
      applied.push(version);
    }
  } finally {
    await session.close();
  }
  return applied;
}
