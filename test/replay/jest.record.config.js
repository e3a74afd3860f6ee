// `npm run replay:record`: runs the golden-history recorder alone, on the servers the suite's global
// setup starts. Kept out of jest.config.js so that `npm test` replays the goldens but never rewrites them.
const root = require('node:path').join(__dirname, '../..');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: root,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 300_000,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  testMatch: ['<rootDir>/test/replay/record-golden-histories.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
