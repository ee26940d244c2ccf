import type { Clock, CustomerStore, SystemStateStore, WorkflowTasks } from '../ports.ts';
import { type Resolution, resolveCase } from './case.ts';
import type { CaseStore } from './ports.ts';
import { releaseHold } from './reopen.ts';

export interface ResolveDeps {
  readonly cases: CaseStore;
  /** To release the customer's marketing hold once the case is resolved. */
  readonly customers: Pick<CustomerStore, 'getCustomer'>;
  readonly systemState: SystemStateStore;
  readonly workflows: WorkflowTasks;
  readonly clock: Clock;
}

export type ResolveResult = 'resolved' | 'already-resolved' | 'not-found';

/**
 * The owner's resolution: recorded on the case, then handed to the recovery workflow waiting on
 * the case's token (SendTaskSuccess). Sent twice, the second finds the case resolved and resumes
 * nothing. When no token is waiting (the workflow is between checkpoints), the next wait finds the
 * case resolved and continues by itself (recovery-steps.ts, await-resolution).
 */
export async function resolveComplaint(
  deps: ResolveDeps,
  caseId: string,
  resolution: Resolution,
): Promise<ResolveResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await deps.cases.get(caseId);
    if (!c) return 'not-found';
    const outcome = resolveCase(c, resolution, deps.clock());
    if (outcome.kind === 'already-resolved') return 'already-resolved';
    if (!(await deps.cases.update(outcome.case, c.history.length))) continue;
    await releaseHold(deps, c.customerId, caseId);
    await deps.workflows.resume(caseId, {
      resolvedAt: outcome.case.resolvedAt,
      firstContact: resolution.firstContact,
    });
    return 'resolved';
  }
  throw new Error(`case ${caseId} kept changing`);
}
