// ESLint over src, test, bench, scripts and console/src (npm run lint: no warnings allowed). Formatting is Prettier's
// (npm run format:check), so eslint-config-prettier turns off every rule it would fight.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './scripts/eslint/module-boundaries.js';

/** Foundations: any module may import them; they import no product module. Every other folder of src/ is a product module. */
const FOUNDATIONS = ['common', 'config', 'database', 'signing', 'templates', 'secrets', 'logging', 'metrics', 'queues', 'openapi'];

/**
 * What a product module offers the others besides its *.module.ts, *.service.ts, *.types.ts and dto/ (file names without
 * .ts, relative to the module's folder): pure types and functions, and injectables not named *.service.ts. A new shared
 * type file is best named *.types.ts; list a file here only when it is part of the module's public face.
 */
const PUBLIC = {
  customers: ['customer-shape', 'customer-template-view', 'customer-change', 'customer-contact', 'customer-view'],
  groups: ['segment-rule', 'rule-eval'],
  // The event vocabulary, the writer other modules call inside their own transactions, and the sample context a
  // template is tried on when it is saved (webhooks, inbound triggers).
  outbox: ['event-catalog', 'event-payloads', 'event-bus', 'outbox', 'template-sample'],
  // Injectables other modules are handed, though not named *.service.ts: the engine's hooks and its store's API.
  deliveries: ['delivery-events', 'delivery-store', 'webhook-disabled', 'marketing-message'],
  webhooks: ['webhook-activity', 'webhook-rules', 'webhook-view', 'circuit-breaker', 'success-rule'],
};

export default defineConfig(
  {
    // Built, generated and documentation files (docs/verify holds snippets for readers, checked by their own test).
    ignores: ['dist/', 'console/dist/', 'node_modules/', '.data*/', 'coverage/', 'test/artifacts/', 'docs/', 'src/metadata.ts', 'console/src/api/schema.ts'],
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks what a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,js,mjs}', '*.{ts,mjs,js}', 'console/*.mts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The server's code, tests, benches and scripts are type-checked by tsconfig.json: the promise rules need those types
    // (a promise nobody awaits loses its error). The console is left to its own tsc: these rules would double the time.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'ormconfig.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Tests and benches read answers parsed from JSON, as supertest's `body` is: `any` there is the honest type.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { herald: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'herald/module-boundaries': ['error', { src: 'src', foundations: FOUNDATIONS, public: PUBLIC }] },
  },
  {
    files: ['console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  prettier,
);
