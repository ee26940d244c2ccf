import { loadTierPolicy } from '../../workflows/tier-policy-loader.ts';
import { dynamoTierStepDeps } from '../adapters/dynamodb/tiers/step-deps.ts';
import { workflowsDir } from '../shared/config.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { createTierRunHandler } from './app.ts';
import { TierRunConfig } from './config.ts';

/** The function's timeout; a chunk's budget (RAPPORT_TIER_CHUNK_SECONDS) stays well below it. */
export const TIER_RUN_TIMEOUT_SECONDS = 300;

export const tierRun = defineFunction({
  name: 'tier-run',
  description:
    'Rapport tier recalculation steps: start, summarise and classify scan segments, plan, finish',
  config: TierRunConfig,
  // The policy file travels with the bundle like the catalog's files (infra/paths.ts).
  shipsWorkflowFiles: true,
  // Scan: the only function allowed to read the whole table (parallel-scan segments). Query and
  // GetItem: a customer re-read after a conflict, the run's items. PutItem/UpdateItem: value parts
  // (with their outbox items in transactions), the run's record and parts.
  tableActions: ['Scan', 'GetItem', 'Query', 'PutItem', 'UpdateItem'],
  create: (config: TierRunConfig, platform: Pick<Platform, 'clock' | 'dynamo'>) =>
    createTierRunHandler(
      dynamoTierStepDeps(platform.dynamo(), config.RAPPORT_TABLE_NAME, {
        clock: platform.clock,
        policy: loadTierPolicy(workflowsDir(config.RAPPORT_WORKFLOWS_DIR)),
        segments: config.RAPPORT_TIER_SEGMENTS,
        chunkMs: config.RAPPORT_TIER_CHUNK_SECONDS * 1000,
        writeConcurrency: config.RAPPORT_TIER_WRITE_CONCURRENCY,
      }),
    ),
});
