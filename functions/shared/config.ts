import { z } from 'zod';
import { TimeZone } from '../../core/time-zone.ts';

/**
 * Environment variables, parsed once at cold start: a missing or malformed one stops the function
 * with the variable's name instead of failing later on the first request. The CDK sets them
 * (infra/constructs/*); the local runtime passes the same values directly.
 */
const shared = {
  RAPPORT_TABLE_NAME: z.string().min(3),
  RAPPORT_EVENT_BUS_NAME: z.string().min(1),
  RAPPORT_DEFAULT_TIME_ZONE: TimeZone.default('UTC'),
  /** Where the automation and template files were copied into the bundle. */
  RAPPORT_WORKFLOWS_DIR: z.string().optional(),
};

export const IngestConfig = z.object(shared);
export type IngestConfig = z.infer<typeof IngestConfig>;

export const EngineConfig = z.object({
  ...shared,
  RAPPORT_SCHEDULER_GROUP: z.string().min(1),
  RAPPORT_SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  RAPPORT_DISPATCHER_ARN: z.string().startsWith('arn:'),
  RAPPORT_SCHEDULE_DLQ_ARN: z.string().startsWith('arn:'),
  /** 0 fires at the exact minute; N lets EventBridge Scheduler spread sends over N minutes. */
  RAPPORT_FLEXIBLE_WINDOW_MINUTES: z.coerce.number().int().min(0).max(1440).default(0),
});
export type EngineConfig = z.infer<typeof EngineConfig>;

export const DispatcherConfig = z.object({
  ...shared,
  RAPPORT_SENDER_ADDRESS: z.email(),
  RAPPORT_SENDER_NAME: z.string().min(1).default('Rapport'),
  RAPPORT_SES_CONFIGURATION_SET: z.string().optional(),
  RAPPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
});
export type DispatcherConfig = z.infer<typeof DispatcherConfig>;

export function readConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Rapport configuration is invalid:\n  ${problems.join('\n  ')}`);
}
