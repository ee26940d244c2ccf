import { join, resolve } from 'node:path';

/**
 * Where the code the stack deploys lives. Resolved from this file rather than the working
 * directory, so `cdk synth`, vitest and an IDE all bundle the same sources.
 */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..');

export const LOCK_FILE = join(REPOSITORY_ROOT, 'package-lock.json');

/** The folders a handler reads at cold start from `$LAMBDA_TASK_ROOT/workflows`. */
export const WORKFLOW_FOLDERS = ['automations', 'templates'] as const;

export const handlerEntry = (functionFolder: string): string =>
  join(REPOSITORY_ROOT, 'functions', functionFolder, 'handler.ts');
