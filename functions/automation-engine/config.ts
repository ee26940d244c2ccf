import { z } from 'zod';
import { CatalogConfig, TableConfig } from '../shared/config.ts';

export const EngineConfig = z.object({
  ...TableConfig,
  ...CatalogConfig,
  RAPPORT_SCHEDULER_GROUP: z.string().min(1),
  RAPPORT_SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  /** Schedules send their wake-up to the dispatch queue... */
  RAPPORT_DISPATCH_QUEUE_ARN: z.string().startsWith('arn:'),
  /** ...and actions due within 15 minutes go there directly. */
  RAPPORT_DISPATCH_QUEUE_URL: z.url(),
  RAPPORT_SCHEDULE_DLQ_ARN: z.string().startsWith('arn:'),
  /** 0 fires at the exact minute; N lets EventBridge Scheduler spread sends over N minutes. */
  RAPPORT_FLEXIBLE_WINDOW_MINUTES: z.coerce.number().int().min(0).max(1440).default(0),
});
export type EngineConfig = z.infer<typeof EngineConfig>;
