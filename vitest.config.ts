import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DynamoDB Local and the local SES start once for the whole run (test/support/global-setup.ts).
    globalSetup: ['test/support/global-setup.ts'],
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', CDK_DISABLE_CLI_TELEMETRY: 'true' },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: more workers only fight over the CPU with DynamoDB Local's JVM.
    maxWorkers: 2,
  },
});
