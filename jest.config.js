// Two tiers: fast unit tests next to the code, and integration tests in test/ that share one
// real Postgres and one real Temporal dev server started by the global setup.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
}];

// Tests run the packages from their sources: @pactum/<name> is mapped to its src/index.ts (the
// build resolves the same names to each package's dist/ through node_modules).
const packages = {
  config: 'libs/config/src', domain: 'libs/domain/src', 'local-stack': 'libs/local-stack/src',
  notifications: 'libs/notifications/src', persistence: 'libs/persistence/src', security: 'libs/security/src',
  xml: 'libs/xml/src', workflows: 'workflows', worker: 'apps/worker/src',
};
const moduleNameMapper = Object.fromEntries(Object.entries(packages).map(([name, dir]) => [`^@pactum/${name}$`, `<rootDir>/${dir}/index.ts`]));

module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/workflows/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      // The replay fixtures' recorder writes files: only RECORD_HISTORIES=1 runs it.
      // The cluster tier has a configuration of its own (jest.cluster.config.js, npm run test:cluster).
      testPathIgnorePatterns: ['<rootDir>/test/cluster/', ...(process.env.RECORD_HISTORIES === '1' ? [] : ['<rootDir>/test/replay/record-histories'])],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
};
