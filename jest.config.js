// The global setup runs outside Jest's module registry (no moduleNameMapper): resolve @ledger/* here.
require('./scripts/aliases');
// One Jest run, one broker: the global setup starts PostgreSQL and Kafka once for every
// integration and end-to-end test file (DESIGN.md §5), unit tests need nothing.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@ledger/(blobs|contracts|eventstore|messaging|onnx|platform|registry-knowledge|testing)$':
    '<rootDir>/libs/$1/src/index.ts',
};
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  // Shares Node's typed arrays with the test realm, so onnxruntime-node's outputs pass its own checks.
  testEnvironment: '<rootDir>/libs/onnx/jest/node-environment.js',
  roots: ['<rootDir>/apps', '<rootDir>/services', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/deploy'],
};

module.exports = {
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['**/*.int.spec.ts', '**/*.e2e.spec.ts'],
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60_000,
};
