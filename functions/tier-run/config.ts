import * as z from 'zod';
import { TableConfig } from '../shared/config.ts';

export const TierRunConfig = z.object({
  ...TableConfig,
  /** Where the policy file was copied into the bundle (workflows/tiers/policy.yaml). */
  RAPPORT_WORKFLOWS_DIR: z.string().optional(),
  /** Parallel-scan segments per run: the workflow's Map runs one branch per segment. */
  RAPPORT_TIER_SEGMENTS: z.coerce.number().int().min(1).max(40).default(8),
  /**
   * Customers of a chunk written at once. Segments x this stays under the SDK's 50 sockets when
   * one process runs every segment (locally); on Lambda each invocation has its own.
   */
  RAPPORT_TIER_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(8),
  /** Seconds one invocation works on a segment; well under the function's timeout. */
  RAPPORT_TIER_CHUNK_SECONDS: z.coerce.number().min(0).max(600).default(120),
});
export type TierRunConfig = z.infer<typeof TierRunConfig>;
