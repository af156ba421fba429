// Shared jest settings: ESM specs transformed by swc, with the decorator metadata that
// Nest's dependency injection reads at run time (see ENVIRONMENT.md).
import { fileURLToPath } from 'node:url';

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The default output, plus each workspace's totals for the summary line `npm test` ends with.
  reporters: ['default', fileURLToPath(new URL('scripts/test-summary-reporter.js', import.meta.url))],
  // Specs that start a real PostgreSQL need more than jest's 5 s on a cold machine (first initdb).
  testTimeout: 30_000,
};
