import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ComplaintPolicy } from '../../core/complaints/policy.ts';
import { CatalogError } from '../../core/errors.ts';
import { REPOSITORY_WORKFLOWS_DIR } from '../catalog-loader.ts';

export const COMPLAINT_POLICY_FILE = 'complaints.yaml';

/**
 * The complaint policy marketing ops read and edit (workflows/complaints.yaml), validated: a bad
 * file stops the complaint function's cold start (and `npm test`) with every wrong key named.
 */
export function loadComplaintPolicy(dir: string = REPOSITORY_WORKFLOWS_DIR): ComplaintPolicy {
  let raw: unknown;
  try {
    raw = parse(readFileSync(join(dir, COMPLAINT_POLICY_FILE), 'utf8')) ?? {};
  } catch (error) {
    throw new CatalogError(COMPLAINT_POLICY_FILE, (error as Error).message);
  }
  return parseComplaintPolicy(raw);
}

/** The policy from parsed YAML, or a CatalogError naming each problem by its path. */
export function parseComplaintPolicy(raw: unknown): ComplaintPolicy {
  const result = ComplaintPolicy.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new CatalogError(COMPLAINT_POLICY_FILE, problems.join('; '));
}
