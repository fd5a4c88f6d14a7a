/**
 * The environment the customer-page benchmarks run the product in (`npm run bench`,
 * `npm run bench:profile`): databases, Neo4j, Redis db and data folders of their own
 * (c360_bench_*, bolt 7695, db 4), production's NODE_ENV, one subgraph secret.
 * Any of them can be overridden by the variable of the same name.
 */
import path from 'node:path';
import { FREE_PORTS } from '@c360/embedded/config';
import { REPO_ROOT } from '@c360/embedded/product';
import { generateSecret } from '@c360/kit/auth';

const benchDatabase = (name: string, engine: 'postgres' | 'mysql') =>
  engine === 'postgres'
    ? `postgres://postgres@127.0.0.1:5432/c360_bench_${name}`
    : `mysql://root@127.0.0.1:3306/c360_bench_${name}`;

export function benchEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    ...FREE_PORTS,
    C360_MODE: 'development',
    // As production runs it (the Dockerfile's): graphql-js drops its development-only checks.
    NODE_ENV: 'production',
    CRM_DATABASE_URL: env.CRM_DATABASE_URL ?? benchDatabase('crm', 'postgres'),
    COMMERCE_DATABASE_URL: env.COMMERCE_DATABASE_URL ?? benchDatabase('commerce', 'mysql'),
    WEB_DATABASE_URL: env.WEB_DATABASE_URL ?? benchDatabase('web', 'postgres'),
    SURVEYS_DATABASE_URL: env.SURVEYS_DATABASE_URL ?? benchDatabase('surveys', 'mysql'),
    CONSENT_DATABASE_URL: env.CONSENT_DATABASE_URL ?? benchDatabase('consent', 'postgres'),
    PROFILE_DATABASE_URL: env.PROFILE_DATABASE_URL ?? benchDatabase('profile', 'postgres'),
    PRIVACY_DATABASE_URL: env.PRIVACY_DATABASE_URL ?? benchDatabase('privacy', 'postgres'),
    NEO4J_BOLT_PORT: env.NEO4J_BOLT_PORT ?? '7695',
    NEO4J_DATA_DIR: env.NEO4J_DATA_DIR ?? '.data/bench/neo4j',
    STORES_EXPORT_DIR: env.STORES_EXPORT_DIR ?? '.data/bench/stores/till-exports',
    HELPDESK_DATA_PATH: env.HELPDESK_DATA_PATH ?? '.data/bench/helpdesk/helpdesk.json',
    REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379/4',
    // One secret for every gateway and subgraph of the bench.
    SUBGRAPH_SHARED_SECRET: generateSecret(),
    FEED_POLL_INTERVAL_MS: '600000',
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn',
    // Where the seed writes who is who (first run), read back for the customers to ask for.
    BENCH_TRUTH_PATH: path.resolve(REPO_ROOT, env.BENCH_TRUTH_PATH ?? '.data/bench/ground-truth.json'),
  };
}
