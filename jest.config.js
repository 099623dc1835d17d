// Two projects: `unit` (pure logic beside the code, no I/O) and `integration`
// (boots the real stack once on real PostgreSQL and a real Kafka broker).
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
};
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // Integration files share one stack, and test/kafka-outage stops the broker for a while: one file at a time.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{services,gateway,rest-edge,infra,cli}/**/src/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{services,gateway,rest-edge,infra}/**/test/**/*.int.test.ts', '<rootDir>/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
