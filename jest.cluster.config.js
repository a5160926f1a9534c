// The cluster tier (`npm run test:cluster`): Pactum against Temporal's own server (frontend,
// history, matching and worker as separate processes, built from its Go module) with two workers
// and two API processes. Its files run one at a time: each starts a whole cluster.
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  testTimeout: 180_000,
  maxWorkers: 1,
  projects: [{
    ...integration,
    displayName: 'cluster',
    testMatch: ['<rootDir>/test/cluster/**/*.cluster.spec.ts'],
    testPathIgnorePatterns: [],
    globalSetup: '<rootDir>/test/cluster/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/cluster/support/global-teardown.ts',
  }],
};
