import * as z from 'zod';
import { CatalogConfig, LinksConfig, SchedulingConfig, TableConfig } from '../shared/config.ts';

export const DispatcherConfig = z.object({
  ...TableConfig,
  ...CatalogConfig,
  // Deferrals (quiet hours, send windows) re-arm the action like the engine does.
  ...SchedulingConfig,
  ...LinksConfig,
  RAPPORT_SENDER_ADDRESS: z.email(),
  RAPPORT_SENDER_NAME: z.string().min(1).default('Rapport'),
  RAPPORT_SES_CONFIGURATION_SET: z.string().optional(),
  /** The phone number, sender ID or pool SMS go out from; none lets End User Messaging pick. */
  RAPPORT_SMS_ORIGINATION_IDENTITY: z.string().min(1).optional(),
  RAPPORT_SMS_CONFIGURATION_SET: z.string().min(1).optional(),
  RAPPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * Sends per second this instance may make: the SES account's rate divided by the queue's
   * maximum concurrency (the CDK computes it). 0 means unpaced.
   */
  RAPPORT_SENDS_PER_SECOND: z.coerce.number().min(0).max(1000).default(0),
});
export type DispatcherConfig = z.infer<typeof DispatcherConfig>;
