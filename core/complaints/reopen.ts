import type { CustomerStore, SystemStateStore } from '../ports.ts';
import { reopenCase } from './case.ts';
import type { IntakeCustomer, IntakeDeps } from './intake.ts';

export type ReopenResult = 'reopened' | 'not-resolved' | 'not-found';

/**
 * The customer answered the follow-up check unhappily: the case opens again with its owner, a
 * fresh deadline, marketing held again, and a new round of the recovery workflow. A redelivered
 * answer finds the case reopened and repeats only the hold and the start (both idempotent).
 */
export async function reopenComplaint(
  deps: IntakeDeps,
  customer: IntakeCustomer,
  caseId: string,
  note: string,
): Promise<ReopenResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await deps.cases.get(caseId);
    if (!c || c.customerId !== customer.id) return 'not-found';
    const outcome = reopenCase(c, deps.policy, deps.clock(), note);
    if (outcome.kind === 'not-resolved' && c.status !== 'reopened') return 'not-resolved';
    const reopened = outcome.kind === 'reopened' ? outcome.case : c;
    if (outcome.kind === 'reopened' && !(await deps.cases.update(reopened, c.history.length)))
      continue;
    if (!customer.holds.openCases.includes(caseId)) {
      const openCases = [...customer.holds.openCases, caseId];
      await deps.systemState.put(customer.id, 'holds', { ...customer.holds, openCases });
    }
    await deps.startRecovery(reopened);
    return 'reopened';
  }
  throw new Error(`case ${caseId} kept changing`);
}

/** A resolved case no longer holds the customer's marketing (the detractor hold may still). */
export async function releaseHold(
  deps: {
    readonly customers: Pick<CustomerStore, 'getCustomer'>;
    readonly systemState: SystemStateStore;
  },
  customerId: string,
  caseId: string,
): Promise<void> {
  const customer = await deps.customers.getCustomer(customerId);
  if (!customer?.holds.openCases.includes(caseId)) return;
  const openCases = customer.holds.openCases.filter((id) => id !== caseId);
  await deps.systemState.put(customerId, 'holds', { ...customer.holds, openCases });
}
