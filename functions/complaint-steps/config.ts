import * as z from 'zod';
import { CatalogConfig, TableConfig } from '../shared/config.ts';

export const ComplaintStepsConfig = z.object({
  ...TableConfig,
  // The complaint policy is read from the workflow files; the zone dates the planned messages.
  ...CatalogConfig,
  /** Every recovery message is handed to the dispatcher through its queue. */
  RAPPORT_DISPATCH_QUEUE_URL: z.url(),
});
export type ComplaintStepsConfig = z.infer<typeof ComplaintStepsConfig>;
