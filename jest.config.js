/** @type {import('jest').Config} */
module.exports = {
  // Tests talk to real PostgreSQL, MariaDB, Redis and Neo4j. globalSetup checks
  // them, creates the test databases and starts the bundled Neo4j once per run.
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{gateway,subgraphs,graph-schema,embedded,demo,tests}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/target/', '/.data/'],
  testTimeout: 60_000,
};
