import { join, resolve } from 'node:path';

/**
 * Where the code the stack deploys lives. Resolved from this file rather than the working
 * directory, so `cdk synth`, vitest and an IDE all bundle the same sources.
 */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..');

export const LOCK_FILE = join(REPOSITORY_ROOT, 'package-lock.json');

/**
 * What a handler that loads the catalog reads at cold start from `$LAMBDA_TASK_ROOT/workflows`
 * (workflows/catalog-loader.ts): the automation and template folders and the attribute
 * declarations.
 */
export const WORKFLOW_ENTRIES = [
  'automations',
  'templates',
  'attributes.yaml',
  'messaging.yaml',
  'surveys.yaml',
  'tiers',
  'complaints.yaml',
] as const;

/** The Lambda entry of a function of functions/registry.ts. */
export const handlerEntry = (functionName: string): string =>
  join(REPOSITORY_ROOT, 'functions', functionName, 'handler.ts');
