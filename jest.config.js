/** @type {import('jest').Config} */
module.exports = {
  // Tests talk to real PostgreSQL, MariaDB, Redis and Neo4j. globalSetup checks
  // them, creates the test databases and starts the bundled Neo4j once per run.
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  // Transpile only: type checking is `npm run typecheck`, once for the whole tree.
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  testEnvironment: 'node',
  // The client preset 6's plugins require auto-bind 5, which is ESM only (Node loads it, Jest's CommonJS runtime
  // cannot): the tests that run codegen use auto-bind 4, the CommonJS build of the same one function.
  moduleNameMapper: { '^auto-bind$': '<rootDir>/node_modules/auto-bind/index.js' },
  testMatch: ['<rootDir>/{gateway,subgraphs,graph-schema,embedded,demo,packages,apps,tests}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/target/', '/.data/', '/dist/'],
  testTimeout: 60_000,
};
