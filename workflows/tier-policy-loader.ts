import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CatalogError } from '../core/errors.ts';
import { TierPolicy } from '../core/tiers/policy.ts';
import { REPOSITORY_WORKFLOWS_DIR } from './catalog-loader.ts';

export const TIER_POLICY_FILE = join('tiers', 'policy.yaml');

/**
 * The tier policy marketing ops edit (workflows/tiers/policy.yaml), validated: a bad file stops
 * the tier run's cold start (and `npm test`) with every wrong key named, never a run half-way.
 */
export function loadTierPolicy(dir: string = REPOSITORY_WORKFLOWS_DIR): TierPolicy {
  let raw: unknown;
  try {
    raw = parse(readFileSync(join(dir, TIER_POLICY_FILE), 'utf8')) ?? {};
  } catch (error) {
    throw new CatalogError(TIER_POLICY_FILE, (error as Error).message);
  }
  const result = TierPolicy.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new CatalogError(TIER_POLICY_FILE, problems.join('; '));
}
