import { join } from 'node:path';
import * as z from 'zod';
import { TimeZone } from '../../core/time-zone.ts';

/**
 * Environment variables, parsed once at cold start: a missing or malformed one stops the function
 * with the variable's name instead of failing later on the first request. Each function declares
 * its schema in its own `config.ts`; the CDK sets the variables (an infra test checks that every
 * required one is set) and the local runtime passes the same values through the same parse.
 */
export const TableConfig = {
  RAPPORT_TABLE_NAME: z.string().min(3),
};

export const CatalogConfig = {
  RAPPORT_DEFAULT_TIME_ZONE: TimeZone.default('UTC'),
  /** Where the automation and template files were copied into the bundle. */
  RAPPORT_WORKFLOWS_DIR: z.string().optional(),
};

/** What a function needs to arm an action: an EventBridge Scheduler group whose target is the queue. */
export const SchedulingConfig = {
  RAPPORT_SCHEDULER_GROUP: z.string().min(1),
  RAPPORT_SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  /** Schedules send their wake-up to the dispatch queue... */
  RAPPORT_DISPATCH_QUEUE_ARN: z.string().startsWith('arn:'),
  /** ...and actions due within 15 minutes go there directly. */
  RAPPORT_DISPATCH_QUEUE_URL: z.url(),
  RAPPORT_SCHEDULE_DLQ_ARN: z.string().startsWith('arn:'),
  /** 0 fires at the exact minute; N lets EventBridge Scheduler spread sends over N minutes. */
  RAPPORT_FLEXIBLE_WINDOW_MINUTES: z.coerce.number().int().min(0).max(1440).default(0),
};

/** Where customers' signed links point (the public base URL of the HTTP API). */
export const LinksConfig = {
  RAPPORT_PUBLIC_URL: z.url(),
  /** The Secrets Manager secret holding the link-signing key (AWS only; locally a key file). */
  RAPPORT_LINK_KEY_SECRET_ARN: z.string().startsWith('arn:').optional(),
};

export function readConfig<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Rapport configuration is invalid:\n  ${problems.join('\n  ')}`);
}

/**
 * Where the workflow files are: the configured folder, else the `workflows/` copied beside the
 * Lambda bundle (infra/paths.ts), else the repository's (the local runtime, the CLI).
 */
export function workflowsDir(configured: string | undefined): string {
  return configured ?? join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'workflows');
}
