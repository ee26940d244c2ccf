import * as z from 'zod';
import { CatalogConfig, TableConfig } from '../shared/config.ts';

export const IngestConfig = z.object({
  ...TableConfig,
  ...CatalogConfig,
  /** The tier recalculation's state machine: `POST /tier-runs` starts it, `GET` describes a run. */
  RAPPORT_TIER_WORKFLOW_ARN: z.string().startsWith('arn:'),
  /** The complaint recovery's state machine: `POST /cases` starts one execution per case. */
  RAPPORT_COMPLAINT_WORKFLOW_ARN: z.string().startsWith('arn:'),
});
export type IngestConfig = z.infer<typeof IngestConfig>;
