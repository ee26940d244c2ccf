import type { Holds, Tier } from '../customer/system-state.ts';
import type { Clock, SystemStateStore } from '../ports.ts';
import { openComplaint } from '../surveys/closed-loop.ts';
import { type ComplaintCase, isOpen, newCase, type OpenCaseInput } from './case.ts';
import type { ComplaintPolicy } from './policy.ts';
import type { CaseStore } from './ports.ts';

export interface IntakeDeps {
  readonly cases: CaseStore;
  readonly systemState: SystemStateStore;
  readonly policy: ComplaintPolicy;
  readonly clock: Clock;
  /** Starts the recovery workflow, the case id as its name (a second start is a no-op). */
  readonly startRecovery: (c: ComplaintCase) => Promise<unknown>;
}

/** The customer as intake needs them: their holds and the tier Rapport computed, if any. */
export interface IntakeCustomer {
  readonly id: string;
  readonly holds: Holds;
  readonly tier?: Tier;
}

export type IntakeResult = { readonly kind: 'opened' | 'exists'; readonly case: ComplaintCase };

/**
 * Opens the case of a complaint, once: the case id comes from the complaint's source, so a
 * redelivered interaction, a retried POST or a replayed complaint.opened finds the case it opened.
 * While open, the case id is in the customer's holds (the messaging policy then holds marketing);
 * the hold and the workflow start are repeated on a retry, since a crash may have cut them short.
 */
export async function intakeComplaint(
  deps: IntakeDeps,
  customer: IntakeCustomer,
  input: OpenCaseInput,
): Promise<IntakeResult> {
  const now = deps.clock();
  const fresh = newCase(
    { ...input, ...(customer.tier ? { tier: customer.tier } : {}) },
    deps.policy,
    now,
  );
  const created = await deps.cases.create(fresh);
  const stored = created === 'created' ? fresh : created;
  // A key reused for another customer's case must not hold this customer's marketing.
  const theirs = stored.customerId === customer.id;
  if (theirs && isOpen(stored) && !customer.holds.openCases.includes(stored.caseId)) {
    const plan = openComplaint({
      customerId: customer.id,
      caseId: stored.caseId,
      reason: `${stored.category}:${stored.severity}`,
      holds: customer.holds,
      now,
    });
    // complaint.opened already happened when the case came from it: do not announce it twice.
    const events = input.source.kind === 'opened' ? [] : [plan.event];
    await deps.systemState.put(customer.id, 'holds', plan.holds, events);
  }
  if (isOpen(stored)) await deps.startRecovery(stored);
  return { kind: created === 'created' ? 'opened' : 'exists', case: stored };
}
