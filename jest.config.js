// One jest run, three tiers: unit specs beside the code; integration and end-to-end suites under
// test/ that share one real PostgreSQL and one real Temporal server started by the global setup.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] };
const ignored = ['/node_modules/', '/dist/'];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  // Generous for the suites on real servers; unit tests finish in milliseconds either way.
  testTimeout: 120_000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/{libs,workflows,activities,apps}/**/src/**/*.spec.ts'],
      testPathIgnorePatterns: ignored,
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
      testPathIgnorePatterns: ignored,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ignored,
    },
    {
      // The committed golden histories, replayed against the current workflow code on every run.
      displayName: 'replay',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/replay/**/*.replay-spec.ts'],
      testPathIgnorePatterns: ignored,
    },
    {
      // The web console in headless Chromium (playwright-core) against the built API and worker.
      displayName: 'browser',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      testPathIgnorePatterns: ignored,
    },
    {
      // Crashes and outages on the real stack with cases in flight (issue 7); drives the built processes.
      displayName: 'faults',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      testPathIgnorePatterns: ignored,
    },
  ],
};
