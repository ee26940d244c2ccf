import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that load DynamoDB Local hard for minutes: they run after the rest, one at a time, so
 * they measure their own behaviour, not the contention with every other file. The SES burst gets
 * a DynamoDB Local of its own (one per project): after its 500 sends, the same JVM ran the tier
 * workflow about five times slower.
 */
const TIERS = ['test/integration/tiers/**/*.test.ts'];
const BURST = ['test/faults/ses-throttling.test.ts'];
const HEAVY = [...TIERS, ...BURST];

/** The real services (DynamoDB Local, local SES) start once per project that needs them. */
const services = {
  testTimeout: 120_000,
  hookTimeout: 300_000,
  globalSetup: ['test/support/global-setup.ts'],
};

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
          exclude: [...configDefaults.exclude, 'test/unit/**', ...HEAVY],
          ...services,
        },
      },
      {
        test: {
          name: 'heavy',
          include: TIERS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          ...services,
        },
      },
      {
        test: {
          name: 'burst',
          include: BURST,
          sequence: { groupOrder: 2 },
          ...services,
        },
      },
    ],
  },
});
