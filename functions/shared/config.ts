import { z } from 'zod';
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

export function readConfig<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Rapport configuration is invalid:\n  ${problems.join('\n  ')}`);
}
