import type * as z from 'zod';

/**
 * Placeholder values for the variables a function's config schema requires (nothing connects at
 * import, so any well-formed value does); optional ones and those with defaults are left unset.
 */
export function placeholderEnvironment(schema: z.ZodType): Record<string, string> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const env: Record<string, string> = {};
  for (const [name, field] of Object.entries(shape)) {
    if (field.safeParse(undefined).success) continue;
    if (name.endsWith('_ARN')) env[name] = 'arn:aws:sqs:us-east-1:123456789012:rapport-bench';
    else if (name.endsWith('_URL'))
      env[name] = 'https://sqs.us-east-1.amazonaws.com/123456789012/rapport-bench';
    else if (name.endsWith('_ADDRESS')) env[name] = 'rapport@example.com';
    else env[name] = 'rapport-bench';
  }
  const checked = schema.safeParse(env);
  if (!checked.success) {
    throw new Error(`no placeholder for: ${checked.error.issues.map((i) => i.path).join(', ')}`);
  }
  return env;
}

/** A placeholder ARN for each optional `*_SECRET_ARN` variable of a config schema. */
export function secretArns(schema: z.ZodType): Record<string, string> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.fromEntries(
    Object.keys(shape)
      .filter((name) => name.endsWith('_SECRET_ARN'))
      .map((name) => [name, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rapport-bench']),
  );
}

/** What Lambda sets for every function, with dummy credentials (nothing is called at import). */
export const LAMBDA_ENVIRONMENT = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};
