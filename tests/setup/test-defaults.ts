/**
 * Where a test run's services and files are when no TEST_* variable says otherwise. No side effects: read by
 * tests/setup/test-env.ts and by `npm test`'s lane runner (scripts/test.ts), which derives each lane's from them.
 */
export const TEST_DEFAULTS = {
  databases: {
    CRM: 'postgres://postgres@127.0.0.1:5432/c360_test_crm',
    COMMERCE: 'mysql://root@127.0.0.1:3306/c360_test_commerce',
    WEB: 'postgres://postgres@127.0.0.1:5432/c360_test_web',
    SURVEYS: 'mysql://root@127.0.0.1:3306/c360_test_surveys',
    CONSENT: 'postgres://postgres@127.0.0.1:5432/c360_test_consent',
    PROFILE: 'postgres://postgres@127.0.0.1:5432/c360_test_profile',
    PRIVACY: 'postgres://postgres@127.0.0.1:5432/c360_test_privacy',
  },
  redisUrl: 'redis://127.0.0.1:6379/1',
  neo4jBoltPort: '7688',
  dataDir: '.data/test',
} as const;

/** A TEST_<NAME>_DATABASE_URL as set, else its default. */
export const testDatabaseUrl = (name: keyof typeof TEST_DEFAULTS.databases, env: NodeJS.ProcessEnv = process.env) =>
  env[`TEST_${name}_DATABASE_URL`] ?? TEST_DEFAULTS.databases[name];
