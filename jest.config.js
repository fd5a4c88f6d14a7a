/** @type {import('jest').Config} */
module.exports = {
  // Tests talk to real PostgreSQL, MariaDB, Redis and Neo4j. globalSetup checks
  // them, creates the test databases and starts the bundled Neo4j once per run.
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  // Transpile only: type checking is `npm run typecheck`, once for the whole tree.
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{gateway,subgraphs,graph-schema,embedded,demo,packages,apps,tests}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/target/', '/.data/', '/dist/'],
  testTimeout: 60_000,
};
