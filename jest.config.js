/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/{src,scripts,console/src}/**/*.spec.{ts,tsx}', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.(ts|js)$': ['@swc/jest', swc],
    // The console's components (its journey node registry is .tsx): React's automatic JSX runtime, as vite builds it.
    '^.+\\.tsx$': ['@swc/jest', { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
  },
  // request-filtering-agent 3 is ESM-only: Node 20.19 require()s it, Jest needs it compiled. So is the
  // @ant-design/colors/es file that @ant-design/icons requires (the console's journey node specs load icons).
  transformIgnorePatterns: ['/node_modules/(?!request-filtering-agent/|@ant-design/colors/es/)'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // Each e2e file owns its database and Redis prefix; the services come from scripts/test.sh.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Every answer of a test app must be one docs/openapi.json describes.
  setupFilesAfterEnv: ['<rootDir>/test/support/contract-check.ts'],
};
