import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', CDK_DISABLE_CLI_TELEMETRY: 'true' },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: more workers only fight over the CPU with DynamoDB Local's JVM.
    maxWorkers: 2,
    projects: [
      {
        // Pure logic: no services, seconds. `npm run test:unit`.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        test: {
          name: 'services',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          // DynamoDB Local and the local SES start once for these files (test/support/global-setup.ts).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
