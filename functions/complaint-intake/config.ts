import * as z from 'zod';
import { CatalogConfig, TableConfig } from '../shared/config.ts';

export const ComplaintIntakeConfig = z.object({
  ...TableConfig,
  ...CatalogConfig,
  /** The complaint recovery's state machine: one execution per case. */
  RAPPORT_COMPLAINT_WORKFLOW_ARN: z.string().startsWith('arn:'),
});
export type ComplaintIntakeConfig = z.infer<typeof ComplaintIntakeConfig>;
