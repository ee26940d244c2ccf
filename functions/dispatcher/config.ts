import { z } from 'zod';
import { CatalogConfig, TableConfig } from '../shared/config.ts';

export const DispatcherConfig = z.object({
  ...TableConfig,
  ...CatalogConfig,
  RAPPORT_DISPATCH_QUEUE_URL: z.url(),
  RAPPORT_SENDER_ADDRESS: z.email(),
  RAPPORT_SENDER_NAME: z.string().min(1).default('Rapport'),
  RAPPORT_SES_CONFIGURATION_SET: z.string().optional(),
  RAPPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * Sends per second this instance may make: the SES account's rate divided by the queue's
   * maximum concurrency (the CDK computes it). 0 means unpaced.
   */
  RAPPORT_SENDS_PER_SECOND: z.coerce.number().min(0).max(1000).default(0),
});
export type DispatcherConfig = z.infer<typeof DispatcherConfig>;
